// PRC-1: a price list's entries in key order (product, SKU, term, billing cycle, currency), by keyset
// over its primary key, optionally for one product or one currency; then, in the same listing, the
// live marketplace plans ("shown in the same price lists"): each plan × term × billing cycle × currency
// it is sold in, its list price the publisher's plan price and its unit price (the provider's cost)
// that less the program's partner discount for the offer's type, priced by priceLines as checkout
// prices them. One keyset runs across both: the list's entries first, then the marketplace rows in key
// order (the cursor says which part it is in); `source` keeps to one part.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { formatAmount } from '../../../platform/money.js';
import type { PriceListEntry, PriceListEntrySource } from '../contract.js';
import { priceListById } from '../reads.js';
import { compareEntryKeys, termCyclePairs, type Month } from '../rules.js';
import { priceListEntries } from '../schema.js';
import { priceListEntryView, type EntryPosition } from '../views.js';
import type { PricingDeps } from './deps.js';
import { priceLines, type LineToPrice } from './price-line.js';

export async function countEntries(q: Queryable, priceListId: string, filters: { productId?: string; currency?: string } = {}): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(priceListEntries).where(whereOf(priceListId, filters));
  return row?.n ?? 0;
}

function whereOf(priceListId: string, filters: { productId?: string; currency?: string }) {
  return and(
    eq(priceListEntries.priceListId, priceListId),
    filters.productId ? eq(priceListEntries.productId, filters.productId) : undefined,
    filters.currency ? eq(priceListEntries.currency, filters.currency) : undefined,
  );
}

/**
 * PRC-1: the live marketplace plans as entries of a month, in key order. Priced down to the provider's
 * cost only, so no provider's configs are read (the line names no provider).
 */
async function marketplaceEntries(deps: PricingDeps, month: Month, filters: { productId?: string; currency?: string }): Promise<PriceListEntry[]> {
  const products = (await deps.commerce.listMarketplaceProducts()).filter((p) => !filters.productId || p.id === filters.productId);
  const lines: LineToPrice[] = products.flatMap((product) =>
    product.skus.flatMap((sku) =>
      termCyclePairs(sku).flatMap((pair) =>
        sku.prices.filter((p) => !filters.currency || p.currency === filters.currency).map((p) => ({ providerTenantId: '', product, skuId: sku.skuId, ...pair, currency: p.currency })),
      ),
    ),
  );
  const prices = await priceLines(deps, month, lines);
  const entries = lines.flatMap((line, i): PriceListEntry[] => {
    const priced = prices[i];
    if (!priced) return [];
    const key = { productId: line.product.id, skuId: line.skuId, termDuration: line.termDuration, billingCycle: line.billingCycle, currency: line.currency };
    return [{ source: 'marketplace', ...key, listPrice: formatAmount(priced.listPrice, line.currency), unitPrice: formatAmount(priced.providerCost, line.currency) }];
  });
  return entries.sort(compareEntryKeys);
}

export async function listPriceListEntries(
  deps: PricingDeps,
  priceListId: string,
  query: { productId?: string; currency?: string; source?: PriceListEntrySource; size: number; after?: EntryPosition },
): Promise<{ items: PriceListEntry[]; totalCount: number }> {
  const list = await priceListById(deps.db, priceListId);
  const items: PriceListEntry[] = [];
  let totalCount = 0;
  if (query.source !== 'marketplace') {
    if (query.after?.source !== 'marketplace') {
      const e = priceListEntries;
      const after = query.after
        ? sql`(${e.productId}, ${e.skuId}, ${e.termDuration}, ${e.billingCycle}, ${e.currency}) > (${query.after.productId}::uuid, ${query.after.skuId}, ${query.after.termDuration}, ${query.after.billingCycle}, ${query.after.currency})`
        : undefined;
      const rows = await deps.db
        .select()
        .from(e)
        .where(and(whereOf(priceListId, query), after))
        .orderBy(asc(e.productId), asc(e.skuId), asc(e.termDuration), asc(e.billingCycle), asc(e.currency))
        .limit(query.size + 1);
      items.push(...rows.map(priceListEntryView));
    }
    totalCount += await countEntries(deps.db, priceListId, query);
  }
  if (query.source !== 'priceList') {
    const marketplace = await marketplaceEntries(deps, list.month, query);
    totalCount += marketplace.length;
    const after = query.after?.source === 'marketplace' ? query.after : undefined;
    // The page's extra row (it says a next page exists) may be the first marketplace row.
    if (items.length <= query.size) items.push(...marketplace.filter((e) => !after || compareEntryKeys(e, after) > 0).slice(0, query.size + 1 - items.length));
  }
  return { items, totalCount };
}
