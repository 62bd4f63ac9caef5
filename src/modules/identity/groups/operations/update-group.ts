// ACC-3: renames a security group or changes its description; its members and assignments stay.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { isUniqueViolation } from '../../../../platform/context.js';
import type { SecurityGroup, SecurityGroupPatch } from '../contract.js';
import { ownGroup, ownTenant } from '../reads.js';
import { securityGroups } from '../schema.js';
import { groupAudit } from '../views.js';
import { nameTaken } from './create-group.js';
import type { GroupsDeps } from './deps.js';
import { getGroup } from './get-group.js';

export async function updateGroup(deps: GroupsDeps, ctx: RequestContext, tenantId: string, groupId: string, input: SecurityGroupPatch): Promise<SecurityGroup> {
  const actor = ctx.actor!;
  ownTenant(actor, tenantId);
  try {
    await deps.platform.transaction(async (tx) => {
      const before = await ownGroup(tx, tenantId, groupId, true);
      const description = input.description === undefined ? before.description : input.description?.trim() || null;
      const [after] = await tx
        .update(securityGroups)
        .set({ name: input.name?.trim() ?? before.name, description, updatedAt: new Date() })
        .where(eq(securityGroups.id, groupId))
        .returning();
      await writeAudit(tx, ctx, { tenantId, action: 'securityGroup.updated', resourceType: 'securityGroup', resourceId: groupId, before: groupAudit(before), after: groupAudit(after!) });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'security_groups_tenant_name_idx')) throw nameTaken();
    throw error;
  }
  return getGroup(deps, actor, tenantId, groupId);
}
