// PRC-2, PRC-4: the portal's live preview of a repricing editor: for one buyer and one SKU × term ×
// billing cycle × currency in a month, optionally with the config being written priced as if stored
// (so the editor never repeats the rules): what the caller pays, the list price and what the buyer pays,
// with the caller's config behind it. A provider's cost is the price list's unit price; a reseller's is
// what its provider charges it, and the provider's own cost never leaves in a reseller's answer.
import type { Actor } from '../../../platform/access.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import { formatAmount } from '../../../platform/money.js';
import type { PricePreview, PricePreviewQuery } from '../contract.js';
import { configsForBuyers, isBuyerOf, providerOf } from '../reads.js';
import { adjustmentOfText, configProblem, monthOf, type RepricingConfig as RuleConfig } from '../rules.js';
import { repricingConfigView, ruleConfigOf } from '../views.js';
import type { PricingDeps } from './deps.js';
import { priceLines, type DraftConfig } from './price-line.js';

export async function previewPrice(deps: PricingDeps, actor: Actor, query: PricePreviewQuery): Promise<PricePreview> {
  if (!(await isBuyerOf(deps, actor.tenantId, query.tier, query.buyerTenantId))) {
    throw new AppError('repricing_buyer_not_related', {}, [{ path: '/query/buyerTenantId', code: 'repricing_buyer_not_related' }]);
  }
  const month = query.month ?? monthOf(deps.now());
  const [product] = await deps.commerce.listActiveProducts([query.productId]);
  if (!product) throw new AppError('price_not_listed', { month });
  const line = { product, skuId: query.skuId, termDuration: query.termDuration, billingCycle: query.billingCycle, currency: query.currency };
  const asProvider = query.tier === 'reseller';
  const draft = await draftOf(deps, actor, query, month);
  const [prices] = asProvider
    ? await priceLines(deps, month, [{ ...line, providerTenantId: actor.tenantId, resellerTenantId: query.buyerTenantId }], deps.db, draft?.priced)
    : await priceLines(
        deps,
        month,
        [{ ...line, providerTenantId: await providerOf(deps, actor, query.providerTenantId), resellerTenantId: actor.tenantId, customerTenantId: query.buyerTenantId }],
        deps.db,
        draft?.priced,
      );
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
    ...(draft ? { draft: { applies: prices.draftApplied === true, problem: draft.problem } } : {}),
  };
}

/**
 * PRC-2: the config being written (the draft* parameters), as the rules read a stored one, and why it
 * could not be stored beside the caller's configs (configProblem: same slot and month, a month past, a
 * fixed price for more than a SKU), or null. Its adjustment is taken exactly or refused (400), like a
 * config's.
 */
async function draftOf(deps: PricingDeps, actor: Actor, query: PricePreviewQuery, month: string): Promise<{ priced: DraftConfig; problem: string | null } | undefined> {
  if (query.draftBasis === undefined) {
    const stray = (['draftScope', 'draftTarget', 'draftPercent', 'draftUnitPrice', 'draftEffectiveMonth'] as const).find((k) => query[k] !== undefined);
    if (stray) throw invalidFields({ path: '/query/draftBasis', code: 'required' });
    return undefined;
  }
  if ((query.draftPercent === undefined) === (query.draftUnitPrice === undefined)) throw invalidFields({ path: '/query/draftPercent', code: 'percent_or_unit_price' });
  const read = query.draftPercent !== undefined ? adjustmentOfText({ percent: query.draftPercent }) : adjustmentOfText({ unitPrice: query.draftUnitPrice!, currency: query.currency });
  if (!('adjustment' in read)) throw invalidFields({ path: read.field === 'percent' ? '/query/draftPercent' : '/query/draftUnitPrice', code: read.code, ...(read.params ? { params: read.params } : {}) });
  const { adjustment } = read;
  const target = query.draftTarget ?? 'sku';
  const config: RuleConfig = {
    id: 'draft',
    scope: (query.draftScope ?? 'one') === 'one' ? { kind: 'one', buyerTenantId: query.buyerTenantId } : { kind: 'all' },
    target: target === 'all' ? { kind: 'all' } : target === 'product' ? { kind: 'product', productId: query.productId } : { kind: 'sku', productId: query.productId, skuId: query.skuId },
    basis: query.draftBasis,
    adjustment,
    effectiveMonth: query.draftEffectiveMonth ?? month,
  };
  const existing = await configsForBuyers(deps.db, [actor.tenantId], query.tier, [query.buyerTenantId], config.effectiveMonth);
  const problem = configProblem(config, existing.map(ruleConfigOf), monthOf(deps.now()));
  return { priced: { tier: query.tier, sellerTenantId: actor.tenantId, config }, problem };
}
