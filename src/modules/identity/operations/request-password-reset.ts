// Password reset, step 1: an emailed single-use link valid one hour. Always answers the same, whether
// or not the email belongs to a user; limited per email and per address, each request reserved before
// any mail is made, so parallel requests send no more than the limit.
import { and, eq, isNull } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashSecret, newSecret } from '../../../platform/auth/tokens.js';
import { AppError } from '../../../platform/errors.js';
import { isLocale } from '../../../platform/i18n/index.js';
import { releaseAttempt, reserveAttempt } from '../../../platform/rate-limit.js';
import { findUserByEmail } from '../reads.js';
import { signInWindowSeconds } from '../rules.js';
import { passwordResets } from '../schema.js';
import type { IdentityDeps } from './deps.js';

export async function requestPasswordReset(deps: IdentityDeps, ctx: RequestContext, email: string) {
  const { db } = deps;
  const emailKey = `reset:email:${email.trim().toLowerCase()}`;
  const ipKey = `reset:ip:${ctx.ip ?? 'unknown'}`;
  let wait = await reserveAttempt(db, emailKey, 3, signInWindowSeconds);
  if (wait === 0) {
    wait = await reserveAttempt(db, ipKey, 30, signInWindowSeconds);
    if (wait > 0) await releaseAttempt(db, emailKey);
  }
  if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
  const user = await findUserByEmail(db, email);
  if (!user || user.state !== 'active') return;
  const token = newSecret('ccr');
  await deps.platform.transaction(async (tx) => {
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const [row] = await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashSecret(token), expiresAt: new Date(Date.now() + 3_600_000) }).returning();
    await writeAudit(tx, ctx, { actorUserId: null, actorTenantId: null, tenantId: user.tenantId, action: 'user.passwordResetRequested', resourceType: 'user', resourceId: user.id, after: { resetId: row!.id } });
    await deps.platform.mailer.enqueue(tx, {
      template: 'passwordReset',
      locale: isLocale(user.language) ? user.language : 'en',
      to: user.email,
      recipientUserId: user.id,
      tenantId: user.tenantId,
      params: { name: user.displayName, email: user.email, url: `${deps.config.publicUrl}/reset-password?token=${token}` },
    });
  });
}
