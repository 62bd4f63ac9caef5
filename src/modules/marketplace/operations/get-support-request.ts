// MKP-9: one of the caller's tenant's support requests (another tenant's is "not found").
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import type { SupportRequest } from '../contract.js';
import { supportRequestView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function getSupportRequest({ db, operator }: MarketplaceDeps, actor: Actor, id: string): Promise<SupportRequest> {
  const row = await operator.getSupportRequest(db, id);
  if (!row || row.tenantId !== actor.tenantId) throw notFound('supportRequest');
  return supportRequestView(row);
}
