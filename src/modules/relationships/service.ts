// Provider ↔ reseller: the provider directory (REL-1), invitations (REL-2), "Authorize indirect
// provider" (REL-3, REL-4, REL-6), both sides' lists (REL-5), admin access and ending (REL-8).
// Binds the operations (operations/) and reads (reads.ts) to their dependencies, once.
import type { Actor } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import type { TimeCursor } from '../../platform/http.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AcceptInvitationBody, DraftEmail, InvitationStatus, SendInvitationBody } from '../../platform/invitations.js';
import type { EnrollmentService } from '../enrollment/service.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import type { CreateResellerInvitationBody, ProviderDirectoryQuery, RelationshipType } from './contract.js';
import { authorizeIndirectProvider } from './operations/authorize-indirect-provider.js';
import { createInvitation } from './operations/create-invitation.js';
import type { RelationshipsDeps } from './operations/deps.js';
import { describeInvitation } from './operations/describe-invitation.js';
import { endRelationship } from './operations/end-relationship.js';
import { getRelationship } from './operations/get-relationship.js';
import { listInvitations } from './operations/list-invitations.js';
import { listRelationships } from './operations/list-relationships.js';
import { providerDirectory } from './operations/provider-directory.js';
import { removeAdminAccess } from './operations/remove-admin-access.js';
import { revokeInvitation } from './operations/revoke-invitation.js';
import { sendInvitation } from './operations/send-invitation.js';
import { activeBetween, hasAdminAccess, providerRelation, relationshipStatements } from './reads.js';
import { invitationView, type InvitationRow } from './views.js';

export function relationshipsService(platform: Platform, services: { identity: IdentityService; enrollment: EnrollmentService; markets: MarketsService }) {
  const deps: RelationshipsDeps = { platform, db: platform.db, ...services, statements: relationshipStatements(platform.db) };
  return {
    providerDirectory: (query: Omit<ProviderDirectoryQuery, 'size' | 'cursor'> & { size: number; after?: { name: string; tenantId: string } }, actor: Actor) => providerDirectory(deps, query, actor),
    createInvitation: (ctx: RequestContext, input: CreateResellerInvitationBody) => createInvitation(deps, ctx, input),
    sendInvitation: (ctx: RequestContext, id: string, input: SendInvitationBody) => sendInvitation(deps, ctx, id, input),
    listInvitations: (actor: Actor, query: { status?: InvitationStatus; size: number; after?: TimeCursor }) => listInvitations(deps, actor, query),
    invitationView: (row: InvitationRow, extra?: { link?: string; draftEmail?: DraftEmail }) => invitationView(row, extra),
    revokeInvitation: (ctx: RequestContext, id: string) => revokeInvitation(deps, ctx, id),
    describeInvitation: (token: string, locale: Locale) => describeInvitation(deps, token, locale),
    authorizeIndirectProvider: (ctx: RequestContext, token: string, input: AcceptInvitationBody) => authorizeIndirectProvider(deps, ctx, token, input),
    listRelationships: (actor: Actor, query: { relationshipType?: RelationshipType; size: number; after?: TimeCursor }) => listRelationships(deps, actor, query),
    getRelationship: (actor: Actor, id: string) => getRelationship(deps, actor, id),
    removeAdminAccess: (ctx: RequestContext, id: string) => removeAdminAccess(deps, ctx, id),
    endRelationship: (ctx: RequestContext, id: string) => endRelationship(deps, ctx, id),
    hasAdminAccess: (providerTenantId: string, resellerTenantId: string) => hasAdminAccess(deps, providerTenantId, resellerTenantId),
    activeBetween: (providerTenantIds: string[], resellerTenantId: string) => activeBetween(deps, providerTenantIds, resellerTenantId),
    /** REL-4 as SQL over (provider, reseller): the relation resolver reads it in its one statement. */
    providerRelation,
  };
}

export type RelationshipsService = ReturnType<typeof relationshipsService>;
