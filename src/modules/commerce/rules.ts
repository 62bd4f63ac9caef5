// Commerce rules, pure: the ORD-3 / CUS-6 preconditions in their stable order, catalog pricing
// (MKT-4), subscription changes (ORD-4).
import type { Sku } from './schema.js';

export const termDurations = ['P1M', 'P1Y', 'P3Y'] as const;
export const billingCycles = ['monthly', 'annual'] as const;
export const cartDays = 7;
export const maxQuantity = 10000;

/** ORD-3 and CUS-6, each with its own code, in the order they are checked. */
export const checkoutChecks = [
  'provider_not_active',
  'reseller_not_found',
  'reseller_not_active',
  'reseller_agreement_not_accepted',
  'partner_id_not_associated',
  'provider_not_authorized_by_reseller',
  'no_provider_customer_relationship',
  'no_reseller_customer_relationship',
  'region_mismatch',
  'offer_not_available_in_market',
  'reseller_not_in_csp_audience',
  'invalid_term_or_cycle',
  'invalid_quantity',
] as const;
export type CheckoutCheck = (typeof checkoutChecks)[number];

/** Everything checkout knows about one cart line, gathered up front (no query per check). */
export interface LineFacts {
  providerActive: boolean;
  reseller: null | {
    enrollmentStatus: string | null;
    agreementAccepted: boolean;
    /** The PartnerID associated with the reseller's CSP account. */
    associatedPartnerId: string | null;
    authorizedProvider: boolean;
    customerRelationship: boolean;
    inRegion: boolean;
    /** MKP: for a marketplace offer, whether the reseller is in its live CSP audience (true for operator products). */
    inAudience: boolean;
  };
  resellerPartnerId: string;
  providerCustomerRelationship: boolean;
  offer: null | { markets: string[]; sku: Sku | undefined };
  customerCountry: string;
  currency: string | undefined;
  termDuration: string;
  billingCycle: string;
  quantity: number;
}

/** The first precondition a line breaks, or null when it may be ordered. */
export function firstFailure(f: LineFacts): CheckoutCheck | null {
  if (!f.providerActive) return 'provider_not_active';
  if (!f.reseller) return 'reseller_not_found';
  if (f.reseller.enrollmentStatus !== 'active' && f.reseller.enrollmentStatus !== 'verified') return 'reseller_not_active';
  if (!f.reseller.agreementAccepted) return 'reseller_agreement_not_accepted';
  if (f.reseller.associatedPartnerId !== f.resellerPartnerId) return 'partner_id_not_associated';
  if (!f.reseller.authorizedProvider) return 'provider_not_authorized_by_reseller';
  if (!f.providerCustomerRelationship) return 'no_provider_customer_relationship';
  if (!f.reseller.customerRelationship) return 'no_reseller_customer_relationship';
  if (!f.reseller.inRegion) return 'region_mismatch';
  if (!f.offer || !f.offer.sku || !f.offer.markets.includes(f.customerCountry) || priceIn(f.offer.sku, f.currency) === undefined) return 'offer_not_available_in_market';
  if (!f.reseller.inAudience) return 'reseller_not_in_csp_audience';
  if (!f.offer.sku.termDurations.includes(f.termDuration) || !f.offer.sku.billingCycles.includes(f.billingCycle)) return 'invalid_term_or_cycle';
  if (!Number.isInteger(f.quantity) || f.quantity < 1 || f.quantity > maxQuantity) return 'invalid_quantity';
  return null;
}

/** MKT-4: the price in the customer market's currency. */
export function priceIn(sku: Sku, currency: string | undefined): number | undefined {
  return currency === undefined ? undefined : sku.prices.find((p) => p.currency === currency)?.unitPrice;
}

export type SubscriptionStatus = 'active' | 'suspended' | 'cancelled';

/** ORD-4: allowed subscription status changes. */
export const subscriptionTransitions: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  active: ['suspended', 'cancelled'],
  suspended: ['active', 'cancelled'],
  cancelled: [],
};
