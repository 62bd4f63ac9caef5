// MKP-4: publishing makes the draft live (listing, plans, audience), every missing item listed; a live
// offer's audience moves under MKP-7/MKP-8. ORD-1: commerce writes the offer's catalog product.
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { MarketplaceProduct } from '../../commerce/service.js';
import { ownOffer, type OfferRow } from '../reads.js';
import { missingForPublish } from '../rules.js';
import { offerAudience, offers, type OfferVersion } from '../schema.js';
import { offerView } from '../views.js';
import { applyAudienceToLive } from './apply-audience-to-live.js';
import type { MarketplaceDeps } from './deps.js';

export async function publishOffer(deps: MarketplaceDeps, ctx: RequestContext, id: string): Promise<OfferRow> {
  const { platform, commerce } = deps;
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await ownOffer(tx, actor, id, true);
    const missing = missingForPublish(row.draft);
    if (missing.length) throw new AppError('offer_incomplete', {}, missing.map((path) => ({ path, code: 'required' })));
    if (row.live) {
      await applyAudienceToLive(deps, tx, row, false);
    } else {
      await tx.update(offerAudience).set({ inLive: sql`${offerAudience.inDraft}` }).where(eq(offerAudience.offerId, id));
    }
    const [after] = await tx
      .update(offers)
      .set({ live: row.draft, liveAudienceMode: row.draftAudienceMode, publishedAt: new Date(), version: row.version + 2, updatedAt: new Date() })
      .where(eq(offers.id, id))
      .returning();
    await commerce.upsertMarketplaceProduct(tx, catalogProductOf(after!, row.draft));
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.published', resourceType: 'offer', resourceId: id, before: offerView(row), after: offerView(after!) });
    return after!;
  });
}

/** The catalog product of a live offer (same ID): plans become SKUs, sold where the plans are. */
function catalogProductOf(row: OfferRow, version: OfferVersion): MarketplaceProduct {
  return {
    id: row.id,
    publisherTenantId: row.publisherTenantId,
    offerType: row.type,
    name: row.name,
    description: version.listing?.summary ?? '',
    skus: version.plans.map((p) => ({ skuId: p.planId, name: p.name, termDurations: p.termDurations, billingCycles: p.billingCycles, prices: p.prices })),
    markets: [...new Set(version.plans.flatMap((p) => p.markets))].sort(),
  };
}
