// ACC-2: the customer's users — for its own admins, or a partner holding a delegated role that reads
// users — a page with the view that names each user's creating organization (REL-4).
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import type { CustomersDeps } from './deps.js';
import { requireDelegated } from './require-delegated.js';

export async function listCustomerUsers(deps: CustomersDeps, actor: Actor, customerTenantId: string, query: { size: number; after?: TimeCursor }) {
  await requireDelegated(deps, actor, customerTenantId, 'users.read');
  const page = await deps.identity.listUsers(customerTenantId, query);
  return { page, view: await deps.identity.userViewsWithCreators(page.items) };
}
