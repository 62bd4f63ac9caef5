// Rows → the shapes of contract.ts (amounts as decimal text with the currency's decimals), and rows →
// the configs the pure rules read. Each view's return type is the contract's, so drift fails tsc.
import { invalidFields } from '../../platform/errors.js';
import { encodeCursor, uuidPattern } from '../../platform/http.js';
import { formatAmount, formatPercent } from '../../platform/money.js';
import type { PartnerDiscount, PriceList, PriceListEntry, PriceListEntrySource, RepricingConfig, RepricingTier } from './contract.js';
import { monthStart, type EntryKey, type PriceListStatus, type RepricingBasis, type RepricingConfig as RuleConfig } from './rules.js';
import type { partnerDiscounts, priceListEntries, priceLists, repricingConfigs } from './schema.js';

export type PriceListRow = typeof priceLists.$inferSelect;
export type PriceListEntryRow = typeof priceListEntries.$inferSelect;
export type RepricingConfigRow = typeof repricingConfigs.$inferSelect;
export type PartnerDiscountRow = typeof partnerDiscounts.$inferSelect;

export function priceListView(row: PriceListRow, entryCount: number): PriceList {
  return {
    id: row.id,
    month: row.month,
    status: row.status as PriceListStatus,
    effectiveFrom: monthStart(row.month).toISOString(),
    basedOnId: row.basedOnId,
    entryCount,
    createdAt: row.createdAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export function priceListEntryView(row: Omit<PriceListEntryRow, 'priceListId'>): PriceListEntry {
  return {
    source: 'priceList',
    productId: row.productId,
    skuId: row.skuId,
    termDuration: row.termDuration,
    billingCycle: row.billingCycle,
    currency: row.currency,
    listPrice: formatAmount(row.listPrice, row.currency),
    unitPrice: formatAmount(row.unitPrice, row.currency),
  };
}

export function repricingConfigView(row: RepricingConfigRow): RepricingConfig {
  return {
    id: row.id,
    tier: row.tier as RepricingTier,
    sellerTenantId: row.sellerTenantId,
    buyerTenantId: row.buyerTenantId,
    productId: row.productId,
    skuId: row.skuId,
    basis: row.basis as RepricingBasis,
    percent: row.basisPoints === null ? null : formatPercent(row.basisPoints),
    unitPrice: row.fixedUnitPrice === null || row.fixedCurrency === null ? null : formatAmount(row.fixedUnitPrice, row.fixedCurrency),
    currency: row.fixedCurrency,
    effectiveMonth: row.effectiveMonth,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A stored config as the rules read it (PRC-2): its scope, target, basis, adjustment and month. */
export function ruleConfigOf(row: RepricingConfigRow): RuleConfig {
  return {
    id: row.id,
    scope: row.buyerTenantId === null ? { kind: 'all' } : { kind: 'one', buyerTenantId: row.buyerTenantId },
    target: row.productId === null ? { kind: 'all' } : row.skuId === null ? { kind: 'product', productId: row.productId } : { kind: 'sku', productId: row.productId, skuId: row.skuId },
    basis: row.basis as RepricingBasis,
    adjustment:
      row.basisPoints !== null || row.fixedUnitPrice === null || row.fixedCurrency === null
        ? { kind: 'percent', basisPoints: row.basisPoints ?? 0 }
        : { kind: 'fixed', unitPrice: row.fixedUnitPrice, currency: row.fixedCurrency },
    effectiveMonth: row.effectiveMonth,
  };
}

/** Where an entry stands in the listing: the list's own entries in key order, then the marketplace plans' in key order. */
export type EntryPosition = EntryKey & { source: PriceListEntrySource };

/** An entry's position as an opaque cursor (a list entry's as before: its key alone). */
export function entryCursorOf(e: EntryPosition): string {
  const key = [e.productId, e.skuId, e.termDuration, e.billingCycle, e.currency];
  return encodeCursor(e.source === 'marketplace' ? ['marketplace', ...key] : key);
}

/** The position an entry cursor names; a cursor not made by entryCursorOf is 400 cursor_invalid. */
export function decodeEntryCursor(cursor: string | undefined): EntryPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const marketplace = Array.isArray(value) && value.length === 6 && value[0] === 'marketplace';
    const key = marketplace ? (value as unknown[]).slice(1) : value;
    if (Array.isArray(key) && key.length === 5 && key.every((part) => typeof part === 'string' && part.length <= 64 && !part.includes('\u0000')) && uuidPattern.test(key[0])) {
      const [productId, skuId, termDuration, billingCycle, currency] = key as string[];
      return { source: marketplace ? 'marketplace' : 'priceList', productId: productId!, skuId: skuId!, termDuration: termDuration!, billingCycle: billingCycle!, currency: currency! };
    }
  } catch {
    /* fall through */
  }
  throw invalidFields({ path: '/query/cursor', code: 'cursor_invalid' });
}

/** PRC-1: an offer type's partner discount (none set: 0). */
export function partnerDiscountView(offerType: PartnerDiscount['offerType'], row: PartnerDiscountRow | undefined): PartnerDiscount {
  return { offerType, percent: formatPercent(row?.basisPoints ?? 0), updatedAt: row?.updatedAt.toISOString() ?? null };
}
