// BIL-1, BIL-3: one document as PDF in the reader's language, for exactly whoever may read the document
// (its issuer and its recipient: the same check as get-invoice.ts, so "not found" for anyone else). Its
// lines are read in batches over invoice_lines' primary key (document, line number), each batch
// read while the one before is laid out, and streamed: memory stays flat at any size.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { query } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import type { Locale } from '../../../platform/i18n/index.js';
import { invoicePdf, latinCharacters } from '../documents/invoice-pdf.js';
import { invoiceLines } from '../schema.js';
import type { InvoiceLineRow } from '../views.js';
import type { BillingDeps } from './deps.js';
import { getInvoice } from './get-invoice.js';

/** Lines read per batch. */
export const pdfLinesPerBatch = 1000;

export interface InvoicePdfFile {
  fileName: string;
  body: Readable;
}

export async function getInvoicePdf(deps: BillingDeps, actor: Actor, id: string, locale: Locale): Promise<InvoicePdfFile> {
  const invoice = await getInvoice(deps, actor, id);
  // Names in another script than Latin-1 (a customer's, a product's) need a font that has them.
  const [unicode] = await query<{ found: boolean }>(
    deps.db,
    sql`select exists (
          select 1 from invoice_lines
          where invoice_id = ${id}::uuid and (customer_name || subscription_name || product_name || sku_id) ~ ${`[^${latinCharacters}]`}
        ) as found`,
  );
  const body = await invoicePdf({ invoice, locale, lines: lineBatches(deps, id), unicodeLines: unicode?.found === true });
  const kind = invoice.kind === 'creditNote' ? 'credit-note' : invoice.kind === 'statement' ? 'statement' : 'invoice';
  return { fileName: `${kind}-${invoice.number}.pdf`, body };
}

/** The document's lines in order, a batch at a time; the next batch is read while the caller lays out this one. */
async function* lineBatches(deps: BillingDeps, invoiceId: string): AsyncGenerator<InvoiceLineRow[]> {
  const read = (afterLine: number) => {
    const rows = deps.db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.invoiceId, invoiceId), gt(invoiceLines.lineNumber, afterLine)))
      .orderBy(asc(invoiceLines.lineNumber))
      .limit(pdfLinesPerBatch)
      .then((r) => r);
    // Read ahead: should the reader go away first, this read's own failure is not left unhandled.
    rows.catch(() => {});
    return rows;
  };
  let next: Promise<InvoiceLineRow[]> | undefined = read(0);
  while (next) {
    const rows: InvoiceLineRow[] = await next;
    next = rows.length === pdfLinesPerBatch ? read(rows.at(-1)!.lineNumber) : undefined;
    if (rows.length > 0) yield rows;
  }
}
