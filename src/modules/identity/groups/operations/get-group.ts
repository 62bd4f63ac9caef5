// ACC-3: one of the tenant's security groups.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import { notFound } from '../../../../platform/errors.js';
import type { SecurityGroup } from '../contract.js';
import { ownTenant } from '../reads.js';
import { securityGroups } from '../schema.js';
import { groupView } from '../views.js';
import type { GroupsDeps } from './deps.js';
import { memberCount } from './list-groups.js';

export async function getGroup(deps: GroupsDeps, actor: Actor, tenantId: string, groupId: string): Promise<SecurityGroup> {
  ownTenant(actor, tenantId);
  const [row] = await deps.db
    .select({ group: securityGroups, members: memberCount })
    .from(securityGroups)
    .where(and(eq(securityGroups.id, groupId), eq(securityGroups.tenantId, tenantId)));
  if (!row) throw notFound('securityGroup');
  return groupView(row.group, row.members);
}
