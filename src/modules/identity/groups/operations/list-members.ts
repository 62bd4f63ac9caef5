// ACC-3: a security group's members, oldest first, a page at a time: users with their names and
// emails, apps with their names (from app credentials, once given).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import type { TimeCursor } from '../../../../platform/http.js';
import { users } from '../../schema.js';
import { ownGroup, ownTenant } from '../reads.js';
import { securityGroupMembers } from '../schema.js';
import { memberView } from '../views.js';
import type { GroupsDeps } from './deps.js';

const memberId = sql<string>`coalesce(${securityGroupMembers.userId}, ${securityGroupMembers.appId})`;

export async function listMembers(deps: GroupsDeps, actor: Actor, tenantId: string, groupId: string, query: { size: number; after?: TimeCursor }) {
  ownTenant(actor, tenantId);
  await ownGroup(deps.db, tenantId, groupId);
  const after = query.after ? sql`(${securityGroupMembers.createdAt}, ${memberId}) > (${query.after.at.toISOString()}::timestamptz, ${query.after.id}::uuid)` : undefined;
  const rows = await deps.db
    .select({ member: securityGroupMembers, displayName: users.displayName, email: users.email })
    .from(securityGroupMembers)
    .leftJoin(users, eq(users.id, securityGroupMembers.userId))
    .where(and(eq(securityGroupMembers.groupId, groupId), after))
    .orderBy(asc(securityGroupMembers.createdAt), asc(memberId))
    .limit(query.size + 1);
  const [counted] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(securityGroupMembers).where(eq(securityGroupMembers.groupId, groupId));
  const appIds = rows.flatMap((r) => (r.member.appId ? [r.member.appId] : []));
  const appNames = appIds.length && deps.apps.directory ? await deps.apps.directory.names(deps.db, appIds) : new Map<string, string>();
  const items = rows.map((r) => {
    const name = r.displayName !== null ? { displayName: r.displayName, email: r.email } : r.member.appId && appNames.has(r.member.appId) ? { displayName: appNames.get(r.member.appId)!, email: null } : null;
    return { view: memberView(r.member, name), at: r.member.createdAt };
  });
  return { items, totalCount: counted?.n ?? 0 };
}
