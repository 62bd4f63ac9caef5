// MKP-9: opening a support request; one about a live audience change ("Live offer management") names the
// caller's own live offer, and a change the operator could never apply (MKP-7, MKP-8) is refused now.
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { SupportRequestRow } from '../../operator/service.js';
import { liveOfferManagement } from '../contract.js';
import { ownOffer } from '../reads.js';
import { requestedChangeProblems, type AudienceMode } from '../rules.js';
import type { MarketplaceDeps } from './deps.js';

export async function openSupportRequest(
  { platform, db, operator, commerce }: MarketplaceDeps,
  ctx: RequestContext,
  input: { productVersion: string; category: { offerId: string }; problemType: string; title: string; details: string; requestedChange?: { mode?: AudienceMode; removePartnerTenantIds?: string[] } },
): Promise<SupportRequestRow> {
  const actor = ctx.actor!;
  if (input.productVersion === liveOfferManagement.productVersion) {
    const row = await ownOffer(db, actor, input.category.offerId);
    if (!row.live) throw new AppError('offer_not_live');
    // MKP-7, MKP-8: a change the operator could never apply is refused now (applying checks again).
    if (input.requestedChange) {
      const problems = requestedChangeProblems((row.liveAudienceMode ?? 'none') as AudienceMode, input.requestedChange, await commerce.resellersWhoResold(db, row.id));
      if (problems.length) throw new AppError('partner_has_resold', {}, problems);
    }
  }
  return platform.transaction((tx) =>
    operator.openSupportRequest(tx, ctx, {
      tenantId: actor.tenantId,
      kind: input.productVersion === liveOfferManagement.productVersion ? 'liveOfferManagement' : 'general',
      title: input.title,
      details: input.details,
      subject: { productVersion: input.productVersion, problemType: input.problemType, category: input.category, requestedChange: input.requestedChange ?? null },
    }),
  );
}
