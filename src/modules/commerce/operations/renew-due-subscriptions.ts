// TRM-1, TRM-6: the terms that have reached their commitment end are renewed or expired, a batch per
// transaction, each batch in a fixed number of statements however many subscriptions it holds.
// - Active with auto-renew on: a new term starts at the old one's end, with the scheduled next-term
//   changes applied (quantity, term, billing cycle, SKU), at the prices in effect on that day (pricing,
//   the month of the end), its first billing period charged (a `renewal` line) and all its seats
//   refundable for 168 hours. Licences beyond a smaller scheduled quantity are released, newest first.
// - Auto-renew off, suspended, or a next term nothing can price or the SKU no longer offers: the
//   subscription expires at its end and its licences are released.
// A batch's rows are locked (FOR UPDATE SKIP LOCKED) and written in the same transaction, so each term
// renews exactly once however many workers run, and a worker killed mid-batch leaves nothing of it
// (the next run does it again). A renewal whose new term has ended too (the server was down) is
// renewed again by the next batch, so a sweep catches up term by term.
import { and, inArray, lte, sql } from 'drizzle-orm';
import { arrayLiteral, query, type Queryable } from '../../../db/index.js';
import { writeAudits, type AuditEntry, type RequestContext } from '../../../platform/audit.js';
import type { LinePrices } from '../../pricing/operations/price-line.js';
import { chargeDueCycles } from '../reads.js';
import { billingCycleAllowedForTerm, billingPeriod, cancellationWindowClosesAt, commitmentEndOf, periodsInTerm, prorationOf, type NextTerm } from '../rules.js';
import { products, subscriptions } from '../schema.js';
import { tierRecipients, type ProductRow, type SubscriptionRow } from '../views.js';
import type { CommerceDeps } from './deps.js';

const ctx: RequestContext = { requestId: 'term-sweep', locale: 'en' };

interface Renewal {
  row: SubscriptionRow;
  next: NextTerm;
  name: string;
  prices: LinePrices;
  start: Date;
  end: Date;
  firstPeriodEnd: Date;
  periodDays: number;
  nextCycleAt: Date | null;
}

/** Renews or expires one batch of the terms ended at `now`; answers how many of each (0 and 0: none was due), and the periods it charged first. */
export async function renewDueSubscriptions(deps: CommerceDeps, now: Date, batch = 1000): Promise<{ renewed: number; expired: number; cycleFees: number }> {
  return deps.platform.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(subscriptions)
      .where(and(inArray(subscriptions.status, ['active', 'suspended']), lte(subscriptions.commitmentEndAt, now)))
      .orderBy(subscriptions.commitmentEndAt)
      .limit(batch)
      .for('update', { skipLocked: true });
    if (due.length === 0) return { renewed: 0, expired: 0, cycleFees: 0 };
    // The ending terms' periods still due are charged first, under this batch's locks (a cycle sweep
    // running beside it skips these rows), so no period of the old term is left uncharged.
    const ids = due.map((s) => s.id);
    let cycleFees = 0;
    for (let n = 1; n > 0; cycleFees += n) n = await chargeDueCycles(tx, now, { subscriptionIds: ids, batch: ids.length });
    const offerIds = [...new Set(due.map((s) => s.offerId))];
    const productOf = new Map((await tx.select().from(products).where(inArray(products.id, offerIds))).map((p) => [p.id, p]));
    const candidates = due.flatMap((row) => {
      if (row.status !== 'active' || !row.autoRenewEnabled) return [];
      const next = nextTermOf(row);
      const product = productOf.get(row.offerId);
      const sku = product?.active ? product.skus.find((s) => s.skuId === next.skuId) : undefined;
      if (!product || !sku || !sku.termDurations.includes(next.termDuration) || !sku.billingCycles.includes(next.billingCycle) || !billingCycleAllowedForTerm(next.termDuration, next.billingCycle)) return [];
      return [{ row, next, product, name: `${product.name} — ${sku.name}` }];
    });
    // The prices in effect on the renewal day, read in this transaction.
    const priced = await pricedAt(deps, tx, candidates);
    const renewals: Renewal[] = candidates.flatMap((c, index) => {
      const prices = priced[index];
      if (!prices || prices.resellerPrice === undefined || prices.customerPrice === undefined) return [];
      const start = c.row.commitmentEndAt;
      const first = billingPeriod(start, c.next.billingCycle, 0);
      const nextCycleAt = periodsInTerm(c.next.termDuration, c.next.billingCycle) > 1 ? first.end : null;
      return [{ row: c.row, next: c.next, name: c.name, prices, start, end: commitmentEndOf(start, c.next.termDuration), firstPeriodEnd: first.end, periodDays: prorationOf(first, start).periodDays, nextCycleAt }];
    });
    const renewedIds = new Set(renewals.map((r) => r.row.id));
    const expiring = due.filter((row) => !renewedIds.has(row.id));
    await writeRenewals(tx, renewals, now);
    await writeExpiries(tx, expiring, now);
    const entries: AuditEntry[] = [
      ...renewals.map((r) => ({
        tenantId: r.row.customerTenantId,
        action: 'subscription.renewed',
        resourceType: 'subscription',
        resourceId: r.row.id,
        before: termOf(r.row),
        after: { termStartAt: r.start.toISOString(), commitmentEndAt: r.end.toISOString(), quantity: r.next.quantity, skuId: r.next.skuId, termDuration: r.next.termDuration, billingCycle: r.next.billingCycle },
        recipients: tierRecipients(r.row),
      })),
      ...expiring.map((row) => ({ tenantId: row.customerTenantId, action: 'subscription.expired', resourceType: 'subscription', resourceId: row.id, before: termOf(row), after: { status: 'expired', endedAt: row.commitmentEndAt.toISOString() }, recipients: tierRecipients(row) })),
    ];
    await writeAudits(tx, ctx, entries);
    deps.platform.crashPoint('renewals');
    return { renewed: renewals.length, expired: expiring.length, cycleFees };
  });
}

/** TRM-1: the next term: the scheduled changes over the current values. */
function nextTermOf(row: SubscriptionRow): NextTerm {
  return {
    quantity: row.scheduledQuantity ?? row.quantity,
    termDuration: row.scheduledTermDuration ?? row.termDuration,
    billingCycle: row.scheduledBillingCycle ?? row.billingCycle,
    skuId: row.scheduledSkuId ?? row.skuId,
  };
}

function termOf(row: SubscriptionRow) {
  return { status: row.status, termStartAt: row.termStartAt.toISOString(), commitmentEndAt: row.commitmentEndAt.toISOString(), quantity: row.quantity, skuId: row.skuId, autoRenewEnabled: row.autoRenewEnabled };
}

async function pricedAt(deps: CommerceDeps, tx: Queryable, candidates: { row: SubscriptionRow; next: NextTerm; product: ProductRow }[]): Promise<(LinePrices | undefined)[]> {
  // Grouped by the month of the renewal day (a catch-up batch may span months).
  const out: (LinePrices | undefined)[] = new Array(candidates.length);
  const byMonth = new Map<string, number[]>();
  candidates.forEach((c, index) => {
    const month = c.row.commitmentEndAt.toISOString().slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), index]);
  });
  for (const indexes of byMonth.values()) {
    const at = candidates[indexes[0]!]!.row.commitmentEndAt;
    const prices = await deps.pricer.get().priceLinesAt(
      at,
      indexes.map((index) => {
        const { row, next, product } = candidates[index]!;
        return { providerTenantId: row.providerTenantId, resellerTenantId: row.resellerTenantId, customerTenantId: row.customerTenantId, product, skuId: next.skuId, termDuration: next.termDuration, billingCycle: next.billingCycle, currency: row.currency };
      }),
      tx,
    );
    indexes.forEach((index, i) => (out[index] = prices[i]));
  }
  return out;
}

/** The renewed terms, their first periods' `renewal` lines and the licences beyond the new quantity released: one statement. */
async function writeRenewals(tx: Queryable, renewals: Renewal[], now: Date): Promise<void> {
  if (renewals.length === 0) return;
  const column = <T>(pick: (r: Renewal) => T) => arrayLiteral(renewals.map((r) => (pick(r) === null ? '' : String(pick(r)))));
  await query(
    tx,
    sql`with input as (
        select * from unnest(${column((r) => r.row.id)}::uuid[], ${column((r) => r.start.toISOString())}::timestamptz[], ${column((r) => r.end.toISOString())}::timestamptz[],
          ${column((r) => r.next.quantity)}::int[], ${column((r) => r.next.skuId)}::text[], ${column((r) => r.name)}::text[], ${column((r) => r.next.termDuration)}::text[],
          ${column((r) => r.next.billingCycle)}::text[], ${column((r) => r.prices.listPrice)}::bigint[], ${column((r) => r.prices.providerCost)}::bigint[],
          ${column((r) => r.prices.resellerPrice!)}::bigint[], ${column((r) => r.prices.customerPrice!)}::bigint[], ${column((r) => r.firstPeriodEnd.toISOString())}::timestamptz[],
          ${column((r) => r.periodDays)}::int[], ${column((r) => r.nextCycleAt?.toISOString() ?? null)}::text[], ${column((r) => cancellationWindowClosesAt(r.start).toISOString())}::text[])
          as t(id, term_start_at, commitment_end_at, quantity, sku_id, name, term_duration, billing_cycle, list_price, provider_cost, reseller_price, customer_price,
            period_end, period_days, next_cycle_at, window_closes_at)
      ), renewed as (
        update subscriptions s set term_start_at = input.term_start_at, period_anchor_at = input.term_start_at, commitment_end_at = input.commitment_end_at, quantity = input.quantity, sku_id = input.sku_id,
          name = input.name, term_duration = input.term_duration, billing_cycle = input.billing_cycle, list_price = input.list_price, provider_cost = input.provider_cost,
          reseller_price = input.reseller_price, customer_price = input.customer_price, cycles_billed = 1, next_cycle_at = nullif(input.next_cycle_at, '')::timestamptz,
          seat_windows = jsonb_build_array(jsonb_build_object('quantity', input.quantity, 'closesAt', input.window_closes_at)),
          scheduled_quantity = null, scheduled_term_duration = null, scheduled_billing_cycle = null, scheduled_sku_id = null, reminders_sent = 0, updated_at = ${now}::timestamptz
        from input where s.id = input.id
        returning s.*, input.period_end, input.period_days
      ), charged as (
        insert into charge_lines (subscription_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, charge_type, quantity,
          term_start_at, period_start, period_end, charged_days, period_days, list_amount, provider_amount, reseller_amount, customer_amount, currency, created_at)
        select id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, 'renewal', quantity,
          term_start_at, term_start_at, period_end, period_days, period_days, list_price * quantity, provider_cost * quantity, reseller_price * quantity,
          customer_price * quantity, currency, ${now}::timestamptz
        from renewed
      ), beyond as (
        select a.subscription_id, a.user_id from (
          select l.subscription_id, l.user_id, row_number() over (partition by l.subscription_id order by l.created_at, l.user_id) as n
          from license_assignments l where l.subscription_id in (select id from input)
        ) a join input on input.id = a.subscription_id
        where a.n > input.quantity
      )
      delete from license_assignments l using beyond where l.subscription_id = beyond.subscription_id and l.user_id = beyond.user_id`,
  );
}

/** TRM-1: the terms that end without renewal expire at their end; their licences are released. */
async function writeExpiries(tx: Queryable, expiring: SubscriptionRow[], now: Date): Promise<void> {
  if (expiring.length === 0) return;
  const ids = arrayLiteral(expiring.map((s) => s.id));
  await query(
    tx,
    sql`with expired as (
        update subscriptions set status = 'expired', ended_at = commitment_end_at, next_cycle_at = null, seat_windows = '[]'::jsonb, updated_at = ${now}::timestamptz
        where id = any(${ids}::uuid[])
        returning id
      )
      delete from license_assignments where subscription_id in (select id from expired)`,
  );
}
