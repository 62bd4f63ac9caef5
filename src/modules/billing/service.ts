// Billing: the month-end run that closes each period into the documents of every tier (BIL-1, BIL-2,
// BIL-3). This file binds the operations (operations/<verb-noun>.ts) to their dependencies, built once.
import { binder } from '../../platform/bind.js';
import type { Platform } from '../../platform/context.js';
import type { IdentityService } from '../identity/service.js';
import { closeBillingPeriod } from './operations/close-billing-period.js';
import { closeDuePeriods } from './operations/close-due-periods.js';
import type { BillingDeps } from './operations/deps.js';
import { getInvoice } from './operations/get-invoice.js';
import { getInvoicePdf } from './operations/get-invoice-pdf.js';
import { getBillingProfile } from './operations/get-billing-profile.js';
import { listBillingPeriods } from './operations/list-billing-periods.js';
import { setBillingProfile } from './operations/set-billing-profile.js';
import { listInvoiceLines } from './operations/list-invoice-lines.js';
import { listInvoices } from './operations/list-invoices.js';
import { listTaxRates } from './operations/list-tax-rates.js';
import { sendInvoiceNotices } from './operations/send-invoice-notices.js';
import { listUnbilledCharges } from './operations/list-unbilled-charges.js';
import { setTaxRate } from './operations/set-tax-rate.js';

export type { BillingRunResult } from './operations/close-billing-period.js';
export { invoiceNoticeQueue } from './rules.js';

export function billingService(platform: Platform, modules: { identity: IdentityService }, options: { now?: () => Date } = {}) {
  const deps: BillingDeps = { platform, db: platform.db, identity: modules.identity, now: options.now ?? (() => new Date()) };
  const bind = binder(deps);
  return {
    /** The clock documents' statuses are read at (BIL-4: overdue after the due date). */
    now: deps.now,
    closeBillingPeriod: bind(closeBillingPeriod),
    closeDuePeriods: bind(closeDuePeriods),
    listInvoices: bind(listInvoices),
    getInvoice: bind(getInvoice),
    getInvoicePdf: bind(getInvoicePdf),
    listInvoiceLines: bind(listInvoiceLines),
    listTaxRates: bind(listTaxRates),
    listUnbilledCharges: bind(listUnbilledCharges),
    listBillingPeriods: bind(listBillingPeriods),
    getBillingProfile: bind(getBillingProfile),
    setBillingProfile: bind(setBillingProfile),
    setTaxRate: bind(setTaxRate),
    /** The job handler of invoiceNoticeQueue (BIL-1: invoice-ready notices of a closed period's documents). */
    sendInvoiceNotices: bind(sendInvoiceNotices),
  };
}

export type BillingService = ReturnType<typeof billingService>;
