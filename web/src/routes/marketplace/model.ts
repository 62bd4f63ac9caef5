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

export interface Listing {
  summary: string;
  description: string;
  supportContact: { email: string; phone: string; url: string };
  cspMaterials: { salesMaterialsUrl: string; channelContact: { name: string; email: string; phone: string } };
}

export interface Plan {
  planId: string;
  name: string;
  licenseModel: 'payg' | 'byol';
  termDurations: string[];
  billingCycles: string[];
  prices: { currency: string; unitPrice: number }[];
  markets: string[];
}

export interface OfferVersion {
  listing: Listing | null;
  plans: Plan[];
  audienceMode: AudienceMode | null;
}

export interface Offer {
  id: string;
  publisherTenantId: string;
  type: OfferType;
  name: string;
  draft: OfferVersion;
  live: OfferVersion | null;
  publishedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AudiencePartner {
  tenantId: string;
  name: string;
  country: string;
  resoldAt: string | null;
}

export interface AudienceSide {
  mode: AudienceMode;
  partners: AudiencePartner[];
}

export interface Audience {
  draft: AudienceSide;
  live: AudienceSide | null;
}

export interface PartnerSearchResult {
  tenantId: string;
  name: string;
  country: string;
  competencies: string[];
  skills: string[];
}

export interface RequestedChange {
  mode?: AudienceMode;
  removePartnerTenantIds?: string[];
}

export interface SupportRequest {
  id: string;
  tenantId: string;
  kind: string;
  title: string;
  details: string;
  subject: {
    productVersion?: string;
    problemType?: string;
    category?: { offerId?: string };
    requestedChange?: RequestedChange | null;
  };
  status: 'open' | 'resolved' | 'declined' | (string & {});
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CspOffer {
  id: string;
  type: OfferType;
  name: string;
  summary: string;
  supportContact: Listing['supportContact'] | null;
  cspMaterials: Listing['cspMaterials'] | null;
  plans: Plan[];
}

export interface StorefrontOffer {
  id: string;
  type: OfferType;
  name: string;
  summary: string;
  description: string;
  supportContact: Listing['supportContact'] | null;
  plans: Pick<Plan, 'planId' | 'name' | 'licenseModel' | 'termDurations' | 'billingCycles'>[];
}

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
