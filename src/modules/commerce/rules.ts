// Commerce rules, pure: the ORD-3 / CUS-6 preconditions in their stable order, catalog pricing
// (MKT-4), subscription changes (ORD-4).
import { divideHalfEven } from '../../platform/money.js';
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
  'coterm_not_possible',
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

export type SubscriptionStatus = 'active' | 'suspended' | 'expired' | 'cancelled';

/** ORD-4, TRM-1: allowed subscription status changes (expired: the term ended without renewal; both terminal). */
export const subscriptionTransitions: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  active: ['suspended', 'cancelled', 'expired'],
  suspended: ['active', 'cancelled', 'expired'],
  expired: [],
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
  return addMonths(start, months);
}

/** `start` plus whole calendar months in UTC, the day clamped to the target month's last day (PostgreSQL's timestamp + interval does the same). */
export function addMonths(start: Date, months: number): Date {
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

// ---------------------------------------------------------------------------------------------
// TRM-3, TRM-4, TRM-6: billing periods, proration and charge amounts. A unit price is the price of one
// seat for one billing period of its cycle (a month billed monthly, a year billed annually), as in
// Partner Center's price lists. A term is billed in consecutive periods from its start (a P1Y term
// billed monthly has 12), each period's fee charged when it starts. Proration is by whole UTC days:
// the days from the day of the change to the day the period ends, over the period's days.

const cycleMonths: Record<(typeof billingCycles)[number], number> = { monthly: 1, annual: 12 };

/** TRM-6: how many billing periods a term has (P1Y billed monthly: 12; P3Y billed annually: 3). */
export function periodsInTerm(termDuration: string, billingCycle: string): number {
  const term = termMonths[termDuration as keyof typeof termMonths];
  const cycle = cycleMonths[billingCycle as keyof typeof cycleMonths];
  if (term === undefined || cycle === undefined || term % cycle !== 0) throw new RangeError(`not a term and cycle: ${termDuration} ${billingCycle}`);
  return term / cycle;
}

/** TRM-6: billing period `index` (from 0) of a term: its start and end (the last ends at the commitment end). */
export function billingPeriod(termStartAt: Date, billingCycle: string, index: number): { start: Date; end: Date } {
  const cycle = cycleMonths[billingCycle as keyof typeof cycleMonths];
  if (cycle === undefined) throw new RangeError(`not a billing cycle: ${billingCycle}`);
  return { start: addMonths(termStartAt, index * cycle), end: addMonths(termStartAt, (index + 1) * cycle) };
}

/** The billing period of the term that contains `at` (the first if before the term, the last if at or after its end). */
export function periodIndexAt(termStartAt: Date, termDuration: string, billingCycle: string, at: Date): number {
  const periods = periodsInTerm(termDuration, billingCycle);
  let index = 0;
  while (index < periods - 1 && billingPeriod(termStartAt, billingCycle, index).end.getTime() <= at.getTime()) index++;
  return index;
}

const dayMs = 86_400_000;

/** TRM-4: whole UTC days from the day of `from` to the day of `to` (0 on the same day; never negative). */
export function utcDaysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor(to.getTime() / dayMs) - Math.floor(from.getTime() / dayMs));
}

/** TRM-4: the proration factor of a change at `at` in a period: days remaining ÷ days in the period (UTC days). */
export function prorationOf(period: { start: Date; end: Date }, at: Date): { days: number; periodDays: number } {
  const periodDays = Math.max(1, utcDaysBetween(period.start, period.end));
  return { days: Math.min(periodDays, utcDaysBetween(at, period.end)), periodDays };
}

/** The four price levels of a subscription (minor units, frozen from its order or its renewal). */
export interface PriceLevels {
  listPrice: number;
  providerCost: number;
  resellerPrice: number;
  customerPrice: number;
}
export interface ChargeAmounts {
  listAmount: number;
  providerAmount: number;
  resellerAmount: number;
  customerAmount: number;
}
export const priceLevelKeys = ['listPrice', 'providerCost', 'resellerPrice', 'customerPrice'] as const;
const amountKeys = ['listAmount', 'providerAmount', 'resellerAmount', 'customerAmount'] as const;

/** TRM-4, TRM-6: unit price × quantity × days ÷ period days at each level, rounded half to even once (minor units). */
export function proratedAmounts(prices: PriceLevels, quantity: number, days: number, periodDays: number): ChargeAmounts {
  const out = {} as ChargeAmounts;
  priceLevelKeys.forEach((key, index) => {
    out[amountKeys[index]!] = Number(divideHalfEven(BigInt(prices[key]) * BigInt(quantity) * BigInt(days), BigInt(periodDays)));
  });
  return out;
}

/** Amounts added level by level (a credit is negative). */
export function addAmounts(a: ChargeAmounts, b: ChargeAmounts): ChargeAmounts {
  return { listAmount: a.listAmount + b.listAmount, providerAmount: a.providerAmount + b.providerAmount, resellerAmount: a.resellerAmount + b.resellerAmount, customerAmount: a.customerAmount + b.customerAmount };
}
export function negateAmounts(a: ChargeAmounts): ChargeAmounts {
  return { listAmount: -a.listAmount, providerAmount: -a.providerAmount, resellerAmount: -a.resellerAmount, customerAmount: -a.customerAmount };
}
export const zeroAmounts: ChargeAmounts = { listAmount: 0, providerAmount: 0, resellerAmount: 0, customerAmount: 0 };

/** A charge line already written for the current period, as cancellation reads them (TRM-2, TRM-6). */
export interface PeriodCharge extends ChargeAmounts {
  /** Seats the line added (+) or removed (−), from the line's start. */
  seats: number;
  startsAt: Date;
}

/**
 * TRM-2, TRM-6: the credit of a cancellation in the window, for one billing period (of `days` days,
 * ending at `end`) and the lines charged for it. Everything charged is credited back and the seat-days
 * used up to the day of cancellation (or the period's end) are charged: net, the customer pays for the
 * days it used, and a cancellation on the day of purchase nets to zero at every level.
 */
export function cancellationCredit(prices: PriceLevels, period: { days: number; end: Date }, charges: readonly PeriodCharge[], at: Date): ChargeAmounts {
  const periodDays = Math.max(1, period.days);
  const until = at.getTime() < period.end.getTime() ? at : period.end;
  const seatDays = charges.reduce((sum, c) => sum + c.seats * Math.min(periodDays, utcDaysBetween(c.startsAt, until)), 0);
  const used = proratedAmounts(prices, 1, Math.max(0, seatDays), periodDays);
  const charged = charges.reduce<ChargeAmounts>((sum, c) => addAmounts(sum, c), zeroAmounts);
  return addAmounts(used, negateAmounts(charged));
}

/** TRM-3: seats added at one moment, refundable until their window closes (purchase and renewal open one for all seats). */
export interface SeatWindow {
  quantity: number;
  closesAt: string;
}

/** TRM-3: the seats still inside their windows at `now`. */
export function openWindows(windows: readonly SeatWindow[], now: Date): SeatWindow[] {
  return windows.filter((w) => w.quantity > 0 && new Date(w.closesAt).getTime() > now.getTime());
}

/**
 * TRM-3: a reduction by `by` seats at `now`: the seats still inside their windows are removed at once
 * (newest first) and refunded; the rest of the reduction waits for the renewal. Answers how many are
 * removed now, the windows left, and how many are scheduled.
 */
export function splitReduction(windows: readonly SeatWindow[], by: number, now: Date): { now: number; scheduled: number; windows: SeatWindow[] } {
  let left = by;
  const open = new Set(openWindows(windows, now));
  const next = [...windows]
    .map((w, index) => ({ w, index }))
    .sort((a, b) => b.w.closesAt.localeCompare(a.w.closesAt) || b.index - a.index)
    .map(({ w, index }) => {
      if (!open.has(w) || left === 0) return { w, index };
      const taken = Math.min(left, w.quantity);
      left -= taken;
      return { w: { ...w, quantity: w.quantity - taken }, index };
    })
    .sort((a, b) => a.index - b.index)
    .map(({ w }) => w)
    .filter((w) => w.quantity > 0 && new Date(w.closesAt).getTime() > now.getTime());
  return { now: by - left, scheduled: left, windows: next };
}

/** TRM-1: what a renewal applies: the scheduled next-term changes over the current values. */
export interface NextTerm {
  quantity: number;
  termDuration: string;
  billingCycle: string;
  skuId: string;
}

// ---------------------------------------------------------------------------------------------
// TRM-5: upgrades along the operator's paths between the SKUs of one product.

export interface UpgradePath {
  fromSkuId: string;
  toSkuId: string;
}

/** TRM-5: the SKUs a subscription of `skuId` may upgrade to: every SKU reachable along the paths. */
export function upgradeTargets(paths: readonly UpgradePath[], skuId: string): string[] {
  const reached = new Set<string>();
  const queue = [skuId];
  while (queue.length) {
    const from = queue.shift()!;
    for (const path of paths) {
      if (path.fromSkuId === from && path.toSkuId !== skuId && !reached.has(path.toSkuId)) {
        reached.add(path.toSkuId);
        queue.push(path.toSkuId);
      }
    }
  }
  return [...reached];
}

/** TRM-5: the index of the first path that is not valid (an unknown SKU, a SKU to itself, a repeat, or one closing a loop), or -1. */
export function invalidUpgradePath(skuIds: readonly string[], paths: readonly UpgradePath[]): number {
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const before = paths.slice(0, index);
    if (!skuIds.includes(path.fromSkuId) || !skuIds.includes(path.toSkuId) || path.fromSkuId === path.toSkuId) return index;
    if (before.some((p) => p.fromSkuId === path.fromSkuId && p.toSkuId === path.toSkuId)) return index;
    // An upgrade never leads back: the target must not already reach the source.
    if (upgradeTargets(before, path.toSkuId).includes(path.fromSkuId)) return index;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// TRM-5: co-terming. A new purchase may end with an existing subscription of the same customer: its
// first term runs from now to that subscription's commitment end (never longer than its own duration),
// and its billing periods count from that subscription's anchor, so the first one is a part of a
// period, charged pro rata (days left ÷ the period's days), and the next ones fall on the same days.

export interface CotermTarget {
  status: string;
  periodAnchorAt: Date;
  commitmentEndAt: Date;
}

/** The whole months from `anchor` to `end` (as addMonths counts them), or undefined when `end` is no such month. */
export function monthsBetween(anchor: Date, end: Date): number | undefined {
  for (let months = 1; months <= 36; months++) if (addMonths(anchor, months).getTime() === end.getTime()) return months;
  return undefined;
}

/**
 * TRM-5: a co-termed first term: its end, its periods' anchor and the index of the period `now` falls
 * in (the first one charged), or null when it cannot end with `target` (not active, already ended,
 * further away than the new term's duration, or periods of this billing cycle that do not end there).
 */
export function cotermPlan(target: CotermTarget, termDuration: string, billingCycle: string, now: Date): { end: Date; anchor: Date; firstIndex: number; periods: number } | null {
  const cycle = cycleMonths[billingCycle as keyof typeof cycleMonths];
  if (target.status !== 'active' || cycle === undefined || target.commitmentEndAt.getTime() <= now.getTime()) return null;
  if (target.commitmentEndAt.getTime() > commitmentEndOf(now, termDuration).getTime()) return null;
  const months = monthsBetween(target.periodAnchorAt, target.commitmentEndAt);
  if (months === undefined || months % cycle !== 0) return null;
  const periods = months / cycle;
  let firstIndex = 0;
  while (firstIndex < periods - 1 && billingPeriod(target.periodAnchorAt, billingCycle, firstIndex).end.getTime() <= now.getTime()) firstIndex++;
  return { end: target.commitmentEndAt, anchor: target.periodAnchorAt, firstIndex, periods };
}
