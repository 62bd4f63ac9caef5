// MKP-9: the caller's tenant's support requests, oldest first.
import type { Actor } from '../../../platform/access.js';
import type { SupportRequest } from '../contract.js';
import { supportRequestView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function listSupportRequests({ operator }: MarketplaceDeps, actor: Actor): Promise<SupportRequest[]> {
  return (await operator.supportRequestsOf(actor.tenantId)).map(supportRequestView);
}
