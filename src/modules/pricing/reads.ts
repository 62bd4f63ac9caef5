// Pricing's reads used by several operations: price lists and their entries, the entry in force in a
// month, a seller's configs for a buyer, the operator's products, who sells and who buys (PRC-1, PRC-2).
import { and, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { arrayLiteral, query } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import type { Queryable } from '../../db/index.js';
import { minorUnitsOf } from '../../platform/money.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Product } from '../commerce/contract.js';
import type { RepricingTier } from './contract.js';
import type { PricingDeps } from './operations/deps.js';
import { entryKeyOf, type EntryKey, type Month } from './rules.js';
import { partnerDiscounts, priceLists, repricingConfigs } from './schema.js';
import type { RepricingConfigRow } from './views.js';

/** How many entries a price list has, as a column of a select from price_lists (no second round trip). */
export const entryCountColumn = sql<number>`(select count(*)::int from price_list_entries e where e.price_list_id = "price_lists"."id")`;

/** A price list by ID (the operator's only; nobody else reads them here). */
export async function priceListById(q: Queryable, id: string, lock = false) {
  const select = q.select().from(priceLists).where(eq(priceLists.id, id));
  const [row] = lock ? await select.for('update') : await select;
  if (!row) throw notFound('priceList');
  return row;
}

/** PRC-1: the latest published version before this month (the one a draft for it is copied from), if any. */
export async function publishedBefore(q: Queryable, month: Month) {
  const [row] = await q
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.status, 'published'), lt(priceLists.month, month)))
    .orderBy(desc(priceLists.month))
    .limit(1);
  return row;
}

/** PRC-1: the ID of the version in force in `month` (the latest published one of that month or before), as a subquery. */
function versionInForce(month: Month) {
  return sql`(select id from price_lists where status = 'published' and month <= ${month} order by month desc limit 1)`;
}

/**
 * PRC-1: the entries of the version in force in `month` for these keys, in one statement, by
 * entryKeyOf; a key the version in force does not list is absent (an older version's price never comes
 * back).
 */
export async function entriesInForce(q: Queryable, keys: EntryKey[], month: Month): Promise<Map<string, { priceListId: string; listPrice: number; unitPrice: number }>> {
  if (keys.length === 0) return new Map();
  const column = (pick: (k: EntryKey) => string) => arrayLiteral(keys.map(pick));
  const rows = await query<{ price_list_id: string; product_id: string; sku_id: string; term_duration: string; billing_cycle: string; currency: string; list_price: string; unit_price: string }>(
    q,
    sql`select e.price_list_id, e.product_id, e.sku_id, e.term_duration, e.billing_cycle, e.currency, e.list_price, e.unit_price
      from unnest(${column((k) => k.productId)}::uuid[], ${column((k) => k.skuId)}::text[], ${column((k) => k.termDuration)}::text[], ${column((k) => k.billingCycle)}::text[], ${column((k) => k.currency)}::text[])
        as k(product_id, sku_id, term_duration, billing_cycle, currency)
      join price_list_entries e on e.price_list_id = ${versionInForce(month)} and e.product_id = k.product_id and e.sku_id = k.sku_id
        and e.term_duration = k.term_duration and e.billing_cycle = k.billing_cycle and e.currency = k.currency`,
  );
  return new Map(
    rows.map((r) => [
      entryKeyOf({ productId: r.product_id, skuId: r.sku_id, termDuration: r.term_duration, billingCycle: r.billing_cycle, currency: r.currency }),
      { priceListId: r.price_list_id, listPrice: Number(r.list_price), unitPrice: Number(r.unit_price) },
    ]),
  );
}

/** PRC-2: the configs of these sellers at a tier that may price these buyers' lines in `month` (for all their buyers, or one of these), in one statement. */
export async function configsForBuyers(q: Queryable, sellerTenantIds: string[], tier: RepricingTier, buyerTenantIds: string[], month: Month): Promise<RepricingConfigRow[]> {
  if (sellerTenantIds.length === 0) return [];
  return q
    .select()
    .from(repricingConfigs)
    .where(
      and(
        sql`${repricingConfigs.sellerTenantId} = any(${arrayLiteral(sellerTenantIds)}::uuid[])`,
        eq(repricingConfigs.tier, tier),
        or(isNull(repricingConfigs.buyerTenantId), sql`${repricingConfigs.buyerTenantId} = any(${arrayLiteral(buyerTenantIds)}::uuid[])`),
        lte(repricingConfigs.effectiveMonth, month),
      ),
    );
}

/** PRC-1: the program's partner discount per marketplace offer type, in basis points (a type not set: none). */
export async function partnerDiscountMap(q: Queryable): Promise<Map<string, number>> {
  const rows = await q.select({ offerType: partnerDiscounts.offerType, basisPoints: partnerDiscounts.basisPoints }).from(partnerDiscounts);
  return new Map(rows.map((r) => [r.offerType, r.basisPoints]));
}

/**
 * A SKU's own price in a currency (a publisher's plan price, or an operator product's catalog price),
 * in minor units. Catalog prices are held as JSON numbers; they are read at the currency's decimals,
 * rounded half to even once if a price was stored with more.
 */
export function skuPriceInMinor(product: { skus: { skuId: string; prices: { currency: string; unitPrice: number }[] }[] }, skuId: string, currency: string): number | undefined {
  const price = product.skus.find((s) => s.skuId === skuId)?.prices.find((p) => p.currency === currency)?.unitPrice;
  return price === undefined ? undefined : minorUnitsOf(price, currency);
}

/** The operator's products by ID, asked of commerce (price lists and repricing targets name them). */
export async function operatorProducts(deps: PricingDeps): Promise<Map<string, Product>> {
  return new Map((await deps.commerce.listProducts()).map((p) => [p.id, p]));
}

/** The currencies of the markets a product is sold in (MKT-4: a price is in a market's currency). */
export async function currenciesOf(deps: PricingDeps, product: Product): Promise<Set<string>> {
  const currencies = new Set<string>();
  for (const country of product.markets) {
    const currency = await deps.markets.currencyOf(country);
    if (currency) currencies.add(currency);
  }
  return currencies;
}

/**
 * Who may sell at a tier (PRC-2): an active indirect provider sets its resellers' prices, an enrolled
 * (verified or active) indirect reseller its customers'.
 */
export async function requireSeller(deps: PricingDeps, actor: Actor, tier: RepricingTier) {
  if (tier === 'reseller') {
    const standing = await deps.enrollment.standing(actor.tenantId, 'indirectProvider');
    if (standing.enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
    if (standing.enrollmentStatus !== 'active') throw new AppError('not_an_active_provider');
    return;
  }
  const standing = await deps.enrollment.standing(actor.tenantId, 'indirectReseller');
  if (standing.enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
  if (standing.enrollmentStatus !== 'verified' && standing.enrollmentStatus !== 'active') throw new AppError('repricing_reseller_not_enrolled');
}

/**
 * PRC-2: is the buyer one of the seller's buyers at this tier right now? An active reseller of the
 * provider (REL-5), or a customer with an active reseller relationship with the reseller (CUS-4).
 */
export async function isBuyerOf(deps: PricingDeps, sellerTenantId: string, tier: RepricingTier, buyerTenantId: string): Promise<boolean> {
  if (tier === 'reseller') return (await deps.relationships.activeBetween([sellerTenantId], buyerTenantId)).length > 0;
  const relationship = await deps.customers.relationshipWith(sellerTenantId, buyerTenantId);
  return relationship?.role === 'reseller';
}

/** A config of the caller's tenant (another's is not found). */
export async function ownConfig(q: Queryable, actor: Actor, id: string, lock = false) {
  const select = q
    .select()
    .from(repricingConfigs)
    .where(and(eq(repricingConfigs.id, id), eq(repricingConfigs.sellerTenantId, actor.tenantId)));
  const [row] = lock ? await select.for('update') : await select;
  if (!row) throw notFound('repricingConfig');
  return row;
}

/** The provider whose price is a reseller's cost: the one named (an active provider of the reseller), or its only one. */
export async function providerOf(deps: PricingDeps, actor: Actor, named: string | undefined): Promise<string> {
  if (named) {
    if ((await deps.relationships.activeBetween([named], actor.tenantId)).length === 0) {
      throw new AppError('provider_relationship_invalid', {}, [{ path: '/query/providerTenantId', code: 'provider_relationship_invalid' }]);
    }
    return named;
  }
  const providers = (await deps.relationships.listRelationships(actor, { relationshipType: 'IsIndirectResellerOf', size: 2 })).items;
  if (providers.length === 0) throw new AppError('provider_relationship_invalid', {}, [{ path: '/query/providerTenantId', code: 'provider_relationship_invalid' }]);
  if (providers.length > 1) throw new AppError('validation_failed', {}, [{ path: '/query/providerTenantId', code: 'required' }]);
  return providers[0]!.providerTenantId;
}

/**
 * PRC-4: the provider whose price is a reseller's cost: the one named (an active provider of the
 * reseller), or its only one; none is 422 and several without a name 400, at the query's
 * providerTenantId.
 */
export async function providerOfReseller(deps: PricingDeps, actor: Actor, named: string | undefined): Promise<string> {
  const refused = () => new AppError('provider_relationship_invalid', {}, [{ path: '/query/providerTenantId', code: 'provider_relationship_invalid' }]);
  if (named) {
    if ((await deps.relationships.activeBetween([named], actor.tenantId)).length === 0) throw refused();
    return named;
  }
  const providers = (await deps.relationships.listRelationships(actor, { relationshipType: 'IsIndirectResellerOf', size: 2 })).items;
  if (providers.length === 0) throw refused();
  if (providers.length > 1) throw new AppError('validation_failed', {}, [{ path: '/query/providerTenantId', code: 'required' }]);
  return providers[0]!.providerTenantId;
}
