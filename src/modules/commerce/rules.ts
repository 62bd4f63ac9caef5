// Commerce rules, pure: the ORD-3 / CUS-6 preconditions in their stable order, catalog pricing
// (MKT-4), subscription changes (ORD-4).
import type { CartLine, Sku } from './schema.js';

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
  'billing_cycle_not_allowed_for_term',
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
  if (!billingCycleAllowedForTerm(f.termDuration, f.billingCycle)) return 'billing_cycle_not_allowed_for_term';
  if (!Number.isInteger(f.quantity) || f.quantity < 1 || f.quantity > maxQuantity) return 'invalid_quantity';
  return null;
}

/**
 * ORD-1, ORD-3: the billing cycles each term may be billed in. A term is billed over periods that fit in
 * it: a monthly term monthly only; a one- or three-year term monthly or annually.
 */
export const cyclesForTerm: Record<(typeof termDurations)[number], readonly (typeof billingCycles)[number][]> = {
  P1M: ['monthly'],
  P1Y: ['monthly', 'annual'],
  P3Y: ['monthly', 'annual'],
};

/** ORD-3: term and billing cycle are checked as a pair (a P1M term billed annually is refused). */
export function billingCycleAllowedForTerm(termDuration: string, billingCycle: string): boolean {
  if (!Object.hasOwn(cyclesForTerm, termDuration)) return false;
  return (cyclesForTerm[termDuration as keyof typeof cyclesForTerm] as readonly string[]).includes(billingCycle);
}

/** ORD-3: the cart lines whose term and billing cycle do not pair, as field errors naming the billing cycle. */
export function unpairedLines(lines: readonly { termDuration: string; billingCycle: string }[]): { path: string; code: 'billing_cycle_not_allowed_for_term' }[] {
  return lines.flatMap((line, index) =>
    billingCycleAllowedForTerm(line.termDuration, line.billingCycle) ? [] : [{ path: `/lineItems/${index}/billingCycle`, code: 'billing_cycle_not_allowed_for_term' as const }],
  );
}

/** ORD-2: a cart's lines are numbered from 1 in the order they were sent (the order lines keep the numbers). */
export function numberedLines(lines: readonly Omit<CartLine, 'lineItemNumber'>[]): CartLine[] {
  return lines.map((line, index) => ({ ...line, lineItemNumber: index + 1 }));
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

export interface SubscriptionState {
  status: SubscriptionStatus;
  quantity: number;
}
export interface SubscriptionChange {
  quantity?: number;
  status?: 'active' | 'suspended';
}

/**
 * ORD-3 on every change: adding seats or reactivating a suspended subscription is an order, checked
 * again like checkout. Reductions, suspension and auto-renew are not, so a customer is never trapped.
 * Answers the field that makes the change an order, or null.
 */
export function orderingField(current: SubscriptionState, change: SubscriptionChange): '/quantity' | '/status' | null {
  if (change.quantity !== undefined && change.quantity > current.quantity) return '/quantity';
  if (change.status === 'active' && current.status === 'suspended') return '/status';
  return null;
}

/** ORD-4: seats change only on a subscription that is active after the change (reactivate first, or in the same request). */
export function seatChangeAllowed(current: SubscriptionState, change: SubscriptionChange): boolean {
  if (change.quantity === undefined || change.quantity === current.quantity) return true;
  return (change.status ?? current.status) === 'active';
}

// ---------------------------------------------------------------------------------------------
// TRM-1, TRM-2: the term. A term starts at purchase (or renewal) and ends at its commitment end: the
// start plus the term's months in UTC, the day clamped to the last day of a shorter month (a term
// bought on 31 January for a month ends on 28 or 29 February). Cancellation with a refund is possible
// within 168 hours of the term's start, and not after: the term runs to its commitment end.

const termMonths: Record<(typeof termDurations)[number], number> = { P1M: 1, P1Y: 12, P3Y: 36 };

/** TRM-1: the commitment end of a term that starts at `start` (calendar months in UTC, clamped to the month's last day). */
export function commitmentEndOf(start: Date, termDuration: string): Date {
  const months = termMonths[termDuration as keyof typeof termMonths];
  if (months === undefined) throw new RangeError(`not a term: ${termDuration}`);
  const target = start.getUTCMonth() + months;
  const year = start.getUTCFullYear() + Math.floor(target / 12);
  const month = target % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay), start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()));
}

/** TRM-2: the cancellation window, in hours from the term's start. */
export const cancellationWindowHours = 168;

/** TRM-2: when the term's cancellation window closes. */
export function cancellationWindowClosesAt(termStartAt: Date): Date {
  return new Date(termStartAt.getTime() + cancellationWindowHours * 3_600_000);
}

/** TRM-2: may the subscription be cancelled now (within the window of its term's start)? */
export function cancellationAllowed(termStartAt: Date, now: Date): boolean {
  return now.getTime() < cancellationWindowClosesAt(termStartAt).getTime();
}
