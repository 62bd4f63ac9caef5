// ORD-1, MKT-4: what can be sold to a customer in this country (operator products and live
// marketplace offers), priced in its market's currency.
import { and, eq, sql } from 'drizzle-orm';
import type { Catalog } from '../contract.js';
import { priceIn } from '../rules.js';
import { products } from '../schema.js';
import { catalogItemView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function getCatalog({ db, markets }: CommerceDeps, country: string): Promise<Catalog> {
  const currency = await markets.currencyOf(country);
  if (!currency) return { currency: null, items: [] };
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.active, true), sql`${country} = any(${products.markets})`))
    .orderBy(products.name);
  const items = rows.flatMap((p) => p.skus.filter((sku) => priceIn(sku, currency) !== undefined).map((sku) => catalogItemView(p, sku, currency)));
  return { currency, items };
}
