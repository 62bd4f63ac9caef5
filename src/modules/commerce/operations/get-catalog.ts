// ORD-1, MKT-4, PRC-4: what can be sold to a customer in this country (operator products and live
// marketplace offers) in its market's currency, a page of products at a time by name (each with its
// SKUs that have a price there), each SKU with a price per term and billing cycle pair it is sold with,
// as the caller's tier sees it (pricing's priceCatalog: the same prices checkout freezes). Only the
// columns shown are read (a product's markets are matched in SQL, never parsed).
import { and, eq, sql } from 'drizzle-orm';
import { escapeLike } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import { defaultPageSize } from '../../../platform/contract.js';
import { decodeNameCursor, encodeCursor } from '../../../platform/http.js';
import type { Catalog, CatalogQuery } from '../contract.js';
import { billingCycleAllowedForTerm, priceIn } from '../rules.js';
import { products } from '../schema.js';
import { catalogItemView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function getCatalog({ db, markets, pricer }: CommerceDeps, actor: Actor, query: CatalogQuery): Promise<{ catalog: Omit<Catalog, 'links'>; nextCursor?: string }> {
  const { country, q, size = defaultPageSize, cursor, ...pricedFor } = query;
  const after = decodeNameCursor(cursor);
  const currency = await markets.currencyOf(country);
  if (!currency) return { catalog: { currency: null, audience: 'none', items: [] } };
  const rows = await db
    .select({ id: products.id, source: products.source, offerType: products.offerType, publisherTenantId: products.publisherTenantId, name: products.name, description: products.description, skus: products.skus })
    .from(products)
    .where(
      and(
        eq(products.active, true),
        sql`${country} = any(${products.markets})`,
        q ? sql`${products.name} ilike ${`%${escapeLike(q)}%`}` : undefined,
        // A row comparison, so the page starts at its place in products_active_name_idx.
        after ? sql`(${products.name}, ${products.id}) > (${after.name}, ${after.tenantId}::uuid)` : undefined,
      ),
    )
    .orderBy(products.name, products.id)
    .limit(size + 1);
  const page = rows.slice(0, size);
  const skus = page.flatMap((product) => product.skus.filter((sku) => priceIn(sku, currency) !== undefined).map((sku) => ({ product, sku })));
  const points = skus.map(({ product, sku }) =>
    sku.termDurations.flatMap((termDuration) =>
      sku.billingCycles.filter((billingCycle) => billingCycleAllowedForTerm(termDuration, billingCycle)).map((billingCycle) => ({ product, skuId: sku.skuId, termDuration, billingCycle })),
    ),
  );
  const { audience, prices } = await pricer.get().priceCatalog(actor, pricedFor, currency, points.flat());
  let next = 0;
  const items = skus.map(({ product, sku }, index) => catalogItemView(product, sku, currency, points[index]!.flatMap(() => prices[next++]!)));
  const last = page[page.length - 1];
  return { catalog: { currency, audience, items }, ...(rows.length > size && last ? { nextCursor: encodeCursor([last.name, last.id]) } : {}) };
}
