// MKP-2, MKP-3: saving the draft audience (mode and selected partners); only active CSP resellers may be
// selected, and the live audience does not move (MKP-4).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { activeResellers, ownOffer, type OfferRow } from '../reads.js';
import type { AudienceMode } from '../rules.js';
import { offerAudience, offers } from '../schema.js';
import type { MarketplaceDeps } from './deps.js';

export async function saveCspAudience(
  { platform, db }: MarketplaceDeps,
  ctx: RequestContext,
  offerId: string,
  input: { mode: AudienceMode; partnerTenantIds: string[] },
  checkVersion: (row: OfferRow) => void,
): Promise<OfferRow> {
  const ids = [...new Set(input.partnerTenantIds)];
  const active = await activeResellers(db, ids);
  const problems: FieldError[] = ids.flatMap((id, index) => (active.has(id) ? [] : [{ path: `/partnerTenantIds/${index}`, code: 'not_a_csp_reseller' }]));
  if (problems.length) throw new AppError('not_a_csp_reseller', {}, problems);
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await ownOffer(tx, actor, offerId, true);
    checkVersion(row);
    const [after] = await tx.update(offers).set({ draftAudienceMode: input.mode, version: row.version + 1, updatedAt: new Date() }).where(eq(offers.id, offerId)).returning();
    await replaceDraftPartners(tx, offerId, input.mode === 'selected' ? ids : []);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'offer.audienceDraftUpdated', resourceType: 'offer', resourceId: offerId, before: { mode: row.draftAudienceMode }, after: { mode: input.mode, partners: ids.length } });
    return after!;
  });
}

async function replaceDraftPartners(tx: Tx, offerId: string, ids: string[]) {
  await tx.update(offerAudience).set({ inDraft: false }).where(eq(offerAudience.offerId, offerId));
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000).map((partnerTenantId) => ({ offerId, partnerTenantId, inDraft: true }));
    if (chunk.length) await tx.insert(offerAudience).values(chunk).onConflictDoUpdate({ target: [offerAudience.offerId, offerAudience.partnerTenantId], set: { inDraft: true } });
  }
  await tx.delete(offerAudience).where(and(eq(offerAudience.offerId, offerId), eq(offerAudience.inDraft, false), eq(offerAudience.inLive, false)));
}
