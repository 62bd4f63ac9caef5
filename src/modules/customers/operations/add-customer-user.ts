// ACC-2: a user added to the customer's tenant by its user administrator (or a partner holding that
// delegated role); customer roles only, none for a plain member. Identity's grant check (ACC-1) gets
// the partner's relation.
import type { RequestContext } from '../../../platform/audit.js';
import type { AddedUser } from '../../identity/contract.js';
import type { AddCustomerUserBody } from '../contract.js';
import type { CustomersDeps } from './deps.js';
import { requireDelegated } from './require-delegated.js';

export async function addCustomerUser(deps: CustomersDeps, ctx: RequestContext, customerTenantId: string, input: AddCustomerUserBody): Promise<AddedUser> {
  const relation = await requireDelegated(deps, ctx.actor!, customerTenantId, 'users.manage');
  return deps.identity.addUser(ctx, customerTenantId, { ...input, roles: input.roles ?? [] }, relation);
}
