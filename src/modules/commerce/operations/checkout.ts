// ORD-2, ORD-3, CUS-6, ORD-4, ORD-5, PRC-3: a cart is checked out. Every line is checked first (the first
// precondition it breaks, in checkoutChecks order) and priced at every tier (list price, provider cost,
// reseller price, customer price: pricing's linePricer), then one transaction writes one order per
// reseller of record with its subscriptions, order lines (the four prices frozen, with the price-list
// version and the configs behind them; each subscription's term starts now and commits to its end,
// TRM-1; its seats refundable for 168 hours, TRM-3; its first billing period charged, TRM-6) and resale
// stamps, and their audit records. A retried or
// concurrent checkout of the same cart answers with the orders already written.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { arrayLiteral, query, type Queryable } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import { writeAudits, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { CheckoutResult, Order } from '../contract.js';
import { orderView, ownCart } from '../reads.js';
import { billingPeriod, cancellationWindowClosesAt, commitmentEndOf, cotermPlan, firstFailure, periodsInTerm, proratedAmounts, prorationOf, type CheckoutCheck, type PriceLevels } from '../rules.js';
import { orders, subscriptions, type CartLine } from '../schema.js';
import { orderViewOf, parseCatalogItemId, subscriptionView, tierRecipients, type OrderLineRow, type SubscriptionRow } from '../views.js';
import type { LinePrices } from '../../pricing/operations/price-line.js';
import type { CommerceDeps, OrderCharge } from './deps.js';
import { gatherLineFacts, type EvaluatedLine } from './gather-line-facts.js';

export async function checkout(deps: CommerceDeps, ctx: RequestContext, customerTenantId: string, cartId: string): Promise<CheckoutResult> {
  const { platform, db } = deps;
  const actor = ctx.actor!;
  const cart = await ownCart(deps, db, actor, customerTenantId, cartId);
  if (cart.status === 'open' && cart.expiresAt.getTime() <= Date.now()) throw new AppError('cart_expired');
  const evaluated = cart.status === 'open' ? await gatherLineFacts(deps, actor.tenantId, customerTenantId, cart.lineItems) : [];
  const now = deps.now();
  // TRM-5: lines co-termed with a subscription of this customer from this provider end with it.
  const cotermIds = [...new Set(evaluated.flatMap((e) => (e.line.coterminousWithSubscriptionId ? [e.line.coterminousWithSubscriptionId] : [])))];
  const targets = cotermIds.length
    ? new Map(
        (await db.select().from(subscriptions).where(and(inArray(subscriptions.id, cotermIds), eq(subscriptions.customerTenantId, customerTenantId), eq(subscriptions.providerTenantId, actor.tenantId)))).map((t) => [t.id, t]),
      )
    : new Map<string, SubscriptionRow>();
  const planOf = (line: CartLine): TermPlan | null => {
    if (!line.coterminousWithSubscriptionId) return termPlanOf(now, line.termDuration, line.billingCycle);
    const target = targets.get(line.coterminousWithSubscriptionId);
    const plan = target ? cotermPlan(target, line.termDuration, line.billingCycle, now) : null;
    return plan ? { ...plan, firstPeriod: billingPeriod(plan.anchor, line.billingCycle, plan.firstIndex) } : null;
  };
  const checked = evaluated.map((e) => {
    const failure = firstFailure(e.facts);
    const plan = failure ? null : planOf(e.line);
    return { ...e, plan, failure: failure ?? (plan ? null : ('coterm_not_possible' as const)) };
  });
  // PRC-3: the lines that pass are priced at every tier, in the current month.
  const toPrice = checked.filter((e) => e.failure === null);
  const priced = await deps.pricer.get().priceLines(
    toPrice.map(({ line, product, resellerId, currency }) => ({
      providerTenantId: actor.tenantId,
      resellerTenantId: resellerId!,
      customerTenantId,
      product: product!,
      skuId: parseCatalogItemId(line.catalogItemId)!.skuId,
      termDuration: line.termDuration,
      billingCycle: line.billingCycle,
      currency,
    })),
  );
  const pricesOf = new Map(toPrice.map((e, index) => [e.line.lineItemNumber, priced[index]]));
  const orderErrors = checked.flatMap(({ line, failure }) => {
    // A line nothing prices in the market's currency is not available there (cannot happen once the SKU has a price in it).
    const code: CheckoutCheck | null = failure ?? (pricesOf.get(line.lineItemNumber) ? null : 'offer_not_available_in_market');
    return code ? [{ lineItemNumber: line.lineItemNumber, code }] : [];
  });
  const replay = async () => {
    // Checked out already (a retry, or a concurrent request that won): the same orders again.
    const existing = await db.select().from(orders).where(eq(orders.cartId, cartId)).orderBy(orders.createdAt);
    return { orders: await Promise.all(existing.map((o) => orderView(db, o, actor.tenantId))), orderErrors: [] as { lineItemNumber: number; code: CheckoutCheck }[] };
  };
  if (cart.status !== 'open') return replay();
  const good = checked
    .filter(({ line }) => !orderErrors.some((e) => e.lineItemNumber === line.lineItemNumber))
    .map((e) => ({ ...e, plan: e.plan!, prices: pricesOf.get(e.line.lineItemNumber)! }));
  const result =
    good.length === 0
      ? { orders: [], orderErrors }
      : await platform.transaction(async (tx) => {
          const written = await writeOrders(tx, actor, customerTenantId, cartId, good, now);
          if (!written) return undefined; // another checkout of this cart won the row
          // BIL-4: the buyers' credit, with this order's charges written (a refusal rolls the order back).
          await deps.creditCheck.get()(tx, written.charges);
          platform.crashPoint('checkout');
          // The customer's audit log shows the customer's price only (PRC-4); each tier's event its own prices (EVT-1).
          const byTier = { customer: written.forCustomer, reseller: written.forReseller, provider: written.forProvider };
          const created = await tx.select().from(subscriptions).where(inArray(subscriptions.id, written.subscriptionIds));
          await writeAudits(tx, ctx, [
            ...written.forCustomer.map((view, i) => ({ tenantId: customerTenantId, action: 'order.created', resourceType: 'order', resourceId: view.id, after: view, recipients: tierRecipients(written.tiers[i]!, (a) => byTier[a][i]) })),
            ...created.map((row) => ({ tenantId: customerTenantId, action: 'subscription.created', resourceType: 'subscription', resourceId: row.id, after: subscriptionView(row, 0, 'customer', now), recipients: tierRecipients(row, (a) => subscriptionView(row, 0, a, now)) })),
          ]);
          return { orders: written.forProvider, orderErrors };
        });
  if (!result) return replay();
  if (result.orders.length === 0) {
    // Nothing could be ordered: the refusal names the first line's reason (each line's in errors).
    throw new AppError(
      result.orderErrors[0]!.code,
      {},
      result.orderErrors.map((e) => ({ path: `/lineItems/${e.lineItemNumber - 1}`, code: e.code })),
    );
  }
  return { orders: result.orders, orderErrors: result.orderErrors };
}

/** TRM-1: a term that starts now: it ends after its duration, its periods count from now. */
interface TermPlan {
  end: Date;
  anchor: Date;
  firstIndex: number;
  periods: number;
  firstPeriod: { start: Date; end: Date };
}

function termPlanOf(now: Date, termDuration: string, billingCycle: string): TermPlan {
  return { end: commitmentEndOf(now, termDuration), anchor: now, firstIndex: 0, periods: periodsInTerm(termDuration, billingCycle), firstPeriod: billingPeriod(now, billingCycle, 0) };
}

function pricesOfLine(p: LinePrices): PriceLevels {
  return { listPrice: p.listPrice, providerCost: p.providerCost, resellerPrice: p.resellerPrice!, customerPrice: p.customerPrice! };
}

/**
 * ORD-2, ORD-5: one order per reseller of record, a subscription and an order line per cart line, the
 * resale stamps of marketplace offers, and the cart marked checked out, in one statement. The cart's
 * update is the lock: when it finds the cart no longer open nothing is written (undefined). IDs and the
 * time are chosen here, so the order views need no second read. The PartnerID on record is the reseller
 * of record's, never the provider's (ORD-2).
 */
async function writeOrders(
  tx: Queryable,
  actor: Actor,
  customerTenantId: string,
  cartId: string,
  good: (EvaluatedLine & { prices: LinePrices; plan: TermPlan })[],
  now: Date,
): Promise<{ forProvider: Order[]; forCustomer: Order[]; forReseller: Order[]; tiers: { customerTenantId: string; resellerTenantId: string; providerTenantId: string }[]; subscriptionIds: string[]; charges: OrderCharge[] } | undefined> {
  const orderIds = new Map<string, string>();
  for (const { resellerId } of good) if (!orderIds.has(resellerId!)) orderIds.set(resellerId!, randomUUID());
  const lines = good.map(({ line, product, resellerId, currency, prices, plan }) => {
    const sku = product!.skus.find((s) => s.skuId === parseCatalogItemId(line.catalogItemId)!.skuId)!;
    // TRM-6: the first billing period is charged now (pro rata when co-termed, TRM-5); the next one's fee
    // is due when it starts (none after the term's last).
    const firstPeriod = plan.firstPeriod;
    const nextCycleAt = plan.firstIndex + 1 < plan.periods ? firstPeriod.end : undefined;
    const proration = prorationOf(firstPeriod, now);
    return { line, product: product!, resellerId: resellerId!, orderId: orderIds.get(resellerId!)!, subscriptionId: randomUUID(), sku, currency, prices, plan, firstPeriod, proration, nextCycleAt };
  });
  // TRM-3: all the seats bought are refundable for 168 hours.
  const windowClosesAt = cancellationWindowClosesAt(now).toISOString();
  const nullable = (id: string | null | undefined) => id ?? '';
  const column = <T>(pick: (l: (typeof lines)[number]) => T) => arrayLiteral(lines.map((l) => String(pick(l))));
  // ORD-5: the first order of a marketplace offer by a reseller marks it as resold.
  const stamps = [...new Map(lines.filter((l) => l.product.source === 'marketplace').map((l) => [`${l.product.id}:${l.resellerId}`, l])).values()];
  const stampColumn = (pick: (l: (typeof lines)[number]) => string) => arrayLiteral(stamps.map(pick));
  const rows = await query<{ line_item_number: number }>(
    tx,
    sql`with checked_out as (
        update carts set status = 'checkedOut', updated_at = ${now}::timestamptz
        where id = ${cartId} and customer_tenant_id = ${customerTenantId} and provider_tenant_id = ${actor.tenantId} and status = 'open'
        returning id
      ), input as (
        select t.* from unnest(${column((l) => l.subscriptionId)}::uuid[], ${column((l) => l.orderId)}::uuid[], ${column((l) => l.resellerId)}::uuid[],
          ${column((l) => l.line.lineItemNumber)}::int[], ${column((l) => l.product.id)}::uuid[], ${column((l) => l.sku.skuId)}::text[],
          ${column((l) => `${l.product.name} — ${l.sku.name}`)}::text[], ${column((l) => l.line.quantity)}::int[], ${column((l) => l.line.termDuration)}::text[],
          ${column((l) => l.line.billingCycle)}::text[], ${column((l) => l.currency)}::text[], ${column((l) => l.prices.listPrice)}::bigint[],
          ${column((l) => l.prices.providerCost)}::bigint[], ${column((l) => l.prices.resellerPrice!)}::bigint[], ${column((l) => l.prices.customerPrice!)}::bigint[],
          ${column((l) => nullable(l.prices.priceListId))}::text[], ${column((l) => nullable(l.prices.resellerConfig?.id))}::text[], ${column((l) => nullable(l.prices.customerConfig?.id))}::text[],
          ${column((l) => l.line.resellerPartnerId)}::text[], ${column((l) => l.plan.end.toISOString())}::timestamptz[],
          ${column((l) => l.firstPeriod.end.toISOString())}::timestamptz[], ${column((l) => l.proration.periodDays)}::int[], ${column((l) => nullable(l.nextCycleAt?.toISOString()))}::text[],
          ${column((l) => l.plan.anchor.toISOString())}::timestamptz[], ${column((l) => l.plan.firstIndex + 1)}::int[], ${column((l) => l.proration.days)}::int[],
          ${column((l) => proratedAmounts(pricesOfLine(l.prices), l.line.quantity, l.proration.days, l.proration.periodDays).listAmount)}::bigint[],
          ${column((l) => proratedAmounts(pricesOfLine(l.prices), l.line.quantity, l.proration.days, l.proration.periodDays).providerAmount)}::bigint[],
          ${column((l) => proratedAmounts(pricesOfLine(l.prices), l.line.quantity, l.proration.days, l.proration.periodDays).resellerAmount)}::bigint[],
          ${column((l) => proratedAmounts(pricesOfLine(l.prices), l.line.quantity, l.proration.days, l.proration.periodDays).customerAmount)}::bigint[])
          as t(subscription_id, order_id, reseller_tenant_id, line_item_number, offer_id, sku_id, name, quantity, term_duration, billing_cycle, currency, list_price,
            provider_cost, reseller_price, customer_price, price_list_id, reseller_config_id, customer_config_id, partner_id_on_record, commitment_end_at,
            period_end, period_days, next_cycle_at, period_anchor_at, cycles_billed, charged_days, list_amount, provider_amount, reseller_amount, customer_amount)
        where exists (select 1 from checked_out)
      ), new_orders as (
        insert into orders (id, cart_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, currency, created_at)
        select distinct on (order_id) order_id, ${cartId}::uuid, ${customerTenantId}::uuid, ${actor.tenantId}::uuid, reseller_tenant_id, currency, ${now}::timestamptz
        from input order by order_id, line_item_number
      ), new_subscriptions as (
        insert into subscriptions (id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, name, quantity, term_duration,
          billing_cycle, currency, list_price, provider_cost, reseller_price, customer_price, partner_id_on_record, term_start_at, commitment_end_at, created_at, updated_at,
          period_anchor_at, cycles_billed, next_cycle_at, seat_windows)
        select subscription_id, ${customerTenantId}::uuid, ${actor.tenantId}::uuid, reseller_tenant_id, order_id, offer_id, sku_id, name, quantity, term_duration,
          billing_cycle, currency, list_price, provider_cost, reseller_price, customer_price, partner_id_on_record, ${now}::timestamptz, commitment_end_at, ${now}::timestamptz, ${now}::timestamptz,
          period_anchor_at, cycles_billed, nullif(next_cycle_at, '')::timestamptz, jsonb_build_array(jsonb_build_object('quantity', quantity, 'closesAt', ${windowClosesAt}::text))
        from input
        returning id
      ), new_charges as (
        -- TRM-6: the purchase charges the term's first billing period at the frozen prices (pro rata for a co-termed part of one).
        insert into charge_lines (subscription_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, charge_type, quantity,
          term_start_at, period_start, period_end, charged_days, period_days, list_amount, provider_amount, reseller_amount, customer_amount, currency, created_at)
        select input.subscription_id, ${customerTenantId}::uuid, ${actor.tenantId}::uuid, reseller_tenant_id, order_id, offer_id, sku_id, 'purchase', quantity,
          ${now}::timestamptz, ${now}::timestamptz, period_end, charged_days, period_days, list_amount, provider_amount, reseller_amount,
          customer_amount, currency, ${now}::timestamptz
        from input join new_subscriptions on new_subscriptions.id = input.subscription_id
      ), new_lines as (
        insert into order_line_items (order_id, line_item_number, offer_id, sku_id, quantity, term_duration, billing_cycle, list_price, provider_cost, reseller_price,
          customer_price, price_list_id, reseller_config_id, customer_config_id, partner_id_on_record, subscription_id)
        select order_id, line_item_number, offer_id, sku_id, quantity, term_duration, billing_cycle, list_price, provider_cost, reseller_price,
          customer_price, nullif(price_list_id, '')::uuid, nullif(reseller_config_id, '')::uuid, nullif(customer_config_id, '')::uuid, partner_id_on_record, subscription_id from input
        returning line_item_number
      ), new_stamps as (
        insert into resale_stamps (offer_id, reseller_tenant_id, first_order_id)
        select s.offer_id, s.reseller_tenant_id, s.first_order_id
        from unnest(${stampColumn((l) => l.product.id)}::uuid[], ${stampColumn((l) => l.resellerId)}::uuid[], ${stampColumn((l) => l.orderId)}::uuid[]) as s(offer_id, reseller_tenant_id, first_order_id)
        where exists (select 1 from checked_out)
        on conflict do nothing
      )
      select line_item_number from new_lines`,
  );
  if (rows.length === 0) return undefined;
  const views = (audience: 'provider' | 'reseller' | 'customer') =>
    [...orderIds].map(([resellerTenantId, orderId]) =>
      orderViewOf(
        { id: orderId, cartId, customerTenantId, providerTenantId: actor.tenantId, resellerTenantId, currency: lines.find((l) => l.orderId === orderId)!.currency, status: 'completed', createdAt: now },
        lines
          .filter((l) => l.orderId === orderId)
          .sort((a, b) => a.line.lineItemNumber - b.line.lineItemNumber)
          .map(
            (l): OrderLineRow => ({
              orderId,
              lineItemNumber: l.line.lineItemNumber,
              offerId: l.product.id,
              skuId: l.sku.skuId,
              quantity: l.line.quantity,
              termDuration: l.line.termDuration,
              billingCycle: l.line.billingCycle,
              listPrice: l.prices.listPrice,
              providerCost: l.prices.providerCost,
              resellerPrice: l.prices.resellerPrice!,
              customerPrice: l.prices.customerPrice!,
              priceListId: l.prices.priceListId,
              resellerConfigId: l.prices.resellerConfig?.id ?? null,
              customerConfigId: l.prices.customerConfig?.id ?? null,
              partnerIdOnRecord: l.line.resellerPartnerId,
              subscriptionId: l.subscriptionId,
            }),
          ),
        audience,
      ),
    );
  const charges = lines.map((l): OrderCharge => {
    const amounts = proratedAmounts(pricesOfLine(l.prices), l.line.quantity, l.proration.days, l.proration.periodDays);
    return { providerTenantId: actor.tenantId, resellerTenantId: l.resellerId, currency: l.currency, providerAmount: amounts.providerAmount, resellerAmount: amounts.resellerAmount };
  });
  return {
    forProvider: views('provider'),
    forCustomer: views('customer'),
    forReseller: views('reseller'),
    tiers: [...orderIds.keys()].map((resellerTenantId) => ({ customerTenantId, resellerTenantId, providerTenantId: actor.tenantId })),
    subscriptionIds: lines.map((l) => l.subscriptionId),
    charges,
  };
}
