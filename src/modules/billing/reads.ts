// What several billing operations read: a document's settlement (its payments and credit notes, summed
// where it is read: an issued document never changes, so nothing stored is kept in step with them).
import { sql } from 'drizzle-orm';

// The outer query reads `invoices` by its own name (no alias); the subqueries name it so, because a
// column interpolated alone is rendered unqualified and would bind to the subquery's own table.

/** Minor units paid against the document (payments recorded by its issuer). */
export const amountPaid = sql<number>`(select coalesce(sum(p.amount), 0) from payments p where p.invoice_id = invoices.id)`.mapWith(Number);

/** Minor units credited on the document (its credit notes' totals, which are negative, made positive). */
export const amountCredited = sql<number>`(select coalesce(-sum(n.total), 0) from invoices n where n.corrects_invoice_id = invoices.id)`.mapWith(Number);

/** The columns a document is read with besides its own: its settlement. */
export const settledColumns = { amountPaid, amountCredited };
