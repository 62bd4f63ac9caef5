// Rows → the shapes of contract.ts (their return types are the contract's, so drift fails tsc).
import { invitationLinkView } from '../../platform/invitations.js';
import type { DraftEmail } from '../../platform/invitations.js';
import type { RelationshipRecord, ResellerInvitation } from './contract.js';
import type { partnerRelationships, resellerInvitations } from './schema.js';

export type InvitationRow = typeof resellerInvitations.$inferSelect;
export type RelationshipRow = typeof partnerRelationships.$inferSelect;

/** REL-2: an invitation; its link and draft only in the answer that created it. */
export function invitationView(row: InvitationRow, extra: { link?: string; draftEmail?: DraftEmail } = {}): ResellerInvitation {
  return {
    id: row.id,
    providerTenantId: row.providerTenantId,
    email: row.email,
    locale: row.locale,
    ...invitationLinkView(row),
    ...extra,
  };
}

export function relationshipView(row: RelationshipRow): RelationshipRecord {
  return {
    id: row.id,
    providerTenantId: row.providerTenantId,
    resellerTenantId: row.resellerTenantId,
    state: row.state,
    adminAccess: row.adminAccess,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}
