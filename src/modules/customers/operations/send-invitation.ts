// CUS-1, CUS-2: the reseller sends the (possibly edited) draft; its body must still hold the link.
import type { RequestContext } from '../../../platform/audit.js';
import { sendInvitation as sendInvitationDraft, type SendInvitationBody } from '../../../platform/invitations.js';
import type { CustomerInvitation } from '../contract.js';
import { customerInvitationKind } from '../invitation-kind.js';
import type { CustomersDeps } from './deps.js';

export function sendInvitation(deps: CustomersDeps, ctx: RequestContext, id: string, input: SendInvitationBody): Promise<CustomerInvitation> {
  return sendInvitationDraft(deps.platform, customerInvitationKind, ctx, id, input, { findUser: (email, tx) => deps.identity.findUserByEmail(email, tx) });
}
