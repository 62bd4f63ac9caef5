// BIL-3: the export job (queue billing.reconciliationExport): writes every line of the documents the
// export's tenant received or issued in its period to one file under DATA_DIR/exports, then marks the
// export succeeded with the file's row count, size and SHA-256.
// - Memory stays flat at any size: documents are read a page at a time in ID order and their lines in
//   batches of at most linesPerBatch, each batch a range of invoice_lines' primary key (document ID,
//   line number) (rules.ts lineBatches), encoded and written before the next is read.
// - A killed run leaves no half file under the final name: the file is written to a temporary name,
//   synced, then renamed. The rows come in a fixed order from documents that never change (BIL-2), so
//   a rerun writes the same file; a rerun first removes what a killed one left.
// - After exportMaxAttempts failed attempts the export is marked failed; the queue keeps the error.
// The lines are joined, per batch, to what they name elsewhere that a row shows (the customer's domain
// and country, the SKU's name and publisher, when the charge was rated), in the statement that reads
// them, as the month-end run reads charge lines (close-billing-period.ts): each a look-up by primary
// key per line (lateral, limit 1), so the plan stays the same whatever the size of those tables.
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { arrayLiteral, isoText, query } from '../../../../db/index.js';
import { uuidPattern } from '../../../../platform/http.js';
import { csvSafe } from '../../../marketplace/rules.js';
import type { ReconciliationRow } from '../contract.js';
import { operatorTenant } from '../../reads.js';
import { exportFilePath } from '../reads.js';
import {
  documentsPerPage,
  exportMaxAttempts,
  freeTextColumns,
  lineBatches,
  reconciliationColumns,
  reconciliationRowOf,
  statusesBefore,
  type ExportDocument,
  type ExportLine,
  type LineBatch,
} from '../rules.js';
import { reconciliationExports } from '../schema.js';
import type { ReconciliationExportRow } from '../views.js';
import type { ReconciliationDeps } from './deps.js';

type Status = ReconciliationExportRow['status'];

export async function runReconciliationExport(deps: ReconciliationDeps, payload: Record<string, unknown>, job: { id: string; attempts: number }): Promise<void> {
  const exportId = typeof payload.exportId === 'string' && uuidPattern.test(payload.exportId) ? payload.exportId : undefined;
  if (!exportId) return;
  const started = await move(deps, exportId, 'running', { startedAt: deps.now() });
  // Gone, or finished already (succeeded or failed: a job that ran to its end once).
  if (!started) return;
  let file: { rowCount: number; byteSize: number; sha256: string };
  try {
    file = await writeExportFile(deps, started, job);
  } catch (error) {
    if (job.attempts >= exportMaxAttempts) await move(deps, exportId, 'failed', { completedAt: deps.now() });
    throw error;
  }
  await move(deps, exportId, 'succeeded', { ...file, completedAt: deps.now() });
}

/** Moves the export to `to` where the state machine allows it; the row after, or undefined when it did not move. */
async function move(deps: ReconciliationDeps, id: string, to: Status, values: Partial<ReconciliationExportRow>): Promise<ReconciliationExportRow | undefined> {
  const e = reconciliationExports;
  const [row] = await deps.db
    .update(e)
    .set({ ...values, status: to })
    .where(and(eq(e.id, id), inArray(e.status, statusesBefore(to))))
    .returning();
  return row;
}

/** Writes the file to a temporary name beside its final one, then renames it; answers what it holds. */
async function writeExportFile(deps: ReconciliationDeps, row: ReconciliationExportRow, job: { attempts: number }) {
  await mkdir(deps.exportsDir, { recursive: true });
  const final = exportFilePath(deps, row);
  await removeLeftovers(deps.exportsDir, path.basename(final));
  const partial = `${final}.${process.pid}-${job.attempts}.partial`;
  const hash = createHash('sha256');
  let byteSize = 0;
  let rowCount = 0;
  const handle = await open(partial, 'w');
  let closed = false;
  try {
    // One write in flight while the next batch is read and encoded (two batches' bytes in memory at most).
    let writing: Promise<void> = Promise.resolve();
    const writeAll = async (bytes: Buffer) => {
      for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
    };
    const write = async (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      hash.update(bytes);
      byteSize += bytes.length;
      await writing;
      writing = writeAll(bytes);
      writing.catch(() => {});
    };
    if (row.format === 'csv') await write(stringify([], { header: true, columns: reconciliationColumns }));
    for await (const rows of exportRows(deps, row)) {
      rowCount += rows.length;
      await write(row.format === 'csv' ? csvOf(rows) : jsonLinesOf(rows));
      deps.platform.crashPoint('reconciliationExport');
    }
    await writing;
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(partial, final);
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  return { rowCount, byteSize, sha256: hash.digest('hex') };
}

/** Removes the temporary files an earlier run of this export left (it was killed, or failed). */
async function removeLeftovers(dir: string, finalName: string) {
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${finalName}.`) && name.endsWith('.partial')) await rm(path.join(dir, name), { force: true });
  }
}

function csvOf(rows: ReconciliationRow[]): string {
  // Names a tenant wrote are neutralized where a spreadsheet would run them as formulas (MKP-5); amounts are not text.
  for (const row of rows) {
    const cells = row as unknown as Record<string, unknown>;
    for (const column of freeTextColumns) if (typeof cells[column] === 'string') cells[column] = csvSafe(cells[column] as string);
  }
  return stringify(rows, { columns: reconciliationColumns });
}

function jsonLinesOf(rows: ReconciliationRow[]): string {
  let text = '';
  for (const r of rows) text += `${JSON.stringify(r)}\n`;
  return text;
}

type DocumentRow = ExportDocument & { lineCount: number };
type LineRow = ExportLine & { invoiceId: string };

/**
 * The export's rows in (document ID, line number) order, a batch at a time. The next batch is read
 * while the one before is encoded and written (two batches in memory at most).
 */
async function* exportRows(deps: ReconciliationDeps, e: ReconciliationExportRow): AsyncGenerator<ReconciliationRow[]> {
  const party = e.direction === 'issued' ? sql`i.issuer_tenant_id` : sql`i.recipient_tenant_id`;
  // The operator publishes its own products (a marketplace offer names its publisher).
  const operator = await operatorTenant(deps.db);
  const readLines = (batch: LineBatch) => {
    const read = readBatch(batch);
    // Read ahead: should the writing fail first, this read's own failure is not left unhandled.
    read.catch(() => {});
    return read;
  };
  const readBatch = (batch: LineBatch) =>
    query<LineRow>(
      deps.db,
      sql`select l.invoice_id as "invoiceId", l.line_number as "lineNumber", l.charge_line_id as "chargeLineId", l.customer_tenant_id as "customerId",
            l.customer_name as "customerName", cu.primary_domain as "customerDomainName", cu.country as "customerCountry",
            l.subscription_id as "subscriptionId", l.subscription_name as "subscriptionName", l.order_id as "orderId", ${isoText(sql`c.created_at`)} as "orderDate",
            l.offer_id as "productId", l.product_name as "productName", l.sku_id as "skuId", p.sku_name as "skuName", p.publisher_name as "publisherName",
            l.term_duration as "termDuration", l.billing_cycle as "billingCycle", l.charge_type as "chargeType",
            ${isoText(sql`l.charge_start`)} as "chargeStart", ${isoText(sql`l.charge_end`)} as "chargeEnd", l.quantity, l.charged_days as "chargedDays",
            l.period_days as "periodDays", l.unit_price::text as "unitPrice", l.amount::text as amount, l.tax::text as tax, l.total::text as total,
            l.currency, l.partner_id_on_record as "partnerIdOnRecord"
          from invoice_lines l
            left join lateral (select t.primary_domain, t.country from tenants t where t.id = l.customer_tenant_id limit 1) cu on true
            left join lateral (select c.created_at from charge_lines c where c.id = l.charge_line_id limit 1) c on true
            left join lateral (
              select (select s->>'name' from jsonb_array_elements(p.skus) s where s->>'skuId' = l.sku_id limit 1) as sku_name,
                case when p.source = 'marketplace' then (select pub.name from tenants pub where pub.id = p.publisher_tenant_id) else ${operator?.name ?? null}::text end as publisher_name
              from products p where p.id = l.offer_id limit 1) p on true
          where l.invoice_id = any(${arrayLiteral(batch.documentIds)}::uuid[]) and l.line_number > ${batch.fromLine} and l.line_number <= ${batch.toLine}
          order by l.invoice_id, l.line_number`,
    );
  let after: string | undefined;
  for (;;) {
    const documents = await query<DocumentRow>(
      deps.db,
      sql`select i.id, i.number, i.kind, i.tier, i.issuer_tenant_id as "issuerId", i.issuer_name as "issuerName", i.recipient_tenant_id as "recipientId",
            i.recipient_name as "recipientName", ${isoText(sql`i.issued_at`)} as "issuedAt", i.line_count as "lineCount"
          from invoices i
          where ${party} = ${e.tenantId}::uuid and i.period_start = ${e.periodStart}::timestamptz ${after ? sql`and i.id > ${after}::uuid` : sql``}
          order by i.id
          limit ${documentsPerPage}`,
    );
    const byId = new Map(documents.map((d) => [d.id, d]));
    const batches = lineBatches(documents);
    let next = batches.length > 0 ? readLines(batches[0]!) : undefined;
    for (let b = 0; next; b++) {
      const lines = await next;
      next = b + 1 < batches.length ? readLines(batches[b + 1]!) : undefined;
      yield lines.map((l) => reconciliationRowOf(byId.get(l.invoiceId)!, l));
    }
    if (documents.length < documentsPerPage) return;
    after = documents.at(-1)!.id;
  }
}
