// ENR-12, ACC-1: an admin changes a user of `tenantId`: name, roles, active or inactive. The same grant
// check as for a new user, over the user's roles before and after (grantProblem); nobody deactivates
// itself; the tenant keeps an active global admin; a deactivated user's sessions and tokens end.
// `checkVersion` honours If-Match. The caller has checked access to the tenant (REL-4).
import { asc, eq } from 'drizzle-orm';
import { grantProblem, type TenantRelation } from '../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields, notFound } from '../../../platform/errors.js';
import type { UserPatch } from '../contract.js';
import { tenantKind } from '../reads.js';
import { keepsAGlobalAdmin, roleProblems, sortRoles } from '../rules.js';
import { users } from '../schema.js';
import { userView, type UserRow } from '../views.js';
import type { IdentityDeps } from './deps.js';
import { endSignIns } from './end-sign-ins.js';

export async function updateUser(
  deps: IdentityDeps,
  ctx: RequestContext,
  tenantId: string,
  id: string,
  input: UserPatch,
  checkVersion: (current: UserRow) => void = () => {},
  relation?: TenantRelation,
): Promise<UserRow> {
  const actor = ctx.actor!;
  const kind = await tenantKind(deps.db, tenantId);
  if (input.roles) {
    const problems = roleProblems(input.roles, kind);
    if (problems.length) throw invalidFields(...problems);
  }
  return deps.platform.transaction(async (tx) => {
    // Lock the tenant's users so two admins cannot each remove "the other" last global admin.
    const tenantUsers = await tx.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.id)).for('update');
    const before = tenantUsers.find((u) => u.id === id);
    if (!before) throw notFound('user');
    checkVersion(before);
    const roles = input.roles ? sortRoles(input.roles) : before.roles;
    const state = input.state ?? before.state;
    // ACC-1: the same grant check as for a new user, over the user's roles before and after.
    const refused = grantProblem(actor, { id: tenantId, kind }, relation, { before, after: roles });
    if (refused) throw new AppError(refused);
    if (before.state === 'active' && state === 'inactive' && before.id === actor.userId) throw new AppError('cannot_change_own_state');
    if (!keepsAGlobalAdmin(tenantUsers, { id, roles, state })) throw new AppError('last_global_admin');
    const [after] = await tx
      .update(users)
      .set({ ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}), roles, state, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (state === 'inactive') await endSignIns(tx, id);
    await writeAudit(tx, ctx, {
      tenantId,
      action: before.state !== state ? (state === 'inactive' ? 'user.deactivated' : 'user.activated') : 'user.updated',
      resourceType: 'user',
      resourceId: id,
      before: userView(before),
      after: userView(after!),
    });
    return after!;
  });
}
