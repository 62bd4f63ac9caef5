export const PERMISSIONS = {
  usersRead: 'users.read',
  usersManage: 'users.manage',
  usersResetPassword: 'users.resetPassword',
  usersResetMfa: 'users.resetMfa',
  mfaPolicyManage: 'mfaPolicy.manage',
  identityProviderManage: 'identityProvider.manage',
  securityGroupsManage: 'securityGroups.manage',
  appsManage: 'apps.manage',
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
  relationshipsRead: 'relationships.read',
  relationshipsManage: 'relationships.manage',
  relationshipsAdminAccess: 'relationships.adminAccess',
  customersRead: 'customers.read',
  customersInvite: 'customers.invite',
  customersManage: 'customers.manage',
  customersCreate: 'customers.create',
  customerAcceptInvitation: 'customer.acceptInvitation',
  customerPartnersManage: 'customer.partners.manage',
  commerceRead: 'commerce.read',
  commerceOrder: 'commerce.order',
  commerceManage: 'commerce.manage',
  licensesManage: 'licenses.manage',
  publisherEnroll: 'publisher.enroll',
  offersRead: 'offers.read',
  offersManage: 'offers.manage',
  offersPublish: 'offers.publish',
  supportRequestsRead: 'supportRequests.read',
  supportRequestsCreate: 'supportRequests.create',
  operatorSupportRequests: 'operator.supportRequests',
  cspOffers: 'csp.offers',
  priceListsRead: 'pricing.priceLists.read',
  priceListsManage: 'pricing.priceLists.manage',
  pricingManage: 'pricing.manage',
  billingRead: 'billing.read',
  billingManage: 'billing.manage',
  eventsRead: 'events.read',
  webhooksManage: 'webhooks.manage',
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

/** True when the tenant holds a membership in the program (any status: the pages explain what is still missing). */
export function hasProgram(memberships: readonly { program: string }[] | undefined, program: string): boolean {
  return !!memberships?.some((membership) => membership.program === program);
}

/** An indirect provider's pages (Indirect resellers, its customers and orders). */
export function isProviderTenant(memberships: readonly { program: string }[] | undefined): boolean {
  return hasProgram(memberships, 'indirectProvider');
}

/** An indirect reseller's pages (provider directory, Indirect providers, its customers). */
export function isResellerTenant(memberships: readonly { program: string }[] | undefined): boolean {
  return hasProgram(memberships, 'indirectReseller');
}

/** An active publisher's marketplace pages (offers, support requests). */
export function isPublisherTenant(memberships: readonly { program: string; status?: string }[] | undefined): boolean {
  return !!memberships?.some((membership) => membership.program === 'publisher' && membership.status === 'active');
}
