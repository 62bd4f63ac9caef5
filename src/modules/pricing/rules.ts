// Pricing rules, pure (no I/O, no clock): which repricing config prices a line, and what it gives.
//
// PRC-2 A provider reprices for its resellers, a reseller for its customers. A config's scope is all of
// the owner's buyers or one; its target all products, one product or one SKU; its basis the seller's
// cost or the list price; its adjustment a percentage (markup or discount) or a fixed unit price; it
// applies from its effective month until a config of the same scope and target takes over.
// The most specific config wins: a config for one buyer beats one for all buyers (the shape of Google
// Cloud Channel, where repricing is negotiated per partner or customer and its conditional overrides
// narrow it to SKUs), and within the same scope a SKU beats a product beats all products. Two configs of
// the same scope, target and effective month are one too many (refused when the second is made). Without
// any config, the buyer pays list price.
// PRC-5 Prices are whole minor units; a percentage rounds half to even at the unit price (money.ts).
// PRC-1 Price lists: see the second part of this file.
import { adjustByBasisPoints, exponentOf, parseAmount, parsePercent } from '../../platform/money.js';
import { billingCycleAllowedForTerm } from '../commerce/rules.js';

/** A calendar month, 'YYYY-MM' (UTC): price lists and configs take effect on its first day. */
export type Month = string;
export const monthPattern = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** The month a moment falls in (UTC). */
export function monthOf(at: Date): Month {
  return at.toISOString().slice(0, 7);
}

/** The month after this one. */
export function nextMonth(month: Month): Month {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export type RepricingScope = { kind: 'all' } | { kind: 'one'; buyerTenantId: string };
/** A SKU is named within its product (SKU IDs are the product's own, such as "E3"). */
export type RepricingTarget = { kind: 'all' } | { kind: 'product'; productId: string } | { kind: 'sku'; productId: string; skuId: string };
export type RepricingAdjustment = { kind: 'percent'; basisPoints: number } | { kind: 'fixed'; unitPrice: number; currency: string };
export const repricingBases = ['cost', 'list'] as const;
export type RepricingBasis = (typeof repricingBases)[number];

export interface RepricingConfig {
  id: string;
  scope: RepricingScope;
  target: RepricingTarget;
  basis: RepricingBasis;
  adjustment: RepricingAdjustment;
  effectiveMonth: Month;
}

/** What is being priced: for whom, which SKU of which product, in which month and currency. */
export interface PricedLine {
  buyerTenantId: string;
  productId: string;
  skuId: string;
  month: Month;
  currency: string;
}

/** The seller's two reference prices for the line, in minor units of its currency. */
export interface ReferencePrices {
  /** What the seller pays (the tier above's price to it). */
  cost: number;
  /** The list price (estimated retail) of the month's price list. */
  list: number;
}

/** How specific a config is: higher wins. Scope first, then target (see the header). */
export function specificity(config: Pick<RepricingConfig, 'scope' | 'target'>): number {
  const target = config.target.kind === 'sku' ? 2 : config.target.kind === 'product' ? 1 : 0;
  return (config.scope.kind === 'one' ? 3 : 0) + target;
}

/** The key two configs must not share in the same effective month. */
export function slotOf(config: Pick<RepricingConfig, 'scope' | 'target'>): string {
  const scope = config.scope.kind === 'one' ? `one:${config.scope.buyerTenantId}` : 'all';
  const target = config.target.kind === 'sku' ? `sku:${config.target.productId}:${config.target.skuId}` : config.target.kind === 'product' ? `product:${config.target.productId}` : 'all';
  return `${scope}|${target}`;
}

function matches(config: RepricingConfig, line: PricedLine): boolean {
  if (config.effectiveMonth > line.month) return false;
  if (config.scope.kind === 'one' && config.scope.buyerTenantId !== line.buyerTenantId) return false;
  if (config.target.kind !== 'all' && config.target.productId !== line.productId) return false;
  if (config.target.kind === 'sku' && config.target.skuId !== line.skuId) return false;
  // A fixed price is in one currency; in another market it does not apply and a broader config does.
  if (config.adjustment.kind === 'fixed' && config.adjustment.currency !== line.currency) return false;
  return true;
}

/**
 * PRC-2: the config that prices the line, or undefined (list price). Among the configs in force that
 * month (the latest effective month of each scope and target), the most specific. The result never
 * depends on the order of `configs`: ties are impossible once slots are unique per month, and are
 * broken by ID if stored data ever holds one.
 */
export function winningConfig(configs: readonly RepricingConfig[], line: PricedLine): RepricingConfig | undefined {
  const inForce = new Map<string, RepricingConfig>();
  for (const config of configs) {
    if (!matches(config, line)) continue;
    const slot = `${slotOf(config)}|${config.adjustment.kind === 'fixed' ? config.adjustment.currency : ''}`;
    const held = inForce.get(slot);
    if (!held || config.effectiveMonth > held.effectiveMonth || (config.effectiveMonth === held.effectiveMonth && config.id < held.id)) inForce.set(slot, config);
  }
  // Equal specificity happens only between a percentage and a fixed price for the same slot: the later
  // one has taken over; in the same month the fixed price, which names the line's currency, is narrower.
  const rank = (c: RepricingConfig) => [specificity(c), c.effectiveMonth, c.adjustment.kind === 'fixed' ? 1 : 0] as const;
  let best: RepricingConfig | undefined;
  for (const config of inForce.values()) {
    if (!best) {
      best = config;
      continue;
    }
    const [a, b] = [rank(config), rank(best)];
    const order = a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] > b[1] ? 1 : -1) || a[2] - b[2] || (config.id < best.id ? 1 : config.id > best.id ? -1 : 0);
    if (order > 0) best = config;
  }
  return best;
}

/** What a config gives for the line's reference prices (PRC-5: rounded once, half to even, never below zero). */
export function applyConfig(config: RepricingConfig, prices: ReferencePrices): number {
  if (config.adjustment.kind === 'fixed') return config.adjustment.unitPrice;
  const basis = config.basis === 'cost' ? prices.cost : prices.list;
  return Math.max(0, adjustByBasisPoints(basis, config.adjustment.basisPoints));
}

/** PRC-2: the buyer's unit price and the config behind it (none: list price). */
export function repricedUnitPrice(configs: readonly RepricingConfig[], line: PricedLine, prices: ReferencePrices): { unitPrice: number; configId: string | null } {
  const config = winningConfig(configs, line);
  return config ? { unitPrice: applyConfig(config, prices), configId: config.id } : { unitPrice: prices.list, configId: null };
}

/** Why a new config cannot be stored beside the existing ones, or null. */
export function configProblem(
  config: Omit<RepricingConfig, 'id'>,
  existing: readonly RepricingConfig[],
  currentMonth: Month,
): 'repricing_conflict' | 'repricing_month_past' | 'repricing_fixed_needs_sku' | 'repricing_discount_too_large' | null {
  if (config.effectiveMonth < currentMonth) return 'repricing_month_past';
  if (config.adjustment.kind === 'fixed' && config.target.kind !== 'sku') return 'repricing_fixed_needs_sku';
  if (config.adjustment.kind === 'percent' && config.adjustment.basisPoints < -10_000) return 'repricing_discount_too_large';
  const slot = slotOf(config);
  const currency = config.adjustment.kind === 'fixed' ? config.adjustment.currency : '';
  const clash = existing.some(
    (other) => other.effectiveMonth === config.effectiveMonth && slotOf(other) === slot && (other.adjustment.kind === 'fixed' ? other.adjustment.currency : '') === currency,
  );
  return clash ? 'repricing_conflict' : null;
}

// ---------------------------------------------------------------------------------------------
// PRC-1 Price lists: one version per month (UTC), draft → published. A published version never changes
// and takes effect on the first day of its month; the one in force in a month is the latest published
// version of that month or before. A draft starts as a copy of the version in force before its month,
// so the operator edits only what changes.

export const priceListStatuses = ['draft', 'published'] as const;
export type PriceListStatus = (typeof priceListStatuses)[number];

/** PRC-1: the allowed status changes; published is terminal. */
export const priceListTransitions: Record<PriceListStatus, readonly PriceListStatus[]> = { draft: ['published'], published: [] };

/** The moment a month's prices take effect: its first day, 00:00 UTC. */
export function monthStart(month: Month): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

/**
 * PRC-1: why a price list for `month` may not be prepared or published now, or null. A month that has
 * passed is refused, and so is the current month once an earlier version is in force: its prices hold
 * until the month ends. Only the program's first price list may start in the month it is published.
 */
export function priceListMonthProblem(month: Month, currentMonth: Month, earlierPublished: boolean): 'price_list_month_past' | null {
  if (month < currentMonth) return 'price_list_month_past';
  if (month === currentMonth && earlierPublished) return 'price_list_month_past';
  return null;
}

/** What a price-list entry names: one SKU of one product, with a term, a billing cycle and a currency. */
export interface EntryKey {
  productId: string;
  skuId: string;
  termDuration: string;
  billingCycle: string;
  currency: string;
}

export function entryKeyOf(e: EntryKey): string {
  return [e.productId, e.skuId, e.termDuration, e.billingCycle, e.currency].join('|');
}

/**
 * PRC-1, ORD-1: why an entry's term and billing cycle cannot be priced for the SKU, as a field code, or
 * null. The SKU must be sold with both, and the pair must hold (a P1M term is billed monthly only;
 * P1Y and P3Y monthly or annually: commerce's cyclesForTerm).
 */
export function entryTermProblem(
  sku: { termDurations: readonly string[]; billingCycles: readonly string[] },
  termDuration: string,
  billingCycle: string,
): { path: '/termDuration' | '/billingCycle'; code: 'term_not_offered' | 'billing_cycle_not_offered' | 'billing_cycle_not_allowed_for_term' } | null {
  if (!sku.termDurations.includes(termDuration)) return { path: '/termDuration', code: 'term_not_offered' };
  if (!sku.billingCycles.includes(billingCycle)) return { path: '/billingCycle', code: 'billing_cycle_not_offered' };
  if (!billingCycleAllowedForTerm(termDuration, billingCycle)) return { path: '/billingCycle', code: 'billing_cycle_not_allowed_for_term' };
  return null;
}

/**
 * PRC-5: a price as the API sends it (a decimal text) → minor units, or why not: more decimals than the
 * currency has (`amount_too_precise`, with the number it has), or not a non-negative decimal. Taken
 * exactly or refused, never rounded.
 */
export function priceOf(text: string, currency: string): { minor: number } | { code: 'amount_too_precise'; params: { decimals: number; currency: string } } | { code: 'amount_invalid' } {
  const minor = parseAmount(text, currency);
  if (minor !== undefined) return minor < 0 || text.trim().startsWith('-') ? { code: 'amount_invalid' } : { minor };
  const decimals = /^\d{1,15}\.(\d+)$/.exec(text.trim())?.[1]?.length;
  if (decimals !== undefined && decimals > exponentOf(currency)) return { code: 'amount_too_precise', params: { decimals: exponentOf(currency), currency } };
  return { code: 'amount_invalid' };
}

/**
 * PRC-1, ORD-3: the term × billing cycle pairs a SKU is sold with (both offered and the pair allowed
 * for its term), in key order: what a price list, the marketplace rows beside it and a price sheet
 * price for the SKU.
 */
export function termCyclePairs(sku: { termDurations: readonly string[]; billingCycles: readonly string[] }): { termDuration: string; billingCycle: string }[] {
  return [...sku.termDurations]
    .sort()
    .flatMap((termDuration) => [...sku.billingCycles].sort().filter((billingCycle) => billingCycleAllowedForTerm(termDuration, billingCycle)).map((billingCycle) => ({ termDuration, billingCycle })));
}

/** Key order of entries (product, SKU, term, billing cycle, currency): negative, zero or positive. */
export function compareEntryKeys(a: EntryKey, b: EntryKey): number {
  for (const field of ['productId', 'skuId', 'termDuration', 'billingCycle', 'currency'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}

/**
 * PRC-2, PRC-5: a config's adjustment from the text a client sends (a percentage, or a fixed unit price
 * in a currency), or which of the two is at fault and why: taken exactly or refused, never rounded.
 * A config's creation and the preview of one being written read it the same way.
 */
export function adjustmentOfText(
  input: { percent: string; unitPrice?: undefined } | { percent?: undefined; unitPrice: string; currency: string },
): { adjustment: RepricingAdjustment } | { field: 'percent' | 'unitPrice'; code: string; params?: Record<string, unknown> } {
  if (input.percent !== undefined) {
    const basisPoints = parsePercent(input.percent);
    return basisPoints === undefined ? { field: 'percent', code: 'percent_invalid' } : { adjustment: { kind: 'percent', basisPoints } };
  }
  const price = priceOf(input.unitPrice, input.currency);
  if ('minor' in price) return { adjustment: { kind: 'fixed', unitPrice: price.minor, currency: input.currency } };
  return { field: 'unitPrice', code: price.code, ...('params' in price ? { params: price.params } : {}) };
}
