// The step publish-offer, sync-csp-audience and resolve-support-request share: the draft audience goes
// live under MKP-7 (a partner that has resold stays) and MKP-8 (which moves need a support request).
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/index.js';
import { AppError } from '../../../platform/errors.js';
import { audienceRows, type OfferRow } from '../reads.js';
import { checkAudienceChange, type AudienceChange, type AudienceMode } from '../rules.js';
import { offerAudience, offers } from '../schema.js';
import type { MarketplaceDeps } from './deps.js';

export async function applyAudienceToLive(deps: MarketplaceDeps, tx: Tx, row: OfferRow, viaSupportRequest: boolean): Promise<void> {
  const change = await pendingChange(deps, tx, row);
  const verdict = checkAudienceChange(change);
  if (!verdict.ok) throw new AppError(verdict.code);
  if (verdict.needsSupportRequest && !viaSupportRequest) throw new AppError('support_request_required', { change: describeChange(change) });
  // MKP-8: moving from all to selected keeps every partner that has resold.
  if (change.fromMode === 'all' && change.toMode === 'selected') {
    for (const resellerTenantId of change.resold) {
      await tx.insert(offerAudience).values({ offerId: row.id, partnerTenantId: resellerTenantId, inDraft: true, inLive: true }).onConflictDoUpdate({ target: [offerAudience.offerId, offerAudience.partnerTenantId], set: { inDraft: true } });
    }
  }
  await tx.update(offerAudience).set({ inLive: sql`${offerAudience.inDraft}` }).where(eq(offerAudience.offerId, row.id));
  await tx.delete(offerAudience).where(and(eq(offerAudience.offerId, row.id), eq(offerAudience.inDraft, false), eq(offerAudience.inLive, false)));
  await tx.update(offers).set({ liveAudienceMode: row.draftAudienceMode, version: row.version + 1, updatedAt: new Date() }).where(eq(offers.id, row.id));
}

/** The difference between the live audience and the draft, as the rules see it. */
async function pendingChange({ commerce }: MarketplaceDeps, tx: Tx, row: OfferRow): Promise<AudienceChange> {
  const rows = await audienceRows(tx, commerce, row.id);
  const liveMode = (row.liveAudienceMode ?? 'none') as AudienceMode;
  const toMode = row.draftAudienceMode as AudienceMode;
  const removed = liveMode === 'selected' ? rows.filter((r) => r.inLive && !r.inDraft).map((r) => r.partnerTenantId) : [];
  return { fromMode: liveMode, toMode, removed, resold: await commerce.resellersWhoResold(tx, row.id) };
}

function describeChange(change: { fromMode: string; toMode: string; removed: string[] }) {
  return change.fromMode !== change.toMode ? `${change.fromMode} → ${change.toMode}` : `remove ${change.removed.length} partner(s)`;
}
