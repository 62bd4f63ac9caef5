// Marketplace data: offers (draft and live side by side, with the ETag for If-Match), the CSP
// reseller audience, support requests and the partners' and public views (MKP-1 … MKP-11).

export const OFFER_TYPES = ['saas', 'virtualMachine', 'solutionTemplate', 'managedApplication', 'dynamics365BusinessCentral', 'container'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];
export const AUDIENCE_MODES = ['all', 'selected', 'none'] as const;
export type AudienceMode = (typeof AUDIENCE_MODES)[number];
export const LICENSE_MODELS = ['payg', 'byol'] as const;
export const TERM_DURATIONS = ['P1M', 'P1Y', 'P3Y'] as const;
export const BILLING_CYCLES = ['monthly', 'annual'] as const;

/** MKP-9: the values the server expects for a live audience change (shown localized, sent as is). */
export const LIVE_OFFER_MANAGEMENT = {
  productVersion: 'Live offer management',
  problemType: 'Update existing offer',
  title: 'De-authorize CSP',
} as const;

import type {
  Audience,
  AudiencePartner,
  AudienceSide,
  CspOffer,
  ListingBody,
  Offer,
  OfferVersionView,
  PartnerSearchFilters,
  PartnerSearchItem,
  PlanBody,
  RequestedChange,
  StorefrontOffer,
  SupportRequest as SupportRequestContract,
  SupportRequestQueueItem,
} from '@contracts/marketplace';

// The shapes come from the server's contract (type-only); the portal declares none of its own.
export type { Audience, AudiencePartner, AudienceSide, CspOffer, Offer, RequestedChange, StorefrontOffer };
export type Listing = ListingBody;
export type Plan = PlanBody;
export type OfferVersion = OfferVersionView;
export type PartnerSearchResult = PartnerSearchItem;
export type { PartnerSearchFilters };

/** What a marketplace support request's subject holds (MKP-9); the contract keeps subjects open per kind. */
export interface MarketplaceSupportSubject {
  productVersion?: string;
  problemType?: string;
  category?: { offerId?: string };
  requestedChange?: RequestedChange | null;
}

export type SupportRequest = Omit<SupportRequestContract, 'subject'> & { subject: MarketplaceSupportSubject };

/** A request in the operator's queue, with the names of its tenant, offer and partners. */
export type SupportQueueItem = Omit<SupportRequestQueueItem, 'subject'> & { subject: MarketplaceSupportSubject };

/**
 * What the saved draft audience changes on the live offer: a new option, or partners removed from
 * the selected list. Null when there is nothing to ask for.
 */
export function pendingAudienceChange(audience: Audience): RequestedChange | null {
  const live = audience.live;
  if (!live) return null;
  if (audience.draft.mode !== live.mode) return { mode: audience.draft.mode };
  if (live.mode === 'selected') {
    const kept = new Set(audience.draft.partners.map((partner) => partner.tenantId));
    const removed = live.partners.filter((partner) => !kept.has(partner.tenantId)).map((partner) => partner.tenantId);
    if (removed.length > 0) return { removePartnerTenantIds: removed };
  }
  return null;
}

/** Country codes typed as "FR, de us" → ['FR', 'DE', 'US'] (unique, upper case). */
export function parseCountryCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))];
}

/** The row number of an import error path (`/rows/7` → 7). */
export function importRow(path: string): number | null {
  const match = /^\/rows\/(\d+)$/.exec(path);
  return match ? Number(match[1]) : null;
}
