// Single sign-on over HTTP: the tenant's identity provider connection and the email domains it
// claims with a DNS TXT record (global admins, ACC-5), and the sign-in through it (anyone: start
// with an email, come back from the provider to the callback).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookie } from '../../../platform/auth/plugin.js';
import { AppError } from '../../../platform/errors.js';
import { checkIfMatch, Collection, DateTime, etagOf, NoContent, requestContext, withErrors } from '../../../platform/http.js';
import type { Platform } from '../../../platform/context.js';
import { SsoRefused, type SsoService } from './service.js';

const strict = { additionalProperties: false } as const;
const tags = ['identity'];

/** Binds a started sign-in to the browser that started it, until the provider sends it back. */
export const ssoCookie = 'cc_sso';
const ssoCookiePath = '/v1/sso';

const Connection = Type.Object(
  {
    issuer: Type.String(),
    clientId: Type.String(),
    clientSecretSet: Type.Literal(true),
    domains: Type.Array(Type.String(), { description: 'The verified domains that sign in through it (ACC-5)' }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'IdentityProviderConnection' },
);

const DomainClaim = Type.Object(
  {
    domain: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('verified')]),
    record: Type.Object(
      { type: Type.Literal('TXT'), name: Type.String(), value: Type.String() },
      { description: 'The DNS record to publish; verifying looks it up' },
    ),
    createdAt: DateTime,
    verifiedAt: Type.Union([DateTime, Type.Null()]),
  },
  { title: 'IdentityProviderDomain' },
);

const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) }, strict);
const DomainParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), domain: Type.String({ minLength: 1, maxLength: 253 }) }, strict);

export function ssoRoutes(app: FastifyInstance, platform: Platform, sso: SsoService) {
  const secure = platform.config.publicUrl.startsWith('https:');
  const versionOf = (row: { id: string; updatedAt: Date }) => etagOf(row.id, row.updatedAt.toISOString());

  /** Only the caller's own tenant has a connection it may see; any other tenant's is "not found". */
  function ownTenant(request: FastifyRequest): string {
    const { tenantId } = request.params as { tenantId: string };
    if (tenantId !== request.actor!.tenantId) throw new AppError('not_found', { resource: 'identityProvider' });
    return tenantId;
  }

  app.get(
    '/v1/tenants/:tenantId/identity-provider',
    {
      config: { permission: 'identityProvider.manage' },
      schema: { tags, summary: "The tenant's identity provider connection for single sign-on (ETag; never the client secret)", params: TenantParams, response: withErrors({ 200: Connection }) },
    },
    async (request, reply) => {
      const { row, view } = await sso.getConnection(ownTenant(request));
      reply.header('ETag', versionOf(row));
      return view;
    },
  );

  app.put(
    '/v1/tenants/:tenantId/identity-provider',
    {
      config: { permission: 'identityProvider.manage' },
      schema: {
        tags,
        summary: 'Connect or change the OpenID Connect identity provider (the issuer is discovered before saving; If-Match honoured)',
        params: TenantParams,
        body: Type.Object(
          {
            issuer: Type.String({ minLength: 1, maxLength: 500 }),
            clientId: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
            clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Write-only: required when connecting, left out to keep the stored one' })),
          },
          strict,
        ),
        response: withErrors({ 200: Connection, 201: Connection }),
      },
    },
    async (request, reply) => {
      const tenantId = ownTenant(request);
      const result = await sso.putConnection(requestContext(request), tenantId, request.body as never, (current) => {
        if (current) checkIfMatch(request, versionOf(current));
      });
      reply.header('ETag', versionOf(result.row));
      return reply.code(result.created ? 201 : 200).send(result.view);
    },
  );

  app.delete(
    '/v1/tenants/:tenantId/identity-provider',
    {
      config: { permission: 'identityProvider.manage' },
      schema: { tags, summary: 'Remove the identity provider: its users sign in with passwords again (If-Match honoured)', params: TenantParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await sso.deleteConnection(requestContext(request), ownTenant(request), (current) => checkIfMatch(request, versionOf(current)));
      return reply.code(204).send();
    },
  );

  const domainsPath = '/v1/tenants/:tenantId/identity-provider/domains';
  const domainOf = (request: FastifyRequest) => (request.params as { domain: string }).domain;

  app.get(
    domainsPath,
    {
      config: { permission: 'identityProvider.manage' },
      schema: { tags, summary: "The tenant's claimed single sign-on domains: each one's status and the DNS TXT record that proves control (ACC-5)", params: TenantParams, response: withErrors({ 200: Collection(DomainClaim, 'IdentityProviderDomains') }) },
    },
    async (request) => sso.listDomains(ownTenant(request)),
  );

  app.post(
    domainsPath,
    {
      config: { permission: 'identityProvider.manage' },
      schema: {
        tags,
        summary: 'Claim an email domain for single sign-on: the TXT record to publish (it signs in only once verified; 200 when already claimed)',
        params: TenantParams,
        body: Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }, strict),
        response: withErrors({ 200: DomainClaim, 201: DomainClaim }),
      },
    },
    async (request, reply) => {
      const result = await sso.claimDomain(requestContext(request), ownTenant(request), (request.body as { domain: string }).domain);
      return reply.code(result.created ? 201 : 200).send(result.view);
    },
  );

  app.post(
    `${domainsPath}/:domain/verify`,
    {
      config: { permission: 'identityProvider.manage' },
      schema: {
        tags,
        summary: "Verify a claimed domain: looks up its TXT record; once found, the domain signs in through the tenant's provider and other tenants' unverified claims are dropped",
        params: DomainParams,
        response: withErrors({ 200: DomainClaim }),
      },
    },
    async (request) => sso.verifyDomain(requestContext(request), ownTenant(request), domainOf(request)),
  );

  app.delete(
    `${domainsPath}/:domain`,
    {
      config: { permission: 'identityProvider.manage' },
      schema: { tags, summary: 'Remove a claimed domain: its users sign in with passwords again', params: DomainParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await sso.removeDomain(requestContext(request), ownTenant(request), domainOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/sso/start',
    {
      // Which domains use single sign-on is not secret (the provider's page shows it), but failed
      // look-ups are still limited per address like other guessable look-ups.
      config: { auth: 'public', idempotent: false, lookupLimited: true },
      schema: {
        tags,
        summary: "Sign in with your organization's account: the identity provider's authorization URL for this email (404 when its domain has none)",
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), next: Type.Optional(Type.String({ maxLength: 1000 })) }, strict),
        response: withErrors({ 200: Type.Object({ authorizationUrl: Type.String() }) }),
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; next?: string };
      const started = await sso.start(body.email, body.next);
      reply.setCookie(ssoCookie, started.browserSecret, { path: ssoCookiePath, httpOnly: true, sameSite: 'lax', secure, expires: started.expiresAt });
      return { authorizationUrl: started.authorizationUrl };
    },
  );

  app.get(
    '/v1/sso/callback',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Where the identity provider sends the browser back: signs in and redirects to the portal, or to the sign-in page with ?ssoError=<code>',
        // Providers add parameters of their own (session_state, scope …): every one is passed on to the check.
        querystring: Type.Object(
          {
            code: Type.Optional(Type.String({ maxLength: 4000 })),
            state: Type.Optional(Type.String({ maxLength: 4000 })),
            iss: Type.Optional(Type.String({ maxLength: 4000 })),
            error: Type.Optional(Type.String({ maxLength: 4000 })),
          },
          { additionalProperties: Type.String({ maxLength: 4000 }) },
        ),
        response: withErrors({ 302: Type.Null({ description: 'Redirect to the portal (signed in) or to /signin?ssoError=<code>' }) }),
      },
    },
    async (request, reply) => {
      const query = new URL(request.url, 'http://callback.invalid').searchParams;
      reply.clearCookie(ssoCookie, { path: ssoCookiePath });
      try {
        const result = await sso.finish(requestContext(request), { query, browserSecret: request.cookies?.[ssoCookie], userAgent: request.headers['user-agent'] });
        reply.setCookie(sessionCookie, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: result.expiresAt });
        return redirect(reply, result.nextPath);
      } catch (error) {
        if (error instanceof SsoRefused || (error instanceof AppError && error.code !== 'internal_error')) return redirect(reply, `/signin?ssoError=${encodeURIComponent(error.code)}`);
        throw error;
      }
    },
  );
}

function redirect(reply: FastifyReply, location: string) {
  return reply.code(302).header('Location', location).header('Cache-Control', 'no-store').send();
}
