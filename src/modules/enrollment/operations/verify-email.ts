// ENR-5: the primary contact confirms with the single-use, expiring link; review starts with its
// expected date in business days (ENR-6), and the status change is mailed (ENR-7). The link opens
// through the one single-use-link look-up (platform/single-use-links.ts).
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/audit.js';
import { byTokenHash, openSingleUseLink, usedOrExpired, type SingleUseLink } from '../../../platform/single-use-links.js';
import { holidaysNow } from '../reads.js';
import { addBusinessDays, reviewDays } from '../rules.js';
import { emailVerifications, enrollments } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';
import { transitionEnrollment } from './transition-enrollment.js';

const verificationLink: SingleUseLink<typeof emailVerifications.$inferSelect> = {
  resource: 'emailVerification',
  find: byTokenHash(emailVerifications, emailVerifications.tokenHash),
  refusal: usedOrExpired('verification_link_used', 'verification_link_expired'),
};

export async function verifyEmail(deps: EnrollmentDeps, ctx: RequestContext, token: string) {
  return deps.platform.transaction(async (tx) => {
    const verification = await openSingleUseLink(tx, verificationLink, token, { lock: true });
    await tx.update(emailVerifications).set({ usedAt: new Date() }).where(eq(emailVerifications.id, verification.id));
    const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, verification.enrollmentId)).for('update');
    const now = new Date();
    const holidays = await holidaysNow(deps, tx);
    const after = await transitionEnrollment(deps, tx, ctx, row!, 'inReview', { emailVerifiedAt: now, reviewStartedAt: now, expectedDecisionBy: addBusinessDays(now, reviewDays.latest, holidays) });
    return after;
  });
}
