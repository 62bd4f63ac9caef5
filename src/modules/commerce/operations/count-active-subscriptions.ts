// CUS-7: a partner's active subscriptions for a customer (a reseller relationship is removed only when
// there are none); the customers module is given this count by commerce.
import { and, eq, or, sql } from 'drizzle-orm';
import { subscriptions } from '../schema.js';
import type { CommerceDeps } from './deps.js';

export async function countActiveSubscriptions({ db }: CommerceDeps, customerTenantId: string, partnerTenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.customerTenantId, customerTenantId),
        eq(subscriptions.status, 'active'),
        or(eq(subscriptions.providerTenantId, partnerTenantId), eq(subscriptions.resellerTenantId, partnerTenantId)),
      ),
    );
  return row?.n ?? 0;
}
