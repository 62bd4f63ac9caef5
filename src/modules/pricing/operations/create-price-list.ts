// PRC-1: the operator prepares a month's price list: a draft, copied from the version in force before
// that month (so only what changes is edited). One version per month; a month that has begun keeps
// the prices in force (only the program's first list may start in the current month).
import { sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { PriceList } from '../contract.js';
import { publishedBefore } from '../reads.js';
import { monthOf, priceListMonthProblem, type Month } from '../rules.js';
import { priceLists } from '../schema.js';
import { priceListView } from '../views.js';
import type { PricingDeps } from './deps.js';
import { countEntries } from './list-price-list-entries.js';

export async function createPriceList(deps: PricingDeps, ctx: RequestContext, month: Month): Promise<PriceList> {
  const { platform } = deps;
  try {
    return await platform.transaction(async (tx) => {
      const base = await publishedBefore(tx, month);
      const problem = priceListMonthProblem(month, monthOf(deps.now()), base !== undefined);
      if (problem) throw new AppError(problem, { month }, [{ path: '/month', code: problem, params: { month } }]);
      const [row] = await tx.insert(priceLists).values({ month, basedOnId: base?.id ?? null, createdByUserId: ctx.actor!.userId }).returning();
      if (base) {
        await tx.execute(sql`insert into price_list_entries (price_list_id, product_id, sku_id, term_duration, billing_cycle, currency, list_price, unit_price)
          select ${row!.id}::uuid, product_id, sku_id, term_duration, billing_cycle, currency, list_price, unit_price from price_list_entries where price_list_id = ${base.id}::uuid`);
      }
      const view = priceListView(row!, base ? await countEntries(tx, row!.id) : 0);
      await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'priceList.created', resourceType: 'priceList', resourceId: row!.id, before: null, after: view });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'price_lists_month_unique')) throw new AppError('price_list_exists', { month }, [{ path: '/month', code: 'price_list_exists', params: { month } }]);
    throw error;
  }
}
