// BIL-3: a document's lines in order, a page at a time (the document's issuer and recipient only).
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { invoiceLines } from '../schema.js';
import type { InvoiceLineRow, InvoiceRow } from '../views.js';
import type { BillingDeps } from './deps.js';
import { getInvoice } from './get-invoice.js';

export async function listInvoiceLines(deps: BillingDeps, actor: Actor, id: string, query: { size: number; afterLine?: number }): Promise<{ invoice: InvoiceRow; items: InvoiceLineRow[] }> {
  const invoice = await getInvoice(deps, actor, id);
  const items = await deps.db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.invoiceId, id), query.afterLine !== undefined ? gt(invoiceLines.lineNumber, query.afterLine) : undefined))
    .orderBy(asc(invoiceLines.lineNumber))
    .limit(query.size + 1);
  return { invoice, items };
}
