// REL-2: the provider sends the (possibly edited) draft; its body must still hold the link, and it
// goes to nobody an invitation may not name (REL-6).
import type { RequestContext } from '../../../platform/audit.js';
import { sendInvitation as sendInvitationDraft, type SendInvitationBody } from '../../../platform/invitations.js';
import type { ResellerInvitation } from '../contract.js';
import { resellerInvitationKind } from '../invitation-kind.js';
import { refuseInvitee } from '../reads.js';
import type { RelationshipsDeps } from './deps.js';

export async function sendInvitation(deps: RelationshipsDeps, ctx: RequestContext, id: string, input: SendInvitationBody): Promise<ResellerInvitation> {
  return sendInvitationDraft(deps.platform, resellerInvitationKind, ctx, id, input, {
    refuseRecipient: (tx) => refuseInvitee(deps, tx, ctx.actor!.tenantId, input.to, '/to'),
    findUser: (email, tx) => deps.identity.findUserByEmail(email, tx),
  });
}
