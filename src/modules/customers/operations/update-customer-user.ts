// ACC-2: a customer's user changed by its user administrator (or a partner holding that delegated
// role), through identity's grant check (ACC-1).
import type { RequestContext } from '../../../platform/audit.js';
import type { User } from '../../identity/contract.js';
import type { UpdateCustomerUserBody } from '../contract.js';
import type { CustomersDeps } from './deps.js';
import { requireDelegated } from './require-delegated.js';

export async function updateCustomerUser(deps: CustomersDeps, ctx: RequestContext, customerTenantId: string, userId: string, input: UpdateCustomerUserBody): Promise<User> {
  const relation = await requireDelegated(deps, ctx.actor!, customerTenantId, 'users.manage');
  const updated = await deps.identity.updateUser(ctx, customerTenantId, userId, input, undefined, relation);
  return (await deps.identity.userViewsWithCreators([updated]))(updated);
}
