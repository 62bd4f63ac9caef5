// An offer's CSP reseller audience, draft and live (MKP-2, MKP-4), with the offer row for its version.
import type { Actor } from '../../../platform/access.js';
import type { Audience } from '../contract.js';
import { audienceRows, ownOffer, type OfferRow } from '../reads.js';
import { audienceView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function getCspAudience({ db, commerce }: MarketplaceDeps, actor: Actor, offerId: string): Promise<{ row: OfferRow; view: Audience }> {
  const row = await ownOffer(db, actor, offerId);
  const rows = await audienceRows(db, commerce, offerId);
  return { row, view: audienceView(row, rows) };
}
