// Single sign-on rules: issuers, claimed domains and their TXT record (ACC-5), who keeps password
// sign-in, the claims that sign in.
import { describe, expect, it } from 'vitest';
import { domainProblems, domainVerificationRecord, issuerProblems, passwordSignInAllowed, safeNextPath, ssoEmailFrom, verificationRecordFound } from './rules.js';

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

describe('claimed domains', () => {
  it.each([
    ['contoso.com', []],
    ['Contoso.COM.', []],
    ['sub.contoso.co.uk', []],
    ['bad domain', ['domain_invalid']],
    ['-x.com', ['domain_invalid']],
    ['localhost', ['domain_invalid']],
    ['gmail.com', ['webmail_domain']],
    ['outlook.fr', ['webmail_domain']],
  ])('%s → %o', (domain, codes) => {
    expect(domainProblems(domain).map((p) => p.code)).toEqual(codes);
  });

  it('ACC-5: the TXT record lives under the domain and holds the issued token', () => {
    expect(domainVerificationRecord('contoso.com', 'abc123')).toEqual({ type: 'TXT', name: '_channelcenter-verification.contoso.com', value: 'channel-center-verification=abc123' });
  });

  it('ACC-5: only the exact value proves control', () => {
    const expected = 'channel-center-verification=abc123';
    expect(verificationRecordFound(['v=spf1 -all', expected], expected)).toBe(true);
    expect(verificationRecordFound([` ${expected} `], expected)).toBe(true);
    expect(verificationRecordFound([], expected)).toBe(false);
    expect(verificationRecordFound(['channel-center-verification=abc1234', 'channel-center-verification=abc12', 'channel-center-verification=ABC123'], expected)).toBe(false);
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
