// The operator suspends a vetted partner with a reason: every verified or active enrollment becomes
// suspended (audited per enrollment, one mail). A suspended enrollment is neither active nor
// verified, so every check that asks for those refuses it: signing relationships (REL-3, CUS-1),
// checkout (ORD-3), the directory (REL-1), search (MKP-3).
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { ReasonBody } from '../contract.js';
import { lockedEnrollments } from '../reads.js';
import { suspendableStatuses, type EnrollmentStatus } from '../rules.js';
import type { EnrollmentRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';
import { mailSuspension } from './mail-suspension.js';
import { transitionEnrollment } from './transition-enrollment.js';

export async function suspendPartner(deps: EnrollmentDeps, ctx: RequestContext, tenantId: string, input: ReasonBody) {
  const reason = input.reason.trim();
  return deps.platform.transaction(async (tx) => {
    const rows = await lockedEnrollments(tx, tenantId);
    const vetted = rows.filter((row) => suspendableStatuses.includes(row.status as EnrollmentStatus));
    if (vetted.length === 0) throw new AppError('invalid_transition', { from: rows.at(-1)!.status, to: 'suspended' });
    const now = new Date();
    const suspended: EnrollmentRow[] = [];
    for (const row of vetted) suspended.push(await transitionEnrollment(deps, tx, ctx, row, 'suspended', { decidedAt: now, decisionReason: reason }, { mail: false }));
    await mailSuspension(deps, tx, suspended, 'partnerSuspended', reason);
    return rows.map((row) => suspended.find((s) => s.id === row.id) ?? row);
  });
}
