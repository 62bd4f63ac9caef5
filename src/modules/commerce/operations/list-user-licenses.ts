// ORD-4: the licenses a customer user holds, for whoever may see the customer.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { licenseAssignments, subscriptions } from '../schema.js';
import type { CommerceDeps } from './deps.js';

export async function listUserLicenses({ db, customers }: CommerceDeps, actor: Actor, customerTenantId: string, userId: string) {
  await customers.requireVisible(actor, customerTenantId);
  return db
    .select({ subscriptionId: licenseAssignments.subscriptionId, name: subscriptions.name, assignedAt: licenseAssignments.createdAt })
    .from(licenseAssignments)
    .innerJoin(subscriptions, eq(subscriptions.id, licenseAssignments.subscriptionId))
    .where(and(eq(licenseAssignments.customerTenantId, customerTenantId), eq(licenseAssignments.userId, userId)));
}
