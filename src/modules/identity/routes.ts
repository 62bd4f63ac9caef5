// Identity HTTP routes: path, request and response schemas (contract.ts), permission, one service call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { delegatedRefusal, requirePermission, type Actor, type TenantRelation } from '../../platform/access.js';
import { sessionCookie } from '../../platform/auth/plugin.js';
import type { Platform } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { checkIfMatch, collection, decodeTimeCursor, defaultPageSize, etagOf, IdParams, NoContent, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import type { Locale } from '../../platform/i18n/index.js';
import {
  AccessTokens,
  AddedUser,
  CreatedTenant,
  CreateTenantBody,
  Me,
  MePatch,
  NewAccessToken,
  OwnTenantParams,
  PasswordChangeBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  PasswordResetRequested,
  SessionProbe,
  SignedIn,
  SignInBody,
  TenantParams,
  TenantUserParams,
  TokenBody,
  User,
  UserBody,
  UserListQuery,
  UserPasswordReset,
  UserPatch,
  Users,
  type MeWarning,
} from './contract.js';
import { MfaChallengeStarted } from './mfa/contract.js';
import type { IdentityService } from './service.js';

export type MeWarnings = (actor: Actor, locale: Locale) => Promise<MeWarning[]>;

/** How the actor's tenant relates to another tenant: REL-4 admin access, CUS-4 delegated-admin roles. */
export type RelationTo = (actor: Actor, tenantId: string) => Promise<TenantRelation>;

export function identityRoutes(
  fastify: FastifyInstance,
  platform: Platform,
  identity: IdentityService,
  extensions: { meWarnings?: MeWarnings; relationTo: RelationTo },
) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
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
        body: CreateTenantBody,
        response: withErrors({ 201: CreatedTenant }),
      },
    },
    async (request, reply) => reply.code(201).send(await identity.createTenant(requestContext(request), request.body)),
  );

  app.post(
    '/v1/auth/sessions',
    {
      config: { auth: 'public', idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Sign in: starts a session (cookie) and returns its CSRF token (201); a user with a second factor gets a challenge to answer at /v1/auth/sessions/mfa instead (200, no session yet)',
        body: SignInBody,
        response: withErrors({ 200: MfaChallengeStarted, 201: SignedIn }),
      },
    },
    async (request, reply) => {
      const result = await identity.signIn(requestContext(request), request.body, request.headers['user-agent']);
      if ('challenge' in result) return reply.code(200).send(result.challenge);
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
        body: PasswordResetRequestBody,
        response: withErrors({ 202: PasswordResetRequested }),
      },
    },
    async (request, reply) => {
      await identity.requestPasswordReset(requestContext(request), request.body.email);
      return reply.code(202).send({ status: 'sent-if-known' });
    },
  );

  app.post(
    '/v1/auth/password-resets/confirm',
    {
      config: { auth: 'public', idempotent: false, lookupLimited: true },
      schema: {
        tags: ['identity'],
        summary: 'Set a new password with the emailed link; every session and personal access token of the user ends',
        body: PasswordResetConfirmBody,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await identity.confirmPasswordReset(requestContext(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1/auth/sessions/current',
    {
      config: { access: 'signedIn', allowTemporaryPassword: true, allowMfaEnrolment: true },
      schema: { tags: ['identity'], summary: 'Sign out', response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await identity.signOut(requestContext(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  const meOf = async (request: FastifyRequest, actor: Actor) => ({ ...(await identity.me(actor, request.sessionToken)), warnings: await meWarnings(actor, request.locale) });

  app.get(
    '/v1/me',
    {
      config: { access: 'signedIn', allowTemporaryPassword: true, allowMfaEnrolment: true },
      schema: { tags: ['identity'], summary: 'The signed-in user, tenant, programs and permissions, and where it stands with MFA', response: withErrors({ 200: Me }) },
    },
    async (request) => meOf(request, request.actor!),
  );

  app.get(
    '/v1/auth/session',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Whether anyone is signed in (always 200, never 401): signedIn false and no me, or signedIn true and what GET /v1/me answers',
        response: withErrors({ 200: SessionProbe }),
      },
    },
    async (request) => {
      const actor = request.actor;
      // An app's token is no signed-in user (GET /v1/me refuses it too).
      if (!actor || actor.app) return { signedIn: false, me: null };
      return { signedIn: true, me: await meOf(request, actor) };
    },
  );

  app.patch(
    '/v1/me',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['identity'],
        summary: 'Change my display name or language',
        body: MePatch,
        response: withErrors({ 200: User }),
      },
    },
    async (request) => identity.updateMe(requestContext(request), request.body),
  );

  app.post(
    '/v1/me/password',
    {
      config: { access: 'signedIn', allowTemporaryPassword: true, allowMfaEnrolment: true, idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Change my password (other sessions and every personal access token end)',
        body: PasswordChangeBody,
        response: withErrors({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await identity.changePassword(requestContext(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/me/tokens',
    {
      config: { access: 'signedIn', idempotent: false },
      schema: {
        tags: ['identity'],
        summary: 'Create a personal access token (shown once; only from a session that passed a second factor, and the token counts as one)',
        body: TokenBody,
        response: withErrors({ 201: NewAccessToken }),
      },
    },
    async (request, reply) => reply.code(201).send(await identity.createToken(requestContext(request), request.body)),
  );

  app.get(
    '/v1/me/tokens',
    { config: { access: 'signedIn' }, schema: { tags: ['identity'], summary: 'My personal access tokens', response: withErrors({ 200: AccessTokens }) } },
    async (request) => identity.listTokens(request.actor!),
  );

  app.delete(
    '/v1/me/tokens/:id',
    { config: { access: 'signedIn' }, schema: { tags: ['identity'], summary: 'Revoke a personal access token', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await identity.revokeToken(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // User management (ENR-12): the caller's own users at /v1/users, and a tenant it administers on
  // its owner's behalf (REL-4: a provider's admin agents and a reseller's users) at
  // /v1/tenants/{tenantId}/users — refused with 403 once that admin access is removed.

  /**
   * ACC-1: the tenant whose users a request manages (the one its path names, else the caller's own)
   * and how the caller relates to it, after the one permission check (403 otherwise). `params`: a user
   * route's path parameters, of either scope.
   */
  async function managedTenant(
    actor: Actor,
    params: Partial<Static<typeof TenantUserParams>>,
    permission: 'users.read' | 'users.manage' | 'users.resetPassword',
  ): Promise<{ tenantId: string; relation?: TenantRelation }> {
    const tenantId = params.tenantId ?? actor.tenantId;
    if (tenantId === actor.tenantId) {
      requirePermission(actor, permission);
      return { tenantId };
    }
    const relation = await relationTo(actor, tenantId);
    if (!relation.related) throw notFound('tenant'); // a tenant it has no relationship with is not its to know
    // ACC-3, ACC-4: the one refusal of delegated access (mfa_required, or the role it lacks there).
    const refusal = delegatedRefusal(actor, permission, tenantId, relation);
    if (refusal) throw new AppError(refusal);
    return { tenantId, relation };
  }

  for (const scope of ['own', 'delegated'] as const) {
    const base = scope === 'own' ? '/v1/users' : '/v1/tenants/:tenantId/users';
    const summaryOf = (text: string) => (scope === 'own' ? text : `${text} — in a tenant administered on its behalf`);
    const params = scope === 'own' ? OwnTenantParams : TenantParams;
    const idParams = scope === 'own' ? IdParams : TenantUserParams;
    // Own-tenant routes check the permission table up front; delegated ones check can() with the relationship.
    const config = (permission: 'users.read' | 'users.manage' | 'users.resetPassword'): FastifyContextConfig =>
      scope === 'own' ? { permission } : { access: `delegated:${permission}` };

    app.get(
      base,
      {
        config: config('users.read'),
        schema: { tags: ['identity'], summary: summaryOf('List users'), params, querystring: UserListQuery, response: withErrors({ 200: Users }) },
      },
      async (request) => {
        const { tenantId } = await managedTenant(request.actor!, request.params, 'users.read');
        const { q, size = defaultPageSize, cursor } = request.query;
        const page = await identity.listUsers(tenantId, { q, size, after: decodeTimeCursor(cursor) });
        return collection(request, page, size, (u) => timeCursorOf(u, u.createdAt), await identity.userViewsWithCreators(page.items));
      },
    );

    app.get(
      `${base}/:id`,
      { config: config('users.read'), schema: { tags: ['identity'], summary: summaryOf('One user (ETag)'), params: idParams, response: withErrors({ 200: User }) } },
      async (request, reply) => {
        const { tenantId } = await managedTenant(request.actor!, request.params, 'users.read');
        const user = await identity.getUser(tenantId, request.params.id);
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
          params,
          body: UserBody,
          response: withErrors({ 201: AddedUser }),
        },
      },
      async (request, reply) => {
        const { tenantId, relation } = await managedTenant(request.actor!, request.params, 'users.manage');
        return reply.code(201).send(await identity.addUser(requestContext(request), tenantId, request.body, relation));
      },
    );

    app.patch(
      `${base}/:id`,
      {
        config: config('users.manage'),
        schema: { tags: ['identity'], summary: summaryOf('Change a user: name, roles, active or inactive (If-Match honoured)'), params: idParams, body: UserPatch, response: withErrors({ 200: User }) },
      },
      async (request, reply) => {
        const { tenantId, relation } = await managedTenant(request.actor!, request.params, 'users.manage');
        const updated = await identity.updateUser(
          requestContext(request),
          tenantId,
          request.params.id,
          request.body,
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
          response: withErrors({ 201: UserPasswordReset }),
        },
      },
      async (request, reply) => {
        const { tenantId, relation } = await managedTenant(request.actor!, request.params, 'users.resetPassword');
        return reply.code(201).send(await identity.resetUserPassword(requestContext(request), tenantId, request.params.id, relation));
      },
    );
  }
}
