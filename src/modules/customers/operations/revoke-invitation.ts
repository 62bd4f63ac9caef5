// CUS-1, CUS-2: the reseller revokes a customer invitation; its link never works again.
import type { RequestContext } from '../../../platform/audit.js';
import { revokeInvitation as revokeInvitationOf } from '../../../platform/invitations.js';
import { customerInvitationKind } from '../invitation-kind.js';
import type { CustomersDeps } from './deps.js';

export function revokeInvitation(deps: CustomersDeps, ctx: RequestContext, id: string) {
  return revokeInvitationOf(deps.platform, customerInvitationKind, ctx, id);
}
