// ACC-3: deletes a security group and its memberships. A group that still has access assignments is
// not deleted (409): the assignments' foreign key restricts it, so no assignment is left naming nothing
// and none disappears without its own audit record.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { isForeignKeyViolation } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import { ownGroup, ownTenant } from '../reads.js';
import { securityGroups } from '../schema.js';
import { groupAudit } from '../views.js';
import type { GroupsDeps } from './deps.js';

export async function deleteGroup(deps: GroupsDeps, ctx: RequestContext, tenantId: string, groupId: string): Promise<void> {
  ownTenant(ctx.actor!, tenantId);
  try {
    await deps.platform.transaction(async (tx) => {
      const before = await ownGroup(tx, tenantId, groupId, true);
      await tx.delete(securityGroups).where(eq(securityGroups.id, groupId));
      await writeAudit(tx, ctx, { tenantId, action: 'securityGroup.deleted', resourceType: 'securityGroup', resourceId: groupId, before: groupAudit(before) });
    });
  } catch (error) {
    if (isForeignKeyViolation(error, 'dar_access_assignments_group_fk')) throw new AppError('security_group_assigned');
    throw error;
  }
}
