// CUS-4: one customer the actor may see — its own tenant, or one it has an active relationship with.
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import type { Customer } from '../contract.js';
import { requireVisible } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function visibleCustomer(deps: CustomersDeps, actor: Actor, customerTenantId: string): Promise<Customer> {
  await requireVisible(deps, actor, customerTenantId);
  const [row] = await deps.statements.customerById.execute({ id: customerTenantId });
  if (!row) throw notFound('customer');
  return row;
}
