// ORD-1: the operator's own products, by name.
import { eq } from 'drizzle-orm';
import type { Product } from '../contract.js';
import { products } from '../schema.js';
import { productView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function listProducts({ db }: CommerceDeps): Promise<Product[]> {
  return (await db.select().from(products).where(eq(products.source, 'operator')).orderBy(products.name)).map(productView);
}
