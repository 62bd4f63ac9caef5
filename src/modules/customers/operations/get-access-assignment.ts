// ACC-3: one access assignment on one of the partner's delegated-admin relationships.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { Queryable } from '../../../db/index.js';
import { notFound } from '../../../platform/errors.js';
import type { AccessAssignment } from '../contract.js';
import { partnersRelationship } from '../reads.js';
import { delegatedAdminAccessAssignments } from '../schema.js';
import { assignmentView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function getAccessAssignment(deps: CustomersDeps, actor: Actor, relationshipId: string, assignmentId: string, q: Queryable = deps.db): Promise<AccessAssignment> {
  const dar = await partnersRelationship(q, actor, relationshipId);
  const [row] = await q
    .select()
    .from(delegatedAdminAccessAssignments)
    .where(and(eq(delegatedAdminAccessAssignments.id, assignmentId), eq(delegatedAdminAccessAssignments.relationshipId, dar.id)));
  if (!row) throw notFound('accessAssignment');
  const names = await deps.groups.groupNames(q, actor.tenantId, [row.securityGroupId]);
  return assignmentView(row, { id: row.securityGroupId, name: names.get(row.securityGroupId) ?? '' }, dar, new Date());
}
