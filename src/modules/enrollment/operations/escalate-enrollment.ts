// ENR-6: after 5 business days in review, the applicant may escalate with a support request; while
// one is open, escalating again returns it (`created: false`). The enrollment's row lock orders
// simultaneous escalations, so only one request is opened.
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { EscalationBody } from '../contract.js';
import { holidaysNow, loadOwnEnrollment } from '../reads.js';
import { isOverdue } from '../rules.js';
import type { EnrollmentDeps } from './deps.js';

export async function escalateEnrollment(deps: EnrollmentDeps, ctx: RequestContext, id: string, input: EscalationBody) {
  const actor = ctx.actor!;
  const { operator } = deps;
  return deps.platform.transaction(async (tx) => {
    const row = await loadOwnEnrollment(tx, actor, id, true);
    if (!isOverdue(row.status, row.reviewStartedAt, new Date(), await holidaysNow(deps, tx))) throw new AppError('enrollment_not_overdue');
    const open = await operator.openSupportRequestAbout(tx, { tenantId: actor.tenantId, kind: 'accountVerification', subject: { enrollmentId: row.id } });
    if (open) return { request: open, created: false };
    const request = await operator.openSupportRequest(tx, ctx, {
      tenantId: actor.tenantId,
      kind: 'accountVerification',
      title: 'Account verification overdue',
      details: input.details ?? `Enrollment ${row.id} has been in review since ${row.reviewStartedAt!.toISOString()}.`,
      subject: { enrollmentId: row.id },
    });
    return { request, created: true };
  });
}
