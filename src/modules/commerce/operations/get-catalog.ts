// ORD-1, MKT-4, PRC-4: what can be sold to a customer in this country (operator products and live
// marketplace offers) in its market's currency, each SKU with a price per term and billing cycle pair it
// is sold with, as the caller's tier sees it (pricing's priceCatalog: the same prices checkout freezes).
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { Catalog, CatalogQuery } from '../contract.js';
import { billingCycleAllowedForTerm, priceIn } from '../rules.js';
import { products } from '../schema.js';
import { catalogItemView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function getCatalog({ db, markets, pricer }: CommerceDeps, actor: Actor, query: CatalogQuery): Promise<Catalog> {
  const { country, ...pricedFor } = query;
  const currency = await markets.currencyOf(country);
  if (!currency) return { currency: null, audience: 'none', items: [] };
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.active, true), sql`${country} = any(${products.markets})`))
    .orderBy(products.name);
  const skus = rows.flatMap((product) => product.skus.filter((sku) => priceIn(sku, currency) !== undefined).map((sku) => ({ product, sku })));
  const points = skus.map(({ product, sku }) =>
    sku.termDurations.flatMap((termDuration) =>
      sku.billingCycles.filter((billingCycle) => billingCycleAllowedForTerm(termDuration, billingCycle)).map((billingCycle) => ({ product, skuId: sku.skuId, termDuration, billingCycle })),
    ),
  );
  const { audience, prices } = await pricer.get().priceCatalog(actor, pricedFor, currency, points.flat());
  let next = 0;
  const items = skus.map(({ product, sku }, index) => catalogItemView(product, sku, currency, points[index]!.flatMap(() => prices[next++]!)));
  return { currency, audience, items };
}
