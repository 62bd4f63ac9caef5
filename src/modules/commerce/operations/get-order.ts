// ORD-4: one order of a customer, seen by the customer, its provider and the reseller of record.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import type { Order } from '../contract.js';
import { orderView } from '../reads.js';
import { orders } from '../schema.js';
import type { CommerceDeps } from './deps.js';

export async function getOrder({ db }: CommerceDeps, actor: Actor, customerTenantId: string, orderId: string): Promise<Order> {
  const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.customerTenantId, customerTenantId)));
  if (!order || (actor.tenantId !== customerTenantId && actor.tenantId !== order.providerTenantId && actor.tenantId !== order.resellerTenantId)) throw notFound('order');
  return orderView(db, order, actor.tenantId);
}
