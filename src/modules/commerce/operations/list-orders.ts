// ORD-4: a customer's orders, newest first, page by page with the total; seen by the customer, its
// provider and the reseller of record (another tenant's customer is not found).
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import { orderView } from '../reads.js';
import { orders } from '../schema.js';
import type { CommerceDeps } from './deps.js';

export async function listOrders({ db, customers }: CommerceDeps, actor: Actor, customerTenantId: string, size: number, after?: TimeCursor) {
  await customers.requireVisible(actor, customerTenantId); // another tenant's customer is not found
  const mine =
    actor.tenantId === customerTenantId
      ? eq(orders.customerTenantId, customerTenantId)
      : and(eq(orders.customerTenantId, customerTenantId), or(eq(orders.providerTenantId, actor.tenantId), eq(orders.resellerTenantId, actor.tenantId)));
  const page = after ? or(lt(orders.createdAt, after.at), and(eq(orders.createdAt, after.at), lt(orders.id, after.id))) : undefined;
  const [rows, [count]] = await Promise.all([
    db.select().from(orders).where(and(mine, page)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(size + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(orders).where(mine),
  ]);
  return { items: await Promise.all(rows.map((o) => orderView(db, o, actor.tenantId))), totalCount: count?.n ?? 0, rows };
}
