// App credentials' rules: what an app may be given (ACC-1), its states, secrets, signing-key
// lifetimes, the client authentication and scope of a token request, and the OAuth error of a refusal.
import { describe, expect, it } from 'vitest';
import { appPermissions, permissionsOf } from '../../../platform/access.js';
import {
  appTransitions,
  clientCredentialsOf,
  grantedScope,
  oauthErrorOf,
  publishedRetiredSince,
  secretIsValid,
  signingKeyIsStale,
  signingKeyRotationDays,
  tokenLifetimeSeconds,
  unheldPermissions,
  usablePermissions,
} from './rules.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('what an app may be given (ACC-1)', () => {
  it('only permissions the registrar holds there; each other one is named by its position', () => {
    const held = new Set(permissionsOf(['globalAdmin']));
    expect(unheldPermissions(['users.read', 'audit.read'], held)).toEqual([]);
    expect(unheldPermissions(['users.read', 'commerce.order', 'customers.create'], held)).toEqual([
      { path: '/permissions/1', code: 'app_permission_exceeds_own', params: { permission: 'commerce.order' } },
      { path: '/permissions/2', code: 'app_permission_exceeds_own', params: { permission: 'customers.create' } },
    ]);
  });

  it('never apps.manage (a leaked secret minting apps) nor agreements.accept (a named person accepts)', () => {
    expect(appPermissions).not.toContain('apps.manage');
    expect(appPermissions).not.toContain('agreements.accept');
    expect(appPermissions).toContain('users.manage');
  });

  it('a stored permission that is no longer one an app may use is dropped', () => {
    expect(usablePermissions(['users.read', 'no.such', 'apps.manage'])).toEqual(['users.read']);
  });
});

describe('app states', () => {
  it('active and disabled go both ways; deleted is terminal', () => {
    expect(appTransitions.active).toContain('disabled');
    expect(appTransitions.disabled).toContain('active');
    expect(appTransitions.active).toContain('deleted');
    expect(appTransitions.deleted).toEqual([]);
  });
});

describe('secrets and signing keys', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('a secret is valid until revoked or expired', () => {
    expect(secretIsValid({ revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe(true);
    expect(secretIsValid({ revokedAt: null, expiresAt: now }, now)).toBe(false);
    expect(secretIsValid({ revokedAt: now, expiresAt: new Date(now.getTime() + 86_400_000) }, now)).toBe(false);
  });

  it('a signing key is replaced after the rotation period', () => {
    const day = 86_400_000;
    expect(signingKeyIsStale(new Date(now.getTime() - (signingKeyRotationDays * day - 1)), now)).toBe(false);
    expect(signingKeyIsStale(new Date(now.getTime() - signingKeyRotationDays * day), now)).toBe(true);
  });

  it('a retired key stays published for as long as a token it signed may be valid', () => {
    const since = publishedRetiredSince(now);
    expect(now.getTime() - since.getTime()).toBeGreaterThanOrEqual(tokenLifetimeSeconds * 1000);
    expect(now.getTime() - since.getTime()).toBeLessThan((tokenLifetimeSeconds + 120) * 1000);
  });
});

describe('client authentication (RFC 6749 §2.3.1)', () => {
  it('HTTP Basic, each part form-encoded', () => {
    expect(clientCredentialsOf(basic('cca_x', 'ccs_a:b+c'), {})).toEqual({ clientId: 'cca_x', clientSecret: 'ccs_a:b+c' });
    expect(clientCredentialsOf(`Basic ${Buffer.from('cca_x:a+b').toString('base64')}`, {})).toEqual({ clientId: 'cca_x', clientSecret: 'a b' });
  });

  it('or the body; never both; something else is malformed; nothing is null', () => {
    expect(clientCredentialsOf(undefined, { client_id: 'cca_x', client_secret: 's' })).toEqual({ clientId: 'cca_x', clientSecret: 's' });
    expect(clientCredentialsOf(basic('cca_x', 's'), { client_id: 'cca_x' })).toBe('twice');
    expect(clientCredentialsOf('Bearer abc', {})).toBe('malformed');
    expect(clientCredentialsOf(`Basic ${Buffer.from('no-colon').toString('base64')}`, {})).toBe('malformed');
    expect(clientCredentialsOf(`Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}`, {})).toBe('malformed');
    expect(clientCredentialsOf(undefined, { client_id: 'cca_x' })).toBe('malformed');
    expect(clientCredentialsOf(undefined, {})).toBeNull();
  });
});

describe('scope (RFC 6749 §3.3)', () => {
  const permissions = usablePermissions(['users.read', 'audit.read']);
  it('all the app has when left out, a subset when asked, nothing it does not have', () => {
    expect(grantedScope(undefined, permissions)).toEqual({ granted: ['users.read', 'audit.read'] });
    expect(grantedScope('  ', permissions)).toEqual({ granted: ['users.read', 'audit.read'] });
    expect(grantedScope('audit.read', permissions)).toEqual({ granted: ['audit.read'] });
    expect(grantedScope('audit.read users.manage', permissions)).toEqual({ unknown: ['users.manage'] });
  });
});

describe('OAuth errors (RFC 6749 §5.2)', () => {
  it('each refusal has its OAuth code; a server fault has none', () => {
    expect(oauthErrorOf('oauth_invalid_client', 401)).toBe('invalid_client');
    expect(oauthErrorOf('oauth_unsupported_grant_type', 400)).toBe('unsupported_grant_type');
    expect(oauthErrorOf('oauth_invalid_scope', 400)).toBe('invalid_scope');
    expect(oauthErrorOf('oauth_unauthorized_client', 400)).toBe('unauthorized_client');
    expect(oauthErrorOf('validation_failed', 400)).toBe('invalid_request');
    expect(oauthErrorOf('unsupported_media_type', 415)).toBe('invalid_request');
    expect(oauthErrorOf('internal_error', 500)).toBeUndefined();
  });
});
