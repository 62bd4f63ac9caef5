// ORD-4: a license of a subscription is assigned to a customer user, never more than the quantity, also
// under concurrency (the subscription's row lock); assigning it again changes nothing. Partners need the
// customer's delegated licenses.manage (ACC-2).
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { LicenseAssignment } from '../contract.js';
import { assignedCounts } from '../reads.js';
import { licenseAssignments, subscriptions } from '../schema.js';
import type { CommerceDeps } from './deps.js';

export async function assignLicense({ platform, identity, customers }: CommerceDeps, ctx: RequestContext, customerTenantId: string, userId: string, subscriptionId: string): Promise<LicenseAssignment> {
  const actor = ctx.actor!;
  await customers.requireDelegated(actor, customerTenantId, 'licenses.manage');
  const user = await identity.getUser(customerTenantId, userId);
  return platform.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.customerTenantId, customerTenantId)))
      .for('update');
    if (!row) throw notFound('subscription');
    if (row.status !== 'active') throw new AppError('subscription_not_active');
    const [already] = await tx.select().from(licenseAssignments).where(and(eq(licenseAssignments.subscriptionId, subscriptionId), eq(licenseAssignments.userId, user.id)));
    const assigned = (await assignedCounts(tx, [subscriptionId])).get(subscriptionId) ?? 0;
    if (!already) {
      if (assigned >= row.quantity) throw new AppError('no_licenses_available');
      await tx.insert(licenseAssignments).values({ subscriptionId, userId: user.id, customerTenantId });
      await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'license.assigned', resourceType: 'license', resourceId: `${subscriptionId}:${user.id}`, after: { subscriptionId, userId: user.id } });
    }
    return { subscriptionId, userId: user.id, assignedLicenses: already ? assigned : assigned + 1, quantity: row.quantity };
  });
}
