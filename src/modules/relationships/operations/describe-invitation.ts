// REL-3: what the reseller sees before authorizing — the provider and what authorizing grants (REL-4);
// no sign-in needed.
import { countryName, type Locale } from '../../../platform/i18n/index.js';
import { invitationByToken } from '../../../platform/invitations.js';
import type { ResellerInvitationDescription } from '../contract.js';
import { resellerInvitationKind } from '../invitation-kind.js';
import { resellerAuthorizationGrants } from '../rules.js';
import type { RelationshipsDeps } from './deps.js';

export async function describeInvitation(deps: RelationshipsDeps, token: string, locale: Locale): Promise<ResellerInvitationDescription> {
  const { identity, enrollment, markets } = deps;
  const row = await invitationByToken(deps.db, resellerInvitationKind, token);
  const tenant = await identity.getTenant(row.providerTenantId);
  const country = await enrollment.contactCountry(row.providerTenantId);
  const attributes = await enrollment.getAttributes(row.providerTenantId);
  return {
    provider: {
      tenantId: row.providerTenantId,
      name: tenant!.name,
      country,
      countryName: countryName(country, locale),
      region: (await markets.regionOf(country)) ?? null,
      servicesOffered: attributes.servicesOffered,
    },
    grants: [...resellerAuthorizationGrants],
    expiresAt: row.expiresAt.toISOString(),
  };
}
