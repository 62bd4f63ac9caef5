// REL-2: the provider's invitations, newest first, optionally in one status.
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import { listInvitations as listInvitationsOf, type InvitationStatus } from '../../../platform/invitations.js';
import { resellerInvitationKind } from '../invitation-kind.js';
import type { RelationshipsDeps } from './deps.js';

export function listInvitations(deps: RelationshipsDeps, actor: Actor, query: { status?: InvitationStatus; size: number; after?: TimeCursor }) {
  return listInvitationsOf(deps.db, resellerInvitationKind, actor.tenantId, query);
}
