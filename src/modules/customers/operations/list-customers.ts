// CUS-4: a reseller's customers; a provider's, optionally of one reseller — by name, page by page,
// with the total (one prepared statement per shape).
import type { Actor } from '../../../platform/access.js';
import { escapeLike } from '../../../db/index.js';
import type { Customer } from '../contract.js';
import type { CustomersDeps } from './deps.js';

export async function listCustomers(
  deps: CustomersDeps,
  actor: Actor,
  query: { q?: string; resellerTenantId?: string; size: number; after?: { name: string; tenantId: string } },
): Promise<{ items: Customer[]; totalCount: number }> {
  const { customerPage } = deps.statements;
  const shape = { q: !!query.q, reseller: !!query.resellerTenantId };
  const values = {
    partner: actor.tenantId,
    reseller: query.resellerTenantId,
    q: query.q ? `%${escapeLike(query.q)}%` : undefined,
    afterName: query.after?.name,
    afterId: query.after?.tenantId,
  };
  const rows = await customerPage({ ...shape, after: !!query.after }).execute({ ...values, limit: query.size + 1 });
  // Past the last page no row carries the total: the first page's first row does.
  const first = rows.length || !query.after ? rows : await customerPage({ ...shape, after: false }).execute({ ...values, limit: 1 });
  return { items: rows.map(({ total: _total, ...customer }) => customer), totalCount: first[0]?.total ?? 0 };
}
