// Identity rules as pure functions: domains, roles, who may change whom (ENR-12), session expiry.
import { assignableRoles, type Role, type TenantKind } from '../../platform/access.js';
import type { FieldError } from '../../platform/errors.js';

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
