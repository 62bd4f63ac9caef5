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

/** REL-2: the tokens of the invitation links in a (possibly edited) draft — the link must stay in it; it is recognised by its token's hash, since the link itself is not stored. */
export function linksIn(text: string, publicUrl: string, kind: 'reseller' | 'customer'): string[] {
  const prefix = `${publicUrl}/invitations/${kind}/`;
  const found: string[] = [];
  let at = text.indexOf(prefix);
  while (at >= 0) {
    const match = /^[\w-]+/.exec(text.slice(at + prefix.length));
    if (match) found.push(match[0]);
    at = text.indexOf(prefix, at + prefix.length);
  }
  return found;
}
