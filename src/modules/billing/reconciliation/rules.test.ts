// Reconciliation export rules, pure (BIL-1, BIL-3): the period a month names, the export's state
// machine, how a period's lines are read in batches, and the row one line becomes.
import { describe, expect, it } from 'vitest';
import { ReconciliationRow } from './contract.js';
import { exportTransitions, lineBatches, monthOfPeriod, periodOfMonth, reconciliationColumns, reconciliationRowOf, statusesBefore, type ExportDocument, type ExportLine } from './rules.js';

describe('BIL-1 the period of a month', () => {
  it.each([
    ['2027-03', '2027-03-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z'],
    ['2027-12', '2027-12-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z'],
    ['2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
    ['1000-01', '1000-01-01T00:00:00.000Z', '1000-02-01T00:00:00.000Z'],
  ])('%s is [%s, %s)', (month, start, end) => {
    const period = periodOfMonth(month);
    expect([period.start.toISOString(), period.end.toISOString()]).toEqual([start, end]);
    expect(monthOfPeriod(period.start)).toBe(month);
  });

  it('refuses what is no month', () => {
    expect(() => periodOfMonth('nope')).toThrow(RangeError);
  });
});

describe('the export state machine', () => {
  it('runs queued → running → succeeded or failed; a retried run runs again; the ends are terminal', () => {
    expect(statusesBefore('running').sort()).toEqual(['queued', 'running']);
    expect(statusesBefore('succeeded')).toEqual(['running']);
    expect(statusesBefore('failed').sort()).toEqual(['queued', 'running']);
    expect(exportTransitions.succeeded).toEqual([]);
    expect(exportTransitions.failed).toEqual([]);
  });
});

describe('BIL-3 line batches', () => {
  const doc = (id: string, lineCount: number) => ({ id, lineCount });

  it('puts small documents together up to the batch size, in their order', () => {
    expect(lineBatches([doc('a', 2), doc('b', 3), doc('c', 4), doc('d', 1)], 5)).toEqual([
      { documentIds: ['a', 'b'], fromLine: 0, toLine: 3 },
      { documentIds: ['c', 'd'], fromLine: 0, toLine: 4 },
    ]);
  });

  it('reads a document larger than a batch alone, a batch of line numbers at a time', () => {
    expect(lineBatches([doc('a', 2), doc('b', 12), doc('c', 5)], 5)).toEqual([
      { documentIds: ['a'], fromLine: 0, toLine: 2 },
      { documentIds: ['b'], fromLine: 0, toLine: 5 },
      { documentIds: ['b'], fromLine: 5, toLine: 10 },
      { documentIds: ['b'], fromLine: 10, toLine: 12 },
      { documentIds: ['c'], fromLine: 0, toLine: 5 },
    ]);
  });

  it('covers every line of every document exactly once, never more than the batch size at a time', () => {
    for (const size of [1, 3, 7, 5000]) {
      const documents = Array.from({ length: 40 }, (_, i) => doc(`d${String(i).padStart(2, '0')}`, (i * 37) % 23));
      const seen = new Map<string, number[]>();
      for (const batch of lineBatches(documents, size)) {
        let rows = 0;
        for (const id of batch.documentIds) {
          const lineCount = documents.find((d) => d.id === id)!.lineCount;
          for (let n = batch.fromLine + 1; n <= Math.min(batch.toLine, lineCount); n++) {
            seen.set(id, [...(seen.get(id) ?? []), n]);
            rows++;
          }
        }
        expect(rows).toBeLessThanOrEqual(size);
      }
      for (const d of documents) expect(seen.get(d.id) ?? [], `${d.id} at ${size}`).toEqual(Array.from({ length: d.lineCount }, (_, i) => i + 1));
      // In document order.
      expect([...seen.keys()]).toEqual(documents.filter((d) => d.lineCount > 0).map((d) => d.id));
    }
  });
});

describe('BIL-3 the row of a line', () => {
  const doc: ExportDocument = {
    id: 'inv-1',
    number: 7,
    issuedAt: '2027-04-01T00:30:00.000Z',
    kind: 'invoice',
    tier: 'reseller',
    issuerId: 'provider-1',
    issuerName: 'Provider',
    recipientId: 'reseller-1',
    recipientName: 'Reseller',
  };
  const line: ExportLine = {
    lineNumber: 3,
    chargeLineId: 'charge-1',
    customerId: 'customer-1',
    customerName: 'Customer',
    customerDomainName: 'customer.example.com',
    customerCountry: 'FR',
    subscriptionId: 'sub-1',
    subscriptionName: 'Cloud Suite E3',
    orderId: 'order-1',
    orderDate: '2027-03-10T10:00:00.000Z',
    productId: 'product-1',
    productName: 'Cloud Suite',
    skuId: 'E3',
    skuName: null,
    publisherName: 'Operator',
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    chargeType: 'purchase',
    chargeStart: '2027-03-10T00:00:00.000Z',
    chargeEnd: '2027-04-01T00:00:00.000Z',
    quantity: 3,
    chargedDays: 22,
    periodDays: 31,
    unitPrice: '2880',
    amount: '6131',
    tax: '1226',
    total: '7357',
    currency: 'EUR',
    partnerIdOnRecord: '6000002',
  };

  it('names the document, its issuer and the party billed, and writes amounts with the currency decimals', () => {
    const row = reconciliationRowOf(doc, line);
    expect(row).toMatchObject({
      partnerId: 'reseller-1',
      issuerId: 'provider-1',
      invoiceNumber: 7,
      mpnId: '6000002',
      resellerMpnId: '6000002',
      skuName: 'E3',
      termAndBillingCycle: 'P1Y/monthly',
      billingFrequency: 'monthly',
      unitPrice: '28.80',
      subtotal: '61.31',
      taxTotal: '12.26',
      totalForCustomer: '73.57',
      // 61.31 / 3 = 20.4366… → 20.44
      effectiveUnitPrice: '20.44',
    });
    expect(Object.keys(row)).toEqual(reconciliationColumns);
    expect(reconciliationColumns).toEqual(Object.keys(ReconciliationRow.properties));
  });

  it('keeps credits negative and each currency its own decimals, rounding half to even', () => {
    expect(reconciliationRowOf(doc, { ...line, amount: '-6131', tax: '-1226', total: '-7357' })).toMatchObject({ subtotal: '-61.31', taxTotal: '-12.26', totalForCustomer: '-73.57', effectiveUnitPrice: '-20.44' });
    expect(reconciliationRowOf(doc, { ...line, currency: 'JPY', unitPrice: '4500', amount: '9001', quantity: 2 })).toMatchObject({ unitPrice: '4500', subtotal: '9001', effectiveUnitPrice: '4500' });
    expect(reconciliationRowOf(doc, { ...line, currency: 'BHD', unitPrice: '12345', amount: '7', quantity: 2 })).toMatchObject({ unitPrice: '12.345', subtotal: '0.007', effectiveUnitPrice: '0.004' });
  });
});
