// Identity HTTP routes: path, request and response schemas, permission, one service call.
import { Type } from '@sinclair/typebox';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { allRoles, can, requirePermission, type TenantRelation } from '../../platform/access.js';
import { AppError, notFound } from '../../platform/errors.js';
import { sessionCookie } from '../../platform/auth/plugin.js';
import { checkIfMatch, collection, Collection, DateTime, decodeTimeCursor, etagOf, IdParams, NoContent, PageQuery, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { locales, type Locale } from '../../platform/i18n/index.js';
import type { Actor } from '../../platform/access.js';
import type { Platform } from '../../platform/context.js';
import type { IdentityService } from './service.js';
import { userView } from './service.js';
import { User } from './contract.js';

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 256 });
const Language = Type.Union(locales.map((l) => Type.Literal(l)));
const RoleName = Type.String({ minLength: 1, maxLength: 64 });
const Name = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

const Tenant = Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), primaryDomain: Type.String() }, { title: 'Tenant' });
const Membership = Type.Object({ program: Type.String(), status: Type.String() });
const AccessToken = Type.Object(
  { id: Type.String(), name: Type.String(), prefix: Type.String(), createdAt: DateTime, expiresAt: DateTime, lastUsedAt: Type.Union([DateTime, Type.Null()]) },
  { title: 'AccessToken' },
);

const strict = { additionalProperties: false } as const;

export type MeWarnings = (actor: Actor, locale: Locale) => Promise<{ code: string; message: string }[]>;

/** How the actor's tenant relates to another tenant: REL-4 admin access, CUS-4 delegated-admin roles. */
export type RelationTo = (actor: Actor, tenantId: string) => Promise<TenantRelation>;

export function identityRoutes(
  app: FastifyInstance,
  platform: Platform,
  identity: IdentityService,
  extensions: { meWarnings?: MeWarnings; relationTo: RelationTo },
) {
  const meWarnings = extensions.meWarnings ?? (async () => []);
  const relationTo = extensions.relationTo;
  const secure = platform.config.publicUrl.startsWith('https:');

  app.post(
    '/v1/tenants',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Create a work account: a new tenant and its global admin',
        body: Type.Object(
          {
            organizationName: Name(256),
            country: Type.String({ minLength: 2, maxLength: 2 }),
            domainPrefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{2,27}$' })),
            admin: Type.Object(
              { displayName: Name(256), email: Email, password: Password, language: Type.Optional(Language) },
              strict,
            ),
          },
          strict,
        ),
        response: withErrors({ 201: Type.Object({ tenant: Tenant, user: Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()) }) }) }),
      },
    },
    async (request, reply) => reply.code(201).send(await identity.createTenant(requestContext(request), request.body as never)),
  );

  app.post(
    '/v1/auth/sessions',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Sign in: starts a session (cookie) and returns its CSRF token',
        body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, strict),
        response: withErrors({ 201: Type.Object({ user: User, tenant: Tenant, csrfToken: Type.String() }) }),
      },
    },
    async (request, reply) => {
      const result = await identity.signIn(requestContext(request), request.body as { email: string; password: string }, request.headers['user-agent']);
      reply.setCookie(sessionCookie, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: result.expiresAt });
      return reply.code(201).send(result.body);
    },
  );

  app.post(
    '/v1/auth/password-resets',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Email a single-use reset link valid for one hour (the answer is the same for any email)',
        body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) }, strict),
        response: withErrors({ 202: Type.Object({ status: Type.Literal('sent-if-known') }) }),
      },
    },
    async (request, reply) => {
      await identity.requestPasswordReset(requestContext(request), (request.body as { email: string }).email);
      return reply.code(202).send({ status: 'sent-if-known' as const });
    },
  );

  app.post(
    '/v1/auth/password-resets/confirm',
    {
      config: { auth: 'public', idempotent: false, lookupLimited: true },
      schema: {
        tags: ['identity'],
        summary: 'Set a new password with the emailed link; every session and personal access token of the user ends',
        body: Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }), newPassword: Password }, strict),
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await identity.confirmPasswordReset(requestContext(request), request.body as never);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/v1/auth/sessions/current',
    {
      config: { allowTemporaryPassword: true },
      schema: { tags: ['identity'], summary: 'Sign out', response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await identity.signOut(requestContext(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send();
    },
  );

  const Me = Type.Object({
    user: User,
    tenant: Tenant,
    memberships: Type.Array(Membership),
    permissions: Type.Array(Type.String()),
    warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
    csrfToken: Type.Optional(Type.String()),
  });

  app.get(
    '/v1/me',
    {
      config: { allowTemporaryPassword: true },
      schema: { tags: ['identity'], summary: 'The signed-in user, tenant, programs and permissions', response: withErrors({ 200: Me }) },
    },
    async (request) => ({ ...(await identity.me(request.actor!, request.sessionToken)), warnings: await meWarnings(request.actor!, request.locale) }),
  );

  app.patch(
    '/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change my display name or language',
        body: Type.Object({ displayName: Type.Optional(Name(256)), language: Type.Optional(Language) }, strict),
        response: withErrors({ 200: User }),
      },
    },
    async (request) => identity.updateMe(requestContext(request), request.body as never),
  );

  app.post(
    '/v1/me/password',
    {
      config: { allowTemporaryPassword: true, idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Change my password (other sessions and every personal access token end)',
        body: Type.Object({ currentPassword: Password, newPassword: Password }, strict),
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await identity.changePassword(requestContext(request), request.body as never);
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/me/tokens',
    {
      config: { idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Create a personal access token (shown once)',
        body: Type.Object({ name: Name(100), expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }) }, strict),
        response: withErrors({ 201: Type.Composite([AccessToken, Type.Object({ token: Type.String() })]) }),
      },
    },
    async (request, reply) => reply.code(201).send(await identity.createToken(requestContext(request), request.body as never)),
  );

  app.get(
    '/v1/me/tokens',
    { schema: { tags: ['identity'], summary: 'My personal access tokens', response: withErrors({ 200: Collection(AccessToken, 'AccessTokens') }) } },
    async (request) => identity.listTokens(request.actor!),
  );

  app.delete(
    '/v1/me/tokens/:id',
    { schema: { tags: ['identity'], summary: 'Revoke a personal access token', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await identity.revokeToken(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  // User management (ENR-12): the caller's own users at /v1/users, and a tenant it administers on
  // its owner's behalf (REL-4: a provider's admin agents and a reseller's users) at
  // /v1/tenants/{tenantId}/users — refused with 403 once that admin access is removed.

  const UserBody = Type.Object(
    { displayName: Name(256), email: Email, roles: Type.Array(RoleName, { maxItems: allRoles.length, uniqueItems: true }), password: Type.Optional(Password) },
    strict,
  );
  const UserPatch = Type.Object(
    {
      displayName: Type.Optional(Name(256)),
      roles: Type.Optional(Type.Array(RoleName, { maxItems: allRoles.length, uniqueItems: true })),
      state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
    },
    strict,
  );
  const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) }, strict);
  const TenantUserParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), id: Type.String({ format: 'uuid' }) }, strict);

  /**
   * ACC-1: the tenant whose users a request manages and how the caller relates to it, after the one
   * permission check — the caller's own tenant included (403 otherwise).
   */
  async function managedTenant(request: FastifyRequest, permission: 'users.read' | 'users.manage' | 'users.resetPassword'): Promise<{ tenantId: string; relation?: TenantRelation }> {
    const actor = request.actor!;
    const tenantId = (request.params as { tenantId?: string }).tenantId ?? actor.tenantId;
    if (tenantId === actor.tenantId) {
      requirePermission(actor, permission);
      return { tenantId };
    }
    const relation = await relationTo(actor, tenantId);
    if (!relation.related) throw notFound('tenant'); // a tenant it has no relationship with is not its to know
    if (!can(actor, permission, tenantId, relation)) throw new AppError('forbidden');
    return { tenantId, relation };
  }


  for (const scope of ['own', 'delegated'] as const) {
    const base = scope === 'own' ? '/v1/users' : '/v1/tenants/:tenantId/users';
    const summaryOf = (text: string) => (scope === 'own' ? text : `${text} — in a tenant administered on its behalf`);
    const params = scope === 'own' ? undefined : TenantParams;
    const idParams = scope === 'own' ? IdParams : TenantUserParams;
    // Own-tenant routes check the permission table up front; delegated ones check can() with the relationship.
    const config = (permission: 'users.read' | 'users.manage' | 'users.resetPassword'): FastifyContextConfig => (scope === 'own' ? { permission } : {});

    app.get(
      base,
      {
        config: config('users.read'),
        schema: {
          tags: ['identity'],
          summary: summaryOf('List users'),
          ...(params ? { params } : {}),
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...PageQuery }, strict),
          response: withErrors({ 200: Collection(User, 'Users') }),
        },
      },
      async (request) => {
        const { tenantId } = await managedTenant(request, 'users.read');
        const query = request.query as { q?: string; size: number; cursor?: string };
        const page = await identity.listUsers(tenantId, { q: query.q, size: query.size, after: decodeTimeCursor(query.cursor) });
        return collection(request, page, query.size, (u) => timeCursorOf(u, u.createdAt), await identity.userViewsWithCreators(page.items));
      },
    );

    app.get(
      `${base}/:id`,
      { config: config('users.read'), schema: { tags: ['identity'], summary: summaryOf('One user (ETag)'), params: idParams, response: withErrors({ 200: User }) } },
      async (request, reply) => {
        const { tenantId } = await managedTenant(request, 'users.read');
        const user = await identity.getUser(tenantId, (request.params as { id: string }).id);
        reply.header('ETag', etagOf(user.id, user.updatedAt.toISOString()));
        return (await identity.userViewsWithCreators([user]))(user);
      },
    );

    app.post(
      base,
      {
        config: config('users.manage'),
        schema: {
          tags: ['identity'],
          summary: summaryOf('Add a user (without a password, a temporary one is returned once)'),
          ...(params ? { params } : {}),
          body: UserBody,
          response: withErrors({ 201: Type.Object({ user: User, temporaryPassword: Type.Optional(Type.String()) }) }),
        },
      },
      async (request, reply) => {
        const { tenantId, relation } = await managedTenant(request, 'users.manage');
        return reply.code(201).send(await identity.addUser(requestContext(request), tenantId, request.body as never, relation));
      },
    );

    app.patch(
      `${base}/:id`,
      {
        config: config('users.manage'),
        schema: { tags: ['identity'], summary: summaryOf('Change a user: name, roles, active or inactive (If-Match honoured)'), params: idParams, body: UserPatch, response: withErrors({ 200: User }) },
      },
      async (request, reply) => {
        const { tenantId, relation } = await managedTenant(request, 'users.manage');
        const updated = await identity.updateUser(
          requestContext(request),
          tenantId,
          (request.params as { id: string }).id,
          request.body as never,
          (current) => checkIfMatch(request, etagOf(current.id, current.updatedAt.toISOString())),
          relation,
        );
        reply.header('ETag', etagOf(updated.id, updated.updatedAt.toISOString()));
        return (await identity.userViewsWithCreators([updated]))(updated);
      },
    );

    app.post(
      `${base}/:id/password-reset`,
      {
        config: { ...config('users.resetPassword'), idempotent: false },
        schema: {
          tags: ['identity'],
          summary: summaryOf("Reset a user's password: a temporary one, shown once; the user's sessions and tokens end"),
          params: idParams,
          response: withErrors({ 201: Type.Object({ user: User, temporaryPassword: Type.String() }) }),
        },
      },
      async (request, reply) => {
        const { tenantId, relation } = await managedTenant(request, 'users.resetPassword');
        return reply.code(201).send(await identity.resetUserPassword(requestContext(request), tenantId, (request.params as { id: string }).id, relation));
      },
    );
  }
}
