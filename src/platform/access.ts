// Roles → permissions, and the one check every route uses: can(actor, permission, tenantId).
import { AppError } from './errors.js';

export const partnerRoles = ['globalAdmin', 'userManagementAdmin', 'billingAdmin', 'adminAgent', 'salesAgent', 'helpdeskAgent'] as const;
export const operatorRoles = ['operatorAdmin', 'reviewer', 'supportEngineer'] as const;
export const publisherRoles = ['publisherOwner', 'developer'] as const;
export const allRoles = [...partnerRoles, ...operatorRoles, ...publisherRoles] as const;
export type Role = (typeof allRoles)[number];

export const permissions = [
  'tenant.read',
  'users.read',
  'users.manage',
  'identityProvider.manage',
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
] as const;
export type Permission = (typeof permissions)[number];

/** The permission table: which role holds which permission inside its own tenant. */
export const permissionTable: Record<Permission, readonly Role[]> = {
  'tenant.read': allRoles,
  'users.read': ['globalAdmin', 'userManagementAdmin', 'adminAgent', 'operatorAdmin'],
  'users.manage': ['globalAdmin', 'userManagementAdmin', 'adminAgent', 'operatorAdmin'],
  // Single sign-on: connecting the organization's identity provider is the global admin's.
  'identityProvider.manage': ['globalAdmin'],
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
  'commerce.read': partnerRoles,
  'commerce.order': ['adminAgent'],
  'commerce.manage': ['globalAdmin', 'adminAgent'],
  'licenses.manage': ['globalAdmin', 'adminAgent', 'userManagementAdmin'],
  'publisher.enroll': ['globalAdmin'],
  'offers.read': ['globalAdmin', 'publisherOwner', 'developer'],
  'offers.manage': ['globalAdmin', 'publisherOwner', 'developer'],
  'offers.publish': ['globalAdmin', 'publisherOwner'],
  'supportRequests.read': ['globalAdmin', 'publisherOwner', 'developer', 'adminAgent'],
  'supportRequests.create': ['globalAdmin', 'publisherOwner', 'adminAgent'],
  'operator.supportRequests': ['operatorAdmin', 'supportEngineer'],
  'csp.offers': partnerRoles,
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
  mustChangePassword: boolean;
  /** How the request was authenticated. */
  via: 'session' | 'token';
  sessionId?: string;
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return permissionTable[permission].some((role) => roles.includes(role));
}

/** The permissions a user holds in its own tenant (reported by GET /v1/me, drives the portal's navigation). */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return permissions.filter((p) => hasPermission(roles, p));
}

/** Permissions a partner exercises in another tenant through delegated admin access (REL-4, CUS-4). */
export const delegatedPermissions: Partial<Record<Permission, readonly Role[]>> = {
  'users.read': ['adminAgent'],
  'users.manage': ['adminAgent'],
};

/** How the actor's tenant relates to the tenant acted on (looked up by the caller). */
export interface TenantRelation {
  /** The actor's tenant holds admin access granted by that tenant. */
  delegatedAdmin: boolean;
}

/** May this actor exercise this permission on this tenant? */
export function can(actor: Actor, permission: Permission, tenantId: string, relation?: TenantRelation): boolean {
  if (actor.tenantId === tenantId) return hasPermission(actor.roles, permission);
  if (relation?.delegatedAdmin && (delegatedPermissions[permission] ?? []).some((role) => actor.roles.includes(role))) return true;
  if (actor.isOperator) return (operatorWidePermissions[permission] ?? []).some((role) => actor.roles.includes(role as Role));
  return false;
}

/** Throws 403 when the actor lacks the permission on its own tenant. */
export function requirePermission(actor: Actor, permission: Permission, tenantId: string = actor.tenantId): void {
  if (!can(actor, permission, tenantId)) {
    // Another tenant's resources are not revealed: callers look them up first and answer 404.
    throw new AppError('forbidden');
  }
}

/** Roles that may be given to users of a tenant. */
export function assignableRoles(isOperatorTenant: boolean): readonly Role[] {
  return isOperatorTenant ? [...operatorRoles, ...partnerRoles] : [...partnerRoles, ...publisherRoles];
}
