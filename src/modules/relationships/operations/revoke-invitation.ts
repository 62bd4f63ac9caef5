// REL-2: the provider revokes an invitation; its link never works again.
import type { RequestContext } from '../../../platform/audit.js';
import { revokeInvitation as revokeInvitationOf } from '../../../platform/invitations.js';
import { resellerInvitationKind } from '../invitation-kind.js';
import type { RelationshipsDeps } from './deps.js';

export function revokeInvitation(deps: RelationshipsDeps, ctx: RequestContext, id: string) {
  return revokeInvitationOf(deps.platform, resellerInvitationKind, ctx, id);
}
