// ACC-2: a customer's user's password reset by a helpdesk or user administrator (or a partner holding
// that delegated role; never an admin's, identity's grant check): a temporary one, shown once.
import type { RequestContext } from '../../../platform/audit.js';
import type { UserPasswordReset } from '../../identity/contract.js';
import type { CustomersDeps } from './deps.js';
import { requireDelegated } from './require-delegated.js';

export async function resetCustomerUserPassword(deps: CustomersDeps, ctx: RequestContext, customerTenantId: string, userId: string): Promise<UserPasswordReset> {
  const relation = await requireDelegated(deps, ctx.actor!, customerTenantId, 'users.resetPassword');
  return deps.identity.resetUserPassword(ctx, customerTenantId, userId, relation);
}
