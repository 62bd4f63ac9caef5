// The one relation resolver (ACC-2, ACC-3, REL-4), for every route that acts in another tenant: how
// the actor (a user or an app) relates to that tenant — REL-4 admin access, the delegated-admin roles
// of its security groups' access assignments, and whether their organizations are related at all.
// One statement per request (reads.ts relationStatement), nothing cached between requests.
import type { Actor } from '../../../platform/access.js';
import { resolveRelation, type CustomerRelation } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function relationTo(deps: CustomersDeps, actor: Actor, tenantId: string, now?: Date): Promise<CustomerRelation> {
  return resolveRelation(deps, actor, tenantId, now);
}
