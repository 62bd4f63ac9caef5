// ACC-3: makes one of the tenant's users (or apps) a member of one of its groups; already a member,
// nothing changes. Another tenant's user or app is "not found": members come from the tenant itself.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import type { SecurityGroupMember } from '../contract.js';
import { ownGroup, ownTenant } from '../reads.js';
import { securityGroupMembers } from '../schema.js';
import { memberView } from '../views.js';
import type { GroupsDeps } from './deps.js';

export type MemberRef = { type: 'user'; userId: string } | { type: 'app'; appId: string };

export async function putMember(deps: GroupsDeps, ctx: RequestContext, tenantId: string, groupId: string, member: MemberRef): Promise<SecurityGroupMember> {
  ownTenant(ctx.actor!, tenantId);
  return deps.platform.transaction(async (tx) => {
    const group = await ownGroup(tx, tenantId, groupId, true);
    let named: { displayName: string; email: string | null };
    if (member.type === 'user') {
      const user = await deps.identity.findUser(member.userId, tx);
      if (!user || user.tenantId !== tenantId) throw notFound('user');
      named = { displayName: user.displayName, email: user.email };
    } else {
      const app = await deps.apps.directory?.find(tx, tenantId, member.appId);
      if (!app) throw notFound('app');
      named = { displayName: app.name, email: null };
    }
    const which = member.type === 'user' ? eq(securityGroupMembers.userId, member.userId) : eq(securityGroupMembers.appId, member.appId);
    const [existing] = await tx.select().from(securityGroupMembers).where(and(eq(securityGroupMembers.groupId, groupId), which));
    if (existing) return memberView(existing, named);
    const [row] = await tx
      .insert(securityGroupMembers)
      .values(member.type === 'user' ? { groupId, memberType: 'user', userId: member.userId } : { groupId, memberType: 'app', appId: member.appId })
      .returning();
    const view = memberView(row!, named);
    await writeAudit(tx, ctx, { tenantId, action: 'securityGroup.memberAdded', resourceType: 'securityGroup', resourceId: groupId, after: { group: group.name, member: { type: view.type, id: view.id } } });
    return view;
  });
}
