// ENR-6: the operator approves, rejects or requests information (a reason is required for the last
// two); the status change is mailed (ENR-7) and an approval activates the partner when ready
// (ENR-10). Two reviewers at once: the row lock makes one win, the other gets 409.
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields, notFound } from '../../../platform/errors.js';
import type { DecisionBody } from '../contract.js';
import { reviewStatuses, type EnrollmentStatus } from '../rules.js';
import { enrollments } from '../schema.js';
import { activateWhenReady } from './activate-when-ready.js';
import type { EnrollmentDeps } from './deps.js';
import { transitionEnrollment } from './transition-enrollment.js';

const decisionTarget = { approve: 'verified', reject: 'rejected', requestInfo: 'actionRequired' } as const satisfies Record<DecisionBody['decision'], EnrollmentStatus>;

export async function decideEnrollment(deps: EnrollmentDeps, ctx: RequestContext, id: string, input: DecisionBody) {
  if (input.decision !== 'approve' && !input.reason?.trim()) throw invalidFields({ path: '/reason', code: 'required' });
  return deps.platform.transaction(async (tx) => {
    const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id)).for('update');
    if (!row) throw notFound('enrollment');
    // Only a review is decided here: a draft is not approved unseen, a suspension is lifted by reinstatement.
    if (!reviewStatuses.includes(row.status as EnrollmentStatus)) throw new AppError('invalid_transition', { from: row.status, to: decisionTarget[input.decision] });
    const after = await transitionEnrollment(deps, tx, ctx, row, decisionTarget[input.decision], { decidedAt: new Date(), decisionReason: input.reason?.trim() ?? null });
    if (input.decision === 'approve') return (await activateWhenReady(deps, tx, ctx, row.tenantId)) ?? after;
    return after;
  });
}
