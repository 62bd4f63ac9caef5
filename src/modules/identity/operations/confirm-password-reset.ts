// Password reset, step 2: the emailed link (once, within its hour) sets a new password; every session
// and personal access token of the user ends, and the account's sign-in failures are forgotten. The
// link opens through the one single-use-link look-up (platform/single-use-links.ts).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashPassword, passwordProblems } from '../../../platform/auth/passwords.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import { clearAttempts } from '../../../platform/rate-limit.js';
import { byTokenHash, openSingleUseLink, usedOrExpired, type SingleUseLink } from '../../../platform/single-use-links.js';
import type { PasswordResetConfirmBody } from '../contract.js';
import { loadUser } from '../reads.js';
import { signInKeys } from '../rules.js';
import { passwordResets, users } from '../schema.js';
import type { IdentityDeps } from './deps.js';
import { endSignIns } from './end-sign-ins.js';

const resetLink: SingleUseLink<typeof passwordResets.$inferSelect> = {
  resource: 'passwordReset',
  find: byTokenHash(passwordResets, passwordResets.tokenHash),
  refusal: usedOrExpired('reset_link_used', 'reset_link_expired'),
};

export async function confirmPasswordReset(deps: IdentityDeps, ctx: RequestContext, input: PasswordResetConfirmBody) {
  const { db } = deps;
  const found = await openSingleUseLink(db, resetLink, input.token);
  const user = await loadUser(db, found.userId);
  const problems = passwordProblems(input.newPassword, user.email, '/newPassword');
  if (problems.length) throw invalidFields(...problems);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.platform.transaction(async (tx) => {
    const [reset] = await tx.select().from(passwordResets).where(eq(passwordResets.id, found.id)).for('update');
    if (reset!.usedAt) throw new AppError('reset_link_used');
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.id, found.id));
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
    await endSignIns(tx, user.id);
    await writeAudit(tx, ctx, { actorUserId: user.id, actorTenantId: user.tenantId, tenantId: user.tenantId, action: 'user.passwordReset', resourceType: 'user', resourceId: user.id });
  });
  // The link proved the account's owner: its failures, and those of the address it came from, are
  // forgotten (pairs of other addresses stay, so a guesser's address remains refused).
  const keys = signInKeys(user.email, ctx.ip);
  await clearAttempts(db, keys.account);
  await clearAttempts(db, keys.pair);
}
