// ACC-3: the partner removes an access assignment (on any relationship, ended or not); the group's
// members lose its roles in the customer's tenant with their next request.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { partnersRelationship } from '../reads.js';
import { delegatedAdminAccessAssignments } from '../schema.js';
import { assignmentAudit } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function deleteAccessAssignment(deps: CustomersDeps, ctx: RequestContext, relationshipId: string, assignmentId: string): Promise<void> {
  const actor = ctx.actor!;
  await deps.platform.transaction(async (tx) => {
    const dar = await partnersRelationship(tx, actor, relationshipId, true);
    const [removed] = await tx
      .delete(delegatedAdminAccessAssignments)
      .where(and(eq(delegatedAdminAccessAssignments.id, assignmentId), eq(delegatedAdminAccessAssignments.relationshipId, dar.id)))
      .returning();
    if (!removed) throw notFound('accessAssignment');
    const name = (await deps.groups.groupNames(tx, actor.tenantId, [removed.securityGroupId])).get(removed.securityGroupId) ?? '';
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessAssignment.deleted', resourceType: 'delegatedAdminAccessAssignment', resourceId: assignmentId, before: assignmentAudit(removed, name) });
  });
}
