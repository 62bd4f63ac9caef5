// ORD-1, MKP-4: the catalog product of a live marketplace offer (same ID as the offer), written in the
// marketplace's publishing transaction: its plans become SKUs, sold where the plans are.
import type { Tx } from '../../../db/index.js';
import { products, type Sku } from '../schema.js';

export interface MarketplaceProduct {
  /** The offer's ID. */
  id: string;
  publisherTenantId: string;
  /** PRC-1: the partner discount is per offer type. */
  offerType: string;
  name: string;
  description: string;
  skus: Sku[];
  markets: string[];
}

export async function upsertMarketplaceProduct(tx: Tx, product: MarketplaceProduct): Promise<void> {
  const values = { offerType: product.offerType, name: product.name, description: product.description, skus: product.skus, markets: product.markets, updatedAt: new Date() };
  await tx
    .insert(products)
    .values({ id: product.id, source: 'marketplace', publisherTenantId: product.publisherTenantId, ...values })
    .onConflictDoUpdate({ target: products.id, set: values });
}
