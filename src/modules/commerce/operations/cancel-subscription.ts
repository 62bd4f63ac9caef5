// ORD-4: the provider cancels a subscription (terminal: a cancelled one is never cancelled again); its
// licence assignments are removed with it.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Subscription } from '../contract.js';
import { visibleSubscription } from '../reads.js';
import { licenseAssignments, subscriptions } from '../schema.js';
import { audienceOf, subscriptionView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function cancelSubscription({ platform }: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string): Promise<Subscription> {
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await visibleSubscription(tx, actor, customerTenantId, id, true);
    if (row.providerTenantId !== actor.tenantId) throw new AppError('forbidden');
    if (row.status === 'cancelled') throw new AppError('invalid_transition', { from: 'cancelled', to: 'cancelled' });
    await tx.delete(licenseAssignments).where(eq(licenseAssignments.subscriptionId, id));
    const [after] = await tx.update(subscriptions).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(subscriptions.id, id)).returning();
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.cancelled', resourceType: 'subscription', resourceId: id, before: subscriptionView(row, 0, 'customer'), after: subscriptionView(after!, 0, 'customer') });
    return subscriptionView(after!, 0, audienceOf(actor.tenantId, after!));
  });
}
