// ACC-3: takes a user (or app) out of a group; the roles it had through the group's access
// assignments end with its next request (the relation is resolved per request, never cached).
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import { ownGroup, ownTenant } from '../reads.js';
import { securityGroupMembers } from '../schema.js';
import type { GroupsDeps } from './deps.js';
import type { MemberRef } from './put-member.js';

export async function removeMember(deps: GroupsDeps, ctx: RequestContext, tenantId: string, groupId: string, member: MemberRef): Promise<void> {
  ownTenant(ctx.actor!, tenantId);
  await deps.platform.transaction(async (tx) => {
    const group = await ownGroup(tx, tenantId, groupId, true);
    const which = member.type === 'user' ? eq(securityGroupMembers.userId, member.userId) : eq(securityGroupMembers.appId, member.appId);
    const removed = await tx.delete(securityGroupMembers).where(and(eq(securityGroupMembers.groupId, groupId), which)).returning();
    if (removed.length === 0) throw notFound('securityGroupMember');
    const id = member.type === 'user' ? member.userId : member.appId;
    await writeAudit(tx, ctx, { tenantId, action: 'securityGroup.memberRemoved', resourceType: 'securityGroup', resourceId: groupId, before: { group: group.name, member: { type: member.type, id } } });
  });
}
