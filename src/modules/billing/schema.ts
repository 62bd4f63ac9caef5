// Billing (BIL-1, BIL-2, BIL-3): closed monthly periods and the documents of each tier, issued from
// the charge lines (commerce) by the month-end run. Amounts are integer minor units of the document's
// currency. Issued documents and their lines never change (a trigger refuses it).
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });
const money = () => bigint({ mode: 'number' });

/** The tax rate the operator keeps per market (country), in basis points (19 % = 1900). */
export const taxRates = pgTable(
  'tax_rates',
  {
    country: text().primaryKey(),
    rateBp: integer().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [check('tax_rates_rate_check', sql`${t.rateBp} >= 0 AND ${t.rateBp} <= 10000`)],
);

/** What a document shows of a party's billing profile, as it was when the document was issued. */
export interface BillingProfileSnapshot {
  legalName: string;
  taxId: string | null;
  address: Record<string, string>;
  email: string | null;
}

/** BIL-1: a tenant's billing profile (legal name, tax ID, billing address), copied onto its documents. */
export const billingProfiles = pgTable('billing_profiles', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  legalName: text().notNull(),
  taxId: text(),
  address: jsonb().$type<Record<string, string>>().notNull(),
  email: text(),
  updatedAt: ts().notNull(),
});

/** BIL-1: a closed period (written first by its run, in the run's one transaction). */
export const billingRuns = pgTable('billing_runs', {
  periodStart: ts().primaryKey(),
  periodEnd: ts().notNull(),
  documents: integer().notNull().default(0),
  lines: integer().notNull().default(0),
  closedAt: ts().notNull().defaultNow(),
});

/** BIL-2: the last number each issuer gave. */
export const invoiceSequences = pgTable('invoice_sequences', {
  issuerTenantId: uuid().primaryKey(),
  lastNumber: integer().notNull(),
});

export const invoices = pgTable(
  'invoices',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(), // invoice | statement (to a customer) | creditNote (BIL-2: corrects an invoice or statement)
    tier: text().notNull(), // provider (operator → provider) | reseller (provider → reseller) | customer (reseller → customer)
    issuerTenantId: uuid().notNull(),
    recipientTenantId: uuid().notNull(),
    number: integer().notNull(),
    periodStart: ts().notNull(),
    periodEnd: ts().notNull(),
    currency: text().notNull(),
    issuerName: text().notNull(),
    recipientName: text().notNull(),
    recipientCountry: text().notNull(),
    taxRateBp: integer().notNull(),
    lineCount: integer().notNull(),
    subtotal: money().notNull(),
    tax: money().notNull(),
    total: money().notNull(),
    issuedAt: ts().notNull(),
    dueAt: ts().notNull(),
    /** A credit note's corrected document (BIL-2), and why. */
    correctsInvoiceId: uuid(),
    reason: text(),
    /** The parties' billing profiles as issued (null where the party had none). */
    issuerProfile: jsonb().$type<BillingProfileSnapshot>(),
    recipientProfile: jsonb().$type<BillingProfileSnapshot>(),
  },
  (t) => [
    uniqueIndex('invoices_number_idx').on(t.issuerTenantId, t.number),
    uniqueIndex('invoices_once_idx').on(t.periodStart, t.tier, t.issuerTenantId, t.recipientTenantId, t.currency).where(sql`corrects_invoice_id IS NULL`),
    index('invoices_corrects_idx').on(t.correctsInvoiceId).where(sql`corrects_invoice_id IS NOT NULL`),
    index('invoices_pair_idx').on(t.recipientTenantId, t.issuerTenantId, t.dueAt),
    index('invoices_recipient_idx').on(t.recipientTenantId, t.issuedAt),
    index('invoices_issuer_idx').on(t.issuerTenantId, t.issuedAt),
    check('invoices_kind_check', sql`${t.kind} IN ('invoice', 'statement', 'creditNote')`),
    check('invoices_correction_check', sql`(${t.kind} = 'creditNote') = (${t.correctsInvoiceId} IS NOT NULL)`),
    check('invoices_tier_check', sql`${t.tier} IN ('provider', 'reseller', 'customer')`),
    check('invoices_total_check', sql`${t.total} = ${t.subtotal} + ${t.tax}`),
  ],
);

/** BIL-3: a line names everything it reconciles to, frozen as issued. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    lineNumber: integer().notNull(),
    chargeLineId: uuid().notNull(),
    customerTenantId: uuid().notNull(),
    customerName: text().notNull(),
    subscriptionId: uuid().notNull(),
    subscriptionName: text().notNull(),
    orderId: uuid().notNull(),
    offerId: uuid().notNull(),
    productName: text().notNull(),
    skuId: text().notNull(),
    termDuration: text().notNull(),
    billingCycle: text().notNull(),
    chargeType: text().notNull(),
    chargeStart: ts().notNull(),
    chargeEnd: ts().notNull(),
    quantity: integer().notNull(),
    chargedDays: integer().notNull(),
    periodDays: integer().notNull(),
    unitPrice: money().notNull(),
    amount: money().notNull(),
    tax: money().notNull(),
    total: money().notNull(),
    currency: text().notNull(),
    partnerIdOnRecord: text(),
    /** A credit note's line: the corrected document's line it credits. */
    correctsLineNumber: integer(),
  },
  (t) => [primaryKey({ name: 'invoice_lines_pk', columns: [t.invoiceId, t.lineNumber] })],
);
