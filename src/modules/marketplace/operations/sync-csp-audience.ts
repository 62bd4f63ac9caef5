// MKP-4: "Sync CSP audience" on a live offer; a change that needs a support request (MKP-7, MKP-8) is refused (409).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { ownOffer, type OfferRow } from '../reads.js';
import { offers } from '../schema.js';
import { applyAudienceToLive } from './apply-audience-to-live.js';
import type { MarketplaceDeps } from './deps.js';

export async function syncCspAudience(deps: MarketplaceDeps, ctx: RequestContext, id: string): Promise<OfferRow> {
  const { platform } = deps;
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await ownOffer(tx, actor, id, true);
    if (!row.live) throw new AppError('offer_not_live');
    await applyAudienceToLive(deps, tx, row, false);
    const [after] = await tx.select().from(offers).where(eq(offers.id, id));
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.audienceSynced', resourceType: 'offer', resourceId: id, before: { mode: row.liveAudienceMode }, after: { mode: after!.liveAudienceMode } });
    return after!;
  });
}
