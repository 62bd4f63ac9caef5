// ACC-3: the access assignments on one of the partner's delegated-admin relationships (Graph's
// GET delegatedAdminRelationships/{id}/accessAssignments), each with its group's name. Only the
// relationship's partner sees them; the customer sees the roles in use (assignedRoles), not the groups.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { AccessAssignments } from '../contract.js';
import { partnersRelationship } from '../reads.js';
import { delegatedAdminAccessAssignments } from '../schema.js';
import { assignmentView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function listAccessAssignments(deps: CustomersDeps, actor: Actor, relationshipId: string): Promise<AccessAssignments> {
  const dar = await partnersRelationship(deps.db, actor, relationshipId);
  const rows = await deps.db
    .select()
    .from(delegatedAdminAccessAssignments)
    .where(eq(delegatedAdminAccessAssignments.relationshipId, dar.id))
    .orderBy(asc(delegatedAdminAccessAssignments.createdAt), asc(delegatedAdminAccessAssignments.id));
  const names = await deps.groups.groupNames(deps.db, actor.tenantId, rows.map((r) => r.securityGroupId));
  const now = new Date();
  const items = rows.map((r) => assignmentView(r, { id: r.securityGroupId, name: names.get(r.securityGroupId) ?? '' }, dar, now));
  return { totalCount: items.length, items, links: {} };
}
