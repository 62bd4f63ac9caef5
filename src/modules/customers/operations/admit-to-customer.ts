// CUS-4: the check before every route of one customer (/v1/customers/{id}/…, app.ts): "not found"
// unless the caller is that customer or its tenant has an active relationship with it, before any
// handler runs, so nothing is written to a stranger's tenant. The relation it resolved is kept for
// this request's operation (deps.admitted), which checks again without asking the database again;
// an operation called directly through the service, without this, resolves the relation itself.
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import { resolveRelation } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function admitToCustomer(deps: CustomersDeps, actor: Actor, customerTenantId: string): Promise<void> {
  const relation = await resolveRelation(deps, actor, customerTenantId);
  if (actor.tenantId !== customerTenantId && !relation.customer) throw notFound('customer');
  deps.admitted.set(actor, { tenantId: customerTenantId, relation });
}
