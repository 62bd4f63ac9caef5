// The shapes pricing shows the world, declared once: routes validate and serialize with them, views
// return them (views.ts), and tests and the portal read their types. Amounts are decimal strings with
// exactly the currency's decimals ("12.50", "1200", "0.125"): never binary floating point (PRC-5).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../platform/contract.js';
import { billingCycles, termDurations } from '../commerce/rules.js';
import { offerTypes } from '../marketplace/rules.js';
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

export const priceListEntrySources = ['priceList', 'marketplace'] as const;
export type PriceListEntrySource = (typeof priceListEntrySources)[number];

export const PriceListEntryQuery = Type.Object(
  {
    productId: Type.Optional(Type.String({ format: 'uuid' })),
    currency: Type.Optional(Currency),
    /** Absent: both, the list's own entries first, then the marketplace plans' (one keyset across both). */
    source: Type.Optional(enumOf(priceListEntrySources)),
    ...PageQuery,
  },
  strict,
);
export type PriceListEntryQuery = Static<typeof PriceListEntryQuery>;

export const PriceListEntry = Type.Object(
  {
    /** priceList: an entry of the list; marketplace: a live marketplace plan (list price: the publisher's; unit price: less the partner discount of its offer type). */
    source: enumOf(priceListEntrySources),
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
    // A config being written, priced as if it were stored beside the caller's configs (the repricing
    // editor's live preview): present when draftBasis is. Its scope is the previewed buyer (one) or all
    // buyers, its target all products, the previewed product or its SKU; a percentage or a fixed unit
    // price in the preview's currency; from draftEffectiveMonth (absent: the previewed month).
    draftBasis: Type.Optional(enumOf(repricingBases)),
    draftScope: Type.Optional(enumOf(['all', 'one'] as const)),
    draftTarget: Type.Optional(enumOf(['all', 'product', 'sku'] as const)),
    draftPercent: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    draftUnitPrice: Type.Optional(AmountText),
    draftEffectiveMonth: Type.Optional(Month),
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
    /** The price-list version behind the list price (null: the SKU's own price, as for a marketplace plan). */
    priceListId: Nullable(Type.String()),
    listPrice: Amount,
    /** What the caller pays: the provider's cost, or the reseller's price from its provider. */
    cost: Amount,
    /** What the buyer pays. */
    price: Amount,
    /** The stored config behind the buyer's price (null: list price, or the draft). */
    config: Nullable(RepricingConfig),
    /** With a draft: whether it decides the buyer's price, and why it could not be stored (a rule's code), if so. */
    draft: Type.Optional(Type.Object({ applies: Type.Boolean(), problem: Nullable(Type.String()) }, { title: 'PricePreviewDraft' })),
  },
  { title: 'PricePreview' },
);
export type PricePreview = Static<typeof PricePreview>;

// ---------------------------------------------------------------------------------------------
// Partner discounts (PRC-1): the program's discount per marketplace offer type. A publisher's plan price
// is the list price; the provider's cost is the list price less this discount.

export const PartnerDiscountParams = Type.Object({ offerType: enumOf(offerTypes) }, strict);
export type PartnerDiscountParams = Static<typeof PartnerDiscountParams>;

export const PartnerDiscountBody = Type.Object(
  {
    /** 0 to 100 with at most two decimals, such as "20" or "12.5". */
    percent: Type.String({ pattern: '^(100(\\.0{1,2})?|[0-9]{1,2}(\\.[0-9]{1,2})?)$', description: 'A percentage from 0 to 100 with at most two decimals, such as "20" or "12.5"' }),
  },
  strict,
);
export type PartnerDiscountBody = Static<typeof PartnerDiscountBody>;

export const PartnerDiscount = Type.Object(
  {
    offerType: enumOf(offerTypes),
    /** The discount in percent ("0" when the program has not set one). */
    percent: Type.String(),
    updatedAt: Nullable(DateTime),
  },
  { title: 'PartnerDiscount' },
);
export type PartnerDiscount = Static<typeof PartnerDiscount>;
export const PartnerDiscounts = Type.Object({ items: Type.Array(PartnerDiscount) }, { title: 'PartnerDiscounts' });
export type PartnerDiscounts = Static<typeof PartnerDiscounts>;

// ---------------------------------------------------------------------------------------------
// Price sheets (PRC-4): every line a tier may sell, with its own buy and sell prices only.

export const priceSheetFormats = ['csv', 'json'] as const;
export type PriceSheetFormat = (typeof priceSheetFormats)[number];

export const PriceSheetQuery = Type.Object(
  {
    /** Absent: the current month. */
    month: Type.Optional(Month),
    /** Absent: every currency of the caller's markets (the operator: of every market). */
    currency: Type.Optional(Currency),
    /** Absent: csv. */
    format: Type.Optional(enumOf(priceSheetFormats)),
    /** A partner that is both: whose sheet, its resellers' (reseller) or its customers' (customer); absent: reseller for an active provider. */
    tier: Type.Optional(Tier),
    /** A reseller's sheet, for a reseller with several providers: the one whose price is its cost (not read for the other sheets). */
    providerTenantId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  strict,
);
export type PriceSheetQuery = Static<typeof PriceSheetQuery>;

const SheetLine = {
  month: Type.String(),
  productId: Type.String(),
  productName: Type.String(),
  /** Where the list price and cost come from: the price list in force, a marketplace plan (less the partner discount), or an operator SKU's own price (not in the list in force). */
  source: enumOf(['priceList', 'marketplace', 'catalog'] as const),
  skuId: Type.String(),
  skuName: Type.String(),
  termDuration: Type.String(),
  billingCycle: Type.String(),
  currency: Type.String(),
};
/** The operator's sheet: list price and provider cost per line. */
export const OperatorPriceSheetRow = Type.Object({ ...SheetLine, listPrice: Amount, providerCost: Amount }, { ...strict, title: 'OperatorPriceSheetRow' });
/** A provider's sheet: its cost and one reseller's price per line, one row per active reseller. */
export const ProviderPriceSheetRow = Type.Object(
  { ...SheetLine, listPrice: Amount, providerCost: Amount, resellerTenantId: Type.String(), resellerName: Type.String(), resellerPrice: Amount },
  { ...strict, title: 'ProviderPriceSheetRow' },
);
/** A reseller's sheet: its cost (its provider's price to it), the list price and one customer's price per line (never the provider's cost). */
export const ResellerPriceSheetRow = Type.Object(
  { ...SheetLine, providerTenantId: Type.String(), listPrice: Amount, resellerCost: Amount, customerTenantId: Type.String(), customerName: Type.String(), customerPrice: Amount },
  { ...strict, title: 'ResellerPriceSheetRow' },
);
export type OperatorPriceSheetRow = Static<typeof OperatorPriceSheetRow>;
export type ProviderPriceSheetRow = Static<typeof ProviderPriceSheetRow>;
export type ResellerPriceSheetRow = Static<typeof ResellerPriceSheetRow>;
export type PriceSheetRow = OperatorPriceSheetRow | ProviderPriceSheetRow | ResellerPriceSheetRow;
/** The JSON form: an array of one audience's rows (streamed). */
export const PriceSheetJson = Type.Array(Type.Union([OperatorPriceSheetRow, ProviderPriceSheetRow, ResellerPriceSheetRow]), { title: 'PriceSheet' });
/** The CSV form: a header line with the JSON rows' keys, then one line per row. */
export const PriceSheetCsv = Type.String({ title: 'PriceSheetCsv', description: 'text/csv: a header with the row keys of the caller’s sheet, then one line per row' });
