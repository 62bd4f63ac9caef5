// ORD-4: a customer's subscriptions, newest first, page by page with each one's assigned licences and
// the total (one prepared statement); seen by the customer, its provider and the reseller of record.
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import { audienceOf, subscriptionView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function listSubscriptions({ customers, statements, now }: CommerceDeps, actor: Actor, customerTenantId: string, size: number, after?: TimeCursor) {
  await customers.requireVisible(actor, customerTenantId);
  const at = now();
  const own = actor.tenantId === customerTenantId;
  const values = { customer: customerTenantId, caller: actor.tenantId, afterAt: after?.at, afterId: after?.id };
  const rows = await statements.subscriptionPage({ own, after: !!after }).execute({ ...values, limit: size + 1 });
  // Past the last page no row carries the total: the first page's first row does.
  const first = rows.length || !after ? rows : await statements.subscriptionPage({ own, after: false }).execute({ ...values, limit: 1 });
  return { items: rows.map(({ row, assigned }) => ({ row, view: subscriptionView(row, assigned, audienceOf(actor.tenantId, row), at) })), totalCount: first[0]?.total ?? 0 };
}
