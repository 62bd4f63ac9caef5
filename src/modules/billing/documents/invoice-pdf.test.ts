// A document's PDF layout and words, without a database (BIL-1, BIL-3): its title by kind (a credit
// note, a statement, an invoice) in the five languages, exact amounts at each currency's ISO 4217
// exponent written the locale's way, every line over as many pages as it takes with its column
// headings on each, and a Unicode font where a name needs one.
import { describe, expect, it } from 'vitest';
import { pdfPageCount, pdfTextRuns } from '../../../../test/helpers/pdf.js';
import { locales, type Locale } from '../../../platform/i18n/index.js';
import type { InvoiceLineRow, InvoiceRow } from '../views.js';
import { documentFormat, invoicePdf, latinOnly } from './invoice-pdf.js';
import { documentText, documentTitle } from './invoice-text.js';

const invoice: InvoiceRow = {
  id: '3f1c2f8e-8a53-4c7e-9d55-0c8f3a1d2b41',
  kind: 'invoice',
  tier: 'reseller',
  issuerTenantId: '11111111-1111-4111-8111-111111111111',
  recipientTenantId: '22222222-2222-4222-8222-222222222222',
  number: 7,
  periodStart: new Date('2027-03-01T00:00:00.000Z'),
  periodEnd: new Date('2027-04-01T00:00:00.000Z'),
  currency: 'EUR',
  issuerName: 'Contoso Distribution',
  recipientName: 'Fabrikam Reseller',
  recipientCountry: 'FR',
  taxRateBp: 2000,
  lineCount: 0,
  subtotal: 123456789,
  tax: 24691358,
  total: 148148147,
  issuedAt: new Date('2027-04-01T00:30:00.000Z'),
  dueAt: new Date('2027-05-01T00:30:00.000Z'),
  // Columns other documents carry (a credit note's corrected document) are read as the row has them.
} as InvoiceRow;

function lineOf(n: number, overrides: Partial<InvoiceLineRow> = {}): InvoiceLineRow {
  return {
    invoiceId: invoice.id,
    lineNumber: n,
    chargeLineId: '44444444-4444-4444-8444-444444444444',
    customerTenantId: '55555555-5555-4555-8555-555555555555',
    customerName: `Customer ${n}`,
    subscriptionId: '66666666-6666-4666-8666-666666666666',
    subscriptionName: `Seats ${n}`,
    orderId: '77777777-7777-4777-8777-777777777777',
    offerId: '88888888-8888-4888-8888-888888888888',
    productName: 'Cloud Suite',
    skuId: 'E3',
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    chargeType: 'cycleFee',
    chargeStart: new Date('2027-03-10T10:00:00.000Z'),
    chargeEnd: new Date('2027-04-10T10:00:00.000Z'),
    quantity: 3,
    chargedDays: 31,
    periodDays: 31,
    unitPrice: 3200,
    amount: 9600,
    tax: 1920,
    total: 11520,
    currency: 'EUR',
    partnerIdOnRecord: null,
    ...overrides,
  } as InvoiceLineRow;
}

async function* batches(lines: InvoiceLineRow[], size: number) {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size);
}

async function pdfOf(document: InvoiceRow, locale: Locale, lines: InvoiceLineRow[] = [], unicodeLines = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await invoicePdf({ invoice: document, locale, lines: batches(lines, 100), unicodeLines })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('invoice documents (BIL-1, BIL-3)', () => {
  it('BIL-2 a title by kind in every language: credit note, statement, invoice (any other kind)', () => {
    expect(locales.map((l) => documentTitle('creditNote', l))).toEqual(['Credit note', 'Avoir', '贷项通知单', '折讓單', 'Nota kredit']);
    expect(locales.map((l) => documentTitle('statement', l))).toEqual(['Statement', 'Relevé', '对账单', '對帳單', 'Laporan tagihan']);
    expect(locales.map((l) => documentTitle('invoice', l))).toEqual(['Invoice', 'Facture', '发票', '發票', 'Faktur']);
    expect(documentTitle('somethingNew', 'fr')).toBe('Facture');
    // Every language has every word.
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object).map((inner) => `${k}.${inner}`) : [k]));
    for (const locale of locales) {
      expect(keys(documentText[locale]).sort(), locale).toEqual(keys(documentText.en).sort());
      for (const value of keys(documentText[locale])) expect(value.length).toBeGreaterThan(0);
    }
  });

  it('PRC-5 amounts exact at the ISO 4217 exponent, written the locale’s way; periods and dates in the language', () => {
    expect(documentFormat('en', 'EUR').amount(123456789)).toBe('1,234,567.89');
    expect(documentFormat('fr', 'EUR').amount(123456789)).toBe('1 234 567,89');
    expect(documentFormat('id', 'EUR').amount(-5)).toBe('-0,05');
    expect(documentFormat('en', 'JPY').amount(1234567)).toBe('1,234,567');
    expect(documentFormat('en', 'BHD').amount(1234567)).toBe('1,234.567');
    // Beyond what a double holds exactly in cents, still exact.
    expect(documentFormat('en', 'EUR').amount(999_999_999_999_999)).toBe('9,999,999,999,999.99');
    expect(documentFormat('en', 'EUR').period(invoice.periodStart, invoice.periodEnd)).toBe('March 2027');
    expect(documentFormat('fr', 'EUR').period(invoice.periodStart, invoice.periodEnd)).toBe('mars 2027');
    expect(documentFormat('zh-Hant', 'EUR').date(invoice.dueAt)).toBe('2027年5月1日');
    expect(documentFormat('en', 'EUR').period(new Date('2027-03-05T00:00:00.000Z'), new Date('2027-03-20T00:00:00.000Z'))).toBe('March 5, 2027 – March 19, 2027');
    expect(latinOnly('Société Générale – “Ünïcode”')).toBe(true);
    expect(latinOnly('株式会社')).toBe(false);
  });

  it('BIL-2 a credit note titled as one; its header and lines in the asked language', async () => {
    const note = { ...invoice, kind: 'creditNote', subtotal: -9600, tax: -1920, total: -11520 } as InvoiceRow;
    const pdf = await pdfOf(note, 'fr', [lineOf(1, { amount: -9600, tax: -1920, total: -11520, chargeType: 'refund' })]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfTextRuns(pdf);
    expect(text).toContain('Avoir 7');
    expect(text).toEqual(expect.arrayContaining(['Émis par', 'Contoso Distribution', 'Fabrikam Reseller', 'Pays: France', 'mars 2027', '1 mai 2027', 'TVA (20 %)', '-115,20 EUR', 'Remboursement', '-96,00', '2027-03-10 – 2027-04-10']));
    expect(pdfTextRuns(await pdfOf({ ...invoice, kind: 'statement' } as InvoiceRow, 'id'))).toEqual(expect.arrayContaining(['Laporan tagihan 7', 'Dokumen ini tidak memiliki baris.']));
  });

  it('BIL-3 every line, in order, over many pages with the column headings on each; Chinese in its own font', async () => {
    const lines = Array.from({ length: 450 }, (_, i) => lineOf(i + 1));
    const pdf = await pdfOf({ ...invoice, lineCount: lines.length }, 'zh-Hans', lines);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(5);
    const text = pdfTextRuns(pdf);
    expect(text).toContain('发票 7');
    expect(text.filter((t) => t === '客户')).toHaveLength(pages);
    expect(text.filter((t) => /^第 \d+ 页$/.test(t.split(' · ')[1] ?? ''))).toHaveLength(pages);
    const customers = text.filter((t) => t.startsWith('Customer '));
    expect(customers).toEqual(lines.map((l) => l.customerName));
    expect(text).toContain('计费期费用');
    // A name in another script in an English document: the Unicode font shows it.
    const named = await pdfOf(invoice, 'en', [lineOf(1, { customerName: '東京商事株式会社' })], true);
    expect(pdfTextRuns(named)).toEqual(expect.arrayContaining(['Invoice 7', '東京商事株式会社']));
  });
});
