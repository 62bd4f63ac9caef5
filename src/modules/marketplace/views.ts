// Rows → the shapes of contract.ts; each return type comes from the contract, so drift fails the typecheck.
import { supportRequestView as operatorSupportRequestView, type SupportRequestRow } from '../operator/service.js';
import type { Audience, AudiencePartner, CspOffer, Offer, StorefrontOffer, SupportRequest, SupportRequestQueueItem } from './contract.js';
import type { AudienceRow, OfferRow, SupportRequestNames } from './reads.js';

/** An offer, draft and live side by side (MKP-4). */
export function offerView(row: OfferRow): Offer {
  return {
    id: row.id,
    publisherTenantId: row.publisherTenantId,
    type: row.type,
    name: row.name,
    draft: { ...row.draft, audienceMode: row.draftAudienceMode },
    live: row.live ? { ...row.live, audienceMode: row.liveAudienceMode } : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function audiencePartnerView(r: AudienceRow): AudiencePartner {
  return { tenantId: r.partnerTenantId, name: r.name ?? '', country: r.country ?? '', resoldAt: r.resoldAt?.toISOString() ?? null };
}

/** MKP-2, MKP-4: the draft and the live audience; partners are listed for the "selected" option only. */
export function audienceView(row: OfferRow, rows: AudienceRow[]): Audience {
  return {
    draft: { mode: row.draftAudienceMode, partners: row.draftAudienceMode === 'selected' ? rows.filter((r) => r.inDraft).map(audiencePartnerView) : [] },
    live: row.live ? { mode: row.liveAudienceMode!, partners: row.liveAudienceMode === 'selected' ? rows.filter((r) => r.inLive).map(audiencePartnerView) : [] } : null,
  };
}

/** A live offer in the storefront of one country: its plans sold there, never the CSP materials (MKP-10). */
export function storefrontOfferView(r: OfferRow, country: string): StorefrontOffer {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    summary: r.live!.listing?.summary ?? '',
    description: r.live!.listing?.description ?? '',
    supportContact: r.live!.listing?.supportContact ?? null,
    plans: r.live!.plans.filter((p) => p.markets.includes(country)).map((p) => ({ planId: p.planId, name: p.name, licenseModel: p.licenseModel, termDurations: p.termDurations, billingCycles: p.billingCycles })),
  };
}

/** A live offer as a partner in its audience sees it, with the CSP materials (MKP-10). */
export function cspOfferView(r: OfferRow): CspOffer {
  return { id: r.id, type: r.type, name: r.name, summary: r.live!.listing?.summary ?? '', supportContact: r.live!.listing?.supportContact ?? null, cspMaterials: r.live!.listing?.cspMaterials ?? null, plans: r.live!.plans };
}

/** The operator module's view of a support request, held to this module's contract. */
export const supportRequestView: (row: SupportRequestRow) => SupportRequest = operatorSupportRequestView;

/** A request in the operator's queue with the names read with it (reads.ts supportRequestNames). */
export function supportRequestQueueItemView(row: { request: SupportRequestRow; names: SupportRequestNames }): SupportRequestQueueItem {
  return { ...supportRequestView(row.request), tenantName: row.names.tenantName, offerName: row.names.offerName, partners: row.names.partners };
}
