// CUS-5: a provider creates a customer for one of its resellers — a new customer tenant, billed in its
// own country, whose admin gets a temporary password (shown once), related to both (MKT-3).
import type { RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import type { CreateCustomerBody, CreatedCustomer } from '../contract.js';
import { customerProfiles } from '../schema.js';
import { relate } from '../writes.js';
import type { CustomersDeps } from './deps.js';

export async function createCustomer(deps: CustomersDeps, ctx: RequestContext, input: CreateCustomerBody): Promise<CreatedCustomer> {
  const { platform, identity, enrollment, markets, relationships } = deps;
  const actor = ctx.actor!;
  // CUS-5: the customer is billed in its own country.
  if (input.billingProfile.address.country !== input.country) {
    throw invalidFields({ path: '/billingProfile/address/country', code: 'billing_country_mismatch', params: { country: input.country } });
  }
  const provider = await enrollment.standing(actor.tenantId, 'indirectProvider');
  if (provider.enrollmentStatus !== 'active') throw new AppError('provider_not_active');
  if ((await relationships.activeBetween([actor.tenantId], input.resellerTenantId)).length === 0) throw new AppError('provider_not_authorized_by_reseller');
  // A suspended reseller signs no new customer relationships.
  if ((await enrollment.standing(input.resellerTenantId, 'indirectReseller')).enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
  if (!(await markets.sameRegion(input.country, await enrollment.contactCountry(actor.tenantId)))) throw new AppError('region_mismatch'); // MKT-3
  return platform.transaction(async (tx) => {
    const created = await identity.insertCustomerTenant(tx, ctx, {
      organizationName: input.companyName,
      country: input.country,
      domainPrefix: input.domainPrefix,
      admin: { displayName: `${input.admin.firstName} ${input.admin.lastName}`, email: input.admin.email, language: input.billingProfile.language },
    });
    await tx.insert(customerProfiles).values({ tenantId: created.tenant.id, billingProfile: input.billingProfile });
    await relate(tx, ctx, created.tenant.id, input.resellerTenantId, 'reseller', null);
    await relate(tx, ctx, created.tenant.id, actor.tenantId, 'provider', input.resellerTenantId);
    return { customer: { id: created.tenant.id, companyName: created.tenant.name, country: created.tenant.country, primaryDomain: created.tenant.primaryDomain }, admin: { ...created.user, temporaryPassword: created.temporaryPassword } };
  });
}
