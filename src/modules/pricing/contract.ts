// The shapes pricing shows the world, declared once: routes validate and serialize with them, views
// return them (views.ts), and tests and the portal read their types. Amounts are decimal strings with
// exactly the currency's decimals ("12.50", "1200", "0.125"): never binary floating point (PRC-5).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../platform/contract.js';
import { billingCycles, termDurations } from '../commerce/rules.js';
import { monthPattern, priceListStatuses, repricingBases } from './rules.js';

const strict = { additionalProperties: false } as const;
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Month = Type.String({ pattern: monthPattern, description: "A calendar month, 'YYYY-MM' (UTC)" });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code' });
/** An amount as a client sends it: checked against the currency's decimals by the operation (400 naming the field). */
const AmountText = Type.String({ minLength: 1, maxLength: 32, description: 'A decimal amount with at most the currency’s decimals, such as "12.50"' });
const Amount = Type.String({ description: 'A decimal amount with exactly the currency’s decimals' });
const SkuId = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });

// ---------------------------------------------------------------------------------------------
// Price lists (PRC-1)

export const PriceListQuery = Type.Object({ status: Type.Optional(enumOf(priceListStatuses)), ...PageQuery }, strict);
export type PriceListQuery = Static<typeof PriceListQuery>;

export const PriceListBody = Type.Object({ month: Month }, strict);
export type PriceListBody = Static<typeof PriceListBody>;

export const PriceList = Type.Object(
  {
    id: Type.String(),
    month: Type.String(),
    status: enumOf(priceListStatuses),
    /** When its prices take effect: the first day of its month, 00:00 UTC. */
    effectiveFrom: DateTime,
    /** The version it was copied from (the one in force before its month), if any. */
    basedOnId: Nullable(Type.String()),
    entryCount: Type.Integer(),
    createdAt: DateTime,
    publishedAt: Nullable(DateTime),
  },
  { title: 'PriceList' },
);
export type PriceList = Static<typeof PriceList>;
export const PriceLists = Collection(PriceList, 'PriceLists');

export const PriceListEntryQuery = Type.Object({ productId: Type.Optional(Type.String({ format: 'uuid' })), currency: Type.Optional(Currency), ...PageQuery }, strict);
export type PriceListEntryQuery = Static<typeof PriceListEntryQuery>;

export const PriceListEntry = Type.Object(
  {
    productId: Type.String(),
    skuId: Type.String(),
    termDuration: Type.String(),
    billingCycle: Type.String(),
    currency: Type.String(),
    /** The estimated retail price. */
    listPrice: Amount,
    /** The provider's cost. */
    unitPrice: Amount,
  },
  { title: 'PriceListEntry' },
);
export type PriceListEntry = Static<typeof PriceListEntry>;
export const PriceListEntries = Collection(PriceListEntry, 'PriceListEntries');

export const PriceListEntryBody = Type.Object(
  {
    productId: Type.String({ format: 'uuid' }),
    skuId: SkuId,
    termDuration: enumOf(termDurations),
    billingCycle: enumOf(billingCycles),
    currency: Currency,
    listPrice: Type.Optional(AmountText),
    unitPrice: Type.Optional(AmountText),
    /** Takes the entry out of the draft (no prices then). */
    remove: Type.Optional(Type.Literal(true)),
  },
  strict,
);
export type PriceListEntryBody = Static<typeof PriceListEntryBody>;
export const PriceListEntriesBody = Type.Object({ entries: Type.Array(PriceListEntryBody, { minItems: 1, maxItems: 500 }) }, strict);
export type PriceListEntriesBody = Static<typeof PriceListEntriesBody>;

// ---------------------------------------------------------------------------------------------
// Repricing configs (PRC-2, PRC-4)

export const repricingTiers = ['reseller', 'customer'] as const;
export type RepricingTier = (typeof repricingTiers)[number];
const Tier = enumOf(repricingTiers);

export const RepricingConfigQuery = Type.Object({ tier: Tier, buyerTenantId: Type.Optional(Type.String({ format: 'uuid' })), ...PageQuery }, strict);
export type RepricingConfigQuery = Static<typeof RepricingConfigQuery>;

export const RepricingConfigBody = Type.Object(
  {
    /** reseller: a provider's config for its resellers; customer: a reseller's for its customers. */
    tier: Tier,
    /** One buyer (an active reseller of the provider, a customer of the reseller); absent: all of them. */
    buyerTenantId: Type.Optional(Type.String({ format: 'uuid' })),
    /** Absent: all products. */
    productId: Type.Optional(Type.String({ format: 'uuid' })),
    /** One SKU of the product. */
    skuId: Type.Optional(SkuId),
    basis: enumOf(repricingBases),
    /** A markup (positive) or a discount (negative) in percent, at most two decimals, such as "5" or "-12.5". */
    percent: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    /** Or a fixed unit price in one currency (a SKU target only). */
    unitPrice: Type.Optional(AmountText),
    currency: Type.Optional(Currency),
    effectiveMonth: Month,
  },
  strict,
);
export type RepricingConfigBody = Static<typeof RepricingConfigBody>;

export const RepricingConfig = Type.Object(
  {
    id: Type.String(),
    tier: Tier,
    sellerTenantId: Type.String(),
    buyerTenantId: Nullable(Type.String()),
    productId: Nullable(Type.String()),
    skuId: Nullable(Type.String()),
    basis: enumOf(repricingBases),
    percent: Nullable(Type.String()),
    unitPrice: Nullable(Amount),
    currency: Nullable(Type.String()),
    effectiveMonth: Type.String(),
    createdAt: DateTime,
  },
  { title: 'RepricingConfig' },
);
export type RepricingConfig = Static<typeof RepricingConfig>;
export const RepricingConfigs = Collection(RepricingConfig, 'RepricingConfigs');

export const PricePreviewQuery = Type.Object(
  {
    tier: Tier,
    buyerTenantId: Type.String({ format: 'uuid' }),
    productId: Type.String({ format: 'uuid' }),
    skuId: SkuId,
    termDuration: enumOf(termDurations),
    billingCycle: enumOf(billingCycles),
    currency: Currency,
    /** Absent: the current month. */
    month: Type.Optional(Month),
    /** For a reseller with several providers: the one whose price is its cost (tier customer). */
    providerTenantId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  strict,
);
export type PricePreviewQuery = Static<typeof PricePreviewQuery>;

/**
 * PRC-2, PRC-4: what the caller pays for the line, its list price and what the buyer pays, with the
 * caller's config behind the buyer's price (none: list price). A reseller's cost is what its provider
 * charges it; the provider's own cost never appears in a reseller's answer.
 */
export const PricePreview = Type.Object(
  {
    tier: Tier,
    month: Type.String(),
    currency: Type.String(),
    priceListId: Type.String(),
    listPrice: Amount,
    /** What the caller pays: the provider's cost, or the reseller's price from its provider. */
    cost: Amount,
    /** What the buyer pays. */
    price: Amount,
    config: Nullable(RepricingConfig),
  },
  { title: 'PricePreview' },
);
export type PricePreview = Static<typeof PricePreview>;
