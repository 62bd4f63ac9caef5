// Pricing: the operator's monthly price lists (PRC-1) and the repricing configs providers set for their
// resellers and resellers for their customers (PRC-2). Amounts are integer minor units of their
// currency (PRC-5), held in bigint columns and read as exact JavaScript integers (below 2^53).
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

/**
 * PRC-1: one version per month ('YYYY-MM', UTC), draft → published. A published version never changes
 * (a trigger refuses any change to it or its entries); it takes effect on the first day of its month.
 */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid().primaryKey().defaultRandom(),
    month: text().notNull(),
    status: text().notNull().default('draft'), // draft | published
    /** The version the draft was copied from (the one in force before its month), if any. */
    basedOnId: uuid(),
    createdByUserId: uuid(),
    createdAt: ts().notNull().defaultNow(),
    publishedAt: ts(),
    publishedByUserId: uuid(),
  },
  (t) => [unique('price_lists_month_unique').on(t.month), check('price_lists_status_check', sql`${t.status} in ('draft', 'published')`)],
);

/** PRC-1: the list price (estimated retail) and the unit price (the provider's cost) of one SKU × term × billing cycle × currency. */
export const priceListEntries = pgTable(
  'price_list_entries',
  {
    priceListId: uuid()
      .notNull()
      .references(() => priceLists.id),
    productId: uuid().notNull(),
    skuId: text().notNull(),
    termDuration: text().notNull(),
    billingCycle: text().notNull(),
    currency: text().notNull(),
    listPrice: bigint({ mode: 'number' }).notNull(),
    unitPrice: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    // The list's order (keyset pages) and every look-up of one entry.
    primaryKey({ columns: [t.priceListId, t.productId, t.skuId, t.termDuration, t.billingCycle, t.currency] }),
    check('price_list_entries_amounts_check', sql`${t.listPrice} >= 0 and ${t.unitPrice} >= 0`),
  ],
);

/**
 * PRC-2: a seller's repricing config for its buyers: a provider's for its resellers (tier reseller), a
 * reseller's for its customers (tier customer). Scope: all buyers (buyerTenantId null) or one; target:
 * all products (productId null), a product (skuId null) or a SKU; basis cost or list; a percentage
 * (basis points) or a fixed unit price in one currency (SKU targets only); from its effective month.
 * Configs are never edited: a later month's config takes over, one not yet in force may be deleted.
 */
export const repricingConfigs = pgTable(
  'repricing_configs',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerTenantId: uuid().notNull(),
    tier: text().notNull(), // reseller | customer
    buyerTenantId: uuid(),
    productId: uuid(),
    skuId: text(),
    basis: text().notNull(), // cost | list
    basisPoints: integer(),
    fixedUnitPrice: bigint({ mode: 'number' }),
    fixedCurrency: text(),
    effectiveMonth: text().notNull(),
    createdByUserId: uuid(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    // PRC-2: one config per scope, target (and a fixed price's currency) and month, even when two
    // sellers' users create them at the same moment; absent parts (all buyers, all products) are equal.
    unique('repricing_configs_slot_unique').on(t.sellerTenantId, t.tier, t.buyerTenantId, t.productId, t.skuId, t.fixedCurrency, t.effectiveMonth).nullsNotDistinct(),
    index('repricing_configs_seller_idx').on(t.sellerTenantId, t.tier, t.createdAt, t.id),
    check('repricing_configs_tier_check', sql`${t.tier} in ('reseller', 'customer') and ${t.basis} in ('cost', 'list')`),
    check('repricing_configs_target_check', sql`${t.skuId} is null or ${t.productId} is not null`),
    check(
      'repricing_configs_adjustment_check',
      sql`(${t.basisPoints} is not null and ${t.fixedUnitPrice} is null and ${t.fixedCurrency} is null) or (${t.basisPoints} is null and ${t.fixedUnitPrice} >= 0 and ${t.fixedCurrency} is not null and ${t.skuId} is not null)`,
    ),
  ],
);

/**
 * PRC-1: the partner discount per marketplace offer type, a program setting: a publisher prices its
 * plans (the list price) and the provider's cost is the list price less this discount.
 */
export const partnerDiscounts = pgTable(
  'partner_discounts',
  {
    offerType: text().primaryKey(),
    basisPoints: integer().notNull(),
    updatedAt: ts().notNull().defaultNow(),
    updatedByUserId: uuid(),
  },
  (t) => [check('partner_discounts_basis_points_check', sql`${t.basisPoints} >= 0 and ${t.basisPoints} <= 10000`)],
);
