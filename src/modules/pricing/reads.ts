// Pricing's reads used by several operations: price lists and their entries, the entry in force in a
// month, a seller's configs for a buyer, the operator's products, who sells and who buys (PRC-1, PRC-2).
import { and, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.js';
import type { Queryable } from '../../db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Product } from '../commerce/contract.js';
import type { RepricingTier } from './contract.js';
import type { PricingDeps } from './operations/deps.js';
import type { EntryKey, Month, RepricingConfig } from './rules.js';
import { priceListEntries, priceLists, repricingConfigs } from './schema.js';
import { ruleConfigOf, type RepricingConfigRow } from './views.js';

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

/**
 * PRC-1: one entry of the version in force in `month` (the latest published one of that month or
 * before), with that version's ID; undefined when the version in force does not list it (an older
 * version's price never comes back).
 */
export async function entryInForce(q: Queryable, key: EntryKey, month: Month) {
  const inForce = q
    .select({ id: priceLists.id })
    .from(priceLists)
    .where(and(eq(priceLists.status, 'published'), lte(priceLists.month, month)))
    .orderBy(desc(priceLists.month))
    .limit(1);
  const [row] = await q
    .select({ priceListId: priceListEntries.priceListId, listPrice: priceListEntries.listPrice, unitPrice: priceListEntries.unitPrice })
    .from(priceListEntries)
    .where(
      and(
        eq(priceListEntries.priceListId, sql`(${inForce})`),
        eq(priceListEntries.productId, key.productId),
        eq(priceListEntries.skuId, key.skuId),
        eq(priceListEntries.termDuration, key.termDuration),
        eq(priceListEntries.billingCycle, key.billingCycle),
        eq(priceListEntries.currency, key.currency),
      ),
    );
  return row;
}

/** PRC-2: a seller's configs of a tier that may price this buyer's lines in `month` (for all its buyers, or this one). */
export async function configsFor(q: Queryable, sellerTenantId: string, tier: RepricingTier, buyerTenantId: string, month: Month): Promise<{ rules: RepricingConfig[]; rows: Map<string, RepricingConfigRow> }> {
  const rows = await q
    .select()
    .from(repricingConfigs)
    .where(
      and(
        eq(repricingConfigs.sellerTenantId, sellerTenantId),
        eq(repricingConfigs.tier, tier),
        or(isNull(repricingConfigs.buyerTenantId), eq(repricingConfigs.buyerTenantId, buyerTenantId)),
        lte(repricingConfigs.effectiveMonth, month),
      ),
    );
  return { rules: rows.map(ruleConfigOf), rows: new Map(rows.map((r) => [r.id, r])) };
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
