// CUS-1, CUS-2: customer invitations as a kind of the one invitation mechanism
// (platform/invitations.ts): the reseller invites, from its own table, with its own view and template.
import type { InvitationKind } from '../../platform/invitations.js';
import type { CustomerInvitation } from './contract.js';
import { customerInvitations } from './schema.js';
import { invitationView } from './views.js';

export const customerInvitationKind: InvitationKind<typeof customerInvitations, CustomerInvitation> = {
  kind: 'customer',
  resource: 'customerInvitation',
  tokenPrefix: 'cci',
  template: 'customerInvitation',
  table: customerInvitations,
  owner: customerInvitations.resellerTenantId,
  ownerOf: (row) => row.resellerTenantId,
  view: (row) => invitationView(row),
};
