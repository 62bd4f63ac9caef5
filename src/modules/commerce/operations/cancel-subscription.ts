// ORD-4, TRM-2: the provider cancels a subscription (terminal: a cancelled one is never cancelled again)
// within 168 hours of its term's start; after that the term runs to its commitment end (the refusal says
// when, and that turning auto-renew off stops the renewal). Its licence assignments are removed with it.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Subscription } from '../contract.js';
import { visibleSubscription } from '../reads.js';
import { cancellationAllowed, cancellationWindowClosesAt } from '../rules.js';
import { licenseAssignments, subscriptions } from '../schema.js';
import { audienceOf, subscriptionView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function cancelSubscription({ platform, now }: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string): Promise<Subscription> {
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
    if (row.providerTenantId !== actor.tenantId) throw new AppError('forbidden');
    if (row.status === 'cancelled') throw new AppError('invalid_transition', { from: 'cancelled', to: 'cancelled' });
    if (!cancellationAllowed(row.termStartAt, now())) {
      throw new AppError('cancellation_window_closed', { closedAt: cancellationWindowClosesAt(row.termStartAt).toISOString(), commitmentEnd: row.commitmentEndAt.toISOString().slice(0, 10) });
    }
    await tx.delete(licenseAssignments).where(eq(licenseAssignments.subscriptionId, id));
    const [after] = await tx.update(subscriptions).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(subscriptions.id, id)).returning();
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.cancelled', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, 0, 'customer'), after: subscriptionView(after!, 0, 'customer') });
    return subscriptionView(after!, 0, audienceOf(actor.tenantId, after!));
  });
}
