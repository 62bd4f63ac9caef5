// PRC-1: the live marketplace offers in the catalog (products of source marketplace, active), by name,
// each with its offer type: pricing lists their plans beside the price list, the publisher's plan price
// the list price and the provider's cost that less the program's partner discount for the type.
import { and, eq } from 'drizzle-orm';
import type { Product } from '../contract.js';
import { products } from '../schema.js';
import { productView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export type MarketplaceCatalogProduct = Product & { offerType: string | null };

export async function listMarketplaceProducts({ db }: CommerceDeps): Promise<MarketplaceCatalogProduct[]> {
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.source, 'marketplace'), eq(products.active, true)))
    .orderBy(products.name, products.id);
  return rows.map((row) => ({ ...productView(row), offerType: row.offerType }));
}
