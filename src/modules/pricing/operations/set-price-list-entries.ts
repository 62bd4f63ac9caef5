// PRC-1, PRC-5: the operator sets (or removes) entries of a draft price list, in one batch: each names
// an operator product's SKU with a term and billing cycle the SKU is sold with and that pair (a P1M term
// is billed monthly), in the currency of one of the product's markets; list price and unit price (the
// provider's cost) are decimal text with at most the currency's decimals, taken exactly or refused
// (400 naming the field). Nothing of a refused batch is written; a published list never changes.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields, type FieldError } from '../../../platform/errors.js';
import type { PriceList, PriceListEntryBody } from '../contract.js';
import { currenciesOf, operatorProducts, priceListById } from '../reads.js';
import { entryKeyOf, entryTermProblem, priceOf } from '../rules.js';
import { priceListEntries } from '../schema.js';
import { priceListEntryView, priceListView, type PriceListEntryRow } from '../views.js';
import type { PricingDeps } from './deps.js';
import { countEntries } from './list-price-list-entries.js';

/** The batch checked against the catalog (before any transaction: commerce and markets read on their own handle). */
async function checkedEntries(deps: PricingDeps, priceListId: string, entries: readonly PriceListEntryBody[]) {
  const products = await operatorProducts(deps);
  const currencies = new Map<string, Set<string>>();
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const upserts: PriceListEntryRow[] = [];
  const removals: PriceListEntryBody[] = [];
  for (const [index, entry] of entries.entries()) {
    const at = (field: string) => `/entries/${index}${field}`;
    const key = entryKeyOf(entry);
    if (seen.has(key)) errors.push({ path: at(''), code: 'entry_duplicate' });
    seen.add(key);
    const product = products.get(entry.productId);
    const sku = product?.skus.find((s) => s.skuId === entry.skuId);
    if (!product) errors.push({ path: at('/productId'), code: 'product_unknown' });
    else if (!sku) errors.push({ path: at('/skuId'), code: 'sku_unknown' });
    else {
      const term = entryTermProblem(sku, entry.termDuration, entry.billingCycle);
      if (term) errors.push({ path: at(term.path), code: term.code });
      if (!currencies.has(product.id)) currencies.set(product.id, await currenciesOf(deps, product));
      if (!currencies.get(product.id)!.has(entry.currency)) errors.push({ path: at('/currency'), code: 'currency_not_sold', params: { currency: entry.currency } });
    }
    if (entry.remove) {
      for (const field of ['listPrice', 'unitPrice'] as const) if (entry[field] !== undefined) errors.push({ path: at(`/${field}`), code: 'prices_with_remove' });
      removals.push(entry);
      continue;
    }
    const amounts: Partial<Record<'listPrice' | 'unitPrice', number>> = {};
    for (const field of ['listPrice', 'unitPrice'] as const) {
      const text = entry[field];
      if (text === undefined) {
        errors.push({ path: at(`/${field}`), code: 'required' });
        continue;
      }
      const price = priceOf(text, entry.currency);
      if ('minor' in price) amounts[field] = price.minor;
      else errors.push({ path: at(`/${field}`), code: price.code, ...('params' in price ? { params: price.params } : {}) });
    }
    if (amounts.listPrice !== undefined && amounts.unitPrice !== undefined) {
      const { productId, skuId, termDuration, billingCycle, currency } = entry;
      upserts.push({ priceListId, productId, skuId, termDuration, billingCycle, currency, listPrice: amounts.listPrice, unitPrice: amounts.unitPrice });
    }
  }
  if (errors.length) throw invalidFields(...errors);
  return { upserts, removals };
}

export async function setPriceListEntries(deps: PricingDeps, ctx: RequestContext, priceListId: string, entries: readonly PriceListEntryBody[]): Promise<PriceList> {
  await priceListById(deps.db, priceListId);
  const { upserts, removals } = await checkedEntries(deps, priceListId, entries);
  return deps.platform.transaction(async (tx) => {
    // The lock orders this batch with a concurrent publication: a published list is never written.
    const list = await priceListById(tx, priceListId, true);
    if (list.status !== 'draft') throw new AppError('price_list_published', { month: list.month });
    const e = priceListEntries;
    const productIds = [...new Set(entries.map((entry) => entry.productId))];
    const held = new Map((await tx.select().from(e).where(and(eq(e.priceListId, priceListId), inArray(e.productId, productIds)))).map((row) => [entryKeyOf(row), row]));
    const changed = upserts.filter((row) => {
      const before = held.get(entryKeyOf(row));
      return !before || before.listPrice !== row.listPrice || before.unitPrice !== row.unitPrice;
    });
    const removed = removals.map((entry) => held.get(entryKeyOf(entry))).filter((row) => row !== undefined);
    if (changed.length) {
      await tx
        .insert(e)
        .values(changed)
        .onConflictDoUpdate({ target: [e.priceListId, e.productId, e.skuId, e.termDuration, e.billingCycle, e.currency], set: { listPrice: sql`excluded.list_price`, unitPrice: sql`excluded.unit_price` } });
    }
    if (removed.length) {
      const keys = sql.join(
        removed.map((r) => sql`(${r.productId}::uuid, ${r.skuId}, ${r.termDuration}, ${r.billingCycle}, ${r.currency})`),
        sql`, `,
      );
      await tx.delete(e).where(and(eq(e.priceListId, priceListId), sql`(${e.productId}, ${e.skuId}, ${e.termDuration}, ${e.billingCycle}, ${e.currency}) in (${keys})`));
    }
    if (changed.length || removed.length) {
      const before = [...changed.map((row) => held.get(entryKeyOf(row))).filter((row) => row !== undefined), ...removed].map(priceListEntryView);
      await writeAudit(tx, ctx, {
        tenantId: ctx.actor!.tenantId,
        action: 'priceList.entriesSet',
        resourceType: 'priceList',
        resourceId: priceListId,
        before: { month: list.month, entries: before },
        after: { month: list.month, entries: changed.map(priceListEntryView), removed: removed.map(priceListEntryView) },
      });
    }
    return priceListView(list, await countEntries(tx, priceListId));
  });
}
