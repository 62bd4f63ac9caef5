// ACC-3: a new security group of the caller's tenant (names are unique in a tenant, whatever their case).
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { isUniqueViolation } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { SecurityGroup, SecurityGroupBody } from '../contract.js';
import { ownTenant } from '../reads.js';
import { securityGroups } from '../schema.js';
import { groupAudit, groupView } from '../views.js';
import type { GroupsDeps } from './deps.js';

export const nameTaken = () => new AppError('security_group_name_taken', {}, [{ path: '/name', code: 'security_group_name_taken' }]);

export async function createGroup(deps: GroupsDeps, ctx: RequestContext, tenantId: string, input: SecurityGroupBody): Promise<SecurityGroup> {
  ownTenant(ctx.actor!, tenantId);
  try {
    return await deps.platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(securityGroups)
        .values({ tenantId, name: input.name.trim(), description: input.description?.trim() || null })
        .returning();
      await writeAudit(tx, ctx, { tenantId, action: 'securityGroup.created', resourceType: 'securityGroup', resourceId: row!.id, after: groupAudit(row!) });
      return groupView(row!, 0);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'security_groups_tenant_name_idx')) throw nameTaken();
    throw error;
  }
}
