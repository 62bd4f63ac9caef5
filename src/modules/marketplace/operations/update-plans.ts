// Replacing the draft plans (MKP-4); before the first publication the default audience follows them (MKP-1).
import type { RequestContext } from '../../../platform/audit.js';
import type { OfferRow } from '../reads.js';
import { defaultAudienceMode, type OfferType } from '../rules.js';
import type { Plan } from '../schema.js';
import type { MarketplaceDeps } from './deps.js';
import { editDraft } from './edit-draft.js';

export function updatePlans(deps: MarketplaceDeps, ctx: RequestContext, id: string, plans: Plan[], checkVersion: (row: OfferRow) => void): Promise<OfferRow> {
  return editDraft(
    deps,
    ctx,
    id,
    checkVersion,
    (row) => ({
      draft: { ...row.draft, plans },
      // MKP-1: a VM offer whose plans are all BYOL is open to any partner by default (until published).
      ...(row.live ? {} : { draftAudienceMode: row.draftAudienceMode === 'none' || row.draftAudienceMode === 'all' ? defaultAudienceMode(row.type as OfferType, plans) : row.draftAudienceMode }),
    }),
    'offer.plansUpdated',
  );
}
