// A billing document as PDF (BIL-1, BIL-3), laid out with pdfkit on A4 landscape in the reader's
// language: the header (issuer, recipient, number, period, dates, subtotal, tax, total, currency),
// then every line in a table that continues over as many pages as it takes, its column headings
// repeated on each page. The lines come in batches and each finished page is flushed to the returned
// stream, so memory stays flat at any size; the next batch is taken only once the reader has caught up.
// Latin text uses the built-in Helvetica; Chinese documents, and documents with names outside
// Latin-1, embed Noto Sans CJK (subset by pdfkit), as agreement PDFs do.
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { countryName, type Locale } from '../../../platform/i18n/index.js';
import { formatAmount, formatPercent } from '../../../platform/money.js';
import type { BillingProfileSnapshot } from '../schema.js';
import type { InvoiceLineRow, InvoiceRow } from '../views.js';
import { documentText, documentTitle, type DocumentText } from './invoice-text.js';

const require = createRequire(import.meta.url);

export interface InvoicePdfInput {
  invoice: InvoiceRow;
  locale: Locale;
  /** The document's lines in line-number order, a batch at a time. */
  lines: AsyncIterable<InvoiceLineRow[]>;
  /** Some line's text lies outside Latin-1 (a name in another script): a Unicode font is embedded. */
  unicodeLines: boolean;
}

/** The characters Helvetica (WinAnsi) shows: Latin-1 and the typographic marks names and the layout use (a regular-expression class, for JavaScript and PostgreSQL alike). */
export const latinCharacters = '\\u0001-\\u00ff–—‘’“”…•€';
const latin = new RegExp(`^[${latinCharacters}]*$`);
export const latinOnly = (text: string) => latin.test(text);

function unicodeFont(locale: Locale): string {
  const traditional = locale === 'zh-Hant';
  const dir = path.join(path.dirname(require.resolve(traditional ? '@embedpdf/fonts-tc' : '@embedpdf/fonts-sc')), '..', 'fonts');
  return path.join(dir, traditional ? 'NotoSansHant-Regular.otf' : 'NotoSansHans-Regular.otf');
}

/** A4 landscape, in points. */
const page = { width: 841.89, height: 595.28, margin: 36 };
const rowHeight = 11;
const cellPadding = 3;

type ColumnKey = keyof DocumentText['column'];
interface Column {
  key: ColumnKey;
  width: number;
  align: 'left' | 'right';
}
/** The line table's columns, 770 points wide in all (the page's width inside its margins). */
const columns: Column[] = [
  { key: 'line', width: 30, align: 'right' },
  { key: 'customer', width: 100, align: 'left' },
  { key: 'subscription', width: 108, align: 'left' },
  { key: 'product', width: 110, align: 'left' },
  { key: 'chargeType', width: 66, align: 'left' },
  { key: 'chargePeriod', width: 92, align: 'left' },
  { key: 'quantity', width: 40, align: 'right' },
  { key: 'unitPrice', width: 56, align: 'right' },
  { key: 'amount', width: 56, align: 'right' },
  { key: 'tax', width: 52, align: 'right' },
  { key: 'total', width: 60, align: 'right' },
];

/** How the document writes amounts, numbers and dates in the locale; amounts stay exact (money.ts, never a float). */
export function documentFormat(locale: Locale, currency: string) {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  // A narrow or no-break space groups digits in French: a plain space, which every font has.
  const group = (parts.find((p) => p.type === 'group')?.value ?? ',').replace(/[\u00a0\u202f]/g, ' ');
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return {
    amount(minor: number): string {
      const text = formatAmount(minor, currency);
      const negative = text.startsWith('-');
      const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.');
      return `${negative ? '-' : ''}${grouped(whole)}${fraction === undefined ? '' : `${decimal}${fraction}`}`;
    },
    integer: (n: number) => `${n < 0 ? '-' : ''}${grouped(String(Math.abs(n)))}`,
    date: (at: Date) => longDate.format(at),
    /** A charge period's day, compact for the table (YYYY-MM-DD, UTC). */
    day: (at: Date) => at.toISOString().slice(0, 10),
    /** BIL-1: a period is a calendar month (UTC), named as the portal names it; any other span by its days. */
    period(start: Date, end: Date): string {
      const whole = start.getUTCDate() === 1 && start.getUTCHours() === 0 && end.getTime() === Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
      return whole ? month.format(start) : `${longDate.format(start)} – ${longDate.format(new Date(end.getTime() - 1))}`;
    },
  };
}

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** Writes the document to the stream it answers; a failure on the way destroys that stream with the error. */
export async function invoicePdf(input: InvoicePdfInput): Promise<Readable> {
  // pdfkit is loaded with the first document, not at start-up (as agreement PDFs do).
  const { default: PDFDocument } = await import('pdfkit');
  const { invoice, locale } = input;
  const text = documentText[locale];
  const title = `${documentTitle(invoice.kind, locale)} ${invoice.number}`;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: page.margin,
    autoFirstPage: false,
    lang: locale,
    info: { Title: title, Author: invoice.issuerName, Subject: `${invoice.issuerName} → ${invoice.recipientName}` },
  });
  const unicode = locale === 'zh-Hans' || locale === 'zh-Hant' || input.unicodeLines || !latinOnly(`${invoice.issuerName}${invoice.recipientName}${JSON.stringify(invoice.issuerProfile ?? "")}${JSON.stringify(invoice.recipientProfile ?? "")}`);
  const font = unicode ? unicodeFont(locale) : undefined;
  if (font) doc.registerFont(font, font);
  const regular = font ?? 'Helvetica';
  const bold = font ?? 'Helvetica-Bold';

  const out = new PassThrough();
  doc.on('data', (chunk: Buffer) => out.write(chunk));
  doc.on('end', () => out.end());
  doc.on('error', (error: Error) => out.destroy(error));
  void layOut(doc, out, input, { text, title, regular, bold }).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

type Doc = PDFKit.PDFDocument;
interface Style {
  text: DocumentText;
  title: string;
  regular: string;
  bold: string;
}

async function layOut(doc: Doc, out: PassThrough, input: InvoicePdfInput, style: Style) {
  const { invoice, locale } = input;
  const { text, regular, bold } = style;
  const format = documentFormat(locale, invoice.currency);
  const left = page.margin;
  const right = page.width - page.margin;
  const bottom = page.height - page.margin;
  let pageNumber = 0;
  let y = 0;

  const newPage = () => {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: page.margin });
    pageNumber++;
    doc.font(regular).fontSize(7.5).fillColor('#666666');
    const footer = `${style.title} · ${fill(text.page, { page: pageNumber })}`;
    doc.text(footer, right - doc.widthOfString(footer), page.height - 24, { lineBreak: false });
    doc.fillColor('#000000');
    y = page.margin;
  };
  // Widths of the line cells' text, measured once per text (names, products, charge types and dates
  // repeat from line to line; measuring is most of the time a page takes).
  const widths = new Map<string, number>();
  const cellWidth = (value: string) => {
    let width = widths.get(value);
    if (width === undefined) {
      if (widths.size >= 10_000) widths.clear();
      width = doc.widthOfString(value);
      widths.set(value, width);
    }
    return width;
  };
  /** Text cut to a width, ending in an ellipsis where it was cut (in the current font and size), and its width. */
  const fit = (value: string, width: number, measure: (text: string) => number = (t) => doc.widthOfString(t)) => {
    const full = measure(value);
    if (full <= width) return { shown: value, width: full };
    let low = 0;
    let high = value.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (doc.widthOfString(`${value.slice(0, mid)}…`) <= width) low = mid;
      else high = mid - 1;
    }
    const shown = `${value.slice(0, low)}…`;
    return { shown, width: doc.widthOfString(shown) };
  };
  const cell = (value: string, x: number, width: number, align: 'left' | 'right', at: number, measure = cellWidth) => {
    const fitted = fit(value, width - 2 * cellPadding, measure);
    const start = align === 'right' ? x + width - cellPadding - fitted.width : x + cellPadding;
    doc.text(fitted.shown, start, at, { lineBreak: false });
  };

  // The header: the title, who issued it to whom, its facts and its amounts.
  newPage();
  doc.font(bold).fontSize(18).text(style.title, left, y, { lineBreak: false });
  y += 30;
  const top = y;
  const party = (label: string, name: string, details: string[]) => {
    doc.font(regular).fontSize(8).fillColor('#666666').text(label, left, y, { lineBreak: false });
    y += 11;
    doc.font(bold).fontSize(11).fillColor('#000000').text(fit(name, 380).shown, left, y, { lineBreak: false });
    y += 15;
    doc.font(regular).fontSize(8.5);
    for (const detail of details) {
      doc.text(fit(detail, 380).shown, left, y, { lineBreak: false });
      y += 11;
    }
    y += 8;
  };
  // BIL-1: each party's billing profile as issued: legal name, billing address, tax ID.
  const profile = (p: BillingProfileSnapshot | null | undefined, name: string): string[] => {
    if (!p) return [];
    const a = p.address;
    const lines = [p.legalName !== name ? p.legalName : '', a.addressLine1, a.addressLine2, a.addressLine3, [a.postalCode, a.city, a.state].filter(Boolean).join(' '), a.country ? countryName(a.country, locale) : ''];
    return [...lines.filter((l): l is string => typeof l === 'string' && l.trim() !== ''), ...(p.taxId ? [`${text.taxId}: ${p.taxId}`] : [])];
  };
  party(text.issuer, invoice.issuerName, [...profile(invoice.issuerProfile, invoice.issuerName), `${text.tenantId}: ${invoice.issuerTenantId}`]);
  party(text.recipient, invoice.recipientName, [
    ...profile(invoice.recipientProfile, invoice.recipientName),
    ...(invoice.recipientProfile ? [] : [`${text.country}: ${countryName(invoice.recipientCountry, locale)}`]),
    `${text.tenantId}: ${invoice.recipientTenantId}`,
  ]);
  const partiesEnd = y;

  // The facts and amounts, label left and value right-aligned, in a block on the right.
  const blockLeft = 500;
  const blockRight = right;
  y = top;
  const fact = (label: string, value: string, strong = false) => {
    doc.font(strong ? bold : regular).fontSize(strong ? 10.5 : 9);
    doc.text(fit(label, 140).shown, blockLeft, y, { lineBreak: false });
    const fitted = fit(value, blockRight - blockLeft - 150);
    doc.text(fitted.shown, blockRight - fitted.width, y, { lineBreak: false });
    y += strong ? 15 : 13;
  };
  fact(text.number, String(invoice.number));
  fact(text.period, format.period(invoice.periodStart, invoice.periodEnd));
  fact(text.issuedAt, format.date(invoice.issuedAt));
  fact(text.dueAt, format.date(invoice.dueAt));
  fact(text.currency, invoice.currency);
  fact(text.lineCount, format.integer(invoice.lineCount));
  y += 4;
  doc.moveTo(blockLeft, y).lineTo(blockRight, y).lineWidth(0.5).strokeColor('#999999').stroke();
  y += 6;
  fact(text.subtotal, `${format.amount(invoice.subtotal)} ${invoice.currency}`);
  fact(fill(text.tax, { rate: formatPercent(invoice.taxRateBp) }), `${format.amount(invoice.tax)} ${invoice.currency}`);
  fact(text.total, `${format.amount(invoice.total)} ${invoice.currency}`, true);
  y = Math.max(y, partiesEnd) + 14;

  // The lines, heading repeated on every page.
  doc.font(bold).fontSize(11).text(text.lines, left, y, { lineBreak: false });
  y += 18;
  const heading = () => {
    doc.rect(left, y - 2, right - left, rowHeight + 2).fill('#eeeeee');
    doc.fillColor('#000000').font(bold).fontSize(7.5);
    let x = left;
    for (const column of columns) {
      cell(text.column[column.key], x, column.width, column.align, y, (t) => doc.widthOfString(t));
      x += column.width;
    }
    y += rowHeight + 3;
    doc.font(regular).fontSize(7.5);
  };
  heading();
  let any = false;
  let laidOut = 0;
  for await (const batch of input.lines) {
    for (const line of batch) {
      // Other requests get their turn every so many lines; the reader's pace sets the writer's.
      if (++laidOut % linesPerTurn === 0) await room(out);
      if (out.destroyed) return;
      any = true;
      if (y + rowHeight > bottom) {
        newPage();
        heading();
      }
      const values: Record<ColumnKey, string> = {
        line: String(line.lineNumber),
        customer: line.customerName,
        subscription: line.subscriptionName,
        product: `${line.productName} (${line.skuId})`,
        chargeType: text.chargeType[line.chargeType] ?? line.chargeType,
        chargePeriod: `${format.day(line.chargeStart)} – ${format.day(line.chargeEnd)}`,
        quantity: format.integer(line.quantity),
        unitPrice: format.amount(line.unitPrice),
        amount: format.amount(line.amount),
        tax: format.amount(line.tax),
        total: format.amount(line.total),
      };
      let x = left;
      for (const column of columns) {
        cell(values[column.key], x, column.width, column.align, y);
        x += column.width;
      }
      y += rowHeight;
    }
  }
  if (!any) doc.font(regular).fontSize(9).text(text.noLines, left + cellPadding, y + 4, { lineBreak: false });
  if (out.destroyed) return;
  doc.end();
}

/** Lines laid out between two turns of the event loop (about 25 ms of work). */
const linesPerTurn = 100;

/** Yields to the event loop, then waits until the reader has taken what was written (or has gone). */
async function room(out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
