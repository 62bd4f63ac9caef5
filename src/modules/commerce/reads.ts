// Commerce's reads used by several operations: the prepared statements (built once per service, by
// commerceStatements) and the loaders of carts, orders and subscriptions a caller may see.
import { and, desc, eq, getTableColumns, inArray, lt, or, sql, type SQLWrapper } from 'drizzle-orm';
import { preparedByShape, type Db, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import type { CommerceDeps } from './operations/deps.js';
import { carts, licenseAssignments, orderLineItems, products, resaleStamps, subscriptions } from './schema.js';
import { audienceOf, orderViewOf, type OrderRow } from './views.js';

/** The hot reads as prepared statements, with their names and SQL: built once per service instance. */
export function commerceStatements(db: Db) {
  const cartById = db
    .select()
    .from(carts)
    .where(and(eq(carts.id, sql.placeholder('cart')), eq(carts.customerTenantId, sql.placeholder('customer')), eq(carts.providerTenantId, sql.placeholder('provider'))))
    .prepare('cart_by_id');

  const activeProducts = db
    .select()
    .from(products)
    .where(and(sql`${products.id} = any(${sql.placeholder('ids')}::uuid[])`, eq(products.active, sql`true`)))
    .prepare('products_active_by_ids');

  /** A page of a customer's subscriptions with each one's assigned licences and the total: one prepared statement. */
  const subscriptionPage = preparedByShape('subscriptions_page', (shape: { own: boolean; after: boolean }, name) => {
    const caller = sql.placeholder('caller');
    const afterAt = sql.placeholder('afterAt');
    const filters = [eq(subscriptions.customerTenantId, sql.placeholder('customer'))];
    if (!shape.own) filters.push(or(eq(subscriptions.providerTenantId, caller), eq(subscriptions.resellerTenantId, caller))!);
    const page = shape.after ? or(lt(subscriptions.createdAt, afterAt), and(eq(subscriptions.createdAt, afterAt), lt(subscriptions.id, sql.placeholder('afterId')))) : undefined;
    const total = sql<number>`(select count(*)::int from subscriptions s where s.customer_tenant_id = ${sql.placeholder('customer')}${
      shape.own ? sql`` : sql` and (s.provider_tenant_id = ${caller} or s.reseller_tenant_id = ${caller})`
    })`;
    return db
      .select({ row: getTableColumns(subscriptions), assigned: sql<number>`(select count(*)::int from license_assignments a where a.subscription_id = "subscriptions"."id")`, total })
      .from(subscriptions)
      .where(and(...filters, page))
      .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });

  return { cartById, activeProducts, subscriptionPage };
}

export type CommerceStatements = ReturnType<typeof commerceStatements>;

/** A cart of this customer that the caller's tenant opened (another's is not found). */
export async function ownCart({ db, statements }: Pick<CommerceDeps, 'db' | 'statements'>, q: Queryable, actor: Actor, customerTenantId: string, cartId: string, lock = false) {
  if (q === db && !lock) {
    const [row] = await statements.cartById.execute({ cart: cartId, customer: customerTenantId, provider: actor.tenantId });
    if (!row) throw notFound('cart');
    return row;
  }
  const select = q.select().from(carts).where(and(eq(carts.id, cartId), eq(carts.customerTenantId, customerTenantId), eq(carts.providerTenantId, actor.tenantId)));
  const [row] = lock ? await select.for('update') : await select;
  if (!row) throw notFound('cart');
  return row;
}

/** An order with its lines, with the prices the tenant's tier sees (PRC-4). */
export async function orderView(q: Queryable, order: OrderRow, viewerTenantId: string) {
  return orderViewOf(order, await q.select().from(orderLineItems).where(eq(orderLineItems.orderId, order.id)).orderBy(orderLineItems.lineItemNumber), audienceOf(viewerTenantId, order));
}

/** Who sees a customer's orders and subscriptions: the customer, its provider, the reseller of record. */
function visibleTo(actor: Actor, customerTenantId: string) {
  if (actor.tenantId === customerTenantId) return eq(subscriptions.customerTenantId, customerTenantId);
  return and(eq(subscriptions.customerTenantId, customerTenantId), or(eq(subscriptions.providerTenantId, actor.tenantId), eq(subscriptions.resellerTenantId, actor.tenantId)));
}

export async function visibleSubscription(q: Queryable, actor: Actor, customerTenantId: string, id: string, lock = false) {
  const select = q.select().from(subscriptions).where(and(eq(subscriptions.id, id), visibleTo(actor, customerTenantId)));
  const [row] = lock ? await select.for('update') : await select;
  if (!row) throw notFound('subscription');
  return row;
}

export async function assignedCounts(q: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await q
    .select({ id: licenseAssignments.subscriptionId, n: sql<number>`count(*)::int` })
    .from(licenseAssignments)
    .where(inArray(licenseAssignments.subscriptionId, ids))
    .groupBy(licenseAssignments.subscriptionId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

// ---------------------------------------------------------------------------------------------
// Resale stamps for the marketplace (MKP-7, MKP-8): it asks commerce instead of reading the table.

/** MKP-7: the resellers that have resold this offer (ORD-5 stamps), read on the caller's handle (a transaction's, inside one). */
export async function resellersWhoResold(q: Queryable, offerId: string): Promise<Set<string>> {
  const stamps = await q.select({ resellerTenantId: resaleStamps.resellerTenantId }).from(resaleStamps).where(eq(resaleStamps.offerId, offerId));
  return new Set(stamps.map((s) => s.resellerTenantId));
}

/**
 * MKP-7: when this reseller first resold this offer (null: never), as a column of the caller's own query
 * (its audience list in one round trip).
 */
export function resoldAtOf(offerId: SQLWrapper, resellerTenantId: SQLWrapper) {
  return sql<Date | null>`(select r.resold_at from resale_stamps r where r.offer_id = ${offerId} and r.reseller_tenant_id = ${resellerTenantId})`.mapWith(resaleStamps.resoldAt);
}
