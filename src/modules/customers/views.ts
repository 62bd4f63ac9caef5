// Rows → the shapes of contract.ts (their return types are the contract's, so drift fails tsc).
import { invitationLinkView, type DraftEmail } from '../../platform/invitations.js';
import type { AccessAssignment, CustomerInvitation, DelegatedAdmin } from './contract.js';
import { assignmentStatus } from './rules.js';
import type { customerInvitations, delegatedAdminAccessAssignments, delegatedAdminRelationships } from './schema.js';

export type CustomerInvitationRow = typeof customerInvitations.$inferSelect;
export type DarRow = typeof delegatedAdminRelationships.$inferSelect;
export type AccessAssignmentRow = typeof delegatedAdminAccessAssignments.$inferSelect;

/** CUS-1, CUS-2: an invitation; its link and draft only in the answer that created it. */
export function invitationView(row: CustomerInvitationRow, extra: { link?: string; draftEmail?: DraftEmail } = {}): CustomerInvitation {
  return {
    id: row.id,
    type: row.type,
    resellerTenantId: row.resellerTenantId,
    providerTenantId: row.providerTenantId,
    providerRelationshipId: row.providerRelationshipId,
    email: row.email,
    locale: row.locale,
    delegatedAdmin: row.delegatedAdmin ?? null,
    ...invitationLinkView(row),
    ...extra,
  };
}

/** A delegated-admin relationship, with the roles its access assignments use (ACC-3; none when just made). */
export function darView(r: DarRow, assignedRoles: string[] = []): DelegatedAdmin {
  return {
    id: r.id,
    customerTenantId: r.customerTenantId,
    partnerTenantId: r.partnerTenantId,
    roles: r.roles,
    durationDays: r.durationDays,
    autoExtend: r.autoExtend,
    status: r.status,
    activatedAt: r.activatedAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    terminatedAt: r.terminatedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    assignedRoles,
  };
}

/** ACC-3: an access assignment as its partner sees it (the customer never sees the group). */
export function assignmentView(row: AccessAssignmentRow, group: { id: string; name: string }, dar: DarRow, now: Date): AccessAssignment {
  return {
    id: row.id,
    relationshipId: row.relationshipId,
    customerTenantId: dar.customerTenantId,
    securityGroup: { id: group.id, name: group.name },
    roles: row.roles,
    status: assignmentStatus(dar, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an assignment. */
export function assignmentAudit(row: AccessAssignmentRow, groupName: string) {
  return { id: row.id, relationshipId: row.relationshipId, securityGroupId: row.securityGroupId, securityGroupName: groupName, roles: row.roles };
}
