// BIL-1: which issued documents have had their invoice-ready notice (mail and portal notification to
// the recipient's billing and global admins). A row is written in the same transaction as the
// document's mails, so a notice job that crashes, or runs again, never sends a document's notice twice.
// Only the notice job (operations/send-invoice-notices.ts) reads or writes it.
import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { invoices } from '../schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const invoiceNotices = pgTable('invoice_notices', {
  invoiceId: uuid()
    .primaryKey()
    .references(() => invoices.id),
  sentAt: ts().notNull(),
});
