// PRC-2, PRC-4: the portal's live preview of a repricing editor: for one buyer and one SKU × term ×
// billing cycle × currency in a month, what the caller pays, the list price and what the buyer pays,
// with the caller's config behind it. A provider's cost is the price list's unit price; a reseller's is
// what its provider charges it, and the provider's own cost never leaves in a reseller's answer.
import type { Actor } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import { formatAmount } from '../../../platform/money.js';
import type { PricePreview, PricePreviewQuery } from '../contract.js';
import { isBuyerOf, providerOf } from '../reads.js';
import { monthOf } from '../rules.js';
import { repricingConfigView } from '../views.js';
import type { PricingDeps } from './deps.js';
import { priceLines } from './price-line.js';

export async function previewPrice(deps: PricingDeps, actor: Actor, query: PricePreviewQuery): Promise<PricePreview> {
  if (!(await isBuyerOf(deps, actor.tenantId, query.tier, query.buyerTenantId))) {
    throw new AppError('repricing_buyer_not_related', {}, [{ path: '/query/buyerTenantId', code: 'repricing_buyer_not_related' }]);
  }
  const month = query.month ?? monthOf(deps.now());
  const [product] = await deps.commerce.listActiveProducts([query.productId]);
  if (!product) throw new AppError('price_not_listed', { month });
  const line = { product, skuId: query.skuId, termDuration: query.termDuration, billingCycle: query.billingCycle, currency: query.currency };
  const asProvider = query.tier === 'reseller';
  const [prices] = asProvider
    ? await priceLines(deps, month, [{ ...line, providerTenantId: actor.tenantId, resellerTenantId: query.buyerTenantId }])
    : await priceLines(deps, month, [{ ...line, providerTenantId: await providerOf(deps, actor, query.providerTenantId), resellerTenantId: actor.tenantId, customerTenantId: query.buyerTenantId }]);
  if (!prices) throw new AppError('price_not_listed', { month });
  const config = (asProvider ? prices.resellerConfig : prices.customerConfig) ?? null;
  const amount = (minor: number) => formatAmount(minor, query.currency);
  return {
    tier: query.tier,
    month,
    currency: query.currency,
    priceListId: prices.priceListId,
    listPrice: amount(prices.listPrice),
    // PRC-4: a reseller's cost is its own price from the provider, never the provider's cost.
    cost: amount(asProvider ? prices.providerCost : prices.resellerPrice!),
    price: amount(asProvider ? prices.resellerPrice! : prices.customerPrice!),
    config: config ? repricingConfigView(config) : null,
  };
}
