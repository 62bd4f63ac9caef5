// ORD-4, TRM-2: the provider cancels a subscription (terminal: a cancelled one is never cancelled again)
// within 168 hours of its term's start; after that the term runs to its commitment end (the refusal says
// when, and that turning auto-renew off stops the renewal). Its licence assignments are removed with it.
// TRM-6: the cancellation credits what was charged for the current billing period and charges the
// seat-days used up to the day of cancellation, at every price level, in the same transaction.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Subscription } from '../contract.js';
import { chargeDueCycles, chargeLineOf, termCharges, visibleSubscription } from '../reads.js';
import { addAmounts, billingPeriod, cancellationAllowed, cancellationCredit, cancellationWindowClosesAt, prorationOf, zeroAmounts } from '../rules.js';
import { chargeLines, licenseAssignments, subscriptions } from '../schema.js';
import { audienceOf, subscriptionView, type SubscriptionRow, tierRecipients } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function cancelSubscription({ platform, now }: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string): Promise<Subscription> {
  const actor = ctx.actor!;
  const at = now();
  return platform.transaction(async (tx) => {
    const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
    if (row.providerTenantId !== actor.tenantId) throw new AppError('forbidden');
    if (row.status === 'cancelled' || row.status === 'expired') throw new AppError('invalid_transition', { from: row.status, to: 'cancelled' });
    if (!cancellationAllowed(row.termStartAt, at)) {
      throw new AppError('cancellation_window_closed', { closedAt: cancellationWindowClosesAt(row.termStartAt).toISOString(), commitmentEnd: row.commitmentEndAt.toISOString().slice(0, 10) });
    }
    // Every period charged so far in the term (one, or two when a co-termed first period ends inside the
    // window) is credited and its seat-days used are charged; the line covers the current period.
    for (let n = 1; n > 0; ) n = await chargeDueCycles(tx, at, { subscriptionIds: [id] });
    const credit = (await termCharges(tx, row)).reduce((sum, { period, charges }) => addAmounts(sum, cancellationCredit(row, period, charges, at)), zeroAmounts);
    const [current] = (await tx.select().from(subscriptions).where(eq(subscriptions.id, id))) as [SubscriptionRow];
    const period = billingPeriod(current.periodAnchorAt, current.billingCycle, current.cyclesBilled - 1);
    await tx.insert(chargeLines).values(chargeLineOf(row, 'cancellation', row.quantity, { start: at, end: period.end }, prorationOf(period, at), credit, at));
    await tx.delete(licenseAssignments).where(eq(licenseAssignments.subscriptionId, id));
    const [after] = await tx
      .update(subscriptions)
      .set({ status: 'cancelled', endedAt: at, nextCycleAt: null, seatWindows: [], scheduledQuantity: null, scheduledTermDuration: null, scheduledBillingCycle: null, scheduledSkuId: null, updatedAt: at })
      .where(eq(subscriptions.id, id))
      .returning();
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.cancelled', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, 0, 'customer', at), after: subscriptionView(after!, 0, 'customer', at), recipients: tierRecipients(after!, (a) => subscriptionView(after!, 0, a, at)) });
    return subscriptionView(after!, 0, audienceOf(actor.tenantId, after!), at);
  });
}
