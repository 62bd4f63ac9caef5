// ENR-5: a new verification link when the first expired or got lost; the earlier ones stop working.
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { legalProfileOf, loadOwnEnrollment } from '../reads.js';
import { emailVerifications } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';
import { sendVerificationEmail } from './send-verification-email.js';

export async function resendVerification(deps: EnrollmentDeps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const row = await loadOwnEnrollment(tx, actor, id, true);
    if (row.status !== 'emailVerificationPending') throw new AppError('invalid_transition', { from: row.status, to: 'emailVerificationPending' });
    const legal = await legalProfileOf(tx, row.tenantId);
    await tx.update(emailVerifications).set({ usedAt: new Date() }).where(and(eq(emailVerifications.enrollmentId, id), sql`${emailVerifications.usedAt} is null`));
    await sendVerificationEmail(deps, tx, row, legal!);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'enrollment.verificationResent', resourceType: 'enrollment', resourceId: id });
    return row;
  });
}
