// Identity rules as pure functions: domains, countries, roles, who may change whom (ENR-12), session
// expiry, sign-in limits.
import countries from 'i18n-iso-countries';
import { assignableRoles, type Role, type TenantKind } from '../../platform/access.js';
import type { FieldError } from '../../platform/errors.js';

/** The programs a tenant may take part in (tenant_memberships.program). */
export const programs = ['operator', 'indirectProvider', 'indirectReseller', 'customer', 'publisher'] as const;
export type Program = (typeof programs)[number];

export const domainSuffix = 'onchannelcenter.com';
export const sessionIdleMinutes = 8 * 60;
export const sessionAbsoluteDays = 7;

/** The domain prefix a new tenant gets from its name when none is chosen: letters and digits, ≤ 27. */
export function domainPrefixFrom(organizationName: string): string {
  const ascii = organizationName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 20);
  return ascii.length >= 2 ? ascii : `tenant${ascii}`;
}

export function primaryDomainOf(prefix: string): string {
  return `${prefix.toLowerCase()}.${domainSuffix}`;
}

/** A tenant's country: an ISO 3166-1 alpha-2 code, in capitals. */
export function countryProblems(country: string, path: string): FieldError[] {
  return countries.isValid(country) && /^[A-Z]{2}$/.test(country) ? [] : [{ path, code: 'country_invalid' }];
}

/**
 * Roles the tenant can hold; an unknown role is a field error naming it. A customer's user may hold no
 * role (a plain member of its directory); a partner's or the operator's needs one.
 */
export function roleProblems(roles: readonly string[], kind: TenantKind, path = '/roles'): FieldError[] {
  const allowed = assignableRoles(kind) as readonly string[];
  if (roles.length === 0 && kind !== 'customer') return [{ path, code: 'roles_required' }];
  return roles.flatMap((role, index) => (allowed.includes(role) ? [] : [{ path: `${path}/${index}`, code: 'role_invalid', params: { role } }]));
}

/** ENR-12: only a global admin may grant or take away the global admin role. */
export function touchesGlobalAdmin(before: readonly string[], after: readonly string[]): boolean {
  return before.includes('globalAdmin') !== after.includes('globalAdmin');
}

export interface UserState {
  id: string;
  roles: readonly string[];
  state: 'active' | 'inactive' | string;
}

/** ENR-12: the tenant keeps at least one active global admin after the change. */
export function keepsAGlobalAdmin(users: readonly UserState[], changed: UserState): boolean {
  return users.some((u) => {
    const next = u.id === changed.id ? changed : u;
    return next.state === 'active' && next.roles.includes('globalAdmin');
  });
}

/** A session is valid until its absolute expiry, and while it was used within the idle window. */
export function sessionIsLive(session: { expiresAt: Date; lastSeenAt: Date; revokedAt: Date | null }, now: Date): boolean {
  if (session.revokedAt) return false;
  if (session.expiresAt.getTime() <= now.getTime()) return false;
  return now.getTime() - session.lastSeenAt.getTime() < sessionIdleMinutes * 60_000;
}

export function sortRoles(roles: readonly string[]): Role[] {
  return [...new Set(roles)].sort() as Role[];
}

/** The window failed sign-ins (and password-reset requests) are counted in. */
export const signInWindowSeconds = 15 * 60;

/**
 * Failed sign-ins per 15 minutes: per (account, address) pair and per account across addresses they
 * refuse (429); per address (any accounts: a proxy or an office shares one) they only slow down, by
 * `stepMs` for each failure past `after`, at most `maxMs`.
 */
export const signInLimits = { perAccountAndAddress: 5, perAccount: 20, addressSlowdown: { after: 20, stepMs: 100, maxMs: 2000 } };

/** The rate-limit counters of a sign-in: the (account, address) pair, the account, the address. */
export function signInKeys(email: string, ip: string | undefined) {
  const account = email.trim().toLowerCase();
  const address = ip ?? 'unknown';
  // An address has no spaces, so a pair key names one account and one address.
  return { pair: `signin:pair:${address} ${account}`, account: `signin:account:${account}`, address: `signin:ip:${address}` };
}
