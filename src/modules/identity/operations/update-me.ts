// The signed-in user changes its display name or language, audited.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { MePatch, User } from '../contract.js';
import { loadUser } from '../reads.js';
import { users } from '../schema.js';
import { userView } from '../views.js';
import type { IdentityDeps } from './deps.js';

export async function updateMe(deps: IdentityDeps, ctx: RequestContext, input: MePatch): Promise<User> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const before = await loadUser(tx, actor.userId);
    const [after] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, actor.userId))
      .returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'user.updated', resourceType: 'user', resourceId: actor.userId, before: userView(before), after: userView(after!) });
    return userView(after!);
  });
}
