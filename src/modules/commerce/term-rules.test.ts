// The term's money, pure (TRM-2, TRM-3, TRM-4, TRM-6): billing periods, proration by UTC days, seat
// windows and the cancellation credit, with property-based tests over any start, term, cycle, prices
// and moment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addAmounts,
  billingPeriod,
  cancellationCredit,
  cancellationWindowClosesAt,
  commitmentEndOf,
  negateAmounts,
  periodIndexAt,
  periodsInTerm,
  proratedAmounts,
  prorationOf,
  splitReduction,
  utcDaysBetween,
  zeroAmounts,
  type ChargeAmounts,
  type PriceLevels,
  type SeatWindow,
} from './rules.js';

const start = fc.date({ min: new Date('2026-01-01T00:00:00.000Z'), max: new Date('2035-12-31T23:59:59.999Z'), noInvalidDate: true });
const terms = fc.constantFrom(['P1M', 'monthly'], ['P1Y', 'monthly'], ['P1Y', 'annual'], ['P3Y', 'monthly'], ['P3Y', 'annual']);
const price = fc.integer({ min: 0, max: 10_000_000 });
const prices = fc.record<PriceLevels>({ listPrice: price, providerCost: price, resellerPrice: price, customerPrice: price });
const quantity = fc.integer({ min: 1, max: 10_000 });
const sum = (lines: ChargeAmounts[]) => lines.reduce(addAmounts, zeroAmounts);

describe('billing periods (TRM-6)', () => {
  it('TRM-6 a term is its periods end to end: each starts where the last ended, the last ends at the commitment end', () => {
    fc.assert(
      fc.property(start, terms, (at, [term, cycle]) => {
        const periods = periodsInTerm(term, cycle);
        let previousEnd = at;
        for (let index = 0; index < periods; index++) {
          const period = billingPeriod(at, cycle, index);
          expect(period.start.getTime()).toBe(previousEnd.getTime());
          expect(period.end.getTime()).toBeGreaterThan(period.start.getTime());
          previousEnd = period.end;
        }
        expect(previousEnd.getTime()).toBe(commitmentEndOf(at, term).getTime());
      }),
    );
  });

  it('TRM-6 the lines of a term add up to its price: every period charged in full at unit price × quantity', () => {
    fc.assert(
      fc.property(start, terms, prices, quantity, (at, [term, cycle], p, q) => {
        const periods = periodsInTerm(term, cycle);
        const lines = Array.from({ length: periods }, (_, index) => {
          const period = billingPeriod(at, cycle, index);
          const full = prorationOf(period, period.start);
          expect(full.days).toBe(full.periodDays);
          return proratedAmounts(p, q, full.days, full.periodDays);
        });
        expect(sum(lines)).toEqual({ listAmount: p.listPrice * q * periods, providerAmount: p.providerCost * q * periods, resellerAmount: p.resellerPrice * q * periods, customerAmount: p.customerPrice * q * periods });
      }),
    );
  });

  it('the period containing a moment', () => {
    const at = new Date('2027-01-31T10:00:00.000Z');
    expect(periodIndexAt(at, 'P1Y', 'monthly', new Date('2027-01-31T10:00:00.000Z'))).toBe(0);
    expect(periodIndexAt(at, 'P1Y', 'monthly', new Date('2027-02-28T10:00:00.000Z'))).toBe(1);
    expect(periodIndexAt(at, 'P1Y', 'monthly', new Date('2029-01-01T00:00:00.000Z'))).toBe(11);
    expect(billingPeriod(at, 'monthly', 1)).toEqual({ start: new Date('2027-02-28T10:00:00.000Z'), end: new Date('2027-03-31T10:00:00.000Z') });
  });
});

describe('proration (TRM-4)', () => {
  it('TRM-4 days remaining ÷ days in the period, in whole UTC days', () => {
    const period = { start: new Date('2027-03-01T10:00:00.000Z'), end: new Date('2027-04-01T10:00:00.000Z') };
    expect(prorationOf(period, new Date('2027-03-01T23:59:59.999Z'))).toEqual({ days: 31, periodDays: 31 });
    expect(prorationOf(period, new Date('2027-03-02T00:00:00.000Z'))).toEqual({ days: 30, periodDays: 31 });
    expect(prorationOf(period, new Date('2027-04-01T09:00:00.000Z'))).toEqual({ days: 0, periodDays: 31 });
    expect(utcDaysBetween(new Date('2027-03-05T00:00:00.000Z'), new Date('2027-03-01T00:00:00.000Z'))).toBe(0);
    // 10 seats × 31.00 for 30 of 31 days at every level, half to even: 300.00 exactly; 1 seat × 0.05 for 15 of 30 days: 0.025 → 0.02.
    expect(proratedAmounts({ listPrice: 3100, providerCost: 3100, resellerPrice: 3100, customerPrice: 3100 }, 10, 30, 31).customerAmount).toBe(30000);
    expect(proratedAmounts({ listPrice: 5, providerCost: 7, resellerPrice: 5, customerPrice: 5 }, 1, 15, 30)).toEqual({ listAmount: 2, providerAmount: 4, resellerAmount: 2, customerAmount: 2 });
  });

  it('TRM-4 an increase refunded at the same moment nets to zero at every level, and a prorated charge never exceeds the full one', () => {
    fc.assert(
      fc.property(start, terms, prices, quantity, fc.double({ min: 0, max: 1, noNaN: true }), (at, [, cycle], p, q, share) => {
        const period = billingPeriod(at, cycle, 0);
        const moment = new Date(period.start.getTime() + Math.floor((period.end.getTime() - period.start.getTime()) * share));
        const { days, periodDays } = prorationOf(period, moment);
        const charge = proratedAmounts(p, q, days, periodDays);
        expect(addAmounts(charge, negateAmounts(proratedAmounts(p, q, days, periodDays)))).toEqual(zeroAmounts);
        expect(charge.customerAmount).toBeLessThanOrEqual(p.customerPrice * q);
        expect(charge.customerAmount).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('cancellation in the window (TRM-2, TRM-6)', () => {
  it('TRM-2 a purchase followed by its cancellation nets to the seat-days used: zero at every level on the day of purchase', () => {
    fc.assert(
      fc.property(start, terms, prices, quantity, fc.integer({ min: 0, max: 168 * 3_600_000 - 1 }), (at, [, cycle], p, q, after) => {
        const period = billingPeriod(at, cycle, 0);
        const purchase = proratedAmounts(p, q, prorationOf(period, at).periodDays, prorationOf(period, at).periodDays);
        const moment = new Date(at.getTime() + after);
        const credit = cancellationCredit(p, { days: prorationOf(period, at).periodDays, end: period.end }, [{ seats: q, startsAt: at, ...purchase }], moment);
        const net = addAmounts(purchase, credit);
        const used = utcDaysBetween(at, moment);
        expect(net).toEqual(proratedAmounts(p, q * used, 1, prorationOf(period, at).periodDays));
        if (used === 0) expect(net).toEqual(zeroAmounts);
        expect(net.customerAmount).toBeLessThanOrEqual(purchase.customerAmount);
      }),
    );
  });

  it('TRM-2 with seats added in the window, the cancellation leaves exactly the seat-days used of every line', () => {
    fc.assert(
      fc.property(start, prices, quantity, quantity, fc.integer({ min: 0, max: 100 * 3_600_000 }), fc.integer({ min: 0, max: 60 * 3_600_000 }), (at, p, q, added, addAfter, cancelAfter) => {
        const period = billingPeriod(at, 'monthly', 0);
        const full = prorationOf(period, at);
        const purchase = proratedAmounts(p, q, full.days, full.periodDays);
        const addedAt = new Date(at.getTime() + addAfter);
        const increase = proratedAmounts(p, added, prorationOf(period, addedAt).days, full.periodDays);
        const moment = new Date(addedAt.getTime() + cancelAfter);
        const credit = cancellationCredit(p, { days: full.periodDays, end: period.end }, [{ seats: q, startsAt: at, ...purchase }, { seats: added, startsAt: addedAt, ...increase }], moment);
        const seatDays = q * utcDaysBetween(at, moment) + added * utcDaysBetween(addedAt, moment);
        expect(sum([purchase, increase, credit])).toEqual(proratedAmounts(p, seatDays, 1, full.periodDays));
      }),
    );
  });
});

describe('seat windows (TRM-3)', () => {
  const now = new Date('2027-03-10T12:00:00.000Z');
  const window = (quantity: number, closesAt: string): SeatWindow => ({ quantity, closesAt });

  it('TRM-3 a reduction removes the seats still in their windows, newest first; the rest waits for the renewal', () => {
    const windows = [window(10, '2027-03-09T00:00:00.000Z'), window(3, '2027-03-12T00:00:00.000Z'), window(2, '2027-03-15T00:00:00.000Z')];
    expect(splitReduction(windows, 4, now)).toEqual({ now: 4, scheduled: 0, windows: [window(1, '2027-03-12T00:00:00.000Z')] });
    expect(splitReduction(windows, 7, now)).toEqual({ now: 5, scheduled: 2, windows: [] });
    expect(splitReduction([window(5, cancellationWindowClosesAt(now).toISOString())], 5, new Date(cancellationWindowClosesAt(now).getTime()))).toEqual({ now: 0, scheduled: 5, windows: [] });
  });

  it('TRM-3 what is removed now and what is scheduled always make the reduction, and never more than is refundable is removed', () => {
    const windowArb = fc.record({ quantity: fc.integer({ min: 0, max: 50 }), closesAt: fc.date({ min: new Date('2027-03-01T00:00:00.000Z'), max: new Date('2027-03-20T00:00:00.000Z'), noInvalidDate: true }).map((d) => d.toISOString()) });
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 6 }), fc.integer({ min: 1, max: 200 }), (windows, by) => {
        const refundable = windows.filter((w) => new Date(w.closesAt) > now).reduce((n, w) => n + w.quantity, 0);
        const split = splitReduction(windows, by, now);
        expect(split.now + split.scheduled).toBe(by);
        expect(split.now).toBe(Math.min(by, refundable));
        expect(split.windows.reduce((n, w) => n + w.quantity, 0)).toBe(refundable - split.now);
      }),
    );
  });
});
