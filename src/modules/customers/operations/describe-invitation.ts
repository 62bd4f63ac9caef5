// CUS-3: who asks for what — the reseller (and provider) with what each may do, the delegated admin
// asked for, the customer agreement to accept; no sign-in needed.
import { countryName, type Locale } from '../../../platform/i18n/index.js';
import { invitationByToken } from '../../../platform/invitations.js';
import type { CustomerInvitationDescription } from '../contract.js';
import { customerInvitationKind } from '../invitation-kind.js';
import type { CustomersDeps } from './deps.js';

export async function describeInvitation(deps: CustomersDeps, token: string, locale: Locale): Promise<CustomerInvitationDescription> {
  const { identity, enrollment, agreements } = deps;
  const row = await invitationByToken(deps.db, customerInvitationKind, token);
  const party = async (tenantId: string) => {
    const tenant = await identity.getTenant(tenantId);
    const country = await enrollment.contactCountry(tenantId);
    return { tenantId, name: tenant!.name, country, countryName: countryName(country, locale) };
  };
  const agreement = await agreements.current('customerAgreement');
  return {
    type: row.type,
    reseller: { ...(await party(row.resellerTenantId)), canDo: ['manageSubscriptions', 'manageLicenses', 'manageUsers', 'placeOrders'] },
    provider: row.providerTenantId ? { ...(await party(row.providerTenantId)), canDo: ['placeOrders', 'manageSubscriptions'] } : null,
    delegatedAdmin: row.delegatedAdmin ?? null,
    customerAgreementTemplateId: agreement?.id ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}
