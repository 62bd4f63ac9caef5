// PRC-1, PRC-2, PRC-5: lines priced at every tier for a month, in a fixed number of statements however
// many lines: the list price and the provider's cost, the reseller's price from the provider's configs
// (basis: the provider's cost or the list price), the customer's price from the reseller's configs
// (basis: the reseller's price or the list price). Without a config a buyer pays list price. Each price
// is rounded once, half to even, at the unit price. Checkout freezes the four (PRC-3); the preview
// shows one tier's.
//
// Where the list price and the cost come from (PRC-1):
// - an operator product listed in the price list in force that month: its list price and unit price;
// - a marketplace plan: the publisher's price is the list price, and the provider's cost is the list
//   price less the program's partner discount for the offer's type;
// - an operator product the price list in force does not list (added after it was published): its own
//   SKU price is the list price and the provider's cost (no margin until a price list lists it).
import type { Queryable } from '../../../db/index.js';
import { adjustByBasisPoints } from '../../../platform/money.js';
import { configsForBuyers, entriesInForce, partnerDiscountMap, skuPriceInMinor } from '../reads.js';
import type { RepricingTier } from '../contract.js';
import { entryKeyOf, repricedUnitPrice, type Month, type RepricingConfig } from '../rules.js';
import type { RepricingConfigRow } from '../views.js';
import { ruleConfigOf } from '../views.js';
import type { PricingDeps } from './deps.js';

/** What pricing needs of a catalog product (commerce's product, passed in: pricing never reads its table). */
export interface ProductToPrice {
  id: string;
  source: string;
  offerType: string | null;
  skus: { skuId: string; prices: { currency: string; unitPrice: number }[] }[];
}

export interface LineToPrice {
  providerTenantId: string;
  /** Absent: priced down to the provider's cost only (the operator's and a provider's catalog). */
  resellerTenantId?: string;
  /** Absent: priced down to the reseller only. */
  customerTenantId?: string;
  product: ProductToPrice;
  skuId: string;
  termDuration: string;
  billingCycle: string;
  currency: string;
}

export interface LinePrices {
  /** The price-list version behind the list price and cost (null: the SKU's own price). */
  priceListId: string | null;
  listPrice: number;
  providerCost: number;
  resellerPrice?: number;
  /** The provider's config behind the reseller's price (null: list price). */
  resellerConfig?: RepricingConfigRow | null;
  customerPrice?: number;
  customerConfig?: RepricingConfigRow | null;
  /** A draft config (see priceLines) decided the reseller's or the customer's price. */
  draftApplied?: boolean;
}

/** A config not stored yet, priced as if it were (the repricing editor's preview): its ID is 'draft'. */
export interface DraftConfig {
  tier: RepricingTier;
  sellerTenantId: string;
  config: RepricingConfig;
}

/** Configs grouped by seller, as the pure rules read them. */
function bySeller(rows: RepricingConfigRow[]): Map<string, RepricingConfig[]> {
  const grouped = new Map<string, RepricingConfig[]>();
  for (const row of rows) grouped.set(row.sellerTenantId, [...(grouped.get(row.sellerTenantId) ?? []), ruleConfigOf(row)]);
  return grouped;
}

async function sequentially(reads: readonly (() => Promise<unknown>)[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out;
}

/** Each line's prices in minor units of its currency, or undefined when nothing prices it in that currency. */
export async function priceLines(deps: PricingDeps, month: Month, lines: LineToPrice[], q: Queryable = deps.db, draft?: DraftConfig): Promise<(LinePrices | undefined)[]> {
  if (lines.length === 0) return [];
  const listed = lines.filter((l) => l.product.source === 'operator');
  const resellerIds = [...new Set(lines.flatMap((l) => (l.resellerTenantId === undefined ? [] : [l.resellerTenantId])))];
  const customerIds = [...new Set(lines.flatMap((l) => (l.customerTenantId === undefined ? [] : [l.customerTenantId])))];
  const reads = [
    () => entriesInForce(q, listed.map((l) => ({ productId: l.product.id, skuId: l.skuId, termDuration: l.termDuration, billingCycle: l.billingCycle, currency: l.currency })), month),
    () => (lines.some((l) => l.product.source === 'marketplace') ? partnerDiscountMap(q) : Promise.resolve(new Map<string, number>())),
    () => (resellerIds.length ? configsForBuyers(q, [...new Set(lines.map((l) => l.providerTenantId))], 'reseller', resellerIds, month) : Promise.resolve([])),
    () => (customerIds.length ? configsForBuyers(q, resellerIds, 'customer', customerIds, month) : Promise.resolve([])),
  ] as const;
  // On the pool the four reads run at once; on a transaction (one connection) one after the other.
  const [entries, discounts, providerRows, resellerRows] = (q === deps.db ? await Promise.all(reads.map((read) => read())) : await sequentially(reads)) as [
    Awaited<ReturnType<(typeof reads)[0]>>,
    Awaited<ReturnType<(typeof reads)[1]>>,
    Awaited<ReturnType<(typeof reads)[2]>>,
    Awaited<ReturnType<(typeof reads)[3]>>,
  ];
  const rows = new Map([...providerRows, ...resellerRows].map((r) => [r.id, r]));
  const providerConfigs = bySeller(providerRows);
  const resellerConfigs = bySeller(resellerRows);
  if (draft) {
    const grouped = draft.tier === 'reseller' ? providerConfigs : resellerConfigs;
    grouped.set(draft.sellerTenantId, [...(grouped.get(draft.sellerTenantId) ?? []), draft.config]);
  }
  const configOf = (id: string | null) => (id && id !== 'draft' ? rows.get(id)! : null);
  return lines.map((line) => {
    const key = { productId: line.product.id, skuId: line.skuId, termDuration: line.termDuration, billingCycle: line.billingCycle, currency: line.currency };
    const entry = line.product.source === 'operator' ? entries.get(entryKeyOf(key)) : undefined;
    let reference: { priceListId: string | null; list: number; cost: number };
    if (entry) reference = { priceListId: entry.priceListId, list: entry.listPrice, cost: entry.unitPrice };
    else {
      const list = skuPriceInMinor(line.product, line.skuId, line.currency);
      if (list === undefined) return undefined;
      const discount = line.product.source === 'marketplace' ? (discounts.get(line.product.offerType ?? '') ?? 0) : 0;
      reference = { priceListId: null, list, cost: adjustByBasisPoints(list, -discount) };
    }
    const priced = { productId: line.product.id, skuId: line.skuId, month, currency: line.currency };
    if (line.resellerTenantId === undefined) return { priceListId: reference.priceListId, listPrice: reference.list, providerCost: reference.cost };
    const reseller = repricedUnitPrice(providerConfigs.get(line.providerTenantId) ?? [], { ...priced, buyerTenantId: line.resellerTenantId }, { cost: reference.cost, list: reference.list });
    const prices: LinePrices = {
      priceListId: reference.priceListId,
      listPrice: reference.list,
      providerCost: reference.cost,
      resellerPrice: reseller.unitPrice,
      resellerConfig: configOf(reseller.configId),
      ...(reseller.configId === 'draft' ? { draftApplied: true } : {}),
    };
    if (line.customerTenantId === undefined) return prices;
    const customer = repricedUnitPrice(resellerConfigs.get(line.resellerTenantId) ?? [], { ...priced, buyerTenantId: line.customerTenantId }, { cost: reseller.unitPrice, list: reference.list });
    return { ...prices, customerPrice: customer.unitPrice, customerConfig: configOf(customer.configId), ...(customer.configId === 'draft' ? { draftApplied: true } : {}) };
  });
}
