// Rows → the shapes of contract.ts (amounts as decimal text with the currency's decimals), and rows →
// the configs the pure rules read. Each view's return type is the contract's, so drift fails tsc.
import { invalidFields } from '../../platform/errors.js';
import { encodeCursor, uuidPattern } from '../../platform/http.js';
import { formatAmount, formatPercent } from '../../platform/money.js';
import type { PriceList, PriceListEntry, RepricingConfig, RepricingTier } from './contract.js';
import { monthStart, type EntryKey, type PriceListStatus, type RepricingBasis, type RepricingConfig as RuleConfig } from './rules.js';
import type { priceListEntries, priceLists, repricingConfigs } from './schema.js';

export type PriceListRow = typeof priceLists.$inferSelect;
export type PriceListEntryRow = typeof priceListEntries.$inferSelect;
export type RepricingConfigRow = typeof repricingConfigs.$inferSelect;

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

/** An entry's position in its list's key order, as an opaque cursor. */
export function entryCursorOf(e: EntryKey): string {
  return encodeCursor([e.productId, e.skuId, e.termDuration, e.billingCycle, e.currency]);
}

/** The position an entry cursor names; a cursor not made by entryCursorOf is 400 cursor_invalid. */
export function decodeEntryCursor(cursor: string | undefined): EntryKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 5 && value.every((part) => typeof part === 'string' && part.length <= 64 && !part.includes('\u0000')) && uuidPattern.test(value[0])) {
      const [productId, skuId, termDuration, billingCycle, currency] = value as string[];
      return { productId: productId!, skuId: skuId!, termDuration: termDuration!, billingCycle: billingCycle!, currency: currency! };
    }
  } catch {
    /* fall through */
  }
  throw invalidFields({ path: '/query/cursor', code: 'cursor_invalid' });
}
