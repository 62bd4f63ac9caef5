// The signed-in user changes its password, proving the current one: every other session and every
// personal access token of the user ends; the session that changed it stays.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashPassword, passwordProblems, verifyPassword } from '../../../platform/auth/passwords.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import type { PasswordChangeBody } from '../contract.js';
import { loadUser } from '../reads.js';
import { users } from '../schema.js';
import type { IdentityDeps } from './deps.js';
import { endSignIns } from './end-sign-ins.js';

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
    await endSignIns(tx, user.id, { keepSessionId: actor.sessionId });
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'user.passwordChanged', resourceType: 'user', resourceId: user.id });
  });
}
