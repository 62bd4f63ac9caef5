// CUS-7: a partner removes its reseller relationship with a customer, only once its subscriptions for
// the customer are suspended (commerce counts them).
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { relationshipWith } from '../reads.js';
import { customerRelationships } from '../schema.js';
import type { CustomersDeps } from './deps.js';

export async function removeRelationship(deps: CustomersDeps, ctx: RequestContext, customerTenantId: string) {
  const actor = ctx.actor!;
  const row = await relationshipWith(deps, deps.db, actor.tenantId, customerTenantId);
  if (!row) throw notFound('customer');
  if ((await deps.subscriptionCount.get()(customerTenantId, actor.tenantId)) > 0) throw new AppError('subscriptions_not_suspended');
  await deps.platform.transaction(async (tx) => {
    const [after] = await tx.update(customerRelationships).set({ state: 'removed', removedAt: new Date() }).where(and(eq(customerRelationships.id, row.id), eq(customerRelationships.state, 'active'))).returning();
    if (!after) throw notFound('customer');
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'customerRelationship.removed', resourceType: 'customerRelationship', resourceId: row.id, before: row, after, recipients: [{ tenantId: customerTenantId }, { tenantId: row.partnerTenantId }, { tenantId: row.resellerTenantId }] });
  });
}
