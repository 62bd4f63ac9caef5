// Rows → the contract's shapes (return types from contract.ts, so drift fails tsc).
import { formatAmount, formatPercent } from '../../platform/money.js';
import type { Address } from '../enrollment/contract.js';
import type { BillingProfile, Invoice, InvoiceLine, TaxRate } from './contract.js';
import type { BillingProfileSnapshot, billingProfiles, invoiceLines, invoices, taxRates } from './schema.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
/** A document with its settlement, as reads.ts settledColumns reads it. */
export type SettledInvoiceRow = InvoiceRow & { amountPaid: number; amountCredited: number; balance: number };

/** BIL-4: what is left to pay on a document, and its status at `at` (credit notes are issued, nothing to pay). */
export function settlementOf(r: SettledInvoiceRow, at: Date): { balance: number; status: Invoice['status'] } {
  if (r.kind === 'creditNote') return { balance: 0, status: 'issued' };
  return { balance: r.balance, status: r.balance <= 0 ? 'paid' : r.dueAt.getTime() < at.getTime() ? 'overdue' : 'open' };
}

export function invoiceView(r: SettledInvoiceRow, at: Date): Invoice {
  const money = (minor: number) => formatAmount(minor, r.currency);
  const settlement = settlementOf(r, at);
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as Invoice['kind'],
    tier: r.tier as Invoice['tier'],
    issuer: { tenantId: r.issuerTenantId, name: r.issuerName, billingProfile: snapshotView(r.issuerProfile) },
    recipient: { tenantId: r.recipientTenantId, name: r.recipientName, billingProfile: snapshotView(r.recipientProfile), country: r.recipientCountry },
    periodStart: r.periodStart.toISOString(),
    periodEnd: r.periodEnd.toISOString(),
    currency: r.currency,
    taxRate: formatPercent(r.taxRateBp),
    lineCount: r.lineCount,
    subtotal: money(r.subtotal),
    tax: money(r.tax),
    total: money(r.total),
    issuedAt: r.issuedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    correctsInvoiceId: r.correctsInvoiceId,
    reason: r.reason,
    amountPaid: money(r.amountPaid),
    amountCredited: money(r.amountCredited),
    balance: money(settlement.balance),
    status: settlement.status,
  };
}

export function invoiceLineView(l: InvoiceLineRow): InvoiceLine {
  const money = (minor: number) => formatAmount(minor, l.currency);
  return {
    lineNumber: l.lineNumber,
    chargeLineId: l.chargeLineId,
    customerId: l.customerTenantId,
    customerName: l.customerName,
    subscriptionId: l.subscriptionId,
    subscriptionDescription: l.subscriptionName,
    orderId: l.orderId,
    productId: l.offerId,
    productName: l.productName,
    skuId: l.skuId,
    termAndBillingCycle: { termDuration: l.termDuration, billingCycle: l.billingCycle },
    chargeType: l.chargeType,
    chargeStartDate: l.chargeStart.toISOString(),
    chargeEndDate: l.chargeEnd.toISOString(),
    quantity: l.quantity,
    chargedDays: l.chargedDays,
    periodDays: l.periodDays,
    unitPrice: money(l.unitPrice),
    subtotal: money(l.amount),
    taxTotal: money(l.tax),
    total: money(l.total),
    currency: l.currency,
    partnerIdOnRecord: l.partnerIdOnRecord,
    correctsLineNumber: l.correctsLineNumber,
  };
}

function snapshotView(p: BillingProfileSnapshot | null): Invoice['issuer']['billingProfile'] {
  if (!p) return null;
  return { legalName: p.legalName, taxId: p.taxId, address: p.address as Address, email: p.email };
}

export function billingProfileView(r: typeof billingProfiles.$inferSelect): BillingProfile {
  return { tenantId: r.tenantId, legalName: r.legalName, taxId: r.taxId, address: r.address as Address, email: r.email, updatedAt: r.updatedAt.toISOString() };
}

export function taxRateView(r: typeof taxRates.$inferSelect): TaxRate {
  return { country: r.country, rate: formatPercent(r.rateBp), updatedAt: r.updatedAt.toISOString() };
}
