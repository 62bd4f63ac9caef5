// ACC-2: an admin gives a user of `tenantId` a temporary password, shown once; the user must replace it
// at its next sign-in, and its sessions and tokens end. The same grant check as a role change
// (grantProblem), so a helpdesk or user administrator resets non-admin users only and nobody resets a
// global admin but a global admin of that tenant. The caller has checked access to the tenant (REL-4).
import { and, eq } from 'drizzle-orm';
import { grantProblem, type TenantRelation } from '../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashPassword, temporaryPassword } from '../../../platform/auth/passwords.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { UserPasswordReset } from '../contract.js';
import { tenantKind } from '../reads.js';
import { users } from '../schema.js';
import { userView } from '../views.js';
import type { IdentityDeps } from './deps.js';
import { endSignIns } from './end-sign-ins.js';

export async function resetUserPassword(deps: IdentityDeps, ctx: RequestContext, tenantId: string, id: string, relation?: TenantRelation): Promise<UserPasswordReset> {
  const actor = ctx.actor!;
  const kind = await tenantKind(deps.db, tenantId);
  const temporary = temporaryPassword();
  const passwordHash = await hashPassword(temporary);
  return deps.platform.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, tenantId))).for('update');
    if (!before) throw notFound('user');
    const refused = grantProblem(actor, { id: tenantId, kind }, relation, { before, after: before.roles }, 'users.resetPassword');
    if (refused) throw new AppError(refused);
    if (before.id === actor.userId) throw new AppError('cannot_change_own_state');
    const [after] = await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    await endSignIns(tx, id);
    await writeAudit(tx, ctx, { tenantId, action: 'user.passwordResetByAdmin', resourceType: 'user', resourceId: id, before: userView(before), after: userView(after!) });
    return { user: userView(after!), temporaryPassword: temporary };
  });
}
