// Single sign-on rules: issuers, connection domains, who keeps password sign-in, the claims that sign in.
import { describe, expect, it } from 'vitest';
import { connectionDomainProblems, issuerProblems, passwordSignInAllowed, safeNextPath, ssoEmailFrom } from './rules.js';

describe('issuer', () => {
  const dev = { allowLoopbackHttp: true };
  const production = { allowLoopbackHttp: false };
  it.each([
    ['https://login.example.com', dev, []],
    ['https://login.example.com/tenant-1/v2.0', production, []],
    ['http://127.0.0.1:4000', dev, []],
    ['http://localhost:4000', dev, []],
    ['http://127.0.0.1:4000', production, ['issuer_not_https']],
    ['http://login.example.com', dev, ['issuer_not_https']],
    ['ftp://login.example.com', dev, ['issuer_not_https']],
    ['login.example.com', dev, ['issuer_invalid']],
    ['https://user:pass@login.example.com', dev, ['issuer_invalid']],
    ['https://login.example.com/?tenant=1', dev, ['issuer_invalid']],
  ])('%s (%o) → %o', (issuer, options, codes) => {
    expect(issuerProblems(issuer, options).map((p) => p.code)).toEqual(codes);
  });
});

describe('connection domains', () => {
  const tenantDomains = new Set(['contoso.com', 'contoso.fr']);
  it('accepts the domains the tenant’s users are at, whatever their case', () => {
    expect(connectionDomainProblems(['Contoso.com', 'contoso.fr.'], tenantDomains)).toEqual([]);
  });
  it('names each bad domain by its position', () => {
    expect(connectionDomainProblems(['contoso.com', 'CONTOSO.COM', 'bad domain', '-x.com', 'gmail.com', 'outlook.fr', 'fabrikam.com'], tenantDomains)).toEqual([
      { path: '/domains/1', code: 'duplicate' },
      { path: '/domains/2', code: 'domain_invalid' },
      { path: '/domains/3', code: 'domain_invalid' },
      { path: '/domains/4', code: 'webmail_domain' },
      { path: '/domains/5', code: 'webmail_domain' },
      { path: '/domains/6', code: 'domain_not_in_tenant', params: { domain: 'fabrikam.com' } },
    ]);
  });
});

describe('password sign-in once a domain uses single sign-on', () => {
  it('the global admin keeps it (break-glass), every other role signs in through the provider', () => {
    expect(passwordSignInAllowed({ roles: ['globalAdmin'] }, true)).toBe(true);
    expect(passwordSignInAllowed({ roles: ['adminAgent', 'userManagementAdmin'] }, true)).toBe(false);
    expect(passwordSignInAllowed({ roles: ['adminAgent'] }, false)).toBe(true);
  });
});

describe('the claims that sign a user in', () => {
  const domains = ['contoso.com'];
  it.each([
    [{ email: 'Alice@Contoso.com', email_verified: true }, { email: 'Alice@Contoso.com' }],
    [{ email: 'alice@contoso.com' }, { email: 'alice@contoso.com' }],
    [{ email: 'alice@contoso.com', email_verified: false }, { refused: 'sso_email_unverified' }],
    [{ email: 'alice@contoso.com', email_verified: 'true' }, { refused: 'sso_email_unverified' }],
    [{ email: 'alice@fabrikam.com', email_verified: true }, { refused: 'sso_email_domain_mismatch' }],
    [{ email: 'alice@sub.contoso.com' }, { refused: 'sso_email_domain_mismatch' }],
    [{ sub: 'x' }, { refused: 'sso_email_missing' }],
    [{ email: 42 }, { refused: 'sso_email_missing' }],
  ])('%o → %o', (claims, expected) => {
    expect(ssoEmailFrom(claims, domains)).toEqual(expected);
  });
});

describe('where the portal goes after signing in', () => {
  it.each([
    [undefined, '/'],
    ['/customers', '/customers'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/a\nb', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
