// Marketplace rules, pure: which offers may be resold and their default audience (MKP-1), and how a
// live audience may change (MKP-7, MKP-8) — one table, every cell tested.

export const offerTypes = ['saas', 'virtualMachine', 'solutionTemplate', 'managedApplication', 'dynamics365BusinessCentral', 'container'] as const;
export type OfferType = (typeof offerTypes)[number];
export const audienceModes = ['all', 'selected', 'none'] as const;
export type AudienceMode = (typeof audienceModes)[number];

/** MKP-1: container offers, and VM offers whose plans are all BYOL, start open to any partner. */
export function defaultAudienceMode(type: OfferType, plans: { licenseModel: string }[]): AudienceMode {
  if (type === 'container') return 'all';
  if (type === 'virtualMachine' && plans.length > 0 && plans.every((p) => p.licenseModel === 'byol')) return 'all';
  return 'none';
}

export type ChangeVerdict = { allowed: 'selfService' } | { allowed: 'supportRequest'; keepResold?: boolean; requireNoneResold?: boolean };

/**
 * MKP-8: moving a live offer between audience options.
 * none → all | selected: self-service. all → selected: support request, keeping every partner that has
 * resold. all → none: support request, only if no partner has resold (MKP-7: it would de-authorize
 * them). selected → all: support request. selected → none: support request, only if no authorized
 * partner has resold.
 */
export const modeChanges: Record<AudienceMode, Record<AudienceMode, ChangeVerdict>> = {
  none: { none: { allowed: 'selfService' }, all: { allowed: 'selfService' }, selected: { allowed: 'selfService' } },
  all: { all: { allowed: 'selfService' }, selected: { allowed: 'supportRequest', keepResold: true }, none: { allowed: 'supportRequest', requireNoneResold: true } },
  selected: { selected: { allowed: 'selfService' }, all: { allowed: 'supportRequest' }, none: { allowed: 'supportRequest', requireNoneResold: true } },
};

export interface AudienceChange {
  fromMode: AudienceMode;
  toMode: AudienceMode;
  /** Partners in the live list that the change removes. */
  removed: string[];
  /** Partners among the live audience that have resold the offer (MKP-7). */
  resold: Set<string>;
}

export type ChangeCheck = { ok: true; needsSupportRequest: boolean } | { ok: false; code: 'partner_has_resold' };

/** MKP-7, MKP-8: may this change be made, and does it need a support request? */
export function checkAudienceChange(change: AudienceChange): ChangeCheck {
  const verdict = modeChanges[change.fromMode][change.toMode];
  if ('requireNoneResold' in verdict && verdict.requireNoneResold && change.resold.size > 0) return { ok: false, code: 'partner_has_resold' };
  // MKP-7: a partner that has resold can never be de-authorized (moving to selected keeps it).
  if (change.toMode === 'selected' && change.removed.some((p) => change.resold.has(p))) return { ok: false, code: 'partner_has_resold' };
  const removesPartners = change.fromMode === 'selected' && change.toMode === 'selected' && change.removed.length > 0;
  return { ok: true, needsSupportRequest: verdict.allowed === 'supportRequest' || removesPartners };
}

/** MKP-9: the audience change a "Live offer management" support request asks for. */
export interface RequestedAudienceChange {
  mode?: AudienceMode;
  removePartnerTenantIds?: readonly string[];
}

/**
 * MKP-7, MKP-8, MKP-9: what the rules refuse in a support request for a live offer, field by field, so a
 * request the operator could never apply is refused when it is opened (applying checks again with
 * checkAudienceChange): removing a partner that has resold, or moving to no partners while any has.
 */
export function requestedChangeProblems(liveMode: AudienceMode, requested: RequestedAudienceChange, resold: ReadonlySet<string>): { path: string; code: 'partner_has_resold' }[] {
  const problems: { path: string; code: 'partner_has_resold' }[] = [];
  // Tenant IDs are UUIDs, equal in any case.
  (requested.removePartnerTenantIds ?? []).forEach((id, index) => {
    if (resold.has(id.toLowerCase())) problems.push({ path: `/requestedChange/removePartnerTenantIds/${index}`, code: 'partner_has_resold' });
  });
  const verdict = modeChanges[liveMode][requested.mode ?? liveMode];
  if ('requireNoneResold' in verdict && verdict.requireNoneResold && resold.size > 0) problems.push({ path: '/requestedChange/mode', code: 'partner_has_resold' });
  return problems;
}

/** What an offer needs before it can be published; every missing item is listed. */
export function missingForPublish(offer: { listing: unknown; plans: { prices: unknown[]; markets: unknown[] }[] }): string[] {
  const missing: string[] = [];
  if (!offer.listing) missing.push('/listing');
  if (offer.plans.length === 0) missing.push('/plans');
  offer.plans.forEach((plan, i) => {
    if (plan.prices.length === 0) missing.push(`/plans/${i}/prices`);
    if (plan.markets.length === 0) missing.push(`/plans/${i}/markets`);
  });
  return missing;
}

/** MKP-5: a CSV cell that a spreadsheet would run as a formula is neutralized (the platform's, for every export). */
export { csvSafe } from '../../platform/csv.js';
