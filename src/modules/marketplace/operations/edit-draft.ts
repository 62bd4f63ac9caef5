// The step update-plans and update-listing share (MKP-4: the draft changes, the live side does not):
// the draft is edited under the offer's version (If-Match), and the version moves on every change.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { ownOffer, type OfferRow } from '../reads.js';
import { offers } from '../schema.js';
import { offerView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function editDraft(
  { platform }: MarketplaceDeps,
  ctx: RequestContext,
  id: string,
  checkVersion: (row: OfferRow) => void,
  change: (row: OfferRow) => Partial<typeof offers.$inferInsert>,
  action: string,
): Promise<OfferRow> {
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await ownOffer(tx, actor, id, true);
    checkVersion(row);
    const [after] = await tx
      .update(offers)
      .set({ ...change(row), version: row.version + 1, updatedAt: new Date() })
      .where(eq(offers.id, id))
      .returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action, resourceType: 'offer', resourceId: id, before: offerView(row), after: offerView(after!) });
    return after!;
  });
}
