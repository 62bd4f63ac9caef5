// CUS-1, CUS-2: the reseller's customer invitations, newest first, optionally in one status.
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import { listInvitations as listInvitationsOf, type InvitationStatus } from '../../../platform/invitations.js';
import { customerInvitationKind } from '../invitation-kind.js';
import type { CustomersDeps } from './deps.js';

export function listInvitations(deps: CustomersDeps, actor: Actor, query: { status?: InvitationStatus; size: number; after?: TimeCursor }) {
  return listInvitationsOf(deps.db, customerInvitationKind, actor.tenantId, query);
}
