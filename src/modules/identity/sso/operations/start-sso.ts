// Starts a single sign-on for an email whose domain has a connection (authorization code with PKCE
// S256; state and nonce kept in the database): the provider's authorization URL, and the browser
// secret the caller keeps in a cookie until the provider sends the user back (complete-sso.ts).
import { eq, lt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { hashSecret, newSecret } from '../../../../platform/auth/tokens.js';
import { emailDomain } from '../../../../platform/email-domains.js';
import { AppError } from '../../../../platform/errors.js';
import { identityProviderDomains, identityProviders, ssoSignIns } from '../../schema.js';
import { safeNextPath, ssoSignInMinutes } from '../rules.js';
import type { SsoDeps } from './deps.js';

export async function startSso(deps: SsoDeps, email: string, next?: string) {
  const { db, box } = deps;
  const [found] = await db
    .select({ provider: identityProviders })
    .from(identityProviderDomains)
    .innerJoin(identityProviders, eq(identityProviders.id, identityProviderDomains.identityProviderId))
    .where(eq(identityProviderDomains.domain, emailDomain(email)));
  if (!found) throw new AppError('sso_not_configured');
  let configuration: oidc.Configuration;
  try {
    configuration = await deps.discovery.configurationOf(found.provider);
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
    redirect_uri: deps.callbackUrl,
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
