// PRC-1: a price list's entries in key order (product, SKU, term, billing cycle, currency), by keyset
// over its primary key, optionally for one product or one currency.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import type { PriceListEntry } from '../contract.js';
import { priceListById } from '../reads.js';
import type { EntryKey } from '../rules.js';
import { priceListEntries } from '../schema.js';
import { priceListEntryView } from '../views.js';
import type { PricingDeps } from './deps.js';

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

export async function listPriceListEntries(
  deps: PricingDeps,
  priceListId: string,
  query: { productId?: string; currency?: string; size: number; after?: EntryKey },
): Promise<{ items: PriceListEntry[]; totalCount: number }> {
  await priceListById(deps.db, priceListId);
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
  return { items: rows.map(priceListEntryView), totalCount: await countEntries(deps.db, priceListId, query) };
}
