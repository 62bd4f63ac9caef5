// The operator lifts a partner's suspension with a reason: each suspended enrollment returns to
// where it was (reinstatedStatus: active when the agreement is accepted and a PartnerID associated,
// ENR-10, else verified), audited per enrollment, one mail.
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { ReasonBody } from '../contract.js';
import { agreementAccepted, associationOf, lockedEnrollments } from '../reads.js';
import { reinstatedStatus } from '../rules.js';
import type { EnrollmentRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';
import { mailSuspension } from './mail-suspension.js';
import { transitionEnrollment } from './transition-enrollment.js';

export async function reinstatePartner(deps: EnrollmentDeps, ctx: RequestContext, tenantId: string, input: ReasonBody) {
  const reason = input.reason.trim();
  return deps.platform.transaction(async (tx) => {
    const rows = await lockedEnrollments(tx, tenantId);
    const suspended = rows.filter((row) => row.status === 'suspended');
    const to = reinstatedStatus({ agreementAccepted: (await agreementAccepted(tx, tenantId)) !== undefined, partnerIdAssociated: (await associationOf(tx, tenantId)) !== undefined });
    if (suspended.length === 0) throw new AppError('invalid_transition', { from: rows.at(-1)!.status, to });
    const now = new Date();
    const reinstated: EnrollmentRow[] = [];
    for (const row of suspended) reinstated.push(await transitionEnrollment(deps, tx, ctx, row, to, { decidedAt: now, decisionReason: reason }, { mail: false }));
    await mailSuspension(deps, tx, reinstated, 'partnerReinstated', reason, to);
    return rows.map((row) => reinstated.find((r) => r.id === row.id) ?? row);
  });
}
