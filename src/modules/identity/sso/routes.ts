// Single sign-on over HTTP: the tenant's identity provider connection and the email domains it
// claims with a DNS TXT record (global admins, ACC-5), and the sign-in through it (anyone: start
// with an email, come back from the provider to the callback).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/access.js';
import { sessionCookie } from '../../../platform/auth/plugin.js';
import type { Platform } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { AbsentQuery, answerAbsent, checkIfMatch, etagOf, NoContent, requestContext, withErrors } from '../../../platform/http.js';
import { TenantParams } from '../contract.js';
import {
  ConnectionBody,
  DomainBody,
  DomainParams,
  IdentityProviderConnection,
  IdentityProviderDomain,
  IdentityProviderDomains,
  SsoCallbackQuery,
  SsoRedirect,
  SsoStartBody,
  SsoStarted,
} from './contract.js';
import { SsoRefused, type SsoService } from './service.js';

const tags = ['identity'];

/** Binds a started sign-in to the browser that started it, until the provider sends it back. */
export const ssoCookie = 'cc_sso';
const ssoCookiePath = '/v1/sso';

export function ssoRoutes(fastify: FastifyInstance, platform: Platform, sso: SsoService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const secure = platform.config.publicUrl.startsWith('https:');
  const versionOf = (row: { id: string; updatedAt: Date }) => etagOf(row.id, row.updatedAt.toISOString());

  /** Only the caller's own tenant has a connection it may see; any other tenant's is "not found". */
  function ownTenant(actor: Actor, tenantId: string): string {
    if (tenantId !== actor.tenantId) throw new AppError('not_found', { resource: 'identityProvider' });
    return tenantId;
  }

  app.get(
    '/v1/tenants/:tenantId/identity-provider',
    {
      config: { permission: 'identityProvider.manage' },
      schema: {
        tags,
        summary: "The tenant's identity provider connection for single sign-on (ETag; never the client secret); 404 while there is none, or 204 with whenAbsent=noContent",
        params: TenantParams,
        querystring: AbsentQuery,
        response: withErrors({ 200: IdentityProviderConnection, 204: NoContent }),
      },
    },
    async (request, reply) => {
      const found = await sso.getConnection(ownTenant(request.actor!, request.params.tenantId));
      if (!found) return answerAbsent(reply, request.query, 'identityProvider');
      reply.header('ETag', versionOf(found.row));
      return found.view;
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
        body: ConnectionBody,
        response: withErrors({ 200: IdentityProviderConnection, 201: IdentityProviderConnection }),
      },
    },
    async (request, reply) => {
      const tenantId = ownTenant(request.actor!, request.params.tenantId);
      const result = await sso.putConnection(requestContext(request), tenantId, request.body, (current) => {
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
      await sso.deleteConnection(requestContext(request), ownTenant(request.actor!, request.params.tenantId), (current) => checkIfMatch(request, versionOf(current)));
      return reply.code(204).send(null);
    },
  );

  const domainsPath = '/v1/tenants/:tenantId/identity-provider/domains';

  app.get(
    domainsPath,
    {
      config: { permission: 'identityProvider.manage' },
      schema: { tags, summary: "The tenant's claimed single sign-on domains: each one's status and the DNS TXT record that proves control (ACC-5)", params: TenantParams, response: withErrors({ 200: IdentityProviderDomains }) },
    },
    async (request) => sso.listDomains(ownTenant(request.actor!, request.params.tenantId)),
  );

  app.post(
    domainsPath,
    {
      config: { permission: 'identityProvider.manage' },
      schema: {
        tags,
        summary: 'Claim an email domain for single sign-on: the TXT record to publish (it signs in only once verified; 200 when already claimed)',
        params: TenantParams,
        body: DomainBody,
        response: withErrors({ 200: IdentityProviderDomain, 201: IdentityProviderDomain }),
      },
    },
    async (request, reply) => {
      const result = await sso.claimDomain(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.body.domain);
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
        response: withErrors({ 200: IdentityProviderDomain }),
      },
    },
    async (request) => sso.verifyDomain(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.params.domain),
  );

  app.delete(
    `${domainsPath}/:domain`,
    {
      config: { permission: 'identityProvider.manage' },
      schema: { tags, summary: 'Remove a claimed domain: its users sign in with passwords again', params: DomainParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await sso.removeDomain(requestContext(request), ownTenant(request.actor!, request.params.tenantId), request.params.domain);
      return reply.code(204).send(null);
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
        body: SsoStartBody,
        response: withErrors({ 200: SsoStarted }),
      },
    },
    async (request, reply) => {
      const started = await sso.start(request.body.email, request.body.next);
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
        querystring: SsoCallbackQuery,
        response: withErrors({ 302: SsoRedirect }),
      },
    },
    async (request, reply) => {
      // Every parameter the provider sent, in order, as it sent them (the check needs them all).
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
