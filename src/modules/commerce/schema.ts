// Commerce: the catalog (operator products; marketplace offers join it), carts, orders,
// subscriptions and license assignments (ORD-1 … ORD-5).
import { sql } from 'drizzle-orm';
import type { SeatWindow, UpgradePath } from './rules.js';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export interface Sku {
  skuId: string;
  name: string;
  termDurations: string[];
  billingCycles: string[];
  prices: { currency: string; unitPrice: number }[];
}

/** A sellable product: the operator's own, or a published marketplace offer (source marketplace). */
export const products = pgTable(
  'products',
  {
    id: uuid().primaryKey().defaultRandom(),
    source: text().notNull().default('operator'), // operator | marketplace
    publisherTenantId: uuid(),
    /** A marketplace offer's type (the partner discount is per offer type); null for the operator's products. */
    offerType: text(),
    name: text().notNull(),
    description: text().notNull().default(''),
    skus: jsonb().$type<Sku[]>().notNull(),
    /** TRM-5: the upgrade paths between its SKUs (the operator's products). */
    upgradePaths: jsonb().$type<UpgradePath[]>().notNull().default([]),
    markets: text().array().notNull(),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('products_markets_idx').using('gin', t.markets),
    // The catalog's pages: active products by name, then ID (migration 0020).
    index('products_active_name_idx').on(t.name, t.id).where(sql`${t.active}`),
  ],
);

export interface CartLine {
  lineItemNumber: number;
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  resellerPartnerId: string;
  /** TRM-5: the subscription whose commitment end the new term shares (co-terming). */
  coterminousWithSubscriptionId?: string;
}

export const carts = pgTable(
  'carts',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerTenantId: uuid().notNull(),
    providerTenantId: uuid().notNull(),
    lineItems: jsonb().$type<CartLine[]>().notNull(),
    status: text().notNull().default('open'), // open | checkedOut
    expiresAt: ts().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('carts_customer_idx').on(t.customerTenantId, t.createdAt)],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    cartId: uuid(),
    customerTenantId: uuid().notNull(),
    providerTenantId: uuid().notNull(),
    resellerTenantId: uuid().notNull(),
    currency: text().notNull(),
    status: text().notNull().default('completed'),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('orders_customer_idx').on(t.customerTenantId, t.createdAt), index('orders_cart_idx').on(t.cartId)],
);

export const orderLineItems = pgTable(
  'order_line_items',
  {
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    lineItemNumber: integer().notNull(),
    offerId: uuid().notNull(),
    skuId: text().notNull(),
    quantity: integer().notNull(),
    termDuration: text().notNull(),
    billingCycle: text().notNull(),
    /** PRC-3: the line's four prices, frozen at checkout, in minor units of the order's currency (PRC-5). */
    listPrice: bigint({ mode: 'number' }).notNull(),
    providerCost: bigint({ mode: 'number' }).notNull(),
    resellerPrice: bigint({ mode: 'number' }).notNull(),
    customerPrice: bigint({ mode: 'number' }).notNull(),
    /** The price-list version that gave the list price and the provider's cost (null: the SKU's own price). */
    priceListId: uuid(),
    /** The provider's repricing config behind the reseller's price, the reseller's behind the customer's (null: list price). */
    resellerConfigId: uuid(),
    customerConfigId: uuid(),
    partnerIdOnRecord: text().notNull(),
    subscriptionId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineItemNumber] }),
    check('order_line_items_prices_check', sql`${t.listPrice} >= 0 and ${t.providerCost} >= 0 and ${t.resellerPrice} >= 0 and ${t.customerPrice} >= 0`),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerTenantId: uuid().notNull(),
    providerTenantId: uuid().notNull(),
    resellerTenantId: uuid().notNull(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    offerId: uuid().notNull(),
    skuId: text().notNull(),
    name: text().notNull(),
    quantity: integer().notNull(),
    termDuration: text().notNull(),
    billingCycle: text().notNull(),
    currency: text().notNull(),
    /** PRC-3: the order line's frozen prices; seat changes are priced at them (minor units). */
    listPrice: bigint({ mode: 'number' }).notNull(),
    providerCost: bigint({ mode: 'number' }).notNull(),
    resellerPrice: bigint({ mode: 'number' }).notNull(),
    customerPrice: bigint({ mode: 'number' }).notNull(),
    partnerIdOnRecord: text().notNull(),
    status: text().notNull().default('active'), // active | suspended | cancelled
    autoRenewEnabled: boolean().notNull().default(true),
    /** TRM-1: the term's start (purchase or renewal); the 168-hour cancellation window runs from it (TRM-2). */
    termStartAt: ts().notNull(),
    /** TRM-1: the commitment end: the term's start + its duration (commerce rules commitmentEndOf). */
    commitmentEndAt: ts().notNull(),
    /**
     * TRM-6: billing period k of the term is [anchor + k cycles, anchor + k + 1 cycles]: the anchor is the
     * term's start, or for a co-termed first term (TRM-5) the anchor of the subscription it ends with, so
     * the first period is a part of one; cyclesBilled counts the periods charged from the anchor.
     */
    periodAnchorAt: ts().notNull(),
    /** TRM-6: the term's billing periods charged so far, and when the next one's fee is due (null: all charged). */
    cyclesBilled: integer().notNull().default(1),
    nextCycleAt: ts(),
    /** TRM-3: the seats still refundable, each group until its window closes. */
    seatWindows: jsonb().$type<SeatWindow[]>().notNull().default([]),
    /** TRM-1: the changes the next renewal applies (null: keep the current value). */
    scheduledQuantity: integer(),
    scheduledTermDuration: text(),
    scheduledBillingCycle: text(),
    scheduledSkuId: text(),
    /** When the subscription was cancelled or expired. */
    endedAt: ts(),
    /** TRM-1: the renewal reminders sent for the current term (1: 30 days before its end, 2: also 7 days). */
    remindersSent: integer().notNull().default(0),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    check('subscriptions_term_check', sql`${t.commitmentEndAt} > ${t.termStartAt}`),
    check('subscriptions_scheduled_quantity_check', sql`${t.scheduledQuantity} IS NULL OR ${t.scheduledQuantity} >= 1`),
    index('subscriptions_commitment_end_idx').on(t.commitmentEndAt).where(sql`status IN ('active', 'suspended')`),
    index('subscriptions_reminder_due_idx').on(t.remindersSent, t.commitmentEndAt).where(sql`status = 'active' AND reminders_sent < 2`),
    index('subscriptions_next_cycle_idx').on(t.nextCycleAt).where(sql`status IN ('active', 'suspended') AND next_cycle_at IS NOT NULL`),
    index('subscriptions_customer_idx').on(t.customerTenantId, t.createdAt),
    index('subscriptions_provider_customer_idx').on(t.providerTenantId, t.customerTenantId).where(sql`status = 'active'`),
    index('subscriptions_reseller_customer_idx').on(t.resellerTenantId, t.customerTenantId).where(sql`status = 'active'`),
    check('subscriptions_prices_check', sql`${t.listPrice} >= 0 and ${t.providerCost} >= 0 and ${t.resellerPrice} >= 0 and ${t.customerPrice} >= 0`),
  ],
);

/** TRM-6: rated charge lines, append-only (a trigger refuses updates and deletes; a correction is a new line). */
export const chargeLines = pgTable(
  'charge_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid()
      .notNull()
      .references(() => subscriptions.id),
    customerTenantId: uuid().notNull(),
    providerTenantId: uuid().notNull(),
    resellerTenantId: uuid().notNull(),
    orderId: uuid().notNull(),
    offerId: uuid().notNull(),
    skuId: text().notNull(),
    chargeType: text().notNull(),
    quantity: integer().notNull(),
    termStartAt: ts().notNull(),
    periodStart: ts().notNull(),
    periodEnd: ts().notNull(),
    /** The proration factor is chargedDays / periodDays (whole UTC days). */
    chargedDays: integer().notNull(),
    periodDays: integer().notNull(),
    listAmount: bigint({ mode: 'number' }).notNull(),
    providerAmount: bigint({ mode: 'number' }).notNull(),
    resellerAmount: bigint({ mode: 'number' }).notNull(),
    customerAmount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    check('charge_lines_type_check', sql`${t.chargeType} IN ('purchase', 'cycleFee', 'seatIncrease', 'refund', 'cancellation', 'renewal', 'upgradeCredit', 'upgradeCharge')`),
    check('charge_lines_quantity_check', sql`${t.quantity} > 0`),
    check('charge_lines_period_check', sql`${t.periodEnd} > ${t.periodStart} AND ${t.periodDays} > 0 AND ${t.chargedDays} >= 0 AND ${t.chargedDays} <= ${t.periodDays}`),
    uniqueIndex('charge_lines_once_idx').on(t.subscriptionId, t.chargeType, t.periodStart).where(sql`charge_type IN ('purchase', 'cycleFee', 'renewal')`),
    index('charge_lines_subscription_idx').on(t.subscriptionId, t.periodStart, t.id),
    index('charge_lines_created_idx').on(t.createdAt),
    // BIL-4: a buyer's unbilled charges (exposure) and the open period's lines by party (billing reads them).
    index('charge_lines_provider_idx').on(t.providerTenantId, t.createdAt),
    index('charge_lines_reseller_idx').on(t.resellerTenantId, t.createdAt),
  ],
);
export type ChargeLineRow = typeof chargeLines.$inferSelect;

export const licenseAssignments = pgTable(
  'license_assignments',
  {
    subscriptionId: uuid()
      .notNull()
      .references(() => subscriptions.id),
    userId: uuid().notNull(),
    customerTenantId: uuid().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.userId] }), index('license_assignments_user_idx').on(t.userId)],
);

/** ORD-5 / MKP-7: a reseller that has resold a marketplace offer (written by checkout). */
export const resaleStamps = pgTable(
  'resale_stamps',
  {
    offerId: uuid().notNull(),
    resellerTenantId: uuid().notNull(),
    firstOrderId: uuid().notNull(),
    resoldAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('resale_stamps_offer_reseller_idx').on(t.offerId, t.resellerTenantId)],
);
