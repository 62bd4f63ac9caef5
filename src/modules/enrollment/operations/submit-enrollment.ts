// Submits (or resubmits after action required) an enrollment. Keeps ENR-1 and ENR-13 (nothing
// missing; a partner vetted in another program only adds its support details and is verified at
// once), ENR-4 (no web-mail primary contact), ENR-5 (the verification link goes out) and ENR-6 (a
// resubmission goes straight back to review with a new expected date).
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { factsFor, holidaysNow, legalProfileOf, loadOwnEnrollment } from '../reads.js';
import { addBusinessDays, editableStatuses, isWebmail, missingItems, reviewDays, type EnrollmentStatus } from '../rules.js';
import { activateWhenReady } from './activate-when-ready.js';
import type { EnrollmentDeps } from './deps.js';
import { sendVerificationEmail } from './send-verification-email.js';
import { transitionEnrollment } from './transition-enrollment.js';

export async function submitEnrollment(deps: EnrollmentDeps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const row = await loadOwnEnrollment(tx, actor, id, true);
    const from = row.status as EnrollmentStatus;
    if (!editableStatuses.includes(from)) throw new AppError('invalid_transition', { from, to: 'emailVerificationPending' });
    const facts = await factsFor(tx, row);
    const missing = missingItems(facts);
    if (missing.length) throw new AppError('enrollment_incomplete', {}, missing);
    const legal = await legalProfileOf(tx, row.tenantId);
    if (legal && isWebmail(legal.primaryContact.email)) {
      throw new AppError('webmail_not_allowed', {}, [{ path: '/legalBusinessProfile/primaryContact/email', code: 'webmail_not_allowed' }]);
    }
    const now = new Date();
    if (from === 'actionRequired') {
      const holidays = await holidaysNow(deps, tx);
      return transitionEnrollment(deps, tx, ctx, row, 'inReview', { submittedAt: now, reviewStartedAt: now, expectedDecisionBy: addBusinessDays(now, reviewDays.latest, holidays), decisionReason: null });
    }
    if (facts.alreadyVetted) {
      // ENR-13: a partner vetted in another program only adds its support details.
      const after = await transitionEnrollment(deps, tx, ctx, row, 'verified', { submittedAt: now, decidedAt: now });
      return (await activateWhenReady(deps, tx, ctx, row.tenantId)) ?? after;
    }
    const after = await transitionEnrollment(deps, tx, ctx, row, 'emailVerificationPending', { submittedAt: now });
    await sendVerificationEmail(deps, tx, after, legal!);
    return after;
  });
}
