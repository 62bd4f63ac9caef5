// The provider sent the browser back: the sign-in under way is taken (once, by the browser that
// started it), the code exchanged and the ID token checked by openid-client (issuer, audience,
// signature, nonce, PKCE), then the user of the connection's tenant with that email (at one of the
// connection's verified domains, ACC-5) gets a session exactly like a password sign-in
// (identity.startSession). Refusals throw SsoRefused.
import { and, eq, isNull } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { RequestContext } from '../../../../platform/audit.js';
import { hashSecret, safeEqual } from '../../../../platform/auth/tokens.js';
import type { ErrorCode } from '../../../../platform/errors.js';
import { identityProviders, ssoSignIns } from '../../schema.js';
import { domainsOf } from '../reads.js';
import { ssoEmailFrom } from '../rules.js';
import type { SsoDeps } from './deps.js';

/** A refused single sign-on: the callback sends the browser to the sign-in page with this code. */
export class SsoRefused extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

export async function completeSso(deps: SsoDeps, ctx: RequestContext, input: { query: URLSearchParams; browserSecret: string | undefined; userAgent?: string }) {
  const { db, platform } = deps;
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
    configuration = await deps.discovery.configurationOf(provider);
  } catch {
    throw new SsoRefused('identity_provider_unavailable');
  }
  const currentUrl = new URL(deps.callbackUrl);
  for (const [key, value] of input.query) currentUrl.searchParams.append(key, value);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: deps.box.open(pending.codeVerifierSealed),
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
  // ACC-4: the provider's ID token says whether it did MFA (amr "mfa", RFC 8176); the session records it.
  const amr = Array.isArray(claims.amr) && claims.amr.includes('mfa') ? ['sso', 'mfa'] : ['sso'];
  const session = await deps.identity.startSession(ctx, user, input.userAgent, { method: 'sso', identityProviderId: provider.id, issuer: provider.issuer, amr });
  return { ...session, nextPath: pending.nextPath ?? '/' };
}
