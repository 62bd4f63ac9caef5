// Single sign-on through a tenant's OpenID Connect identity provider: the connection (issuer,
// client; the client secret stored sealed and never shown again), the email domains it serves, each
// claimed with proof of control by a DNS TXT record (ACC-5), and the sign-in (authorization code with
// PKCE S256, state and nonce kept in the database, bound to the browser). A signed-in user gets a
// session exactly like a password sign-in (identity.startSession). Every request to the provider
// goes through the outbound guard (platform/outbound.ts): the issuer and its endpoints are URLs a
// tenant chose.
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { sealer } from '../../../platform/auth/sealing.js';
import { hashSecret, newSecret, safeEqual } from '../../../platform/auth/tokens.js';
import { isUniqueViolation, type Platform } from '../../../platform/context.js';
import { AppError, invalidFields, notFound, type ErrorCode } from '../../../platform/errors.js';
import { outbound, OutboundFailure } from '../../../platform/outbound.js';
import type { Queryable } from '../../../db/index.js';
import { identityProviderDomainClaims, identityProviderDomains, identityProviders, ssoSignIns } from '../schema.js';
import type { IdentityService } from '../service.js';
import {
  allowsInsecureIssuer,
  domainProblems,
  domainVerificationRecord,
  emailDomain,
  issuerProblems,
  maxClaimedDomains,
  normalizeDomain,
  safeNextPath,
  ssoEmailFrom,
  ssoSignInMinutes,
  verificationRecordFound,
} from './rules.js';

type ProviderRow = typeof identityProviders.$inferSelect;
type ClaimRow = typeof identityProviderDomainClaims.$inferSelect;

export interface ConnectionInput {
  issuer: string;
  clientId: string;
  /** Required when connecting; when editing, left out keeps the stored one. */
  clientSecret?: string;
}

/** What leaves the server about a connection: never the client secret. `domains`: the verified ones it signs in. */
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

/** A claimed domain: its status and the TXT record that proves control of it (ACC-5). */
function claimView(row: ClaimRow) {
  return {
    domain: row.domain,
    status: row.verifiedAt ? ('verified' as const) : ('pending' as const),
    record: domainVerificationRecord(row.domain, row.verificationToken),
    createdAt: row.createdAt.toISOString(),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
  };
}

/** The audit record's view of a claim: the token is left out (it is in the record's value). */
function claimAudit(row: ClaimRow) {
  return { domain: row.domain, status: row.verifiedAt ? 'verified' : 'pending', verifiedAt: row.verifiedAt?.toISOString() ?? null };
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
  const net = outbound(config);
  /** Where providers send the browser back; register this redirect URI with the provider. */
  const callbackUrl = `${config.publicUrl.replace(/\/$/, '')}/v1/sso/callback`;
  // Discovery documents per connection version, so each sign-in does not fetch them again.
  const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();
  const discoveryMaxAgeMs = 3_600_000;

  /** The provider's configuration; every request it makes later (token, keys, user info) uses the same guard. */
  function discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    return oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
      execute: allowsInsecureIssuer(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
      [oidc.customFetch]: net.fetch,
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

  /** The tenant's connection, or 404 when it has none. */
  async function getConnection(tenantId: string) {
    const [row] = await db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
    if (!row) throw notFound('identityProvider');
    return { row, view: connectionView(row, await domainsOf(db, row.id)) };
  }

  /**
   * Connects or edits the tenant's identity provider; the issuer is discovered first, so a bad one
   * saves nothing. Whatever went wrong, the answer is the same (the guard's refusal, nothing
   * listening, not a provider): only the log says which.
   */
  async function putConnection(ctx: RequestContext, tenantId: string, input: ConnectionInput, checkVersion: (current: ProviderRow | undefined) => void) {
    const issuer = input.issuer.trim();
    const problems = issuerProblems(issuer, { allowLoopbackHttp: !config.production });
    const [existing] = await db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
    if (!existing && input.clientSecret === undefined) problems.push({ path: '/clientSecret', code: 'required' });
    if (problems.length) throw invalidFields(...problems);
    checkVersion(existing);
    const clientSecret = input.clientSecret ?? box.open(existing!.clientSecretSealed);
    try {
      await discover(issuer, input.clientId, clientSecret);
    } catch (error) {
      platform.log.info({ tenantId, reason: discoveryFailureReason(error) }, 'identity provider discovery failed');
      throw new AppError('identity_provider_discovery_failed', { issuer });
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
      // ACC-5: a new connection signs in the domains the tenant has already verified.
      if (!before) {
        await tx.execute(sql`
          insert into ${identityProviderDomains} (domain, identity_provider_id, tenant_id)
          select domain, ${row!.id}, tenant_id from ${identityProviderDomainClaims}
          where tenant_id = ${tenantId} and verified_at is not null`);
      }
      const after = connectionView(row!, await domainsOf(tx, row!.id));
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

  async function deleteConnection(ctx: RequestContext, tenantId: string, checkVersion: (current: ProviderRow) => void) {
    await platform.transaction(async (tx) => {
      const [row] = await tx.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).for('update');
      if (!row) throw notFound('identityProvider');
      checkVersion(row);
      const before = connectionView(row, await domainsOf(tx, row.id));
      // The domains stay claimed and verified: connecting again signs them in again.
      await tx.delete(identityProviders).where(eq(identityProviders.id, row.id));
      await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.deleted', resourceType: 'identityProvider', resourceId: row.id, before });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Domains (ACC-5): claimed by any tenant, each with its own token; signing in, refusing password
  // sign-in and the one-tenant-per-domain conflict count verified claims only.

  async function listDomains(tenantId: string) {
    const rows = await db.select().from(identityProviderDomainClaims).where(eq(identityProviderDomainClaims.tenantId, tenantId)).orderBy(asc(identityProviderDomainClaims.domain));
    return { totalCount: rows.length, items: rows.map(claimView), links: {} };
  }

  async function ownClaim(q: Queryable, tenantId: string, domain: string, lock = false): Promise<ClaimRow | undefined> {
    const where = and(eq(identityProviderDomainClaims.tenantId, tenantId), eq(identityProviderDomainClaims.domain, domain));
    const [row] = lock ? await q.select().from(identityProviderDomainClaims).where(where).for('update') : await q.select().from(identityProviderDomainClaims).where(where);
    return row;
  }

  /** 409 when another tenant has verified the domain: only a proof of control blocks a claim. */
  async function assertNotVerifiedElsewhere(q: Queryable, tenantId: string, domain: string) {
    const [verified] = await q
      .select({ tenantId: identityProviderDomainClaims.tenantId })
      .from(identityProviderDomainClaims)
      .where(and(eq(identityProviderDomainClaims.domain, domain), isNotNull(identityProviderDomainClaims.verifiedAt), ne(identityProviderDomainClaims.tenantId, tenantId)));
    if (verified) throw new AppError('identity_provider_domain_taken', { domain });
  }

  /** Claims a domain: the TXT record to publish. Claiming a domain the tenant already claimed answers that claim. */
  async function claimDomain(ctx: RequestContext, tenantId: string, rawDomain: string) {
    const problems = domainProblems(rawDomain);
    if (problems.length) throw invalidFields(...problems);
    const domain = normalizeDomain(rawDomain);
    try {
      return await platform.transaction(async (tx) => {
        const existing = await ownClaim(tx, tenantId, domain);
        if (existing) return { view: claimView(existing), created: false };
        await assertNotVerifiedElsewhere(tx, tenantId, domain);
        const [{ claimed } = { claimed: 0 }] = await tx.select({ claimed: count() }).from(identityProviderDomainClaims).where(eq(identityProviderDomainClaims.tenantId, tenantId));
        if (claimed >= maxClaimedDomains) throw new AppError('identity_provider_domain_limit', { max: maxClaimedDomains });
        const [row] = await tx.insert(identityProviderDomainClaims).values({ tenantId, domain, verificationToken: randomBytes(32).toString('hex') }).returning();
        await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.domainClaimed', resourceType: 'identityProviderDomain', resourceId: row!.id, after: claimAudit(row!) });
        return { view: claimView(row!), created: true };
      });
    } catch (error) {
      // The same domain claimed twice at once: the other request made it.
      if (!isUniqueViolation(error)) throw error;
      const existing = await ownClaim(db, tenantId, domain);
      if (!existing) throw error;
      return { view: claimView(existing), created: false };
    }
  }

  /**
   * ACC-5: looks for the claim's TXT record through the configured resolver. Found: the domain is
   * verified for this tenant, every other tenant's unverified claim of it is dropped, and it signs
   * in through the tenant's connection (if any). Not found: 422, nothing changes.
   */
  async function verifyDomain(ctx: RequestContext, tenantId: string, rawDomain: string) {
    const domain = normalizeDomain(rawDomain);
    const claim = await ownClaim(db, tenantId, domain);
    if (!claim) throw notFound('identityProviderDomain');
    if (claim.verifiedAt) return claimView(claim);
    const record = domainVerificationRecord(domain, claim.verificationToken);
    let found: string[];
    try {
      found = await net.txt(record.name);
    } catch (error) {
      platform.log.info({ tenantId, domain, reason: error instanceof OutboundFailure ? error.reason : String(error) }, 'domain verification: DNS look-up failed');
      found = [];
    }
    if (!verificationRecordFound(found, record.value)) throw new AppError('domain_verification_failed', { domain, name: record.name });
    try {
      return await platform.transaction(async (tx) => {
        const before = await ownClaim(tx, tenantId, domain, true);
        if (!before) throw notFound('identityProviderDomain');
        if (before.verifiedAt) return claimView(before);
        await assertNotVerifiedElsewhere(tx, tenantId, domain);
        const [after] = await tx.update(identityProviderDomainClaims).set({ verifiedAt: new Date() }).where(eq(identityProviderDomainClaims.id, before.id)).returning();
        const dropped = await tx
          .delete(identityProviderDomainClaims)
          .where(and(eq(identityProviderDomainClaims.domain, domain), ne(identityProviderDomainClaims.tenantId, tenantId), isNull(identityProviderDomainClaims.verifiedAt)))
          .returning();
        const [provider] = await tx.select({ id: identityProviders.id }).from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
        if (provider) await tx.insert(identityProviderDomains).values({ domain, identityProviderId: provider.id, tenantId });
        await writeAudit(tx, ctx, {
          tenantId,
          action: 'identityProvider.domainVerified',
          resourceType: 'identityProviderDomain',
          resourceId: after!.id,
          before: claimAudit(before),
          after: { ...claimAudit(after!), signsIn: provider !== undefined, otherClaimsDropped: dropped.length },
        });
        // Each tenant whose claim was dropped has it in its own log, without who proved control.
        for (const other of dropped) {
          await writeAudit(tx, ctx, {
            tenantId: other.tenantId,
            action: 'identityProvider.domainClaimDropped',
            resourceType: 'identityProviderDomain',
            resourceId: other.id,
            before: claimAudit(other),
            actorUserId: null,
            actorTenantId: null,
          });
        }
        return claimView(after!);
      });
    } catch (error) {
      // Another tenant verified it in the same instant (the one-verified-claim index).
      if (isUniqueViolation(error)) throw new AppError('identity_provider_domain_taken', { domain });
      throw error;
    }
  }

  /** Removes a claim: the domain stops signing in through the connection (its routing row goes with it). */
  async function removeDomain(ctx: RequestContext, tenantId: string, rawDomain: string) {
    const domain = normalizeDomain(rawDomain);
    await platform.transaction(async (tx) => {
      const before = await ownClaim(tx, tenantId, domain, true);
      if (!before) throw notFound('identityProviderDomain');
      await tx.delete(identityProviderDomainClaims).where(eq(identityProviderDomainClaims.id, before.id));
      await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.domainRemoved', resourceType: 'identityProviderDomain', resourceId: before.id, before: claimAudit(before) });
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

  return { callbackUrl, getConnection, putConnection, deleteConnection, listDomains, claimDomain, verifyDomain, removeDomain, start, finish };
}

export type SsoService = ReturnType<typeof ssoService>;

/** What the log says about a failed discovery (the caller is told only that it failed). */
function discoveryFailureReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof OutboundFailure) return current.reason;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown';
}
