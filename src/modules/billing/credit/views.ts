// Rows → credit's contract shapes (return types from contract.ts, so drift fails tsc).
import { formatAmount } from '../../../platform/money.js';
import type { AgingRow, CreditTerms, Payment } from './contract.js';
import { availableCreditOf, type AgingBucket } from './rules.js';
import type { creditTerms, payments } from './schema.js';

export type CreditTermsRow = typeof creditTerms.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;

export function creditTermsView(
  r: CreditTermsRow & { sellerName: string; buyerName: string },
  standing: { exposure: number; overdueCount: number },
): CreditTerms {
  const money = (minor: number) => formatAmount(minor, r.currency);
  const available = availableCreditOf(r.creditLimit, standing.exposure);
  return {
    seller: { tenantId: r.sellerTenantId, name: r.sellerName },
    buyer: { tenantId: r.buyerTenantId, name: r.buyerName },
    currency: r.currency,
    creditLimit: r.creditLimit === null ? null : money(r.creditLimit),
    paymentTermDays: r.paymentTermDays,
    graceDays: r.graceDays,
    exposure: money(standing.exposure),
    availableCredit: available === null ? null : money(available),
    overdueCount: standing.overdueCount,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function paymentView(r: PaymentRow): Payment {
  return { id: r.id, invoiceId: r.invoiceId, amount: formatAmount(r.amount, r.currency), currency: r.currency, paidOn: r.paidOn, reference: r.reference, recordedAt: r.createdAt.toISOString() };
}

export function agingRowView(r: { tenantId: string; name: string; currency: string; openDocuments: number } & Record<AgingBucket, number>): AgingRow {
  const money = (minor: number) => formatAmount(minor, r.currency);
  return {
    tenantId: r.tenantId,
    name: r.name,
    currency: r.currency,
    current: money(r.current),
    days1to30: money(r.days1to30),
    days31to60: money(r.days31to60),
    days61to90: money(r.days61to90),
    over90: money(r.over90),
    total: money(r.current + r.days1to30 + r.days31to60 + r.days61to90 + r.over90),
    openDocuments: r.openDocuments,
  };
}
