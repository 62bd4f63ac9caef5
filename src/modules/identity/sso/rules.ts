// Single sign-on rules as pure functions: which issuers and email domains a connection may use, and
// who still signs in with a password once a domain signs in through its organization's provider.
import type { FieldError } from '../../../platform/errors.js';
import { emailDomain, isWebmail } from '../../enrollment/rules.js';

export { emailDomain };

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

/**
 * Each domain is a valid domain name, not a web-mail service's (ENR-4's list), and one of the
 * tenant's own: the domain of at least one of its users' email addresses (tenants have no verified
 * custom domains, so "its users are there" is what ties a domain to a tenant).
 */
export function connectionDomainProblems(domains: readonly string[], tenantUserDomains: ReadonlySet<string>, path = '/domains'): FieldError[] {
  const seen = new Set<string>();
  return domains.flatMap((raw, index): FieldError[] => {
    const domain = normalizeDomain(raw);
    const at = `${path}/${index}`;
    if (!domainPattern.test(domain)) return [{ path: at, code: 'domain_invalid' }];
    if (seen.has(domain)) return [{ path: at, code: 'duplicate' }];
    seen.add(domain);
    if (isWebmail(`x@${domain}`)) return [{ path: at, code: 'webmail_domain' }];
    if (!tenantUserDomains.has(domain)) return [{ path: at, code: 'domain_not_in_tenant', params: { domain } }];
    return [];
  });
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
