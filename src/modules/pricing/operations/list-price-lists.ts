// PRC-1: the operator's price-list versions, newest month first, with their totals (history is kept).
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { TimeCursor } from '../../../platform/http.js';
import type { PriceList } from '../contract.js';
import { entryCountColumn } from '../reads.js';
import { monthOf, type PriceListStatus } from '../rules.js';
import { priceLists } from '../schema.js';
import { priceListView } from '../views.js';
import type { PricingDeps } from './deps.js';

/** Pages by month (a version's month is its position; the cursor's time is the month's first day). */
export async function listPriceLists({ db }: PricingDeps, query: { status?: PriceListStatus; size: number; after?: TimeCursor }): Promise<{ items: PriceList[]; totalCount: number }> {
  const status = query.status ? eq(priceLists.status, query.status) : undefined;
  const rows = await db
    .select({ row: priceLists, entryCount: entryCountColumn })
    .from(priceLists)
    .where(and(status, query.after ? lt(priceLists.month, monthOf(query.after.at)) : undefined))
    .orderBy(desc(priceLists.month))
    .limit(query.size + 1);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(priceLists).where(status);
  return { items: rows.map((r) => priceListView(r.row, r.entryCount)), totalCount: total?.n ?? 0 };
}
