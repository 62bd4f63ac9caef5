// ORD-4: one subscription of a customer with its assigned licences, seen by the customer, its provider
// and the reseller of record.
import type { Actor } from '../../../platform/access.js';
import type { Subscription } from '../contract.js';
import { assignedCounts, visibleSubscription } from '../reads.js';
import { audienceOf, subscriptionView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function getSubscription({ db, now }: CommerceDeps, actor: Actor, customerTenantId: string, id: string): Promise<Subscription> {
  const row = await visibleSubscription(db, actor, customerTenantId, id);
  return subscriptionView(row, (await assignedCounts(db, [id])).get(id) ?? 0, audienceOf(actor.tenantId, row), now());
}
