// Commerce: the catalog (operator products; marketplace offers join it), carts, orders,
// subscriptions and license assignments (ORD-1 … ORD-5).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    name: text().notNull(),
    description: text().notNull().default(''),
    skus: jsonb().$type<Sku[]>().notNull(),
    markets: text().array().notNull(),
    active: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('products_markets_idx').using('gin', t.markets)],
);

export interface CartLine {
  lineItemNumber: number;
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  resellerPartnerId: string;
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
    unitPrice: numeric({ precision: 14, scale: 4 }).notNull(),
    partnerIdOnRecord: text().notNull(),
    subscriptionId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.lineItemNumber] })],
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
    unitPrice: numeric({ precision: 14, scale: 4 }).notNull(),
    partnerIdOnRecord: text().notNull(),
    status: text().notNull().default('active'), // active | suspended | cancelled
    autoRenewEnabled: boolean().notNull().default(true),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index('subscriptions_customer_idx').on(t.customerTenantId, t.createdAt),
    index('subscriptions_provider_customer_idx').on(t.providerTenantId, t.customerTenantId).where(sql`status = 'active'`),
    index('subscriptions_reseller_customer_idx').on(t.resellerTenantId, t.customerTenantId).where(sql`status = 'active'`),
  ],
);

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
