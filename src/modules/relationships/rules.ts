// Relationship rules, pure: invitation states (REL-2), who may accept (REL-3, REL-6), what
// authorizing grants (REL-4).

export const invitationDays = 30;

export { invitationStatus, type InvitationStatus } from '../../platform/invitations.js';

/** REL-4: exactly what authorizing an indirect provider grants. */
export const resellerAuthorizationGrants = ['submitOrdersForYourCustomers', 'addSubscriptionsForYourCustomers', 'adminAccessToYourTenant'] as const;

/** REL-6: the reseller must be an enrolled reseller — at least verified. */
export function isEnrolledReseller(enrollmentStatus: string | null): boolean {
  return enrollmentStatus === 'verified' || enrollmentStatus === 'active';
}
