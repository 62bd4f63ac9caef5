// Credit between the tiers (BIL-4) and payments against documents (BIL-2). Only billing reads or
// writes these tables. Amounts are integer minor units of their currency.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../../identity/schema.js';
import { invoices } from '../schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });
const money = () => bigint({ mode: 'number' });

/** A payment the issuer recorded against one of its documents (partial payments add up). */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    invoiceId: uuid()
      .notNull()
      .references(() => invoices.id),
    amount: money().notNull(),
    currency: text().notNull(),
    /** The day the money arrived (the payer's value date). */
    paidOn: date({ mode: 'string' }).notNull(),
    reference: text().notNull(),
    recordedBy: uuid(),
    createdAt: ts().notNull(),
  },
  (t) => [index('payments_invoice_idx').on(t.invoiceId, t.createdAt), check('payments_amount_check', sql`${t.amount} > 0`)],
);

/** BIL-4: what a seller gives one buyer: a credit limit in one currency (null: none), payment terms, grace. */
export const creditTerms = pgTable(
  'credit_terms',
  {
    sellerTenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    buyerTenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    currency: text().notNull(),
    creditLimit: money(),
    paymentTermDays: integer().notNull().default(30),
    graceDays: integer().notNull().default(10),
    updatedAt: ts().notNull(),
  },
  (t) => [
    primaryKey({ name: 'credit_terms_pk', columns: [t.sellerTenantId, t.buyerTenantId] }),
    check('credit_terms_limit_check', sql`${t.creditLimit} IS NULL OR ${t.creditLimit} >= 0`),
    check('credit_terms_days_check', sql`${t.paymentTermDays} BETWEEN 0 AND 365 AND ${t.graceDays} BETWEEN 0 AND 365`),
  ],
);
