// Rows → the shapes of contract.ts (their return types are the contract's, so drift fails tsc).
import { invitationLinkView, type DraftEmail } from '../../platform/invitations.js';
import type { CustomerInvitation, DelegatedAdmin } from './contract.js';
import type { customerInvitations, delegatedAdminRelationships } from './schema.js';

export type CustomerInvitationRow = typeof customerInvitations.$inferSelect;
export type DarRow = typeof delegatedAdminRelationships.$inferSelect;

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

/** A delegated-admin relationship. */
export function darView(r: DarRow): DelegatedAdmin {
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
  };
}
