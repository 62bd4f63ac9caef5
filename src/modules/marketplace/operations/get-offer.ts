// One of the publisher's own offers (another publisher's is "not found").
import type { Actor } from '../../../platform/access.js';
import { ownOffer, type OfferRow } from '../reads.js';
import type { MarketplaceDeps } from './deps.js';

export async function getOffer({ db }: MarketplaceDeps, actor: Actor, id: string): Promise<OfferRow> {
  return ownOffer(db, actor, id);
}
