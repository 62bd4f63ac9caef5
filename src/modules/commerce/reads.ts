// Commerce's reads used by several operations: the prepared statements (built once per service, by
// commerceStatements) and the loaders of carts, orders and subscriptions a caller may see.
import { and, desc, eq, getTableColumns, inArray, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { arrayLiteral, preparedByShape, query, type Db, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import type { CommerceDeps } from './operations/deps.js';
import type { ChargeLine } from './contract.js';
import type { ChargeAmounts, PeriodCharge } from './rules.js';
import { carts, chargeLines, licenseAssignments, orderLineItems, products, resaleStamps, subscriptions } from './schema.js';
import { audienceOf, orderViewOf, type OrderRow, type SubscriptionRow } from './views.js';

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

// ---------------------------------------------------------------------------------------------
// Charge lines (TRM-6): written by every lifecycle event in its own transaction, read per subscription.

export type NewChargeLine = typeof chargeLines.$inferInsert;

/** TRM-6: a line of `type` for a subscription at its frozen prices, prorated over a period (credits: negate the amounts). */
export function chargeLineOf(
  s: SubscriptionRow,
  type: ChargeLine['chargeType'],
  quantity: number,
  period: { start: Date; end: Date },
  proration: { days: number; periodDays: number },
  amounts: ChargeAmounts,
  createdAt: Date,
): NewChargeLine {
  return {
    subscriptionId: s.id,
    customerTenantId: s.customerTenantId,
    providerTenantId: s.providerTenantId,
    resellerTenantId: s.resellerTenantId,
    orderId: s.orderId,
    offerId: s.offerId,
    skuId: s.skuId,
    chargeType: type,
    quantity,
    termStartAt: s.termStartAt,
    periodStart: period.start,
    periodEnd: period.end,
    chargedDays: proration.days,
    periodDays: proration.periodDays,
    ...amounts,
    currency: s.currency,
    createdAt,
  };
}

/** TRM-2, TRM-6: the lines of the subscription's current term by billing period (its end and days), as seat changes from their start. */
export async function termCharges(q: Queryable, s: SubscriptionRow): Promise<{ period: { days: number; end: Date }; charges: PeriodCharge[] }[]> {
  const rows = await q.select().from(chargeLines).where(and(eq(chargeLines.subscriptionId, s.id), eq(chargeLines.termStartAt, s.termStartAt)));
  const periods = new Map<number, { period: { days: number; end: Date }; charges: PeriodCharge[] }>();
  for (const r of rows) {
    const entry = periods.get(r.periodEnd.getTime()) ?? { period: { days: r.periodDays, end: r.periodEnd }, charges: [] };
    entry.charges.push({
      seats: r.chargeType === 'refund' || r.chargeType === 'cancellation' || r.chargeType === 'upgradeCredit' ? -r.quantity : r.quantity,
      startsAt: r.periodStart,
      listAmount: r.listAmount,
      providerAmount: r.providerAmount,
      resellerAmount: r.resellerAmount,
      customerAmount: r.customerAmount,
    });
    periods.set(r.periodEnd.getTime(), entry);
  }
  return [...periods.values()].sort((a, b) => a.period.end.getTime() - b.period.end.getTime());
}

/**
 * TRM-6: the billing periods whose fee is due at `now` are charged, in one statement per batch: each due
 * subscription's next period is charged at its frozen prices for its quantity and the subscription moves
 * on to the following one (none after the term's last). A period's fee is charged once (a unique index
 * holds it even against a second worker). A suspended subscription is charged too (its commitment runs
 * on, as in new commerce). `subscriptionIds` limits the sweep (a seat change and a renewal catch their own
 * periods up first, in their transaction). Answers how many periods were charged.
 */
export async function chargeDueCycles(q: Queryable, now: Date, options: { subscriptionIds?: string[]; batch?: number } = {}): Promise<number> {
  const months = sql`(case s.billing_cycle when 'annual' then 12 else 1 end)`;
  const at = (count: SQL) => sql`((s.period_anchor_at at time zone 'UTC') + make_interval(months => (${count}) * ${months})) at time zone 'UTC'`;
  const rows = await query<{ n: number }>(
    q,
    sql`with due as (
        select id from subscriptions
        where status in ('active', 'suspended') and next_cycle_at is not null and next_cycle_at <= ${now}::timestamptz
          ${options.subscriptionIds ? sql`and id = any(${arrayLiteral(options.subscriptionIds)}::uuid[])` : sql``}
        order by next_cycle_at
        limit ${options.batch ?? 5000}
        for update skip locked
      ), charged as (
        update subscriptions s set cycles_billed = s.cycles_billed + 1,
          next_cycle_at = case when ${at(sql`s.cycles_billed + 1`)} >= s.commitment_end_at then null else ${at(sql`s.cycles_billed + 1`)} end
        from due where s.id = due.id
        returning s.*, s.next_cycle_at as next_at, ${at(sql`s.cycles_billed - 1`)} as period_start, ${at(sql`s.cycles_billed`)} as period_end
      ), lines as (
        insert into charge_lines (subscription_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, charge_type, quantity,
          term_start_at, period_start, period_end, charged_days, period_days, list_amount, provider_amount, reseller_amount, customer_amount, currency, created_at)
        select id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, 'cycleFee', quantity,
          term_start_at, period_start, period_end, greatest(1, (period_end at time zone 'UTC')::date - (period_start at time zone 'UTC')::date),
          greatest(1, (period_end at time zone 'UTC')::date - (period_start at time zone 'UTC')::date),
          list_price * quantity, provider_cost * quantity, reseller_price * quantity, customer_price * quantity, currency, ${now}::timestamptz
        from charged
        returning 1
      )
      select count(*)::int as n from lines`,
  );
  return rows[0]?.n ?? 0;
}
