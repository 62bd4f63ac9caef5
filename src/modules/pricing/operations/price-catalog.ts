// PRC-4: the catalog priced for its caller, each tier seeing only its own buy and sell prices: the
// operator the list price and the provider's cost; an active provider its cost, and its price to one of
// its resellers when it names one; a reseller (or a provider that names the provider it buys from) its
// price from that provider, and its price to one of its customers when it names one; a publisher the list
// prices of its own offers; anyone else (a customer, a partner not yet enrolled) no prices, since its
// partner quotes it. Prices are those checkout would freeze now (priceLines, PRC-3).
import type { Actor } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';
import { formatAmount } from '../../../platform/money.js';
import type { Catalog, CatalogPrice, CatalogQuery } from '../../commerce/contract.js';
import { isBuyerOf, providerOf } from '../reads.js';
import { monthOf } from '../rules.js';
import type { PricingDeps } from './deps.js';
import { priceLines, type ProductToPrice } from './price-line.js';

/** One SKU × term × billing cycle of the catalog, to price. */
export interface CatalogPoint {
  product: ProductToPrice & { publisherTenantId: string | null };
  skuId: string;
  termDuration: string;
  billingCycle: string;
}

type Audience = Catalog['audience'];

async function requireBuyer(deps: PricingDeps, seller: string, tier: 'reseller' | 'customer', buyer: string, field: string) {
  if (!(await isBuyerOf(deps, seller, tier, buyer))) throw new AppError('repricing_buyer_not_related', {}, [{ path: `/query/${field}`, code: 'repricing_buyer_not_related' }]);
}

async function audienceOf(deps: PricingDeps, actor: Actor, query: Omit<CatalogQuery, 'country'>): Promise<Audience> {
  if (actor.isOperator) return 'operator';
  const statuses = await deps.enrollment.programStatuses(actor.tenantId);
  const reseller = statuses.indirectReseller === 'verified' || statuses.indirectReseller === 'active';
  if (statuses.indirectProvider === 'active' && !(reseller && query.providerTenantId)) return 'provider';
  if (reseller) return 'reseller';
  return actor.isPublisher ? 'publisher' : 'none';
}

/** Each point's price as the caller's tier sees it (an empty list where it sees none), in the market's currency. */
export async function priceCatalog(deps: PricingDeps, actor: Actor, query: Omit<CatalogQuery, 'country'>, currency: string, points: CatalogPoint[]): Promise<{ audience: Audience; prices: CatalogPrice[][] }> {
  const audience = await audienceOf(deps, actor, query);
  const month = monthOf(deps.now());
  const amount = (minor: number) => formatAmount(minor, currency);
  const point = (p: CatalogPoint) => ({ termDuration: p.termDuration, billingCycle: p.billingCycle });
  const line = (p: CatalogPoint) => ({ product: p.product, skuId: p.skuId, termDuration: p.termDuration, billingCycle: p.billingCycle, currency });
  if (audience === 'none') return { audience, prices: points.map(() => []) };
  if (audience === 'publisher') {
    const own = points.filter((p) => p.product.publisherTenantId === actor.tenantId);
    const priced = await priceLines(deps, month, own.map((p) => ({ ...line(p), providerTenantId: actor.tenantId })));
    const byPoint = new Map(own.map((p, i) => [p, priced[i]]));
    return { audience, prices: points.map((p) => { const prices = byPoint.get(p); return prices ? [{ audience, ...point(p), listPrice: amount(prices.listPrice) }] : []; }) };
  }
  if (audience === 'operator' || audience === 'provider') {
    const resellerTenantId = audience === 'provider' ? query.resellerTenantId : undefined;
    if (resellerTenantId) await requireBuyer(deps, actor.tenantId, 'reseller', resellerTenantId, 'resellerTenantId');
    const priced = await priceLines(deps, month, points.map((p) => ({ ...line(p), providerTenantId: actor.tenantId, ...(resellerTenantId ? { resellerTenantId } : {}) })));
    return {
      audience,
      prices: priced.map((prices, i): CatalogPrice[] => {
        if (!prices) return [];
        const seen = { ...point(points[i]!), listPrice: amount(prices.listPrice), providerCost: amount(prices.providerCost) };
        if (audience === 'operator') return [{ audience, ...seen }];
        return [{ audience, ...seen, ...(prices.resellerPrice !== undefined ? { resellerPrice: amount(prices.resellerPrice) } : {}) }];
      }),
    };
  }
  const providerTenantId = await providerOf(deps, actor, query.providerTenantId);
  if (query.customerTenantId) await requireBuyer(deps, actor.tenantId, 'customer', query.customerTenantId, 'customerTenantId');
  const priced = await priceLines(
    deps,
    month,
    points.map((p) => ({ ...line(p), providerTenantId, resellerTenantId: actor.tenantId, ...(query.customerTenantId ? { customerTenantId: query.customerTenantId } : {}) })),
  );
  return {
    audience,
    prices: priced.map((prices, i): CatalogPrice[] =>
      prices
        ? [{ audience: 'reseller', ...point(points[i]!), listPrice: amount(prices.listPrice), resellerPrice: amount(prices.resellerPrice!), ...(prices.customerPrice !== undefined ? { customerPrice: amount(prices.customerPrice) } : {}) }]
        : [],
    ),
  };
}
