// Who may act for whom, in one place (ACC-1, ACC-2):
// - the permission table: which role holds which permission inside its own tenant;
// - the delegated-role table: what each delegated-admin (GDAP) role a customer granted allows a partner
//   to do in the customer's tenant, and what REL-4 admin access allows a provider in its reseller's;
// - can(actor, permission, tenantId, relation): the one check every route and operation uses;
// - grantProblem(): the one check on every path that gives, changes or removes a user's roles.
import { AppError, type ErrorCode } from './errors.js';

export const partnerRoles = ['globalAdmin', 'userManagementAdmin', 'billingAdmin', 'adminAgent', 'salesAgent', 'helpdeskAgent'] as const;
export const operatorRoles = ['operatorAdmin', 'reviewer', 'supportEngineer'] as const;
export const publisherRoles = ['publisherOwner', 'developer'] as const;
/**
 * A customer's own roles (as in Microsoft Entra): its global admin and the admin roles that delegated
 * access names. A customer's user needs no role: without one it is a plain member of its directory.
 */
export const customerRoles = ['globalAdmin', 'userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator', 'billingReader'] as const;
export const allRoles = [...partnerRoles, ...operatorRoles, ...publisherRoles, ...customerRoles.filter((r) => r !== 'globalAdmin')] as [
  ...typeof partnerRoles,
  ...typeof operatorRoles,
  ...typeof publisherRoles,
  'userAdministrator',
  'licenseAdministrator',
  'helpdeskAdministrator',
  'billingReader',
];
export type Role = (typeof allRoles)[number];

/** The delegated-admin (GDAP) roles a partner may ask a customer for (CUS-1, CUS-4). */
export const delegatedRoles = ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator', 'billingReader', 'globalAdministrator'] as const;
export type DelegatedRole = (typeof delegatedRoles)[number];

/**
 * What an API route requires of its caller, as the route declares it (app.ts collects them; the
 * authorization matrices check every route against them):
 *   public                 anyone, signed in or not
 *   signedIn               any signed-in user (acting on itself)
 *   <permission>           a role holding it in the caller's own tenant (permissionTable)
 *   delegated:<permission> the tenant the route names: the caller's own by the permission table, another
 *                          only through delegated access (REL-4 admin access, delegated-admin roles)
 */
export type RouteAccess = 'public' | 'signedIn' | Permission | `delegated:${Permission}`;

/** What kind of organization a tenant is, for the roles it offers. */
export type TenantKind = 'operator' | 'partner' | 'customer';

export const permissions = [
  'tenant.read',
  'users.read',
  'users.manage',
  'users.resetPassword',
  'partners.search',
  'compliance.agreementStatus',
  'identityProvider.manage',
  'apps.manage',
  'securityGroups.manage',
  'mfaPolicy.manage',
  'users.resetMfa',
  'audit.read',
  'partnerProfile.read',
  'partnerProfile.manage',
  'enrollment.read',
  'enrollment.manage',
  'agreements.accept',
  'operator.enrollments.read',
  'operator.enrollments.decide',
  'operator.settings.read',
  'operator.settings.manage',
  'relationships.read',
  'relationships.manage',
  'relationships.adminAccess',
  'customers.read',
  'customers.invite',
  'customers.manage',
  'customers.create',
  'customer.acceptInvitation',
  'customer.partners.manage',
  'commerce.read',
  'commerce.order',
  'commerce.manage',
  'licenses.manage',
  'publisher.enroll',
  'offers.read',
  'offers.manage',
  'offers.publish',
  'supportRequests.read',
  'supportRequests.create',
  'operator.supportRequests',
  'csp.offers',
  'pricing.priceLists.read',
  'pricing.priceLists.manage',
  'pricing.manage',
  'pricing.sheets.read',
  'billing.read',
  'billing.manage',
  'events.read',
  'webhooks.manage',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What an app may be given (each only by a global admin who holds it): every permission but registering
 * apps (a leaked secret must not mint new ones) and accepting agreements (a named person accepts them).
 */
export const appPermissions = permissions.filter((p) => p !== 'apps.manage' && p !== 'agreements.accept');

/** The permission table: which role holds which permission inside its own tenant. */
export const permissionTable: Record<Permission, readonly Role[]> = {
  'tenant.read': allRoles,
  'users.read': ['globalAdmin', 'userManagementAdmin', 'adminAgent', 'operatorAdmin', 'userAdministrator', 'helpdeskAdministrator', 'licenseAdministrator'],
  // ENR-12: global admins, admin agents and (as in Partner Center) user management admins add and
  // change users — each only within what it holds itself (ACC-1, grantProblem below).
  'users.manage': ['globalAdmin', 'userManagementAdmin', 'adminAgent', 'operatorAdmin', 'userAdministrator'],
  // A temporary password for another user (its sessions and tokens end).
  'users.resetPassword': ['globalAdmin', 'userManagementAdmin', 'operatorAdmin', 'userAdministrator', 'helpdeskAdministrator'],
  // Single sign-on: connecting the organization's identity provider is the global admin's.
  'identityProvider.manage': ['globalAdmin'],
  // Apps (client credentials for integrations): registered, changed and removed by the global admin.
  'apps.manage': ['globalAdmin'],
  // ACC-3: the tenant's security groups and their members (read with users.read).
  'securityGroups.manage': ['globalAdmin', 'userManagementAdmin'],
  // ACC-4: requiring a second factor of every user of the organization is the global admin's.
  'mfaPolicy.manage': ['globalAdmin'],
  // ACC-4: a user's second factor is reset by a global admin of its own tenant; the operator's support
  // resets a locked-out global admin of any tenant (the operation checks which, and wants a reason).
  'users.resetMfa': ['globalAdmin', 'operatorAdmin', 'supportEngineer'],
  'audit.read': ['globalAdmin', 'userManagementAdmin', 'adminAgent', 'billingAdmin', 'operatorAdmin', 'reviewer', 'supportEngineer'],
  'partnerProfile.read': partnerRoles,
  // ENR-1, ENR-9: the legal profile, the enrollment and the agreement are the global admin's.
  'partnerProfile.manage': ['globalAdmin'],
  'enrollment.read': partnerRoles,
  'enrollment.manage': ['globalAdmin'],
  'agreements.accept': ['globalAdmin'],
  'operator.enrollments.read': operatorRoles,
  'operator.enrollments.decide': ['operatorAdmin', 'reviewer'],
  'operator.settings.read': operatorRoles,
  'operator.settings.manage': ['operatorAdmin'],
  'relationships.read': partnerRoles,
  // REL-2, REL-3, REL-8: invite, authorize and end — global admins and admin agents.
  'relationships.manage': ['globalAdmin', 'adminAgent'],
  // REL-4: only the reseller's global admin takes back the provider's admin access.
  'relationships.adminAccess': ['globalAdmin'],
  'customers.read': partnerRoles,
  // CUS-1: request a reseller relationship.
  'customers.invite': ['globalAdmin', 'adminAgent', 'salesAgent'],
  'customers.manage': ['globalAdmin', 'adminAgent'],
  // CUS-5, ORD-2: customers created and orders placed by the provider's admin agents.
  'customers.create': ['adminAgent'],
  // CUS-3: only a global admin of the customer accepts; it also ends a partner's delegated admin.
  'customer.acceptInvitation': ['globalAdmin'],
  'customer.partners.manage': ['globalAdmin'],
  'commerce.read': [...partnerRoles, 'licenseAdministrator', 'billingReader'],
  'commerce.order': ['adminAgent'],
  'commerce.manage': ['globalAdmin', 'adminAgent'],
  'licenses.manage': ['globalAdmin', 'adminAgent', 'userManagementAdmin', 'licenseAdministrator'],
  'publisher.enroll': ['globalAdmin'],
  'offers.read': ['globalAdmin', 'publisherOwner', 'developer'],
  'offers.manage': ['globalAdmin', 'publisherOwner', 'developer'],
  'offers.publish': ['globalAdmin', 'publisherOwner'],
  'supportRequests.read': ['globalAdmin', 'publisherOwner', 'developer', 'adminAgent'],
  'supportRequests.create': ['globalAdmin', 'publisherOwner', 'adminAgent'],
  'operator.supportRequests': ['operatorAdmin', 'supportEngineer'],
  // MKP-3: publishers pick the partners of their offers' CSP audience; the operator supports them.
  // The service also requires the caller's tenant to be an active publisher (or the operator).
  'partners.search': ['globalAdmin', 'publisherOwner', 'developer', 'operatorAdmin', 'reviewer', 'supportEngineer'],
  // Whether a partner accepted the partner agreement: for providers (the service checks it is an active
  // provider) and the operator.
  'compliance.agreementStatus': [...partnerRoles, ...operatorRoles],
  'csp.offers': partnerRoles,
  // PRC-1, PRC-4: the price lists carry the providers' cost: the operator's roles read them, its admin prepares and publishes them.
  'pricing.priceLists.read': operatorRoles,
  'pricing.priceLists.manage': ['operatorAdmin'],
  // PRC-2: a partner's prices for its buyers (its margins) are set by its global admin and its billing admin.
  'pricing.manage': ['globalAdmin', 'billingAdmin'],
  // PRC-4: price sheets, each tier its own buy and sell prices: the operator's roles (list prices and
  // providers' costs, as they read the price lists) and the partner roles that set prices (pricing.manage).
  'pricing.sheets.read': [...operatorRoles, 'globalAdmin', 'billingAdmin'],
  // BIL-1: a tenant's invoices and statements (received and issued): its billing people and global admins; the operator's admin.
  'billing.read': ['globalAdmin', 'billingAdmin', 'billingReader', 'operatorAdmin'],
  // BIL-2, BIL-4: what a seller does to its buyers' accounts (credit terms, payments, credit notes): its billing admin and global admin; the operator's admin.
  'billing.manage': ['globalAdmin', 'billingAdmin', 'operatorAdmin'],
  // EVT-1: the tenant's own change feed (and the event catalogue): its admins, as for the audit log.
  'events.read': ['globalAdmin', 'adminAgent', 'operatorAdmin'],
  // EVT-2: the tenant's webhook endpoints, their secrets and delivery logs: its global admin; the operator's admin.
  'webhooks.manage': ['globalAdmin', 'operatorAdmin'],
};

/** Permissions the operator's roles hold over every tenant of the program. */
export const operatorWidePermissions: Partial<Record<Permission, readonly Role[]>> = {
  'tenant.read': operatorRoles,
  'audit.read': operatorRoles,
};

export interface Actor {
  userId: string;
  tenantId: string;
  email: string;
  displayName: string;
  roles: Role[];
  isOperator: boolean;
  /** The tenant is an active publisher (read with the session or token that signed the request in). */
  isPublisher?: boolean;
  mustChangePassword: boolean;
  /** How the request was authenticated: a session, a personal access token, an app's client credentials. */
  via: 'session' | 'token' | 'app';
  sessionId?: string;
  /** How the credential was obtained (the session's amr: pwd, otp, webauthn, sso; a token's session's). */
  amr?: readonly string[];
  /** ACC-4: the credential passed a second factor (or the identity provider said it did). */
  mfa?: boolean;
  /** ACC-4: the program requires a second factor for delegated access (read with the credential). */
  mfaEnforced?: boolean;
  /** ACC-4: the user must have a second factor and has none yet: only enrolment routes answer (mfa_enrolment_required). */
  mfaEnrolmentRequired?: boolean;
  /** An app acting with its client credentials: exactly these permissions, in its own tenant. */
  app?: { id: string; name: string; permissions: readonly Permission[] };
}

/** What the permission check reads of an actor. */
export type ActorAccess = Pick<Actor, 'tenantId' | 'roles' | 'isOperator' | 'app' | 'mfa' | 'mfaEnforced'>;

/** ACC-4: whether the actor may use delegated access now (a second factor, where the program requires one). */
export function passesDelegationMfa(actor: Pick<Actor, 'mfa' | 'mfaEnforced'>): boolean {
  return !actor.mfaEnforced || actor.mfa === true;
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return permissionTable[permission].some((role) => roles.includes(role));
}

/** The permissions a user holds in its own tenant (reported by GET /v1/me, drives the portal's navigation). */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return permissions.filter((p) => hasPermission(roles, p));
}

/**
 * The delegated-role table (ACC-2): what each delegated-admin role allows a partner to do in the customer's
 * tenant, as in Microsoft Entra. A user administrator manages non-admin users and their passwords; a
 * helpdesk administrator resets non-admin passwords; a license administrator assigns licenses; a billing
 * reader reads. None of them, not even a delegated global administrator, ever grants global admin:
 * that is done only by a global admin of the tenant itself (grantProblem).
 */
export const delegatedRoleTable: Record<DelegatedRole, readonly Permission[]> = {
  globalAdministrator: ['tenant.read', 'users.read', 'users.manage', 'users.resetPassword', 'licenses.manage', 'commerce.read'],
  userAdministrator: ['tenant.read', 'users.read', 'users.manage', 'users.resetPassword'],
  helpdeskAdministrator: ['tenant.read', 'users.read', 'users.resetPassword'],
  licenseAdministrator: ['tenant.read', 'users.read', 'licenses.manage', 'commerce.read'],
  billingReader: ['tenant.read', 'commerce.read'],
};

/** REL-4: what a provider's admin access allows in its reseller's tenant (user management, never global admin). */
export const adminAccessPermissions: readonly Permission[] = ['tenant.read', 'users.read', 'users.manage', 'users.resetPassword'];

/**
 * Which of the partner's own roles exercise REL-4 admin access: its admin agents act on behalf of its
 * resellers. Delegated-admin roles are not exercised by role: the relation carries only the roles of
 * the access assignments of the actor's own security groups (ACC-3).
 */
export const delegatedExercisers: { adminAccess: readonly Role[] } = {
  adminAccess: ['adminAgent'],
};


/** How the actor relates to the tenant acted on (looked up by the one relation resolver, customers' relationTo). */
export interface TenantRelation {
  /** REL-4: the actor's tenant is a provider holding admin access granted by that (reseller) tenant. */
  adminAccess: boolean;
  /**
   * CUS-4, ACC-3: the delegated-admin roles this actor (user or app) holds in that (customer) tenant
   * now: the union of the roles of the access assignments of its security groups on active, unexpired
   * relationships. Nothing without an assignment.
   */
  delegatedRoles: readonly string[];
  /**
   * The actor's tenant has an active relationship with that tenant at all (provider of that reseller,
   * partner of that customer), whatever it allows; without one, the tenant is not the actor's to know.
   */
  related?: boolean;
}

export const noRelation: TenantRelation = { adminAccess: false, delegatedRoles: [] };

/** The permissions the actor holds in a tenant: its own roles at home, delegated ones elsewhere. */
export function effectivePermissions(actor: ActorAccess, tenantId: string, relation: TenantRelation = noRelation): Set<Permission> {
  if (actor.tenantId === tenantId) return new Set(actor.app ? actor.app.permissions : permissionsOf(actor.roles));
  const held = new Set<Permission>();
  const holds = (roles: readonly Role[]) => roles.some((role) => actor.roles.includes(role));
  if (!passesDelegationMfa(actor)) relation = noRelation;
  if (relation.adminAccess && holds(delegatedExercisers.adminAccess)) for (const p of adminAccessPermissions) held.add(p);
  for (const role of relation.delegatedRoles) for (const p of delegatedRoleTable[role as DelegatedRole] ?? []) held.add(p);
  if (actor.isOperator) {
    for (const [p, roles] of Object.entries(operatorWidePermissions) as [Permission, readonly Role[]][]) if (holds(roles)) held.add(p);
  }
  return held;
}

/** May this actor exercise this permission on this tenant? The one check (ACC-1). */
export function can(actor: ActorAccess, permission: Permission, tenantId: string, relation?: TenantRelation): boolean {
  return effectivePermissions(actor, tenantId, relation).has(permission);
}

/**
 * Why the actor may not exercise the permission in another tenant through this relation: 'mfa_required'
 * when the relation would allow it but the credential lacks the second factor the program requires
 * (ACC-4), 'delegated_role_missing' otherwise; null when it may.
 */
export function delegatedRefusal(actor: ActorAccess, permission: Permission, tenantId: string, relation: TenantRelation): 'mfa_required' | 'delegated_role_missing' | null {
  if (can(actor, permission, tenantId, relation)) return null;
  if (!passesDelegationMfa(actor) && can({ ...actor, mfaEnforced: false }, permission, tenantId, relation)) return 'mfa_required';
  return 'delegated_role_missing';
}

/** Throws 403 when the actor lacks the permission (callers answer 404 first where the tenant is not theirs to know). */
export function requirePermission(actor: Actor, permission: Permission, tenantId: string = actor.tenantId, relation?: TenantRelation): void {
  if (!can(actor, permission, tenantId, relation)) throw new AppError('forbidden');
}

/** Roles that may be given to users of a tenant of this kind (ACC-1: a customer never offers partner roles). */
export function assignableRoles(kind: TenantKind): readonly Role[] {
  if (kind === 'operator') return [...operatorRoles, ...partnerRoles];
  if (kind === 'customer') return customerRoles;
  return [...partnerRoles, ...publisherRoles];
}

/** The kind of a tenant from its program memberships. */
export function tenantKindOf(memberships: readonly { program: string }[]): TenantKind {
  if (memberships.some((m) => m.program === 'operator')) return 'operator';
  if (memberships.length > 0 && memberships.every((m) => m.program === 'customer')) return 'customer';
  return 'partner';
}

/** What a change to a user looks like to the grant check. */
export interface RoleChange {
  /** The user before the change (absent when it is being created). */
  before?: { roles: readonly string[]; createdByTenantId?: string | null };
  /** Its roles after the change (the same as before for a rename, a deactivation or a password reset). */
  after: readonly string[];
}

/**
 * ACC-1, ACC-2, ENR-12: may the actor make this change to a user of `tenantId`? Null when it may,
 * otherwise the error code. Every path that creates a user, changes its roles or state, or resets its
 * password passes here:
 * - the actor needs users.manage (users.resetPassword for a reset) in that tenant (own roles, or the
 *   delegated-role table through the relation);
 * - global admin is granted, removed or touched only by a global admin of that tenant itself — never
 *   through delegated or admin access — and never held by a user another organization created there;
 * - nobody grants a permission it does not hold: every permission of the user's roles, before and after,
 *   is one the actor holds in that tenant (a global admin at home holds them all).
 */
export function grantProblem(
  actor: ActorAccess,
  tenant: { id: string; kind: TenantKind },
  relation: TenantRelation | undefined,
  change: RoleChange,
  needed: 'users.manage' | 'users.resetPassword' = 'users.manage',
): ErrorCode | null {
  const held = effectivePermissions(actor, tenant.id, relation);
  if (!held.has(needed)) return 'forbidden';
  const home = actor.tenantId === tenant.id;
  const homeGlobalAdmin = home && actor.roles.includes('globalAdmin');
  const touched = [...(change.before?.roles ?? []), ...change.after];
  if (touched.includes('globalAdmin')) {
    if (!homeGlobalAdmin) return 'global_admin_grant_forbidden';
    const createdElsewhere = change.before?.createdByTenantId && change.before.createdByTenantId !== tenant.id;
    if (createdElsewhere && change.after.includes('globalAdmin')) return 'global_admin_grant_forbidden';
  }
  if (homeGlobalAdmin) return null;
  // REL-4: a provider's admin agent acts in its reseller's tenant as it does at home, so what it may hand
  // out there is bounded by its own roles; through delegated-admin roles, by what those roles allow.
  const bound = new Set(held);
  if (!home && relation?.adminAccess && delegatedExercisers.adminAccess.some((role) => actor.roles.includes(role))) for (const p of permissionsOf(actor.roles)) bound.add(p);
  const unheld = permissionsOf(touched).filter((p) => p !== 'tenant.read' && !bound.has(p));
  return unheld.length ? 'role_grant_exceeds_own' : null;
}
