// The shapes commerce shows the world, declared once: routes validate and serialize with them, views
// return them (views.ts), and tests and the portal read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../platform/contract.js';
import { billingCycles, termDurations } from './rules.js';

const strict = { additionalProperties: false } as const;
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Amount = Type.String({ description: 'A decimal amount with exactly the currency’s decimals (PRC-5)' });

// ---------------------------------------------------------------------------------------------
// Path parameters and queries

export const CustomerParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
export const CartParams = Type.Object({ id: Type.String({ format: 'uuid' }), cartId: Type.String({ format: 'uuid' }) }, strict);
export const OrderParams = Type.Object({ id: Type.String({ format: 'uuid' }), orderId: Type.String({ format: 'uuid' }) }, strict);
export const SubscriptionParams = Type.Object({ id: Type.String({ format: 'uuid' }), subscriptionId: Type.String({ format: 'uuid' }) }, strict);
export const LicenseParams = Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }, strict);
export const CatalogQuery = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    /** A provider: also its price to this reseller (one of its active resellers). */
    resellerTenantId: Type.Optional(Type.String({ format: 'uuid' })),
    /** A reseller: the provider whose price is its cost (required when it has several). */
    providerTenantId: Type.Optional(Type.String({ format: 'uuid' })),
    /** A reseller: also its price to this customer (one of its customers). */
    customerTenantId: Type.Optional(Type.String({ format: 'uuid' })),
    /** Products whose name contains this (any case). */
    q: Type.Optional(Type.String({ maxLength: 200 })),
    /** Products per page (each with its SKUs), by name; the next page's link carries the cursor. */
    ...PageQuery,
  },
  strict,
);
export type CatalogQuery = Static<typeof CatalogQuery>;
export const ListQuery = Type.Object({ ...PageQuery }, strict);

// ---------------------------------------------------------------------------------------------
// Products and the catalog (ORD-1, MKT-4)

export const SkuBody = Type.Object(
  {
    skuId: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    termDurations: Type.Array(enumOf(termDurations), { minItems: 1, uniqueItems: true }),
    billingCycles: Type.Array(enumOf(billingCycles), { minItems: 1, uniqueItems: true }),
    prices: Type.Array(Type.Object({ currency: Type.String({ pattern: '^[A-Z]{3}$' }), unitPrice: Type.Number({ minimum: 0, maximum: 1_000_000 }) }, strict), { minItems: 1, maxItems: 200 }),
  },
  strict,
);
export const UpgradePathBody = Type.Object({ fromSkuId: Type.String({ minLength: 1, maxLength: 100 }), toSkuId: Type.String({ minLength: 1, maxLength: 100 }) }, { ...strict, title: 'UpgradePath' });
export const ProductBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 10_000 }),
    skus: Type.Array(SkuBody, { minItems: 1, maxItems: 100 }),
    markets: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 300, uniqueItems: true }),
    /** TRM-5: which SKU may be upgraded to which (transitively); none when left out. */
    upgradePaths: Type.Optional(Type.Array(UpgradePathBody, { maxItems: 100 })),
  },
  strict,
);
export type ProductBody = Static<typeof ProductBody>;

export const Sku = Type.Object({ skuId: Type.String(), name: Type.String(), termDurations: Type.Array(Type.String()), billingCycles: Type.Array(Type.String()), prices: Type.Array(Type.Object({ currency: Type.String(), unitPrice: Type.Number() })) });
export const Product = Type.Object(
  {
    id: Type.String(),
    source: Type.String(),
    publisherTenantId: Nullable(Type.String()),
    name: Type.String(),
    description: Type.String(),
    skus: Type.Array(Sku),
    upgradePaths: Type.Array(UpgradePathBody),
    markets: Type.Array(Type.String()),
    active: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Product' },
);
export type Product = Static<typeof Product>;
export const Products = Collection(Product, 'Products');

const PricePoint = { termDuration: Type.String(), billingCycle: Type.String(), listPrice: Amount };
/**
 * PRC-4: a catalog price as the caller's tier sees it: the operator list price and provider cost; a
 * provider its cost (and its price to one reseller when asked); a reseller its price from its provider
 * (and its price to one customer when asked); a publisher the list prices of its own offers.
 */
export const CatalogPrice = Type.Union(
  [
    Type.Object({ audience: Type.Literal('operator'), ...PricePoint, providerCost: Amount }, { ...strict, title: 'OperatorCatalogPrice' }),
    Type.Object({ audience: Type.Literal('provider'), ...PricePoint, providerCost: Amount, resellerPrice: Type.Optional(Amount) }, { ...strict, title: 'ProviderCatalogPrice' }),
    Type.Object({ audience: Type.Literal('reseller'), ...PricePoint, resellerPrice: Amount, customerPrice: Type.Optional(Amount) }, { ...strict, title: 'ResellerCatalogPrice' }),
    Type.Object({ audience: Type.Literal('publisher'), ...PricePoint }, { ...strict, title: 'PublisherCatalogPrice' }),
  ],
  { title: 'CatalogPrice' },
);
export type CatalogPrice = Static<typeof CatalogPrice>;

export const CatalogItem = Type.Object(
  {
    catalogItemId: Type.String(),
    offerId: Type.String(),
    source: Type.String(),
    name: Type.String(),
    description: Type.String(),
    skuId: Type.String(),
    skuName: Type.String(),
    termDurations: Type.Array(Type.String()),
    billingCycles: Type.Array(Type.String()),
    currency: Type.String(),
    /** PRC-4: one price per term and billing cycle the caller's tier may see (none for a tenant that buys through a reseller). */
    prices: Type.Array(CatalogPrice),
  },
  { title: 'CatalogItem' },
);
export type CatalogItem = Static<typeof CatalogItem>;
export const catalogAudiences = ['operator', 'provider', 'reseller', 'publisher', 'none'] as const;
export const Catalog = Type.Object({
  currency: Nullable(Type.String()),
  /** Whose prices the items carry (PRC-4): 'none' for a tenant that buys through a partner (its partner quotes it). */
  audience: enumOf(catalogAudiences),
  items: Type.Array(CatalogItem),
  links: Type.Object({ next: Type.Optional(Type.Object({ uri: Type.String() })) }),
});
export type Catalog = Static<typeof Catalog>;

// ---------------------------------------------------------------------------------------------
// Prices each tier sees (PRC-3, PRC-4)

/**
 * PRC-4: a priced line as one tier sees it, never more: the provider its cost and its price to the
 * reseller, the reseller its price from the provider and its price to the customer, the customer only its
 * own price. `audience` says which; each shape admits no other field, so a view that put another tier's
 * price in it would fail serialization instead of leaking it.
 */
export const ProviderPrices = Type.Object(
  {
    audience: Type.Literal('provider'),
    listPrice: Amount,
    providerCost: Amount,
    resellerPrice: Amount,
    /** The price-list version behind the list price and cost (null: the SKU's own price); order lines only. */
    priceListId: Type.Optional(Nullable(Type.String())),
    /** The provider's repricing config behind the reseller's price (null: list price); order lines only. */
    resellerConfigId: Type.Optional(Nullable(Type.String())),
  },
  { ...strict, title: 'ProviderPrices' },
);
export const ResellerPrices = Type.Object(
  {
    audience: Type.Literal('reseller'),
    listPrice: Amount,
    resellerPrice: Amount,
    customerPrice: Amount,
    /** The reseller's repricing config behind the customer's price (null: list price); order lines only. */
    customerConfigId: Type.Optional(Nullable(Type.String())),
  },
  { ...strict, title: 'ResellerPrices' },
);
export const CustomerPrices = Type.Object({ audience: Type.Literal('customer'), customerPrice: Amount }, { ...strict, title: 'CustomerPrices' });
export const LinePrices = Type.Union([ProviderPrices, ResellerPrices, CustomerPrices], { title: 'LinePrices' });
export type LinePrices = Static<typeof LinePrices>;
export const priceAudiences = ['provider', 'reseller', 'customer'] as const;
export type PriceAudience = (typeof priceAudiences)[number];

// ---------------------------------------------------------------------------------------------
// Carts and checkout (ORD-2, ORD-3)

export const LineBody = Type.Object(
  {
    catalogItemId: Type.String({ minLength: 3, maxLength: 120 }),
    quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    termDuration: Type.String({ maxLength: 10 }),
    billingCycle: Type.String({ maxLength: 20 }),
    resellerPartnerId: Type.String({ pattern: '^[0-9]{1,15}$' }),
    /** TRM-5: co-terming: the new term ends with this subscription of the customer (priced pro rata for the shorter first term). */
    coterminousWithSubscriptionId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  strict,
);
/** A cart line as the client sends it; the cart numbers its lines. */
export type LineBody = Static<typeof LineBody>;
export const CartBody = Type.Object({ lineItems: Type.Array(LineBody, { minItems: 1, maxItems: 50 }) }, strict);
export type CartBody = Static<typeof CartBody>;

export const Cart = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    status: Type.String(),
    lineItems: Type.Array(
      Type.Object({
        lineItemNumber: Type.Integer(),
        catalogItemId: Type.String(),
        quantity: Type.Integer(),
        termDuration: Type.String(),
        billingCycle: Type.String(),
        resellerPartnerId: Type.String(),
        coterminousWithSubscriptionId: Type.Optional(Type.String()),
      }),
    ),
    expiresAt: DateTime,
    createdAt: DateTime,
  },
  { title: 'Cart' },
);
export type Cart = Static<typeof Cart>;

export const Order = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    status: Type.String(),
    currency: Type.String(),
    lineItems: Type.Array(
      Type.Object({
        lineItemNumber: Type.Integer(),
        offerId: Type.String(),
        skuId: Type.String(),
        quantity: Type.Integer(),
        termDuration: Type.String(),
        billingCycle: Type.String(),
        /** PRC-3: the line's prices frozen at checkout, as the caller's tier sees them (PRC-4). */
        prices: LinePrices,
        partnerIdOnRecord: Type.String(),
        subscriptionId: Type.String(),
      }),
    ),
    createdAt: DateTime,
  },
  { title: 'Order' },
);
export type Order = Static<typeof Order>;
export const Orders = Collection(Order, 'Orders');

export const CheckoutResult = Type.Object({ orders: Type.Array(Order), orderErrors: Type.Array(Type.Object({ lineItemNumber: Type.Integer(), code: Type.String() })) });
export type CheckoutResult = Static<typeof CheckoutResult>;

// ---------------------------------------------------------------------------------------------
// Subscriptions and licenses (ORD-4)

export const RefundableSeats = Type.Object({ quantity: Type.Integer(), windowClosesAt: DateTime }, { title: 'RefundableSeats' });
export const ScheduledChanges = Type.Object(
  { quantity: Nullable(Type.Integer()), termDuration: Nullable(Type.String()), billingCycle: Nullable(Type.String()), skuId: Nullable(Type.String()) },
  { title: 'ScheduledChanges' },
);

export const Subscription = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    offerId: Type.String(),
    skuId: Type.String(),
    name: Type.String(),
    quantity: Type.Integer(),
    assignedLicenses: Type.Integer(),
    termDuration: Type.String(),
    billingCycle: Type.String(),
    currency: Type.String(),
    /** PRC-3: the order line's frozen prices (seat changes are priced at them), as the caller's tier sees them (PRC-4). */
    prices: LinePrices,
    partnerIdOnRecord: Type.String(),
    providerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    orderId: Type.String(),
    status: Type.String(),
    autoRenewEnabled: Type.Boolean(),
    /** TRM-1: the term's start (purchase or renewal) and its commitment end. */
    termStartAt: DateTime,
    commitmentEndAt: DateTime,
    /** TRM-2: until when the subscription can be cancelled (168 hours from the term's start). */
    cancellableUntil: DateTime,
    /** TRM-3: the seats a reduction would remove and refund now, in all and by window (Partner Center's refundableQuantity). */
    refundableQuantity: Type.Integer(),
    refundableQuantities: Type.Array(RefundableSeats),
    /** TRM-1: what the renewal will apply (null: nothing scheduled; a field left out keeps its current value). */
    scheduledChanges: Nullable(ScheduledChanges),
    /** TRM-6: when the next billing period's fee is charged (null: the term's last period is charged). */
    nextChargeAt: Nullable(DateTime),
    /** When it was cancelled or expired (null while active or suspended). */
    endedAt: Nullable(DateTime),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Subscription' },
);
export type Subscription = Static<typeof Subscription>;
export const Subscriptions = Collection(Subscription, 'Subscriptions');

/** TRM-1: next-term changes, applied at renewal; each field may be left out (kept as it is). */
export const ScheduledChangesBody = Type.Object(
  {
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    termDuration: Type.Optional(enumOf(termDurations)),
    billingCycle: Type.Optional(enumOf(billingCycles)),
    skuId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { ...strict, minProperties: 1 },
);
export type ScheduledChangesBody = Static<typeof ScheduledChangesBody>;

export const chargeTypes = ['purchase', 'cycleFee', 'seatIncrease', 'refund', 'cancellation', 'renewal', 'upgradeCredit', 'upgradeCharge'] as const;
/**
 * TRM-6: one rated charge line of a subscription (append-only), its amounts at the price levels the
 * caller's tier sees (keyed as the prices are; credits negative), prorated by chargedDays / periodDays.
 */
export const ChargeLine = Type.Object(
  {
    id: Type.String(),
    subscriptionId: Type.String(),
    customerTenantId: Type.String(),
    orderId: Type.String(),
    offerId: Type.String(),
    skuId: Type.String(),
    chargeType: enumOf(chargeTypes),
    quantity: Type.Integer(),
    termStartAt: DateTime,
    periodStart: DateTime,
    periodEnd: DateTime,
    chargedDays: Type.Integer(),
    periodDays: Type.Integer(),
    /** chargedDays / periodDays, to six decimals (the amounts are computed from the exact fraction). */
    prorationFactor: Type.String(),
    currency: Type.String(),
    amounts: LinePrices,
    createdAt: DateTime,
  },
  { title: 'ChargeLine' },
);
export type ChargeLine = Static<typeof ChargeLine>;
export const ChargeLines = Collection(ChargeLine, 'ChargeLines');

export const SubscriptionChange = Type.Object(
  { quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), status: Type.Optional(enumOf(['active', 'suspended'] as const)), autoRenewEnabled: Type.Optional(Type.Boolean()) },
  strict,
);
export type SubscriptionChange = Static<typeof SubscriptionChange>;

export const LicenseBody = Type.Object({ subscriptionId: Type.String({ format: 'uuid' }) }, strict);
export type LicenseBody = Static<typeof LicenseBody>;

export const UserLicense = Type.Object({ subscriptionId: Type.String(), name: Type.String(), assignedAt: DateTime });
export type UserLicense = Static<typeof UserLicense>;
export const UserLicenses = Type.Object({ items: Type.Array(UserLicense) });

export const LicenseAssignment = Type.Object({ subscriptionId: Type.String(), userId: Type.String(), assignedLicenses: Type.Integer(), quantity: Type.Integer() });
export type LicenseAssignment = Static<typeof LicenseAssignment>;

/** TRM-5: seats moved to a higher SKU for the rest of the term (all of them when quantity is left out). */
export const UpgradeBody = Type.Object({ targetSkuId: Type.String({ minLength: 1, maxLength: 100 }), quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })) }, strict);
export type UpgradeBody = Static<typeof UpgradeBody>;
/** TRM-5: the subscription the seats left (cancelled when all of them did) and the one they moved to. */
export const UpgradeResult = Type.Object({ from: Subscription, to: Subscription }, { title: 'UpgradeResult' });
export type UpgradeResult = Static<typeof UpgradeResult>;
export const UpgradeOptions = Type.Object({ items: Type.Array(Type.Object({ skuId: Type.String(), name: Type.String() })) }, { title: 'UpgradeOptions' });
export type UpgradeOptions = Static<typeof UpgradeOptions>;
