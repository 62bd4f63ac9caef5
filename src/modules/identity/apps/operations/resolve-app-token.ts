// The actor behind an app's access token, or undefined (401): the JWT must be signed by a published
// signing key, for this API (aud) by this program (iss), unexpired, and its app and secret must still
// be good — the app is read on every request (one prepared query), so a disabled or deleted app, or a
// revoked secret, stops its tokens on the next request. The actor holds exactly the app's permissions
// that the token's scope names, in the app's own tenant, and no roles: away from home it has only what
// the relation resolver gives it (the access assignments of the security groups it is a member of).
// A client secret is the app's strong credential (256 random bits, stored hashed, rotated): apps pass
// ACC-4's second-factor requirement, which is about people (mfa: true).
import { errors, jwtVerify } from 'jose';
import type { Actor } from '../../../../platform/access.js';
import { uuidPattern } from '../../../../platform/http.js';
import { clockToleranceSeconds, usablePermissions } from '../rules.js';
import { signingAlgorithm } from '../signing-keys.js';
import type { AppsDeps } from './deps.js';

export async function resolveAppToken(deps: AppsDeps, token: string): Promise<Actor | undefined> {
  if (token.length > 4096) return undefined;
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? await deps.keys.verificationKey(header.kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      { algorithms: [signingAlgorithm], issuer: deps.issuer, audience: deps.audience, typ: 'at+jwt', requiredClaims: ['exp', 'iat', 'sub', 'jti'], clockTolerance: clockToleranceSeconds },
    ));
  } catch (error) {
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
  const { sub, tid, scope, secret_id: secretId } = claims;
  if (typeof sub !== 'string' || typeof tid !== 'string' || typeof secretId !== 'string' || typeof scope !== 'string') return undefined;
  if (!uuidPattern.test(sub) || !uuidPattern.test(secretId)) return undefined;
  const [row] = await deps.statements.resolveApp.execute({ appId: sub, secretId });
  if (!row || row.app.state !== 'active' || row.app.tenantId !== tid || row.secretRevokedAt !== null) return undefined;
  const scoped = new Set(scope.split(' '));
  const permissions = usablePermissions(row.app.permissions).filter((p) => scoped.has(p));
  return {
    // An app is no user: its ID stands where a user's would (it is never a users row).
    userId: row.app.id,
    tenantId: row.app.tenantId,
    email: '',
    displayName: row.app.name,
    roles: [],
    isOperator: row.isOperator,
    isPublisher: row.isPublisher,
    mustChangePassword: false,
    via: 'app',
    mfa: true,
    app: { id: row.app.id, name: row.app.name, permissions },
  };
}
