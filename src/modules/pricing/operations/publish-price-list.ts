// PRC-1: publishing a draft makes it the month's price list: from then on it never changes (the
// database refuses it too) and it takes effect on the first day of its month (UTC). Audited with
// before and after.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { PriceList } from '../contract.js';
import { priceListById, publishedBefore } from '../reads.js';
import { monthOf, priceListMonthProblem, priceListTransitions, type PriceListStatus } from '../rules.js';
import { priceLists } from '../schema.js';
import { priceListView } from '../views.js';
import type { PricingDeps } from './deps.js';
import { countEntries } from './list-price-list-entries.js';

export async function publishPriceList(deps: PricingDeps, ctx: RequestContext, id: string): Promise<PriceList> {
  return deps.platform.transaction(async (tx) => {
    const row = await priceListById(tx, id, true);
    if (!priceListTransitions[row.status as PriceListStatus].includes('published')) throw new AppError('price_list_published', { month: row.month });
    const problem = priceListMonthProblem(row.month, monthOf(deps.now()), (await publishedBefore(tx, row.month)) !== undefined);
    if (problem) throw new AppError(problem, { month: row.month });
    const [published] = await tx.update(priceLists).set({ status: 'published', publishedAt: new Date(), publishedByUserId: ctx.actor!.userId }).where(eq(priceLists.id, id)).returning();
    const entryCount = await countEntries(tx, id);
    const before = priceListView(row, entryCount);
    const after = priceListView(published!, entryCount);
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'priceList.published', resourceType: 'priceList', resourceId: id, before, after });
    return after;
  });
}
