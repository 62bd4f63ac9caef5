// ORD-1: the operator adds or replaces one of its own products (SKUs, terms, cycles, prices per
// currency, markets); marketplace products are the marketplace's (upsert-marketplace-product.ts).
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import type { Product } from '../contract.js';
import { products, type Sku } from '../schema.js';
import { productView, type ProductRow } from '../views.js';
import type { CommerceDeps } from './deps.js';

export interface ProductInput {
  name: string;
  description: string;
  skus: Sku[];
  markets: string[];
}

export async function saveProduct({ platform }: CommerceDeps, ctx: RequestContext, input: ProductInput, id?: string): Promise<Product> {
  return platform.transaction(async (tx) => {
    const values = { name: input.name.trim(), description: input.description, skus: input.skus, markets: [...new Set(input.markets)].sort(), updatedAt: new Date() };
    let before: ProductRow | undefined;
    let after: ProductRow | undefined;
    if (id) {
      [before] = await tx.select().from(products).where(and(eq(products.id, id), eq(products.source, 'operator'))).for('update');
      if (!before) throw notFound('product');
      [after] = await tx.update(products).set(values).where(eq(products.id, id)).returning();
    } else {
      [after] = await tx.insert(products).values({ ...values, source: 'operator' }).returning();
    }
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: before ? 'product.updated' : 'product.created', resourceType: 'product', resourceId: after!.id, before: before ?? null, after });
    return productView(after!);
  });
}
