// ORD-4: the provider changes quantity, status (suspend, reactivate) and auto-renew; the reseller of
// record's admin agents change the quantity; never fewer seats than licences assigned. TRM-3, TRM-4,
// TRM-6: seat changes are charged or refunded pro rata, and a reduction beyond the seats still in their
// windows waits for the renewal. ORD-3 on every
// change: adding seats or reactivating is an order for the subscription's offer, SKU, reseller of record
// and customer, refused as checkout would refuse it; reductions, suspension and auto-renew are never
// held back by it, so a customer is never trapped.
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Subscription, SubscriptionChange } from '../contract.js';
import { assignedCounts, chargeDueCycles, chargeLineOf, visibleSubscription } from '../reads.js';
import {
  billingPeriod,
  cancellationWindowClosesAt,
  firstFailure,
  negateAmounts,
  openWindows,
  orderingField,
  proratedAmounts,
  prorationOf,
  seatChangeAllowed,
  splitReduction,
  subscriptionTransitions,
  type SubscriptionStatus,
} from '../rules.js';
import { chargeLines, subscriptions, type CartLine } from '../schema.js';
import { audienceOf, catalogItemId, subscriptionView, type SubscriptionRow, tierRecipients } from '../views.js';
import type { CommerceDeps } from './deps.js';
import { gatherLineFacts } from './gather-line-facts.js';

export async function updateSubscription(deps: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string, input: SubscriptionChange): Promise<Subscription> {
  const actor = ctx.actor!;
  const { now } = deps;
  // The facts are read before the transaction, as at checkout (a query on db inside it would wait on
  // PGlite). What they are about (offer, SKU, reseller of record, customer) never changes on a subscription.
  const seen = await visibleSubscription(deps.db, actor, customerTenantId, id);
  const mayOrder = input.quantity !== undefined || input.status === 'active';
  const line: CartLine = {
    lineItemNumber: 1,
    catalogItemId: catalogItemId(seen.offerId, seen.skuId),
    quantity: input.quantity ?? seen.quantity,
    termDuration: seen.termDuration,
    billingCycle: seen.billingCycle,
    resellerPartnerId: seen.partnerIdOnRecord,
  };
  const facts = mayOrder ? (await gatherLineFacts(deps, seen.providerTenantId, customerTenantId, [line]))[0]!.facts : undefined;
  return deps.platform.transaction(async (tx) => {
    const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
    const isProvider = row.providerTenantId === actor.tenantId;
    const isReseller = row.resellerTenantId === actor.tenantId;
    if (!isProvider && !(isReseller && actor.roles.includes('adminAgent') && input.status === undefined && input.autoRenewEnabled === undefined)) throw new AppError('forbidden');
    if (input.status && input.status !== row.status && !subscriptionTransitions[row.status as SubscriptionStatus].includes(input.status)) {
      throw new AppError('invalid_transition', { from: row.status, to: input.status });
    }
    if (row.status === 'cancelled' || row.status === 'expired') throw new AppError('subscription_not_active');
    const current = { status: row.status as SubscriptionStatus, quantity: row.quantity };
    if (!seatChangeAllowed(current, input)) throw new AppError('subscription_suspended', {}, [{ path: '/quantity', code: 'subscription_suspended' }]);
    const ordering = orderingField(current, input);
    const refusal = ordering && facts ? firstFailure(facts) : null;
    if (refusal) throw new AppError(refusal, {}, [{ path: ordering!, code: refusal }]);
    if (input.quantity !== undefined) {
      const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
      if (input.quantity < assigned) throw new AppError('licenses_assigned');
    }
    const at = now();
    const seats = input.quantity !== undefined && input.quantity !== row.quantity ? await seatChange(tx, row, input.quantity, at) : undefined;
    // BIL-4: added seats are an order: the buyers' credit is checked with their charge written.
    if (seats?.added) await deps.creditCheck.get()(tx, [{ providerTenantId: row.providerTenantId, resellerTenantId: row.resellerTenantId, currency: row.currency, ...seats.added }]);
    const [after] = await tx
      .update(subscriptions)
      .set({
        ...(seats?.changes ?? {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.autoRenewEnabled !== undefined ? { autoRenewEnabled: input.autoRenewEnabled } : {}),
        updatedAt: at,
      })
      .where(eq(subscriptions.id, id))
      .returning();
    const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.updated', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, assigned, 'customer', at), after: subscriptionView(after!, assigned, 'customer', at), recipients: tierRecipients(after!, (a) => subscriptionView(after!, assigned, a, at)) });
    return subscriptionView(after!, assigned, audienceOf(actor.tenantId, after!), at);
  });
}

/**
 * TRM-3, TRM-4, TRM-6: a seat change at `at`, its charge lines written. The periods already due are
 * charged first (so the change is prorated in the period it falls in). An increase is charged pro rata
 * to the end of the current billing period (co-terminous: the following periods charge all the seats)
 * and opens its own 168-hour window. A reduction removes at once only the seats still inside their
 * windows, refunded pro rata; the rest of it is scheduled for the renewal.
 */
async function seatChange(
  tx: Queryable,
  row: SubscriptionRow,
  quantity: number,
  at: Date,
): Promise<{ changes: Partial<SubscriptionRow>; added?: { providerAmount: number; resellerAmount: number } }> {
  for (let n = 1; n > 0; ) n = await chargeDueCycles(tx, at, { subscriptionIds: [row.id] });
  const [current] = await tx.select().from(subscriptions).where(eq(subscriptions.id, row.id));
  const s = current!;
  // The term has ended and its renewal (or expiry) has not run yet: no seat changes in between.
  if (at.getTime() >= s.commitmentEndAt.getTime()) throw new AppError('term_ended', { commitmentEnd: s.commitmentEndAt.toISOString() });
  const period = billingPeriod(s.periodAnchorAt, s.billingCycle, s.cyclesBilled - 1);
  const proration = prorationOf(period, at);
  const lineAt = { start: at.getTime() < period.start.getTime() ? period.start : at, end: period.end };
  if (quantity > s.quantity) {
    const added = quantity - s.quantity;
    const amounts = proratedAmounts(s, added, proration.days, proration.periodDays);
    await tx.insert(chargeLines).values(chargeLineOf(s, 'seatIncrease', added, lineAt, proration, amounts, at));
    return {
      changes: { quantity, seatWindows: [...openWindows(s.seatWindows, at), { quantity: added, closesAt: cancellationWindowClosesAt(at).toISOString() }] },
      added: { providerAmount: amounts.providerAmount, resellerAmount: amounts.resellerAmount },
    };
  }
  const split = splitReduction(s.seatWindows, s.quantity - quantity, at);
  if (split.now > 0) {
    await tx.insert(chargeLines).values(chargeLineOf(s, 'refund', split.now, lineAt, proration, negateAmounts(proratedAmounts(s, split.now, proration.days, proration.periodDays)), at));
  }
  // The rest waits for the renewal; a quantity scheduled earlier never brings back seats cut now.
  const scheduledQuantity = split.scheduled > 0 ? quantity : s.scheduledQuantity !== null && s.scheduledQuantity > quantity ? null : s.scheduledQuantity;
  return { changes: { quantity: s.quantity - split.now, seatWindows: split.windows, scheduledQuantity } };
}
