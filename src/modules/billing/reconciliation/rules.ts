// Reconciliation export rules (BIL-1, BIL-3) as pure functions over plain data: the period a request
// names, the export's state machine, how the job pages a period's lines, and how one document line
// becomes one row of the file.
import { divideHalfEven, formatAmount } from '../../../platform/money.js';
import type { ExportDirection, ExportFormat, ExportStatus, ReconciliationRow } from './contract.js';
import { ReconciliationRow as RowSchema } from './contract.js';

/** BIL-1: the period a `YYYY-MM` names: [its first instant, the next month's), UTC. */
export function periodOfMonth(month: string): { start: Date; end: Date } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { start: new Date(Date.UTC(year, index, 1)), end: new Date(Date.UTC(year, index + 1, 1)) };
}

/** The `YYYY-MM` of a period's first instant. */
export function monthOfPeriod(start: Date): string {
  return start.toISOString().slice(0, 7);
}

/**
 * The export's state machine: queued → running → succeeded | failed. A job taken again after its
 * worker died runs again (running → running); succeeded and failed are terminal.
 */
export const exportTransitions: Readonly<Record<ExportStatus, readonly ExportStatus[]>> = {
  queued: ['running', 'failed'],
  running: ['running', 'succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

/** The states an export may move to `to` from. */
export function statusesBefore(to: ExportStatus): ExportStatus[] {
  return (Object.keys(exportTransitions) as ExportStatus[]).filter((from) => exportTransitions[from].includes(to));
}

/** The job queue exports run in (registered in app.ts). */
export const exportQueue = 'billing.reconciliationExport';

/** Attempts of the export job before the export is marked failed. */
export const exportMaxAttempts = 3;

/** A download link works this long after it is handed out. */
export const downloadLinkSeconds = 3600;

/** The job reads a period's lines in batches of at most this many, and its documents in pages of this many. */
export const linesPerBatch = 5000;
export const documentsPerPage = 1000;

/** A document as the job pages them: its ID and how many lines it holds (numbered 1 … lineCount, BIL-3). */
export interface DocumentSize {
  id: string;
  lineCount: number;
}

/** One read of lines: those of these documents numbered in (fromLine, toLine], in (document ID, line number) order. */
export interface LineBatch {
  documentIds: string[];
  fromLine: number;
  toLine: number;
}

/**
 * How a page of documents (in ID order) is read in batches of at most `size` lines, in (document ID,
 * line number) order: consecutive small documents together, a document larger than a batch alone,
 * `size` line numbers at a time. Line numbers run 1 … lineCount without gaps, so each batch is a
 * range of the primary key and no read depends on the one before.
 */
export function lineBatches(documents: readonly DocumentSize[], size = linesPerBatch): LineBatch[] {
  const batches: LineBatch[] = [];
  let group: string[] = [];
  let groupLines = 0;
  let groupMax = 0;
  const flush = () => {
    if (group.length > 0) batches.push({ documentIds: group, fromLine: 0, toLine: groupMax });
    group = [];
    groupLines = 0;
    groupMax = 0;
  };
  for (const doc of documents) {
    if (doc.lineCount <= 0) continue;
    if (doc.lineCount > size) {
      flush();
      for (let from = 0; from < doc.lineCount; from += size) batches.push({ documentIds: [doc.id], fromLine: from, toLine: Math.min(from + size, doc.lineCount) });
      continue;
    }
    if (groupLines + doc.lineCount > size) flush();
    group.push(doc.id);
    groupLines += doc.lineCount;
    groupMax = Math.max(groupMax, doc.lineCount);
  }
  flush();
  return batches;
}

/** The file's columns, in order: ReconciliationRow's fields. */
export const reconciliationColumns = Object.keys(RowSchema.properties) as (keyof ReconciliationRow)[];

/** Columns holding text a tenant wrote (names): neutralized in CSV where a spreadsheet would run them (MKP-5). */
export const freeTextColumns: readonly (keyof ReconciliationRow)[] = ['partnerName', 'issuerName', 'customerName', 'customerDomainName', 'productName', 'skuName', 'publisherName', 'subscriptionDescription'];

/** The file's name, as the download offers it. */
export function exportFileName(e: { periodStart: Date; direction: ExportDirection; format: ExportFormat }): string {
  return `reconciliation-${monthOfPeriod(e.periodStart)}-${e.direction}.${e.format}`;
}

export function contentTypeOf(format: ExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
}

/** A document as the job reads it: what every row of its lines repeats. */
export interface ExportDocument {
  id: string;
  number: number;
  issuedAt: string;
  kind: string;
  tier: string;
  issuerId: string;
  issuerName: string;
  recipientId: string;
  recipientName: string;
}

/**
 * A document line as the job reads it, with what it is joined to; amounts are minor units as the
 * database's integer text (bigint), read exactly.
 */
export interface ExportLine {
  lineNumber: number;
  chargeLineId: string;
  customerId: string;
  customerName: string;
  customerDomainName: string | null;
  customerCountry: string | null;
  subscriptionId: string;
  subscriptionName: string;
  orderId: string;
  orderDate: string | null;
  productId: string;
  productName: string;
  skuId: string;
  skuName: string | null;
  publisherName: string | null;
  termDuration: string;
  billingCycle: string;
  chargeType: string;
  chargeStart: string;
  chargeEnd: string;
  quantity: number;
  chargedDays: number;
  periodDays: number;
  unitPrice: string;
  amount: string;
  tax: string;
  total: string;
  currency: string;
  partnerIdOnRecord: string | null;
}

/** BIL-3: one line of a document → one row of the file, every field the line reconciles to, amounts in the currency's decimals. */
export function reconciliationRowOf(d: ExportDocument, l: ExportLine): ReconciliationRow {
  const money = (minor: string) => formatAmount(Number(minor), l.currency);
  return {
    partnerId: d.recipientId,
    partnerName: d.recipientName,
    issuerId: d.issuerId,
    issuerName: d.issuerName,
    invoiceId: d.id,
    invoiceNumber: d.number,
    invoiceDate: d.issuedAt,
    documentType: d.kind,
    tier: d.tier,
    lineNumber: l.lineNumber,
    customerId: l.customerId,
    customerName: l.customerName,
    customerDomainName: l.customerDomainName,
    customerCountry: l.customerCountry,
    mpnId: l.partnerIdOnRecord,
    resellerMpnId: l.partnerIdOnRecord,
    orderId: l.orderId,
    orderDate: l.orderDate,
    productId: l.productId,
    skuId: l.skuId,
    productName: l.productName,
    skuName: l.skuName ?? l.skuId,
    publisherName: l.publisherName,
    chargeType: l.chargeType,
    chargeId: l.chargeLineId,
    chargeStartDate: l.chargeStart,
    chargeEndDate: l.chargeEnd,
    chargedDays: l.chargedDays,
    periodDays: l.periodDays,
    subscriptionId: l.subscriptionId,
    subscriptionDescription: l.subscriptionName,
    termAndBillingCycle: `${l.termDuration}/${l.billingCycle}`,
    billingFrequency: l.billingCycle,
    unitType: 'license',
    unitPrice: money(l.unitPrice),
    effectiveUnitPrice: formatAmount(Number(divideHalfEven(BigInt(l.amount), BigInt(Math.max(l.quantity, 1)))), l.currency),
    quantity: l.quantity,
    subtotal: money(l.amount),
    taxTotal: money(l.tax),
    totalForCustomer: money(l.total),
    currency: l.currency,
  };
}
