// REL-4: the reseller takes back the provider's admin access to its tenant; the relationship stays.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { relationshipOfSide } from '../reads.js';
import { partnerRelationships } from '../schema.js';
import { relationshipView } from '../views.js';
import type { RelationshipsDeps } from './deps.js';

export async function removeAdminAccess(deps: RelationshipsDeps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const row = await relationshipOfSide(tx, actor, id, true);
    if (row.resellerTenantId !== actor.tenantId) throw new AppError('forbidden');
    if (row.state !== 'active') throw new AppError('relationship_ended');
    const [after] = await tx.update(partnerRelationships).set({ adminAccess: 'removed', adminAccessRemovedAt: new Date() }).where(eq(partnerRelationships.id, id)).returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'relationship.adminAccessRemoved', resourceType: 'relationship', resourceId: id, before: relationshipView(row), after: relationshipView(after!) });
    return after!;
  });
}
