// ORD-3 for marketplace offers: checkout asks whether each reseller is in the offer's live CSP audience
// (MKP-2: any partner, or the partners listed live). One prepared statement for all the cart's offers.
import { arrayLiteral } from '../../../db/index.js';
import type { MarketplaceDeps } from './deps.js';

export async function checkCspAudience({ statements }: MarketplaceDeps, offerIds: string[], resellerTenantIds: string[]): Promise<(offerId: string, resellerTenantId: string) => boolean> {
  if (offerIds.length === 0) return () => true;
  const rows = await statements.liveAudienceOf.execute({ offers: arrayLiteral(offerIds), resellers: arrayLiteral(resellerTenantIds) });
  const modes = new Map(rows.map((r) => [r.id, r.mode]));
  const listed = new Set(rows.flatMap((r) => r.listed.map((partner) => `${r.id}:${partner}`)));
  return (offerId, resellerTenantId) => modes.get(offerId) === 'all' || (modes.get(offerId) === 'selected' && listed.has(`${offerId}:${resellerTenantId}`));
}
