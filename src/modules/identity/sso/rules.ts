// Single sign-on rules as pure functions: which issuers and email domains a connection may use, and
// who still signs in with a password once a domain signs in through its organization's provider.
import { emailDomain, isWebmail } from '../../../platform/email-domains.js';
import type { FieldError } from '../../../platform/errors.js';

/** How long a started sign-in may take at the provider. */
export const ssoSignInMinutes = 10;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The issuer is an https URL. Outside production, http is also accepted on this machine's loopback
 * address (a provider run beside the server, as the tests do); in production it would let a global
 * admin make the server call its own local services.
 */
export function issuerProblems(issuer: string, options: { allowLoopbackHttp: boolean }, path = '/issuer'): FieldError[] {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return [{ path, code: 'issuer_invalid' }];
  }
  if (url.username || url.password || url.search || url.hash) return [{ path, code: 'issuer_invalid' }];
  if (url.protocol === 'https:') return [];
  if (url.protocol === 'http:' && options.allowLoopbackHttp && loopbackHosts.has(url.hostname)) return [];
  return [{ path, code: 'issuer_not_https' }];
}

export function allowsInsecureIssuer(issuer: string): boolean {
  return new URL(issuer).protocol === 'http:';
}

const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/** A domain a tenant may claim: a valid domain name, and not a web-mail service's (ENR-4's list). */
export function domainProblems(raw: string, path = '/domain'): FieldError[] {
  const domain = normalizeDomain(raw);
  if (!domainPattern.test(domain)) return [{ path, code: 'domain_invalid' }];
  if (isWebmail(`x@${domain}`)) return [{ path, code: 'webmail_domain' }];
  return [];
}

/** How many domains one tenant may claim. */
export const maxClaimedDomains = 50;

/**
 * ACC-5: the DNS TXT record that proves control of a domain. It lives at a name of its own under
 * the domain (not the apex, where SPF and other records already are), holding the token the server
 * issued for this tenant and domain.
 */
export function domainVerificationRecord(domain: string, token: string) {
  return { type: 'TXT' as const, name: `_channelcenter-verification.${domain}`, value: `channel-center-verification=${token}` };
}

/** ACC-5: whether the TXT records found at the record's name include the expected value exactly. */
export function verificationRecordFound(found: readonly string[], expected: string): boolean {
  return found.some((record) => record.trim() === expected);
}

/**
 * Once the user's email domain signs in through the tenant's identity provider, only the tenant's
 * global admins keep password sign-in (break-glass access if the provider fails); everyone else
 * signs in with their organization's account.
 */
export function passwordSignInAllowed(user: { roles: readonly string[] }, domainUsesSso: boolean): boolean {
  return !domainUsesSso || user.roles.includes('globalAdmin');
}

export interface IdTokenClaims {
  email?: unknown;
  email_verified?: unknown;
  [claim: string]: unknown;
}

/**
 * Why the identity provider's claims cannot sign anyone in (a stable code), or the email to look up:
 * an email is required, at one of the connection's domains, and not marked unverified.
 */
export function ssoEmailFrom(
  claims: IdTokenClaims,
  connectionDomains: readonly string[],
): { email: string } | { refused: 'sso_email_missing' | 'sso_email_unverified' | 'sso_email_domain_mismatch' } {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) return { refused: 'sso_email_missing' };
  if (claims.email_verified !== undefined && claims.email_verified !== true) return { refused: 'sso_email_unverified' };
  if (!connectionDomains.includes(emailDomain(claims.email))) return { refused: 'sso_email_domain_mismatch' };
  return { email: claims.email.trim() };
}

/** Where the portal goes after signing in: a path of this site only. */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f]/.test(next)) return '/';
  return next.slice(0, 1000);
}
