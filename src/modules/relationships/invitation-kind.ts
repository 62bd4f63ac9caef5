// REL-2: reseller invitations as a kind of the one invitation mechanism (platform/invitations.ts):
// the provider invites, from its own table, with its own view and mail template.
import type { InvitationKind } from '../../platform/invitations.js';
import type { ResellerInvitation } from './contract.js';
import { resellerInvitations } from './schema.js';
import { invitationView } from './views.js';

export const resellerInvitationKind: InvitationKind<typeof resellerInvitations, ResellerInvitation> = {
  kind: 'reseller',
  resource: 'resellerInvitation',
  tokenPrefix: 'cri',
  template: 'resellerInvitation',
  table: resellerInvitations,
  owner: resellerInvitations.providerTenantId,
  ownerOf: (row) => row.providerTenantId,
  view: (row) => invitationView(row),
};
