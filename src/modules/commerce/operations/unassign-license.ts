// ORD-4: a customer user's license of a subscription is removed. Partners need the customer's delegated
// licenses.manage (ACC-2).
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { licenseAssignments } from '../schema.js';
import type { CommerceDeps } from './deps.js';

export async function unassignLicense({ platform, customers }: CommerceDeps, ctx: RequestContext, customerTenantId: string, userId: string, subscriptionId: string): Promise<void> {
  const actor = ctx.actor!;
  await customers.requireDelegated(actor, customerTenantId, 'licenses.manage');
  await platform.transaction(async (tx) => {
    const removed = await tx
      .delete(licenseAssignments)
      .where(and(eq(licenseAssignments.subscriptionId, subscriptionId), eq(licenseAssignments.userId, userId), eq(licenseAssignments.customerTenantId, customerTenantId)))
      .returning();
    if (removed.length === 0) throw notFound('license');
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'license.unassigned', resourceType: 'license', resourceId: `${subscriptionId}:${userId}`, before: { subscriptionId, userId } });
  });
}
