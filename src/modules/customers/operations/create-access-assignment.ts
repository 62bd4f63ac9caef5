// ACC-3: the partner assigns one of its security groups to one of its delegated-admin relationships
// with a non-empty subset of the roles the customer approved (Graph's POST …/accessAssignments).
// Only on an approved relationship that has not ended; one assignment per group and relationship.
// The group's members act in the customer's tenant with these roles from their next request.
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../../platform/context.js';
import { AppError, invalidFields, type FieldError } from '../../../platform/errors.js';
import type { AccessAssignment, AccessAssignmentBody } from '../contract.js';
import { partnersRelationship } from '../reads.js';
import { assignmentRoleProblems, isUsableAt } from '../rules.js';
import { delegatedAdminAccessAssignments } from '../schema.js';
import { assignmentAudit, assignmentView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function createAccessAssignment(deps: CustomersDeps, ctx: RequestContext, relationshipId: string, input: AccessAssignmentBody): Promise<AccessAssignment> {
  const actor = ctx.actor!;
  try {
    return await deps.platform.transaction(async (tx) => {
      const dar = await partnersRelationship(tx, actor, relationshipId, true);
      const now = new Date();
      if (!isUsableAt(dar, now)) throw new AppError('delegated_admin_not_active');
      const problems: FieldError[] = assignmentRoleProblems(input.roles, dar.roles);
      const names = await deps.groups.groupNames(tx, actor.tenantId, [input.securityGroupId]);
      const groupName = names.get(input.securityGroupId);
      if (groupName === undefined) problems.unshift({ path: '/securityGroupId', code: 'security_group_unknown' });
      if (problems.length) throw invalidFields(...problems);
      const [row] = await tx.insert(delegatedAdminAccessAssignments).values({ relationshipId: dar.id, securityGroupId: input.securityGroupId, roles: input.roles }).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessAssignment.created', resourceType: 'delegatedAdminAccessAssignment', resourceId: row!.id, after: assignmentAudit(row!, groupName!) });
      return assignmentView(row!, { id: input.securityGroupId, name: groupName! }, dar, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'dar_access_assignments_group_idx')) throw new AppError('access_assignment_exists');
    // The group was deleted meanwhile.
    if (isForeignKeyViolation(error, 'dar_access_assignments_group_fk')) throw invalidFields({ path: '/securityGroupId', code: 'security_group_unknown' });
    throw error;
  }
}
