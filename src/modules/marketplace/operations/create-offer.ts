// Creating an offer: a draft with no listing and no plans, its audience defaulted by type (MKP-1).
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { requirePublisher, type OfferRow } from '../reads.js';
import { defaultAudienceMode, type OfferType } from '../rules.js';
import { offers } from '../schema.js';
import { offerView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function createOffer({ platform, identity }: MarketplaceDeps, ctx: RequestContext, input: { type: OfferType; name: string }): Promise<OfferRow> {
  const actor = ctx.actor!;
  await requirePublisher(identity, actor.tenantId);
  return platform.transaction(async (tx) => {
    const [row] = await tx
      .insert(offers)
      .values({ publisherTenantId: actor.tenantId, type: input.type, name: input.name.trim(), draft: { listing: null, plans: [] }, draftAudienceMode: defaultAudienceMode(input.type, []) })
      .returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.created', resourceType: 'offer', resourceId: row!.id, after: offerView(row!) });
    return row!;
  });
}
