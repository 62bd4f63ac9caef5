/** Roles that a partner or customer tenant can grant. */
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

export const ALL_ROLES = [...PARTNER_ROLES, ...OPERATOR_ROLES] as const;
export type Role = (typeof ALL_ROLES)[number];

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
