// App credentials' rules, pure: what an app may be given (ACC-1: nothing its registrar does not hold),
// its states, how many secrets are valid at once, the token and signing-key lifetimes, the client
// authentication and scope of a token request (RFC 6749 §2.3.1, §3.3, §4.4), and the OAuth error each
// refusal answers with (§5.2).
import { appPermissions, type Permission } from '../../../platform/access.js';
import type { ErrorCode, FieldError } from '../../../platform/errors.js';
import type { OAuthErrorCode } from './contract.js';

/** Access tokens live one hour. */
export const tokenLifetimeSeconds = 3600;
/** Clocks of the nodes and of the callers may differ this much when a token's times are checked. */
export const clockToleranceSeconds = 30;
/** A new signing key signs after this many days; the old one stays published until its tokens expired. */
export const signingKeyRotationDays = 30;
/** At most two secrets are valid at a time: the one in use and the one replacing it. */
export const maxValidSecrets = 2;
export const defaultSecretLifetimeDays = 365;

export type AppState = 'active' | 'disabled' | 'deleted';

/** The app's states and where each may go: deleted is terminal. */
export const appTransitions: Record<AppState, readonly AppState[]> = {
  active: ['disabled', 'deleted'],
  disabled: ['active', 'deleted'],
  deleted: [],
};

/**
 * ACC-1: nobody gives an app a permission it does not hold itself there. The field errors naming each
 * such permission of `requested` (none may be given then); empty when all are held.
 */
export function unheldPermissions(requested: readonly string[], held: ReadonlySet<string>): FieldError[] {
  return requested.flatMap((p, index) => (held.has(p) ? [] : [{ path: `/permissions/${index}`, code: 'app_permission_exceeds_own', params: { permission: p } }]));
}

/** Of a stored list, the permissions an app may still use (a permission that left the table is dropped). */
export function usablePermissions(stored: readonly string[]): Permission[] {
  return appPermissions.filter((p) => stored.includes(p));
}

export function secretIsValid(secret: { revokedAt: Date | null; expiresAt: Date }, now: Date): boolean {
  return secret.revokedAt === null && secret.expiresAt > now;
}

export function signingKeyIsStale(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= signingKeyRotationDays * 86_400_000;
}

/** A key retired after this moment may still have signed a token that has not expired: it stays published. */
export function publishedRetiredSince(now: Date): Date {
  return new Date(now.getTime() - (tokenLifetimeSeconds + clockToleranceSeconds) * 1000);
}

/** Retired keys older than this are deleted (nothing they signed can be valid). */
export function deletableRetiredBefore(now: Date): Date {
  return new Date(now.getTime() - 86_400_000);
}

export type ClientCredentials = { clientId: string; clientSecret: string };

/**
 * RFC 6749 §2.3.1: the client's credentials from HTTP Basic (each part form-encoded) or from the body,
 * never both. 'malformed' when the header is not Basic credentials; null when neither was sent.
 */
export function clientCredentialsOf(authorization: string | undefined, body: { client_id?: string; client_secret?: string }): ClientCredentials | 'malformed' | 'twice' | null {
  const inBody = body.client_id !== undefined || body.client_secret !== undefined;
  if (authorization !== undefined) {
    if (inBody) return 'twice';
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
    if (!match) return 'malformed';
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'malformed';
    try {
      const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
      return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
    } catch {
      return 'malformed';
    }
  }
  if (!inBody) return null;
  if (body.client_id === undefined || body.client_secret === undefined) return 'malformed';
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

/**
 * RFC 6749 §3.3: the permissions a token request asks for (space-separated; all the app's when left
 * out); `unknown` names what the app does not have (then no token).
 */
export function grantedScope(requested: string | undefined, permissions: readonly Permission[]): { granted: Permission[] } | { unknown: string[] } {
  if (requested === undefined || requested.trim() === '') return { granted: [...permissions] };
  const asked = [...new Set(requested.split(' ').filter((s) => s !== ''))];
  const unknown = asked.filter((s) => !(permissions as readonly string[]).includes(s));
  if (unknown.length) return { unknown };
  return { granted: permissions.filter((p) => asked.includes(p)) };
}

/**
 * The OAuth error (RFC 6749 §5.2) a refusal of the token endpoint answers with: its own for the oauth_*
 * codes, invalid_request for any other refusal of the request (validation, a body that cannot be read);
 * undefined for what is no fault of the request (5xx).
 */
export function oauthErrorOf(code: ErrorCode, status: number): OAuthErrorCode | undefined {
  if (status >= 500) return undefined;
  const own: Partial<Record<ErrorCode, OAuthErrorCode>> = {
    oauth_invalid_client: 'invalid_client',
    oauth_unauthorized_client: 'unauthorized_client',
    oauth_unsupported_grant_type: 'unsupported_grant_type',
    oauth_invalid_scope: 'invalid_scope',
  };
  return own[code] ?? 'invalid_request';
}
