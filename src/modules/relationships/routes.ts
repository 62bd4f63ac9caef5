// Provider ↔ reseller routes: the provider directory, invitations, "Authorize indirect provider",
// relationships, admin access.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeNameCursor, decodeTimeCursor, defaultPageSize, encodeCursor, IdParams, NoContent, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { AcceptInvitationBody, InvitationListQuery, InvitationTokenParams, SendInvitationBody } from '../../platform/invitations.js';
import {
  CreateResellerInvitationBody,
  ProviderDirectory,
  ProviderDirectoryQuery,
  Relationship,
  RelationshipRecord,
  Relationships,
  RelationshipsQuery,
  ResellerInvitation,
  ResellerInvitationDescription,
  ResellerInvitations,
} from './contract.js';
import type { RelationshipsService } from './service.js';

export function relationshipsRoutes(fastify: FastifyInstance, relationships: RelationshipsService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['relationships'];

  app.get(
    '/v1/providers',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'The provider directory (REL-1): active indirect providers serving the region of a country (default: yours)',
        querystring: ProviderDirectoryQuery,
        response: withErrors({ 200: ProviderDirectory }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, ...filters } = request.query;
      const page = await relationships.providerDirectory({ ...filters, size, after: decodeNameCursor(cursor) }, request.actor!);
      return collection(request, page, size, (p) => encodeCursor([p.name, p.tenantId]), (p) => p);
    },
  );

  // ---------------------------------------------------------------- invitations (REL-2)

  app.post(
    '/v1/reseller-invitations',
    {
      config: { permission: 'relationships.manage' },
      schema: {
        tags,
        summary: 'Create a single-use, 30-day invitation link and a draft email (the link is shown once)',
        body: CreateResellerInvitationBody,
        response: withErrors({ 201: ResellerInvitation }),
      },
    },
    async (request, reply) => reply.code(201).send(await relationships.createInvitation(requestContext(request), request.body ?? {})),
  );

  app.post(
    '/v1/reseller-invitations/:id/send',
    {
      config: { permission: 'relationships.manage' },
      schema: {
        tags,
        summary: 'Send the (possibly edited) draft; the body must still contain the link',
        params: IdParams,
        body: SendInvitationBody,
        response: withErrors({ 200: ResellerInvitation }),
      },
    },
    async (request) => relationships.sendInvitation(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/v1/reseller-invitations',
    {
      config: { permission: 'relationships.read' },
      schema: { tags, summary: "The provider's invitations", querystring: InvitationListQuery, response: withErrors({ 200: ResellerInvitations }) },
    },
    async (request) => {
      const { status, size = defaultPageSize, cursor } = request.query;
      const page = await relationships.listInvitations(request.actor!, { status, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (i) => timeCursorOf(i, i.createdAt), (i) => relationships.invitationView(i));
    },
  );

  app.delete(
    '/v1/reseller-invitations/:id',
    { config: { permission: 'relationships.manage' }, schema: { tags, summary: 'Revoke an invitation', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await relationships.revokeInvitation(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---------------------------------------------------------------- accepting (REL-3, REL-4, REL-6)

  app.get(
    '/v1/invitations/reseller/:token',
    {
      config: { auth: 'public', lookupLimited: true },
      schema: {
        tags,
        summary: 'What an invitation link offers (no sign-in needed)',
        params: InvitationTokenParams,
        response: withErrors({ 200: ResellerInvitationDescription }),
      },
    },
    async (request) => relationships.describeInvitation(request.params.token, request.locale),
  );

  app.post(
    '/v1/invitations/reseller/:token/accept',
    {
      config: { permission: 'relationships.manage', idempotent: false, lookupLimited: true },
      schema: {
        tags,
        summary: 'Authorize indirect provider (reseller global admin or admin agent; confirm must be true)',
        params: InvitationTokenParams,
        body: AcceptInvitationBody,
        response: withErrors({ 201: RelationshipRecord }),
      },
    },
    async (request, reply) => reply.code(201).send(await relationships.authorizeIndirectProvider(requestContext(request), request.params.token, request.body)),
  );

  // ---------------------------------------------------------------- relationships (REL-4, REL-5, REL-8)

  app.get(
    '/v1/relationships',
    {
      config: { permission: 'relationships.read' },
      schema: {
        tags,
        summary: "A reseller's providers (IsIndirectResellerOf) and a provider's resellers (IsIndirectCloudSolutionProviderOf)",
        querystring: RelationshipsQuery,
        response: withErrors({ 200: Relationships }),
      },
    },
    async (request) => {
      const { relationshipType, size = defaultPageSize, cursor } = request.query;
      const page = await relationships.listRelationships(request.actor!, { relationshipType, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (r) => timeCursorOf(r, new Date(r.createdAt)), (r) => r);
    },
  );

  app.get(
    '/v1/relationships/:id',
    { config: { permission: 'relationships.read' }, schema: { tags, summary: 'One relationship', params: IdParams, response: withErrors({ 200: Relationship }) } },
    async (request) => relationships.getRelationship(request.actor!, request.params.id),
  );

  app.delete(
    '/v1/relationships/:id/admin-access',
    {
      config: { permission: 'relationships.adminAccess' },
      schema: { tags, summary: "The reseller removes the provider's admin access; the relationship stays", params: IdParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await relationships.removeAdminAccess(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1/relationships/:id',
    {
      config: { permission: 'relationships.manage' },
      schema: { tags, summary: 'End the relationship (either side); customers stay with the reseller', params: IdParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await relationships.endRelationship(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
