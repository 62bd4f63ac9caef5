// ACC-3: the tenant's security groups by name, each with its number of members.
import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import type { SecurityGroups } from '../contract.js';
import { ownTenant } from '../reads.js';
import { securityGroups } from '../schema.js';
import { groupView } from '../views.js';
import type { GroupsDeps } from './deps.js';

export const memberCount = sql<number>`(select count(*)::int from security_group_members m where m.group_id = "security_groups"."id")`;

export async function listGroups(deps: GroupsDeps, actor: Actor, tenantId: string): Promise<SecurityGroups> {
  ownTenant(actor, tenantId);
  const rows = await deps.db
    .select({ group: securityGroups, members: memberCount })
    .from(securityGroups)
    .where(eq(securityGroups.tenantId, tenantId))
    .orderBy(asc(sql`lower(${securityGroups.name})`), asc(securityGroups.id));
  return { totalCount: rows.length, items: rows.map((r) => groupView(r.group, r.members)), links: {} };
}
