// Identity rows → the shapes of contract.ts: each return type is the contract's, so drift fails tsc.
import type { AccessToken, Tenant, User } from './contract.js';
import type { accessTokens, tenants, users } from './schema.js';

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type AccessTokenRow = typeof accessTokens.$inferSelect;

export function tenantView(t: TenantRow): Tenant {
  return { id: t.id, name: t.name, country: t.country, primaryDomain: t.primaryDomain };
}

export function userView(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    state: u.state,
    language: u.language,
    mustChangePassword: u.mustChangePassword,
    createdByTenantId: u.createdByTenantId ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** REL-4: the user's view naming the organization that created it, where it is another (`creators`: tenant ID → name). */
export function userViewWithCreator(u: UserRow, creators: ReadonlyMap<string, string>): User {
  return { ...userView(u), createdByTenantName: u.createdByTenantId ? (creators.get(u.createdByTenantId) ?? null) : null };
}

export function tokenView(t: AccessTokenRow): AccessToken {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}
