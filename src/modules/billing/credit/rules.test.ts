// Credit rules, pure (BIL-2, BIL-4): aging buckets by whole days past due, the credit left under a
// limit, and what a credit note may credit.
import { describe, expect, it } from 'vitest';
import { agingBucketOf, availableCreditOf, planCreditNote } from './rules.js';

const due = new Date('2027-04-16T00:30:00.000Z');
const after = (days: number, ms = 0) => new Date(due.getTime() + days * 86_400_000 + ms);

describe('credit rules', () => {
  it('BIL-4 ages a balance by whole days past its due date', () => {
    expect(agingBucketOf(due, after(-1))).toBe('current');
    expect(agingBucketOf(due, due)).toBe('current');
    expect(agingBucketOf(due, after(0, 1))).toBe('days1to30');
    expect(agingBucketOf(due, after(30, 86_399_999))).toBe('days1to30');
    expect(agingBucketOf(due, after(31))).toBe('days31to60');
    expect(agingBucketOf(due, after(60, 86_399_999))).toBe('days31to60');
    expect(agingBucketOf(due, after(61))).toBe('days61to90');
    expect(agingBucketOf(due, after(91))).toBe('over90');
  });

  it('BIL-4 the credit left under a limit is never below zero, and there is none to count without a limit', () => {
    expect(availableCreditOf(10_000, 2_500)).toBe(7_500);
    expect(availableCreditOf(10_000, 12_000)).toBe(0);
    expect(availableCreditOf(null, 12_000)).toBeNull();
  });

  it('BIL-2 a credit note credits what is left on each line, never more, taxed half to even', () => {
    const lines = [
      { lineNumber: 1, amount: 1_000, credited: 0 },
      { lineNumber: 2, amount: 2_500, credited: 2_500 },
      { lineNumber: 3, amount: -300, credited: 0 },
      { lineNumber: 4, amount: 125, credited: 100 },
    ];
    // Everything left: lines 1 and 4 (2 is fully credited, 3 is a refund).
    expect(planCreditNote(lines, undefined, 2000)).toEqual({ lines: [{ lineNumber: 1, amount: 1_000, tax: 200 }, { lineNumber: 4, amount: 25, tax: 5 }], errors: [] });
    // 12.5 % of 25 is 3.125 → 3; of 4 → 0.5 → 0 (half to even).
    expect(planCreditNote(lines, [{ lineNumber: 4, amount: 4 }], 1250).lines).toEqual([{ lineNumber: 4, amount: 4, tax: 0 }]);
    expect(planCreditNote(lines, [{ lineNumber: 4, amount: 12 }], 1250).lines).toEqual([{ lineNumber: 4, amount: 12, tax: 2 }]);
    // Never beyond the line, counting the same line named twice; a refund line or a missing one is not creditable.
    expect(planCreditNote(lines, [{ lineNumber: 1, amount: 600 }, { lineNumber: 1, amount: 500 }], 0).errors).toEqual([{ index: 1, code: 'credit_exceeds_line', lineNumber: 1, remaining: 400 }]);
    expect(planCreditNote(lines, [{ lineNumber: 3 }, { lineNumber: 9 }], 0).errors.map((e) => e.code)).toEqual(['line_not_creditable', 'line_not_creditable']);
    expect(planCreditNote(lines, [{ lineNumber: 2 }], 0).errors).toEqual([{ index: 0, code: 'credit_exceeds_line', lineNumber: 2, remaining: 0 }]);
    // With any error, nothing is planned.
    expect(planCreditNote(lines, [{ lineNumber: 1 }, { lineNumber: 9 }], 0).lines).toEqual([]);
  });
});
