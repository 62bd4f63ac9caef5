// ORD-1: the operator adds or replaces one of its own products (SKUs, terms, cycles, prices per
// currency, markets, TRM-5 upgrade paths between its SKUs: known SKUs, none leading back); marketplace products are the marketplace's (upsert-marketplace-product.ts).
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { invalidUpgradePath, type UpgradePath } from '../rules.js';
import type { Product } from '../contract.js';
import { products, type Sku } from '../schema.js';
import { productView, type ProductRow } from '../views.js';
import type { CommerceDeps } from './deps.js';

export interface ProductInput {
  name: string;
  description: string;
  skus: Sku[];
  markets: string[];
  upgradePaths?: UpgradePath[];
}

export async function saveProduct({ platform }: CommerceDeps, ctx: RequestContext, input: ProductInput, id?: string): Promise<Product> {
  const upgradePaths = input.upgradePaths ?? [];
  const invalid = invalidUpgradePath(input.skus.map((s) => s.skuId), upgradePaths);
  if (invalid >= 0) throw new AppError('upgrade_path_invalid', {}, [{ path: `/upgradePaths/${invalid}`, code: 'upgrade_path_invalid' }]);
  return platform.transaction(async (tx) => {
    const values = { name: input.name.trim(), description: input.description, skus: input.skus, upgradePaths, markets: [...new Set(input.markets)].sort(), updatedAt: new Date() };
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
