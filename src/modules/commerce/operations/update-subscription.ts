// ORD-4: the provider changes quantity, status (suspend, reactivate) and auto-renew; the reseller of
// record's admin agents change the quantity; never fewer seats than licences assigned. ORD-3 on every
// change: adding seats or reactivating is an order for the subscription's offer, SKU, reseller of record
// and customer, refused as checkout would refuse it; reductions, suspension and auto-renew are never
// held back by it, so a customer is never trapped.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Subscription, SubscriptionChange } from '../contract.js';
import { assignedCounts, visibleSubscription } from '../reads.js';
import { firstFailure, orderingField, seatChangeAllowed, subscriptionTransitions, type SubscriptionStatus } from '../rules.js';
import { subscriptions, type CartLine } from '../schema.js';
import { audienceOf, catalogItemId, subscriptionView } from '../views.js';
import type { CommerceDeps } from './deps.js';
import { gatherLineFacts } from './gather-line-facts.js';

export async function updateSubscription(deps: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string, input: SubscriptionChange): Promise<Subscription> {
  const actor = ctx.actor!;
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
    if (row.status === 'cancelled') throw new AppError('subscription_not_active');
    const current = { status: row.status as SubscriptionStatus, quantity: row.quantity };
    if (!seatChangeAllowed(current, input)) throw new AppError('subscription_suspended', {}, [{ path: '/quantity', code: 'subscription_suspended' }]);
    const ordering = orderingField(current, input);
    const refusal = ordering && facts ? firstFailure(facts) : null;
    if (refusal) throw new AppError(refusal, {}, [{ path: ordering!, code: refusal }]);
    if (input.quantity !== undefined) {
      const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
      if (input.quantity < assigned) throw new AppError('licenses_assigned');
    }
    const [after] = await tx
      .update(subscriptions)
      .set({
        ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.autoRenewEnabled !== undefined ? { autoRenewEnabled: input.autoRenewEnabled } : {}),
        updatedAt: new Date(),
      })
      .where(eq(subscriptions.id, id))
      .returning();
    const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.updated', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, assigned, 'customer'), after: subscriptionView(after!, assigned, 'customer') });
    return subscriptionView(after!, assigned, audienceOf(actor.tenantId, after!));
  });
}
