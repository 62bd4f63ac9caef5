// POST /v1/oauth/token, the OAuth 2.0 client credentials grant (RFC 6749 §4.4): the app authenticates
// with its client ID and a valid secret (HTTP Basic or the body, §2.3.1) and gets an access token for
// one hour: a JWT (RFC 9068, typ at+jwt) signed with the current signing key, naming the app (sub), its
// tenant (tid), the API as audience, the secret it was issued to, and exactly the app's permissions
// (or those of them the scope asks for) as its scope. Every refusal is an OAuth error (§5.2): a wrong
// or unknown client is invalid_client, whatever was wrong. The issue is audited with the app as actor.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { hashSecret, safeEqual } from '../../../../platform/auth/tokens.js';
import { AppError } from '../../../../platform/errors.js';
import type { TokenRequest, TokenResponse } from '../contract.js';
import { clientCredentialsOf, grantedScope, secretIsValid, tokenLifetimeSeconds, usablePermissions } from '../rules.js';
import { appSecrets } from '../schema.js';
import { signingAlgorithm } from '../signing-keys.js';
import type { AppsDeps } from './deps.js';

export async function issueToken(deps: AppsDeps, ctx: RequestContext, body: TokenRequest, authorization: string | undefined): Promise<TokenResponse> {
  const credentials = clientCredentialsOf(authorization, body);
  if (credentials === 'twice') throw new AppError('oauth_invalid_request', {}, [{ path: '/client_id', code: 'oauth_invalid_request' }]);
  if (credentials === 'malformed' || credentials === null) throw new AppError('oauth_invalid_client');
  if (body.grant_type !== 'client_credentials') throw new AppError('oauth_unsupported_grant_type');
  const now = new Date();
  const [found] = credentials.clientSecret.length <= 200 ? await deps.statements.secretByHash.execute({ hash: hashSecret(credentials.clientSecret) }) : [];
  if (!found || !safeEqual(found.app.clientId, credentials.clientId) || found.app.state === 'deleted' || !secretIsValid(found.secret, now)) throw new AppError('oauth_invalid_client');
  if (found.app.state !== 'active') throw new AppError('oauth_unauthorized_client');
  const scope = grantedScope(body.scope, usablePermissions(found.app.permissions));
  if ('unknown' in scope) throw new AppError('oauth_invalid_scope', { scope: scope.unknown.join(' ').slice(0, 200) });

  const { kid, key } = await deps.keys.current(now);
  const jti = randomUUID();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const accessToken = await new SignJWT({ tid: found.app.tenantId, client_id: found.app.clientId, scope: scope.granted.join(' '), secret_id: found.secret.id })
    .setProtectedHeader({ alg: signingAlgorithm, kid, typ: 'at+jwt' })
    .setIssuer(deps.issuer)
    .setAudience(deps.audience)
    .setSubject(found.app.id)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + tokenLifetimeSeconds)
    .sign(key);
  await deps.platform.transaction(async (tx) => {
    await tx.update(appSecrets).set({ lastUsedAt: now }).where(eq(appSecrets.id, found.secret.id));
    await writeAudit(tx, ctx, {
      tenantId: found.app.tenantId,
      action: 'app.tokenIssued',
      resourceType: 'app',
      resourceId: found.app.id,
      after: { jti, scope: scope.granted, credential: found.secret.prefix, expiresAt: new Date((issuedAt + tokenLifetimeSeconds) * 1000) },
      actorUserId: null,
      actorTenantId: found.app.tenantId,
      actorApp: { id: found.app.id, name: found.app.name },
    });
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: tokenLifetimeSeconds, scope: scope.granted.join(' ') };
}
