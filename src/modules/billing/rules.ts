// Billing rules (BIL-1): calendar-month periods in UTC, and the tiers a period's charge lines are
// invoiced at (who issues, who receives, which of the line's four amounts).

/** BIL-1: the period (calendar month, UTC) holding `at`: [start, end). */
export function periodOf(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return { start, end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
}

/** The periods after `from` (inclusive, its month) that ended by `now`, oldest first. */
export function endedPeriods(from: Date, now: Date): { start: Date; end: Date }[] {
  const periods: { start: Date; end: Date }[] = [];
  for (let p = periodOf(from); p.end.getTime() <= now.getTime(); p = periodOf(p.end)) periods.push(p);
  return periods;
}

/** Payment terms when the issuer set none for the recipient (days after issue). */
export const defaultPaymentTermDays = 30;

/**
 * BIL-1: each tier is invoiced by the one above: the operator invoices providers at their cost, a
 * provider its resellers at the reseller price (not itself, where it resells its own), a reseller its
 * customers at the customer price (a statement). In this order, so an issuer's numbers follow tier by tier.
 */
export const tiers = [
  { tier: 'provider', kind: 'invoice', issuer: 'operator', recipient: 'provider_tenant_id', amount: 'provider_amount' },
  { tier: 'reseller', kind: 'invoice', issuer: 'provider_tenant_id', recipient: 'reseller_tenant_id', amount: 'reseller_amount' },
  { tier: 'customer', kind: 'statement', issuer: 'reseller_tenant_id', recipient: 'customer_tenant_id', amount: 'customer_amount' },
] as const;

export type Tier = (typeof tiers)[number]['tier'];

/** BIL-1: the queue of the invoice-ready notice job: one job per closed period that issued documents. */
export const invoiceNoticeQueue = 'billing.invoiceNotices';

/** BIL-1: who hears that a document is ready: the recipient's billing admins and global admins. */
export const invoiceNoticeRoles = ['billingAdmin', 'globalAdmin'] as const;
