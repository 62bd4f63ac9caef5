// Apps over HTTP: a tenant's app registrations and their client secrets (its global admins: apps.manage,
// in their own tenant only — any other tenant's apps are "not found"), and the OAuth 2.0 token endpoint
// and signing keys (public).
//
// The token endpoint speaks OAuth (RFC 6749): it reads application/x-www-form-urlencoded bodies (and
// JSON), and its errors carry RFC 6749 §5.2's `error` and `error_description` — what OAuth clients read —
// on the same problem document every route answers with (code, detail in the caller's language, errors
// naming the field, requestId), sent as application/json as RFC 6749 requires. Its own scope holds the
// form parser and that error handler, so no other route accepts forms or answers like this.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Actor } from '../../../platform/access.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { checkIfMatch, collection, decodeTimeCursor, defaultPageSize, etagOf, NoContent, Problem, problemBody, requestContext, sendProblem, timeCursorOf, toAppError, withErrors } from '../../../platform/http.js';
import { TenantParams } from '../contract.js';
import { App, AppBody, AppListQuery, AppParams, AppPatch, Apps, AppSecretParams, Jwks, NewAppSecret, OAuthProblem, RegisteredApp, SecretBody, TokenRequest, TokenResponse } from './contract.js';
import { oauthErrorOf } from './rules.js';
import type { AppsService } from './service.js';
import type { AppRow } from './views.js';

const tags = ['identity'];
const formType = 'application/x-www-form-urlencoded';

export function appsRoutes(fastify: FastifyInstance, apps: AppsService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const versionOf = (row: AppRow) => etagOf(row.id, row.updatedAt.toISOString());

  /** Only the caller's own tenant's apps are its to see; any other tenant is "not found". */
  function ownTenant(actor: Actor, tenantId: string): string {
    if (tenantId !== actor.tenantId) throw notFound('tenant');
    return tenantId;
  }

  const base = '/v1/tenants/:tenantId/apps';

  app.get(
    base,
    {
      config: { permission: 'apps.manage' },
      schema: { tags, summary: "The tenant's apps (client credentials for integrations), oldest first, with their secrets (never a secret itself)", params: TenantParams, querystring: AppListQuery, response: withErrors({ 200: Apps }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await apps.listApps(ownTenant(request.actor!, request.params.tenantId), { size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (a) => timeCursorOf(a.row, a.row.createdAt), (a) => a.view);
    },
  );

  app.post(
    base,
    {
      config: { permission: 'apps.manage' },
      schema: {
        tags,
        summary: 'Register an app: its permissions (only ones you hold), a client ID and a first secret, shown in this answer only',
        params: TenantParams,
        body: AppBody,
        response: withErrors({ 201: RegisteredApp }),
      },
    },
    async (request, reply) => reply.code(201).send(await apps.registerApp(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.body)),
  );

  app.get(
    `${base}/:appId`,
    { config: { permission: 'apps.manage' }, schema: { tags, summary: 'One app (ETag)', params: AppParams, response: withErrors({ 200: App }) } },
    async (request, reply) => {
      const { row, view } = await apps.getApp(ownTenant(request.actor!, request.params.tenantId), request.params.appId);
      reply.header('ETag', versionOf(row));
      return view;
    },
  );

  app.patch(
    `${base}/:appId`,
    {
      config: { permission: 'apps.manage' },
      schema: {
        tags,
        summary: 'Rename an app, change its permissions (only ones you hold) or disable it: its tokens stop working on their next request (If-Match honoured)',
        params: AppParams,
        body: AppPatch,
        response: withErrors({ 200: App }),
      },
    },
    async (request, reply) => {
      const tenantId = ownTenant(request.actor!, request.params.tenantId);
      const { row, view } = await apps.updateApp(requestContext(request), tenantId, request.params.appId, request.body, (current) => checkIfMatch(request, versionOf(current)));
      reply.header('ETag', versionOf(row));
      return view;
    },
  );

  app.delete(
    `${base}/:appId`,
    {
      config: { permission: 'apps.manage' },
      schema: { tags, summary: 'Delete an app: its secrets are revoked and its tokens stop working (If-Match honoured)', params: AppParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await apps.deleteApp(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.params.appId, (current) => checkIfMatch(request, versionOf(current)));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:appId/secrets`,
    {
      config: { permission: 'apps.manage' },
      schema: {
        tags,
        summary: 'A new client secret, to rotate (shown in this answer only; at most two valid at a time: revoke the old one once the new one is in use)',
        params: AppParams,
        body: SecretBody,
        response: withErrors({ 201: NewAppSecret }),
      },
    },
    async (request, reply) => reply.code(201).send(await apps.addSecret(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.params.appId, request.body)),
  );

  app.delete(
    `${base}/:appId/secrets/:secretId`,
    {
      config: { permission: 'apps.manage' },
      schema: { tags, summary: 'Revoke a client secret: it gets no more tokens, and the tokens it got stop working', params: AppSecretParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await apps.revokeSecret(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.params.appId, request.params.secretId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/oauth/jwks',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The public keys app access tokens are signed with (RFC 7517), the current one and those whose tokens may still be valid', response: withErrors({ 200: Jwks }) },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300');
      return apps.jwks();
    },
  );

  fastify.register(async (scope) => {
    // RFC 6749 §3.2: a parameter sent twice is an invalid request.
    scope.addContentTypeParser(formType, { parseAs: 'string' }, (_request, body, done) => {
      const params = new URLSearchParams(String(body));
      const names = [...params.keys()];
      const repeated = names.find((name, index) => names.indexOf(name) !== index);
      if (repeated !== undefined) return done(new AppError('oauth_invalid_request', {}, [{ path: `/${repeated}`, code: 'oauth_invalid_request' }]), undefined);
      done(null, Object.fromEntries(params));
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      let appError = toAppError(error);
      if (appError.code === 'unsupported_media_type') appError = new AppError('unsupported_media_type', { expected: `${formType} or application/json` });
      const oauthError = oauthErrorOf(appError.code, appError.status);
      if (!oauthError) {
        request.log.error({ err: error }, 'request failed');
        return sendProblem(request, reply, appError);
      }
      const problem = problemBody(request, appError);
      reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
      // RFC 6749 §5.2: a client that authenticated with HTTP Basic is told how to, with the 401.
      if (oauthError === 'invalid_client') reply.header('WWW-Authenticate', 'Basic realm="Channel Center", charset="UTF-8"');
      return reply.code(appError.status).type('application/json; charset=utf-8').send({ error: oauthError, error_description: problem.detail, ...problem });
    });
    const oauth = scope.withTypeProvider<TypeBoxTypeProvider>();
    oauth.post(
      '/v1/oauth/token',
      {
        config: { auth: 'public', idempotent: false },
        schema: {
          tags,
          summary: "An app's access token (OAuth 2.0 client credentials grant, RFC 6749 §4.4): a JWT for one hour with exactly the app's permissions, in its own tenant",
          description:
            'Authenticate with HTTP Basic (client ID and secret) or client_id and client_secret in the body; grant_type=client_credentials; scope optional. ' +
            'Errors carry RFC 6749 §5.2 `error` and `error_description` alongside the problem fields.',
          consumes: [formType, 'application/json'],
          body: TokenRequest,
          response: { 200: TokenResponse, '4xx': OAuthProblem, '5xx': Problem },
        },
      },
      async (request, reply) => {
        // RFC 6749 §5.1: the answer holds a credential and is never cached.
        reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
        return apps.issueToken(requestContext(request), request.body, request.headers.authorization);
      },
    );
  });
}
