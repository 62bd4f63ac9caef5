// Rows → the shapes of contract.ts (their return types are the contract's, so drift fails tsc).
import type { SecurityGroup, SecurityGroupMember } from './contract.js';
import type { securityGroupMembers, securityGroups } from './schema.js';

export type SecurityGroupRow = typeof securityGroups.$inferSelect;
export type SecurityGroupMemberRow = typeof securityGroupMembers.$inferSelect;

export function groupView(row: SecurityGroupRow, memberCount: number): SecurityGroup {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    description: row.description,
    memberCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A member, with its name (and a user's email) when known. */
export function memberView(row: SecurityGroupMemberRow, named: { displayName: string; email: string | null } | null): SecurityGroupMember {
  return {
    type: row.memberType,
    id: (row.memberType === 'user' ? row.userId : row.appId)!,
    displayName: named?.displayName ?? null,
    email: named?.email ?? null,
    addedAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a group. */
export function groupAudit(row: SecurityGroupRow) {
  return { id: row.id, name: row.name, description: row.description };
}
