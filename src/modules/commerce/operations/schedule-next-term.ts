// TRM-1: next-term changes (quantity, term, billing cycle, SKU of the same product) for the renewal to
// apply, set by the subscription's provider or the reseller of record's admin agents (who change its
// seats, ORD-4); each field sent replaces the scheduled value, the others stay. The next term they make
// must be one the SKU offers (term and cycle offered and paired, ORD-3), else nothing changes. Visible
// on the subscription until the renewal applies them; `clearNextTerm` drops them all.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { ScheduledChangesBody, Subscription } from '../contract.js';
import { assignedCounts, visibleSubscription } from '../reads.js';
import { billingCycleAllowedForTerm } from '../rules.js';
import { products, subscriptions } from '../schema.js';
import { audienceOf, subscriptionView, type SubscriptionRow, tierRecipients } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function scheduleNextTerm(deps: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string, input: ScheduledChangesBody | null): Promise<Subscription> {
  const actor = ctx.actor!;
  const at = deps.now();
  return deps.platform.transaction(async (tx) => {
    const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
    const isProvider = row.providerTenantId === actor.tenantId;
    const isResellerAgent = row.resellerTenantId === actor.tenantId && actor.roles.includes('adminAgent');
    if (!isProvider && !isResellerAgent) throw new AppError('forbidden');
    if (row.status !== 'active' && row.status !== 'suspended') throw new AppError('subscription_not_active');
    const change: Partial<SubscriptionRow> = input
      ? {
          ...(input.quantity !== undefined ? { scheduledQuantity: input.quantity } : {}),
          ...(input.termDuration !== undefined ? { scheduledTermDuration: input.termDuration } : {}),
          ...(input.billingCycle !== undefined ? { scheduledBillingCycle: input.billingCycle } : {}),
          ...(input.skuId !== undefined ? { scheduledSkuId: input.skuId } : {}),
        }
      : { scheduledQuantity: null, scheduledTermDuration: null, scheduledBillingCycle: null, scheduledSkuId: null };
    if (input) {
      const skuId = change.scheduledSkuId ?? row.scheduledSkuId ?? row.skuId;
      const termDuration = change.scheduledTermDuration ?? row.scheduledTermDuration ?? row.termDuration;
      const billingCycle = change.scheduledBillingCycle ?? row.scheduledBillingCycle ?? row.billingCycle;
      const [product] = await tx.select().from(products).where(eq(products.id, row.offerId));
      const sku = product?.skus.find((s) => s.skuId === skuId);
      if (!sku) throw new AppError('sku_not_in_product', {}, [{ path: '/skuId', code: 'sku_not_in_product' }]);
      if (!sku.termDurations.includes(termDuration) || !sku.billingCycles.includes(billingCycle)) {
        throw new AppError('invalid_term_or_cycle', {}, [{ path: input.billingCycle !== undefined ? '/billingCycle' : '/termDuration', code: 'invalid_term_or_cycle' }]);
      }
      if (!billingCycleAllowedForTerm(termDuration, billingCycle)) throw new AppError('billing_cycle_not_allowed_for_term', {}, [{ path: '/billingCycle', code: 'billing_cycle_not_allowed_for_term' }]);
    }
    const [after] = await tx.update(subscriptions).set({ ...change, updatedAt: at }).where(eq(subscriptions.id, id)).returning();
    const assigned = (await assignedCounts(tx, [id])).get(id) ?? 0;
    await writeAudit(tx, ctx, {
      tenantId: customerTenantId,
      action: input ? 'subscription.nextTermScheduled' : 'subscription.nextTermCleared',
      resourceType: 'subscription',
      resourceId: id,
      before: subscriptionView(row, assigned, 'customer', at).scheduledChanges,
      after: subscriptionView(after!, assigned, 'customer', at).scheduledChanges,
      recipients: tierRecipients(after!, (a) => subscriptionView(after!, assigned, a, at)),
    });
    return subscriptionView(after!, assigned, audienceOf(actor.tenantId, after!), at);
  });
}
