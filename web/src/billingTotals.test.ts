// @vitest-environment node
// The billing home's figures (BIL-1): totals per month and currency added exactly, whole months only when
// the reading stopped early, the months a reconciliation export may name (BIL-3), and the aging's
// totals per currency (BIL-4).
import { describe, expect, it } from 'vitest';
import { addMonths, agingTotals, billingTotals, exportMonths, wholeMonths } from './billingTotals';

const doc = (month: string, total: string, currency = 'EUR') => ({ periodStart: `${month}-01T00:00:00.000Z`, currency, total });

describe('addMonths', () => {
  it('walks across years both ways', () => {
    expect(addMonths('2027-03', 1)).toBe('2027-04');
    expect(addMonths('2027-12', 1)).toBe('2028-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2027-03', -14)).toBe('2026-01');
  });
});

describe('billingTotals (BIL-1)', () => {
  it('adds each month’s documents exactly, per direction and currency, oldest month first', () => {
    const totals = billingTotals(
      [doc('2027-02', '0.10'), doc('2027-02', '0.20'), doc('2027-03', '100.00')],
      [doc('2027-03', '12.34'), doc('2027-03', '1200', 'JPY')],
    );
    expect(totals.currencies).toEqual([
      {
        currency: 'EUR',
        months: [
          { month: '2027-02', received: '0.30', receivedCount: 2, issued: '0', issuedCount: 0 },
          { month: '2027-03', received: '100.00', receivedCount: 1, issued: '12.34', issuedCount: 1 },
        ],
      },
      { currency: 'JPY', months: [{ month: '2027-03', received: '0', receivedCount: 0, issued: '1200', issuedCount: 1 }] },
    ]);
    expect(totals.documentMonths).toEqual(['2027-03', '2027-02']);
  });

  it('fills the months between with zero and keeps the latest months only', () => {
    const totals = billingTotals([doc('2026-01', '1.00'), doc('2026-04', '2.00')], [], 12);
    expect(totals.currencies[0]!.months.map((m) => [m.month, m.received])).toEqual([
      ['2026-01', '1.00'],
      ['2026-02', '0'],
      ['2026-03', '0'],
      ['2026-04', '2.00'],
    ]);
    const recent = billingTotals([doc('2025-01', '1.00'), doc('2027-03', '2.00')], [], 3);
    expect(recent.currencies[0]!.months.map((m) => m.month)).toEqual(['2027-01', '2027-02', '2027-03']);
  });

  it('puts the currency with the newest documents first', () => {
    const totals = billingTotals([doc('2027-01', '1.00', 'EUR'), doc('2027-03', '1.00', 'USD')], [doc('2027-03', '1.00', 'AUD')]);
    expect(totals.currencies.map((c) => c.currency)).toEqual(['AUD', 'USD', 'EUR']);
  });

  it('has nothing to show without documents', () => {
    expect(billingTotals([], [])).toEqual({ currencies: [], documentMonths: [] });
  });
});

describe('wholeMonths', () => {
  const read = [doc('2027-03', '1'), doc('2027-02', '1'), doc('2027-01', '1')];
  it('keeps every document when the list was read to its end', () => {
    expect(wholeMonths(read, true)).toHaveLength(3);
  });
  it('leaves out the oldest month, maybe read in part, when the reading stopped early', () => {
    expect(wholeMonths(read, false).map((d) => d.periodStart.slice(0, 7))).toEqual(['2027-03', '2027-02']);
    expect(wholeMonths([doc('2027-03', '1'), doc('2027-03', '2')], false)).toHaveLength(2);
  });
});

describe('exportMonths (BIL-3)', () => {
  it('offers the months with documents and the months ended before now, newest first', () => {
    const months = exportMonths(new Date('2026-09-15T12:00:00Z'), ['2027-03', '2026-08'], 3);
    expect(months).toEqual(['2027-03', '2026-08', '2026-07', '2026-06']);
  });
  it('never offers the month in progress unless it holds documents', () => {
    expect(exportMonths(new Date('2027-01-01T00:00:00Z'), [], 2)).toEqual(['2026-12', '2026-11']);
  });
});

describe('agingTotals (BIL-4)', () => {
  const row = (currency: string, amounts: Partial<Record<'current' | 'days1to30' | 'days31to60' | 'days61to90' | 'over90' | 'total', string>>, openDocuments = 1) => ({
    currency,
    current: '0.00',
    days1to30: '0.00',
    days31to60: '0.00',
    days61to90: '0.00',
    over90: '0.00',
    total: '0.00',
    openDocuments,
    ...amounts,
  });

  it('adds each bucket exactly per currency, currencies in the order they first appear', () => {
    const totals = agingTotals([
      row('EUR', { current: '0.10', days1to30: '90071992547409.93', total: '90071992547410.03' }, 2),
      row('USD', { over90: '5.00', total: '5.00' }),
      row('EUR', { current: '0.20', days61to90: '-6.00', total: '-5.80' }, 1),
    ]);
    expect(totals.map((item) => item.currency)).toEqual(['EUR', 'USD']);
    expect(totals[0]).toEqual({
      currency: 'EUR',
      sums: { current: '0.30', days1to30: '90071992547409.93', days31to60: '0.00', days61to90: '-6.00', over90: '0.00', total: '90071992547404.23' },
      openDocuments: 3,
    });
    expect(totals[1]!.sums.over90).toBe('5.00');
  });

  it('has no totals without rows', () => {
    expect(agingTotals([])).toEqual([]);
  });
});
