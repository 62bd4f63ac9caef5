// Single sign-on through a tenant's OpenID Connect identity provider: the connection (issuer,
// client, email domains; the client secret stored sealed and never shown again), and the sign-in
// (authorization code with PKCE S256, state and nonce kept in the database, bound to the browser).
// A signed-in user gets a session exactly like a password sign-in (identity.startSession).
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { sealer } from '../../../platform/auth/sealing.js';
import { hashSecret, newSecret, safeEqual } from '../../../platform/auth/tokens.js';
import { isUniqueViolation, type Platform } from '../../../platform/context.js';
import { AppError, invalidFields, notFound, type ErrorCode } from '../../../platform/errors.js';
import type { Queryable } from '../../../db/index.js';
import { identityProviderDomains, identityProviders, ssoSignIns, users } from '../schema.js';
import type { IdentityService } from '../service.js';
import { allowsInsecureIssuer, connectionDomainProblems, emailDomain, issuerProblems, normalizeDomain, safeNextPath, ssoEmailFrom, ssoSignInMinutes } from './rules.js';

type ProviderRow = typeof identityProviders.$inferSelect;

export interface ConnectionInput {
  issuer: string;
  clientId: string;
  /** Required when connecting; when editing, left out keeps the stored one. */
  clientSecret?: string;
  domains: string[];
}

/** What leaves the server about a connection: never the client secret. */
function connectionView(row: ProviderRow, domains: string[]) {
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretSet: true as const,
    domains,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A refused single sign-on: the callback sends the browser to the sign-in page with this code. */
export class SsoRefused extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

export function ssoService(platform: Platform, deps: { identity: IdentityService }) {
  const { db, config } = platform;
  const box = sealer(config.sessionSecret, 'identity-provider');
  /** Where providers send the browser back; register this redirect URI with the provider. */
  const callbackUrl = `${config.publicUrl.replace(/\/$/, '')}/v1/sso/callback`;
  // Discovery documents per connection version, so each sign-in does not fetch them again.
  const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();
  const discoveryMaxAgeMs = 3_600_000;

  function discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    return oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
      execute: allowsInsecureIssuer(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
  }

  function configurationOf(row: ProviderRow): Promise<oidc.Configuration> {
    const key = `${row.id}:${row.updatedAt.toISOString()}`;
    const cached = discovered.get(key);
    if (cached && Date.now() - cached.at < discoveryMaxAgeMs) return cached.configuration;
    const configuration = discover(row.issuer, row.clientId, box.open(row.clientSecretSealed));
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, { at: Date.now(), configuration });
    return configuration;
  }

  async function domainsOf(q: Queryable, identityProviderId: string): Promise<string[]> {
    const rows = await q
      .select({ domain: identityProviderDomains.domain })
      .from(identityProviderDomains)
      .where(eq(identityProviderDomains.identityProviderId, identityProviderId))
      .orderBy(asc(identityProviderDomains.domain));
    return rows.map((r) => r.domain);
  }

  async function tenantUserDomains(q: Queryable, tenantId: string): Promise<Set<string>> {
    const rows = await q.select({ email: users.email }).from(users).where(eq(users.tenantId, tenantId));
    return new Set(rows.map((r) => emailDomain(r.email)));
  }

  /** The tenant's connection, or 404 when it has none. */
  async function getConnection(tenantId: string) {
    const [row] = await db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
    if (!row) throw notFound('identityProvider');
    return { row, view: connectionView(row, await domainsOf(db, row.id)) };
  }

  /** Connects or edits the tenant's identity provider; the issuer is discovered first, so a bad one saves nothing. */
  async function putConnection(ctx: RequestContext, tenantId: string, input: ConnectionInput, checkVersion: (current: ProviderRow | undefined) => void) {
    const issuer = input.issuer.trim();
    const domains = input.domains.map(normalizeDomain);
    const problems = [...issuerProblems(issuer, { allowLoopbackHttp: !config.production }), ...connectionDomainProblems(input.domains, await tenantUserDomains(db, tenantId))];
    const [existing] = await db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
    if (!existing && input.clientSecret === undefined) problems.push({ path: '/clientSecret', code: 'required' });
    if (problems.length) throw invalidFields(...problems);
    checkVersion(existing);
    await assertDomainsFree(db, tenantId, domains);
    const clientSecret = input.clientSecret ?? box.open(existing!.clientSecretSealed);
    try {
      await discover(issuer, input.clientId, clientSecret);
    } catch (error) {
      throw new AppError('identity_provider_discovery_failed', { issuer, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
    }
    return platform.transaction(async (tx) => {
      const [before] = await tx.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).for('update');
      checkVersion(before);
      const beforeView = before ? connectionView(before, await domainsOf(tx, before.id)) : null;
      const values = {
        issuer,
        clientId: input.clientId.trim(),
        ...(input.clientSecret !== undefined ? { clientSecretSealed: box.seal(input.clientSecret) } : {}),
        updatedAt: new Date(),
      };
      const [row] = before
        ? await tx.update(identityProviders).set(values).where(eq(identityProviders.id, before.id)).returning()
        : await tx
            .insert(identityProviders)
            .values({ ...values, tenantId, clientSecretSealed: box.seal(input.clientSecret!) })
            .returning();
      await tx.delete(identityProviderDomains).where(eq(identityProviderDomains.identityProviderId, row!.id));
      await assertDomainsFree(tx, tenantId, domains);
      try {
        await tx.insert(identityProviderDomains).values(domains.map((domain) => ({ domain, identityProviderId: row!.id, tenantId })));
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('identity_provider_domain_taken', { domain: domains.join(', ') });
        throw error;
      }
      const after = connectionView(row!, [...domains].sort());
      await writeAudit(tx, ctx, {
        tenantId,
        action: before ? 'identityProvider.updated' : 'identityProvider.created',
        resourceType: 'identityProvider',
        resourceId: row!.id,
        before: beforeView,
        // The secret itself is never recorded; only that it was replaced.
        after: { ...after, clientSecretChanged: input.clientSecret !== undefined },
      });
      return { row: row!, view: after, created: !before };
    });
  }

  /** 409 naming the first domain another tenant's connection already has. */
  async function assertDomainsFree(q: Queryable, tenantId: string, domains: string[]) {
    if (domains.length === 0) return;
    const claimed = await q
      .select({ domain: identityProviderDomains.domain, tenantId: identityProviderDomains.tenantId })
      .from(identityProviderDomains)
      .where(inArray(identityProviderDomains.domain, domains));
    const elsewhere = new Set(claimed.filter((c) => c.tenantId !== tenantId).map((c) => c.domain));
    const domain = domains.find((d) => elsewhere.has(d));
    if (domain) throw new AppError('identity_provider_domain_taken', { domain });
  }

  async function deleteConnection(ctx: RequestContext, tenantId: string, checkVersion: (current: ProviderRow) => void) {
    await platform.transaction(async (tx) => {
      const [row] = await tx.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).for('update');
      if (!row) throw notFound('identityProvider');
      checkVersion(row);
      const before = connectionView(row, await domainsOf(tx, row.id));
      await tx.delete(identityProviders).where(eq(identityProviders.id, row.id));
      await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.deleted', resourceType: 'identityProvider', resourceId: row.id, before });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Sign-in

  /**
   * Starts a sign-in for an email whose domain has a connection: the provider's authorization URL,
   * and the browser secret the caller keeps in a cookie until the provider sends the user back.
   */
  async function start(email: string, next?: string) {
    const [found] = await db
      .select({ provider: identityProviders })
      .from(identityProviderDomains)
      .innerJoin(identityProviders, eq(identityProviders.id, identityProviderDomains.identityProviderId))
      .where(eq(identityProviderDomains.domain, emailDomain(email)));
    if (!found) throw new AppError('sso_not_configured');
    let configuration: oidc.Configuration;
    try {
      configuration = await configurationOf(found.provider);
    } catch {
      throw new AppError('identity_provider_unavailable');
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const browserSecret = newSecret('ccb');
    await db.delete(ssoSignIns).where(lt(ssoSignIns.expiresAt, sql`now() - interval '1 day'`));
    await db.insert(ssoSignIns).values({
      stateHash: hashSecret(state),
      browserHash: hashSecret(browserSecret),
      identityProviderId: found.provider.id,
      nonce,
      codeVerifierSealed: box.seal(codeVerifier),
      nextPath: next === undefined ? null : safeNextPath(next),
      expiresAt: new Date(Date.now() + ssoSignInMinutes * 60_000),
    });
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: callbackUrl,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      login_hint: email.trim(),
    });
    return { authorizationUrl: authorizationUrl.href, browserSecret, expiresAt: new Date(Date.now() + ssoSignInMinutes * 60_000) };
  }

  /**
   * The provider sent the browser back: the sign-in under way is taken (once), the code exchanged
   * and the ID token checked by openid-client (issuer, audience, signature, nonce, PKCE), then the
   * user of the connection's tenant with that email gets a session. Refusals throw SsoRefused.
   */
  async function finish(ctx: RequestContext, input: { query: URLSearchParams; browserSecret: string | undefined; userAgent?: string }) {
    const state = input.query.get('state');
    if (!state || state.length > 200 || !input.browserSecret) throw new SsoRefused('sso_state_invalid');
    const [pending] = await db
      .update(ssoSignIns)
      .set({ usedAt: new Date() })
      .where(and(eq(ssoSignIns.stateHash, hashSecret(state)), isNull(ssoSignIns.usedAt)))
      .returning();
    if (!pending || !safeEqual(pending.browserHash, hashSecret(input.browserSecret))) throw new SsoRefused('sso_state_invalid');
    if (pending.expiresAt.getTime() <= Date.now()) throw new SsoRefused('sso_state_expired');
    const [provider] = await db.select().from(identityProviders).where(eq(identityProviders.id, pending.identityProviderId));
    if (!provider) throw new SsoRefused('sso_not_configured');
    if (input.query.has('error')) throw new SsoRefused('sso_provider_refused');
    let configuration: oidc.Configuration;
    try {
      configuration = await configurationOf(provider);
    } catch {
      throw new SsoRefused('identity_provider_unavailable');
    }
    const currentUrl = new URL(callbackUrl);
    for (const [key, value] of input.query) currentUrl.searchParams.append(key, value);
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: box.open(pending.codeVerifierSealed),
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      claims = { ...idToken };
      // Many providers put the email in the UserInfo response only; its subject must be the ID token's.
      if (claims.email === undefined && tokens.access_token) claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...idToken };
    } catch (error) {
      platform.log.warn({ err: error instanceof Error ? error.message : String(error), identityProviderId: provider.id }, 'single sign-on: code exchange refused');
      throw new SsoRefused('sso_token_invalid');
    }
    const checked = ssoEmailFrom(claims, await domainsOf(db, provider.id));
    if ('refused' in checked) throw new SsoRefused(checked.refused);
    const user = await deps.identity.findUserByEmail(checked.email);
    if (!user || user.tenantId !== provider.tenantId) throw new SsoRefused('sso_user_unknown');
    if (user.state !== 'active') throw new SsoRefused('sso_user_inactive');
    const session = await deps.identity.startSession(ctx, user, input.userAgent, { method: 'sso', identityProviderId: provider.id, issuer: provider.issuer });
    return { ...session, nextPath: pending.nextPath ?? '/' };
  }

  return { callbackUrl, getConnection, putConnection, deleteConnection, start, finish };
}

export type SsoService = ReturnType<typeof ssoService>;
