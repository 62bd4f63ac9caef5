// Replacing the draft listing, with the support contact and the CSP materials (MKP-4, MKP-10, MKP-11).
import type { RequestContext } from '../../../platform/audit.js';
import type { OfferRow } from '../reads.js';
import type { Listing } from '../schema.js';
import type { MarketplaceDeps } from './deps.js';
import { editDraft } from './edit-draft.js';

export function updateListing(deps: MarketplaceDeps, ctx: RequestContext, id: string, listing: Listing, checkVersion: (row: OfferRow) => void): Promise<OfferRow> {
  return editDraft(deps, ctx, id, checkVersion, (row) => ({ draft: { ...row.draft, listing } }), 'offer.listingUpdated');
}
