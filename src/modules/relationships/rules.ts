// Relationship rules, pure: who may accept (REL-3, REL-6), what authorizing grants (REL-4). An
// invitation's states (REL-2) are every invitation's: platform/invitations.ts.

/** REL-4: exactly what authorizing an indirect provider grants. */
export const resellerAuthorizationGrants = ['submitOrdersForYourCustomers', 'addSubscriptionsForYourCustomers', 'adminAccessToYourTenant'] as const;

/** REL-6: the reseller must be an enrolled reseller — at least verified. */
export function isEnrolledReseller(enrollmentStatus: string | null): boolean {
  return enrollmentStatus === 'verified' || enrollmentStatus === 'active';
}
