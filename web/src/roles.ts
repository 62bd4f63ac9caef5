/** Roles of a partner tenant (provider, reseller); the operator's tenant offers them too. */
export const PARTNER_ROLES = [
  'globalAdmin',
  'userManagementAdmin',
  'billingAdmin',
  'adminAgent',
  'salesAgent',
  'helpdeskAgent',
] as const;

/** Roles that exist only in the operator tenant. */
export const OPERATOR_ROLES = ['operatorAdmin', 'reviewer', 'supportEngineer'] as const;

/**
 * A customer's own roles (as in Microsoft Entra). A customer's user may hold none: it is then a plain
 * member of its directory. Partner roles are never offered there (ACC-1).
 */
export const CUSTOMER_ROLES = ['globalAdmin', 'userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator', 'billingReader'] as const;

/** Every role the portal names (global admin once, though partner and customer tenants both offer it). */
export const ALL_ROLES = [...PARTNER_ROLES, ...OPERATOR_ROLES, 'userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator', 'billingReader'] as const;
export type Role = (typeof ALL_ROLES)[number];

/** The kind of a tenant, for the roles it offers. */
export type TenantKind = 'operator' | 'partner' | 'customer';

/** The kind of a tenant from its program memberships (the API's `tenantKindOf`). */
export function tenantKindOf(memberships: readonly { program: string }[] | undefined): TenantKind {
  const list = memberships ?? [];
  if (list.some((membership) => membership.program === 'operator')) return 'operator';
  if (list.length > 0 && list.every((membership) => membership.program === 'customer')) return 'customer';
  return 'partner';
}

/** Roles that may be given to users of a tenant of this kind. */
export function assignableRoles(kind: TenantKind): readonly Role[] {
  if (kind === 'operator') return [...OPERATOR_ROLES, ...PARTNER_ROLES];
  if (kind === 'customer') return CUSTOMER_ROLES;
  return PARTNER_ROLES;
}

/** Partner and operator users need at least one role; a customer's user may hold none. */
export function rolesRequired(kind: TenantKind): boolean {
  return kind !== 'customer';
}

export function isKnownRole(role: string): role is Role {
  return (ALL_ROLES as readonly string[]).includes(role);
}

/** Locale key holding the display name of a role (`roles.<role>`). */
export function roleNameKey(role: Role): `roles.${Role}` {
  return `roles.${role}`;
}

/** Locale key holding the one-line description of a role (`roleDescriptions.<role>`). */
export function roleDescriptionKey(role: Role): `roleDescriptions.${Role}` {
  return `roleDescriptions.${role}`;
}

/**
 * How the role picker offers global admin to the caller: `offer` to a global admin of the tenant
 * itself; `locked` (shown, not changeable) to its other admins; `hidden` through delegated or admin
 * access and for a user another organization created — only a global admin of the organization grants,
 * changes or removes global admin, and never for such a user.
 */
export type GlobalAdminChoice = 'offer' | 'locked' | 'hidden';

/** The global admin choice for a change made by a user of the tenant itself (`callerRoles` its roles). */
export function globalAdminChoice(callerRoles: readonly string[] | undefined): GlobalAdminChoice {
  return callerRoles?.includes('globalAdmin') ? 'offer' : 'locked';
}

/** True when another organization created the user in its tenant (REL-4: e.g. a provider with admin access). */
export function createdElsewhere(user: { createdByTenantId?: string | null }, tenantId: string | undefined): boolean {
  return !!user.createdByTenantId && user.createdByTenantId !== tenantId;
}

/**
 * ACC-2: what each delegated-admin role a customer granted lets a partner do in the customer's tenant
 * (the API's delegated-role table in platform/access.ts): a user administrator manages users and their
 * passwords, a helpdesk administrator resets passwords, a license administrator assigns licenses.
 * The portal uses it only to decide which actions to offer; the API decides.
 */
export const DELEGATED_ROLE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  globalAdministrator: ['tenant.read', 'users.read', 'users.manage', 'users.resetPassword', 'licenses.manage', 'commerce.read'],
  userAdministrator: ['tenant.read', 'users.read', 'users.manage', 'users.resetPassword'],
  helpdeskAdministrator: ['tenant.read', 'users.read', 'users.resetPassword'],
  licenseAdministrator: ['tenant.read', 'users.read', 'licenses.manage', 'commerce.read'],
  billingReader: ['tenant.read', 'commerce.read'],
};
