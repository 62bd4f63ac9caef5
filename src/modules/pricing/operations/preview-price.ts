// PRC-2, PRC-4: the portal's live preview of a repricing editor: for one buyer and one SKU × term ×
// billing cycle × currency in a month, what the caller pays, the list price and what the buyer pays,
// with the caller's config behind it. A provider's cost is the price list's unit price; a reseller's is
// what its provider charges it, and the provider's own cost never leaves in a reseller's answer.
import type { Actor } from '../../../platform/access.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import { formatAmount } from '../../../platform/money.js';
import type { PricePreview, PricePreviewQuery } from '../contract.js';
import { isBuyerOf } from '../reads.js';
import { monthOf } from '../rules.js';
import { repricingConfigView } from '../views.js';
import type { PricingDeps } from './deps.js';
import { priceLine } from './price-line.js';

/** The provider whose price is a reseller's cost: the one named (an active provider of the reseller), or its only one. */
async function providerOf(deps: PricingDeps, actor: Actor, named: string | undefined): Promise<string> {
  if (named) {
    if ((await deps.relationships.activeBetween([named], actor.tenantId)).length === 0) {
      throw new AppError('provider_relationship_invalid', {}, [{ path: '/query/providerTenantId', code: 'provider_relationship_invalid' }]);
    }
    return named;
  }
  const providers = (await deps.relationships.listRelationships(actor, { relationshipType: 'IsIndirectResellerOf', size: 2 })).items;
  if (providers.length === 0) throw new AppError('provider_relationship_invalid', {}, [{ path: '/query/providerTenantId', code: 'provider_relationship_invalid' }]);
  if (providers.length > 1) throw invalidFields({ path: '/query/providerTenantId', code: 'required' });
  return providers[0]!.providerTenantId;
}

export async function previewPrice(deps: PricingDeps, actor: Actor, query: PricePreviewQuery): Promise<PricePreview> {
  if (!(await isBuyerOf(deps, actor.tenantId, query.tier, query.buyerTenantId))) {
    throw new AppError('repricing_buyer_not_related', {}, [{ path: '/query/buyerTenantId', code: 'repricing_buyer_not_related' }]);
  }
  const month = query.month ?? monthOf(deps.now());
  const line = { productId: query.productId, skuId: query.skuId, termDuration: query.termDuration, billingCycle: query.billingCycle, currency: query.currency, month };
  const asProvider = query.tier === 'reseller';
  const prices = asProvider
    ? await priceLine(deps, { ...line, providerTenantId: actor.tenantId, resellerTenantId: query.buyerTenantId })
    : await priceLine(deps, { ...line, providerTenantId: await providerOf(deps, actor, query.providerTenantId), resellerTenantId: actor.tenantId, customerTenantId: query.buyerTenantId });
  if (!prices) throw new AppError('price_not_listed', { month });
  const config = asProvider ? prices.resellerConfig : (prices.customerConfig ?? null);
  const amount = (minor: number) => formatAmount(minor, query.currency);
  return {
    tier: query.tier,
    month,
    currency: query.currency,
    priceListId: prices.priceListId,
    listPrice: amount(prices.listPrice),
    // PRC-4: a reseller's cost is its own price from the provider, never the provider's cost.
    cost: amount(asProvider ? prices.providerCost : prices.resellerPrice),
    price: amount(asProvider ? prices.resellerPrice : prices.customerPrice!),
    config: config ? repricingConfigView(config) : null,
  };
}
