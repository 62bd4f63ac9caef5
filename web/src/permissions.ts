export const PERMISSIONS = {
  usersRead: 'users.read',
  usersManage: 'users.manage',
  auditRead: 'audit.read',
  partnerProfileRead: 'partnerProfile.read',
  partnerProfileManage: 'partnerProfile.manage',
  enrollmentRead: 'enrollment.read',
  enrollmentManage: 'enrollment.manage',
  agreementsAccept: 'agreements.accept',
  operatorEnrollmentsRead: 'operator.enrollments.read',
  operatorEnrollmentsDecide: 'operator.enrollments.decide',
  operatorSettingsRead: 'operator.settings.read',
  operatorSettingsManage: 'operator.settings.manage',
} as const;

export function hasPermission(permissions: readonly string[] | undefined, permission: string): boolean {
  return !!permissions?.includes(permission);
}

/** True when the signed-in user's tenant runs the program (membership in the `operator` program). */
export function isOperatorTenant(memberships: readonly { program: string }[] | undefined): boolean {
  return !!memberships?.some((membership) => membership.program === 'operator');
}

/** True for a customer's tenant (created by a partner; it does not enroll in the partner program). */
export function isCustomerTenant(memberships: readonly { program: string }[] | undefined): boolean {
  return !!memberships?.some((membership) => membership.program === 'customer');
}

/** Partner pages (enrollment, legal info, locations, agreements): partner roles, outside the operator's and customers' tenants. */
export function canSeePartnerArea(me: { permissions: readonly string[]; memberships: readonly { program: string }[] } | null | undefined): boolean {
  if (!me || isOperatorTenant(me.memberships) || isCustomerTenant(me.memberships)) return false;
  return hasPermission(me.permissions, PERMISSIONS.partnerProfileRead) || hasPermission(me.permissions, PERMISSIONS.enrollmentRead);
}

/** Operator pages (review queue, program settings). */
export function canSeeOperatorArea(me: { permissions: readonly string[] } | null | undefined): boolean {
  return hasPermission(me?.permissions, PERMISSIONS.operatorEnrollmentsRead) || hasPermission(me?.permissions, PERMISSIONS.operatorSettingsRead);
}
