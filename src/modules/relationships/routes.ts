// Provider ↔ reseller routes: the provider directory, invitations, "Authorize indirect provider",
// relationships, admin access.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Collection, collection, DateTime, decodeNameCursor, decodeTimeCursor, encodeCursor, IdParams, NoContent, PageQuery, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { locales } from '../../platform/i18n/index.js';
import { servicesOfferedValues } from '../enrollment/service.js';
import { relationshipTypes, type RelationshipsService } from './service.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict);

const Provider = Type.Object(
  {
    tenantId: Type.String(),
    name: Type.String(),
    country: Type.String(),
    region: Nullable(Type.String()),
    servicesOffered: Type.Array(Type.String()),
    website: Nullable(Type.String()),
    supportEmail: Nullable(Type.String()),
    supportPhone: Nullable(Type.String()),
  },
  { title: 'DirectoryProvider' },
);
const Invitation = Type.Object(
  {
    id: Type.String(),
    providerTenantId: Type.String(),
    email: Nullable(Type.String()),
    locale: Type.String(),
    status: Type.String(),
    expiresAt: DateTime,
    acceptedAt: Nullable(DateTime),
    acceptedByTenantId: Nullable(Type.String()),
    sentAt: Nullable(DateTime),
    createdAt: DateTime,
    link: Type.Optional(Type.String()),
    draftEmail: Type.Optional(Type.Object({ subject: Type.String(), body: Type.String() })),
  },
  { title: 'ResellerInvitation' },
);
const Relationship = Type.Object(
  {
    id: Type.String(),
    providerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    partnerTenantId: Type.String(),
    name: Type.String(),
    partnerId: Nullable(Type.String()),
    country: Type.String(),
    relationshipType: Type.String(),
    state: Type.String(),
    adminAccess: Type.String(),
    createdAt: DateTime,
    endedAt: Nullable(DateTime),
  },
  { title: 'Relationship' },
);

export function relationshipsRoutes(app: FastifyInstance, relationships: RelationshipsService) {
  const tags = ['relationships'];

  app.get(
    '/v1/providers',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'The provider directory (REL-1): active indirect providers serving the region of a country (default: yours)',
        querystring: Type.Object(
          {
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            region: Type.Optional(Type.String({ maxLength: 50 })),
            service: Type.Optional(enumOf(servicesOfferedValues)),
            q: Type.Optional(Type.String({ maxLength: 200 })),
            ...PageQuery,
          },
          strict,
        ),
        response: withErrors({ 200: Collection(Provider, 'ProviderDirectory') }),
      },
    },
    async (request) => {
      const query = request.query as { country?: string; region?: string; service?: string; q?: string; size: number; cursor?: string };
      const page = await relationships.providerDirectory({ ...query, after: decodeNameCursor(query.cursor) }, request.actor!);
      return collection(request, page, query.size, (p) => encodeCursor([p.name, p.tenantId]), (p) => p);
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
        body: Type.Object({ email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })), locale: Type.Optional(enumOf(locales)) }, strict),
        response: withErrors({ 201: Invitation }),
      },
    },
    async (request, reply) => reply.code(201).send(await relationships.createInvitation(requestContext(request), (request.body ?? {}) as never)),
  );

  app.post(
    '/v1/reseller-invitations/:id/send',
    {
      config: { permission: 'relationships.manage' },
      schema: {
        tags,
        summary: 'Send the (possibly edited) draft; the body must still contain the link',
        params: IdParams,
        body: Type.Object({ to: Type.String({ format: 'email', maxLength: 254 }), subject: Type.String({ minLength: 1, maxLength: 300 }), body: Type.String({ minLength: 1, maxLength: 20_000 }) }, strict),
        response: withErrors({ 200: Invitation }),
      },
    },
    async (request) => relationships.sendInvitation(requestContext(request), (request.params as { id: string }).id, request.body as never),
  );

  app.get(
    '/v1/reseller-invitations',
    {
      config: { permission: 'relationships.read' },
      schema: {
        tags,
        summary: "The provider's invitations",
        querystring: Type.Object({ status: Type.Optional(enumOf(['pending', 'accepted', 'expired', 'revoked'] as const)), ...PageQuery }, strict),
        response: withErrors({ 200: Collection(Invitation, 'ResellerInvitations') }),
      },
    },
    async (request) => {
      const query = request.query as { status?: 'pending'; size: number; cursor?: string };
      const page = await relationships.listInvitations(request.actor!, { status: query.status, size: query.size, after: decodeTimeCursor(query.cursor) });
      return collection(request, page, query.size, (i) => timeCursorOf(i, i.createdAt), (i) => relationships.invitationView(i));
    },
  );

  app.delete(
    '/v1/reseller-invitations/:id',
    { config: { permission: 'relationships.manage' }, schema: { tags, summary: 'Revoke an invitation', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await relationships.revokeInvitation(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
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
        params: TokenParams,
        response: withErrors({
          200: Type.Object({
            provider: Type.Object({
              tenantId: Type.String(),
              name: Type.String(),
              country: Type.String(),
              countryName: Type.String(),
              region: Nullable(Type.String()),
              servicesOffered: Type.Array(Type.String()),
            }),
            grants: Type.Array(Type.String()),
            expiresAt: DateTime,
          }),
        }),
      },
    },
    async (request) => relationships.describeInvitation((request.params as { token: string }).token, request.locale),
  );

  app.post(
    '/v1/invitations/reseller/:token/accept',
    {
      config: { permission: 'relationships.manage', idempotent: false, lookupLimited: true },
      schema: {
        tags,
        summary: 'Authorize indirect provider (reseller global admin or admin agent; confirm must be true)',
        params: TokenParams,
        body: Type.Object({ confirm: Type.Boolean() }, strict),
        response: withErrors({
          201: Type.Object({ id: Type.String(), providerTenantId: Type.String(), resellerTenantId: Type.String(), state: Type.String(), adminAccess: Type.String(), createdAt: DateTime, endedAt: Nullable(DateTime) }),
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await relationships.authorizeIndirectProvider(requestContext(request), (request.params as { token: string }).token, request.body as { confirm: boolean })),
  );

  // ---------------------------------------------------------------- relationships (REL-4, REL-5, REL-8)

  app.get(
    '/v1/relationships',
    {
      config: { permission: 'relationships.read' },
      schema: {
        tags,
        summary: "A reseller's providers (IsIndirectResellerOf) and a provider's resellers (IsIndirectCloudSolutionProviderOf)",
        querystring: Type.Object({ relationshipType: Type.Optional(enumOf(relationshipTypes)), ...PageQuery }, strict),
        response: withErrors({ 200: Collection(Relationship, 'Relationships') }),
      },
    },
    async (request) => {
      const query = request.query as { relationshipType?: (typeof relationshipTypes)[number]; size: number; cursor?: string };
      const page = await relationships.listRelationships(request.actor!, { relationshipType: query.relationshipType, size: query.size, after: decodeTimeCursor(query.cursor) });
      return collection(request, page, query.size, (r) => timeCursorOf(r, new Date(r.createdAt)), (r) => r);
    },
  );

  app.get(
    '/v1/relationships/:id',
    { config: { permission: 'relationships.read' }, schema: { tags, summary: 'One relationship', params: IdParams, response: withErrors({ 200: Relationship }) } },
    async (request) => relationships.getRelationship(request.actor!, (request.params as { id: string }).id),
  );

  app.delete(
    '/v1/relationships/:id/admin-access',
    {
      config: { permission: 'relationships.adminAccess' },
      schema: { tags, summary: "The reseller removes the provider's admin access; the relationship stays", params: IdParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await relationships.removeAdminAccess(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/v1/relationships/:id',
    {
      config: { permission: 'relationships.manage' },
      schema: { tags, summary: 'End the relationship (either side); customers stay with the reseller', params: IdParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await relationships.endRelationship(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
}
