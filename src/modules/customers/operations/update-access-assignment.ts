// ACC-3: the partner changes the roles an access assignment gives its group (still a non-empty subset
// of the approved roles, on a relationship that has not ended); they apply from the next request.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields, notFound } from '../../../platform/errors.js';
import type { AccessAssignment, AccessAssignmentPatch } from '../contract.js';
import { partnersRelationship } from '../reads.js';
import { assignmentRoleProblems, isUsableAt } from '../rules.js';
import { delegatedAdminAccessAssignments } from '../schema.js';
import { assignmentAudit, assignmentView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function updateAccessAssignment(deps: CustomersDeps, ctx: RequestContext, relationshipId: string, assignmentId: string, input: AccessAssignmentPatch): Promise<AccessAssignment> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const dar = await partnersRelationship(tx, actor, relationshipId, true);
    const which = and(eq(delegatedAdminAccessAssignments.id, assignmentId), eq(delegatedAdminAccessAssignments.relationshipId, dar.id));
    const [before] = await tx.select().from(delegatedAdminAccessAssignments).where(which).for('update');
    if (!before) throw notFound('accessAssignment');
    const now = new Date();
    if (!isUsableAt(dar, now)) throw new AppError('delegated_admin_not_active');
    const problems = assignmentRoleProblems(input.roles, dar.roles);
    if (problems.length) throw invalidFields(...problems);
    const [after] = await tx.update(delegatedAdminAccessAssignments).set({ roles: input.roles, updatedAt: now }).where(which).returning();
    const name = (await deps.groups.groupNames(tx, actor.tenantId, [before.securityGroupId])).get(before.securityGroupId) ?? '';
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessAssignment.updated', resourceType: 'delegatedAdminAccessAssignment', resourceId: assignmentId, before: assignmentAudit(before, name), after: assignmentAudit(after!, name) });
    return assignmentView(after!, { id: before.securityGroupId, name }, dar, now);
  });
}
