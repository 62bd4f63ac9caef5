// Security groups' reads shared by operations, and what other modules ask of groups: whether a group
// is the tenant's, and (as an SQL fragment, for the one relation resolver) the groups an actor is in.
import { and, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import { securityGroups } from './schema.js';
import type { SecurityGroupRow } from './views.js';

/** A tenant's groups are its own users' to see and manage: any other tenant's answer "not found". */
export function ownTenant(actor: Pick<Actor, 'tenantId'>, tenantId: string): void {
  if (actor.tenantId !== tenantId) throw notFound('tenant');
}

/** The tenant's group, or 404 (another tenant's group is not the caller's to know). */
export async function ownGroup(q: Queryable, tenantId: string, groupId: string, lock = false): Promise<SecurityGroupRow> {
  const where = and(eq(securityGroups.id, groupId), eq(securityGroups.tenantId, tenantId));
  const [row] = lock ? await q.select().from(securityGroups).where(where).for('update') : await q.select().from(securityGroups).where(where);
  if (!row) throw notFound('securityGroup');
  return row;
}

/**
 * ACC-3: the IDs of the security groups of `tenant` that the actor is a member of, as a subquery: the
 * user's memberships, or the app's (an app acting with its client credentials). The relation
 * resolver (customers' relationTo) joins it, so the look-up stays one statement.
 */
export function memberGroupIds(tenant: SQLWrapper, user: SQLWrapper, app: SQLWrapper): SQL {
  return sql`(select m.group_id from security_group_members m join security_groups g on g.id = m.group_id where g.tenant_id = ${tenant} and (m.user_id = ${user} or m.app_id = ${app}))`;
}

/** The names of the tenant's groups among these IDs (another tenant's are left out). */
export async function groupNames(q: Queryable, tenantId: string, groupIds: string[]): Promise<Map<string, string>> {
  if (groupIds.length === 0) return new Map();
  const rows = await q
    .select({ id: securityGroups.id, name: securityGroups.name })
    .from(securityGroups)
    .where(and(eq(securityGroups.tenantId, tenantId), inArray(securityGroups.id, groupIds)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
