// Billing: the month-end run that closes each period into the documents of every tier (BIL-1, BIL-2,
// BIL-3). This file binds the operations (operations/<verb-noun>.ts) to their dependencies, built once.
import { binder } from '../../platform/bind.js';
import type { Platform } from '../../platform/context.js';
import { closeBillingPeriod } from './operations/close-billing-period.js';
import { closeDuePeriods } from './operations/close-due-periods.js';
import type { BillingDeps } from './operations/deps.js';
import { getInvoice } from './operations/get-invoice.js';
import { listInvoiceLines } from './operations/list-invoice-lines.js';
import { listInvoices } from './operations/list-invoices.js';
import { listTaxRates } from './operations/list-tax-rates.js';
import { setTaxRate } from './operations/set-tax-rate.js';

export type { BillingRunResult } from './operations/close-billing-period.js';

export function billingService(platform: Platform, options: { now?: () => Date } = {}) {
  const deps: BillingDeps = { platform, db: platform.db, now: options.now ?? (() => new Date()) };
  const bind = binder(deps);
  return {
    closeBillingPeriod: bind(closeBillingPeriod),
    closeDuePeriods: bind(closeDuePeriods),
    listInvoices: bind(listInvoices),
    getInvoice: bind(getInvoice),
    listInvoiceLines: bind(listInvoiceLines),
    listTaxRates: bind(listTaxRates),
    setTaxRate: bind(setTaxRate),
  };
}

export type BillingService = ReturnType<typeof billingService>;
