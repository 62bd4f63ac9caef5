// The signed-in user changes its password, proving the current one: every other session and every
// personal access token of the user ends; the session that changed it stays.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashPassword, passwordProblems, verifyPassword } from '../../../platform/auth/passwords.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import type { PasswordChangeBody } from '../contract.js';
import { loadUser } from '../reads.js';
import { accessTokens, sessions, users } from '../schema.js';
import type { IdentityDeps } from './deps.js';

export async function changePassword(deps: IdentityDeps, ctx: RequestContext, input: PasswordChangeBody) {
  const actor = ctx.actor!;
  const user = await loadUser(deps.db, actor.userId);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('current_password_invalid', {}, [{ path: '/currentPassword', code: 'invalid' }]);
  }
  const problems = passwordProblems(input.newPassword, user.email, '/newPassword');
  if (problems.length) throw invalidFields(...problems);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.platform.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
    const now = new Date();
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), actor.sessionId ? sql`${sessions.id} <> ${actor.sessionId}` : undefined));
    await tx.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.userId, user.id), isNull(accessTokens.revokedAt)));
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'user.passwordChanged', resourceType: 'user', resourceId: user.id });
  });
}
