// Credit rules (BIL-2, BIL-4), pure: the defaults of credit terms, aging buckets, what a credit note
// may credit, and the credit left under a limit.
import { divideHalfEven } from '../../../platform/money.js';

/** Grace after the due date before an unpaid document blocks the buyer's orders, when its seller set none. */
export const defaultGraceDays = 10;

export const agingBuckets = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

const dayMs = 86_400_000;

/** BIL-4: a balance's bucket by whole days past its due date at `at` (not yet due: current). */
export function agingBucketOf(dueAt: Date, at: Date): AgingBucket {
  const late = Math.floor((at.getTime() - dueAt.getTime()) / dayMs);
  if (at.getTime() <= dueAt.getTime()) return 'current';
  if (late <= 30) return 'days1to30';
  if (late <= 60) return 'days31to60';
  if (late <= 90) return 'days61to90';
  return 'over90';
}

/** BIL-4: the credit left under a limit, never below zero (null: no limit). */
export function availableCreditOf(limit: number | null, exposure: number): number | null {
  return limit === null ? null : Math.max(0, limit - exposure);
}

export interface CreditableLine {
  lineNumber: number;
  /** The line's amount before tax (positive: a charge; a refund line is not credited). */
  amount: number;
  /** What earlier credit notes credited on it (positive). */
  credited: number;
}

export type CreditNoteLinePlan = { lineNumber: number; amount: number; tax: number };
export type CreditNotePlanError = { index: number; code: 'line_not_creditable' | 'credit_exceeds_line'; lineNumber: number; remaining: number };

/**
 * BIL-2: the credit note's lines: each requested line (all of them when none is named) credited by the
 * amount asked or everything left on it, never more than is left; tax at the document's rate, half to
 * even, as the run taxed it. Lines with nothing left are skipped when none was named.
 */
export function planCreditNote(
  lines: CreditableLine[],
  requested: { lineNumber: number; amount?: number }[] | undefined,
  taxRateBp: number,
): { lines: CreditNoteLinePlan[]; errors: CreditNotePlanError[] } {
  const byNumber = new Map(lines.map((l) => [l.lineNumber, l]));
  const wanted: { lineNumber: number; amount?: number }[] = requested ?? lines.filter((l) => l.amount - l.credited > 0).map((l) => ({ lineNumber: l.lineNumber }));
  const errors: CreditNotePlanError[] = [];
  const taken = new Map<number, number>();
  const planned: CreditNoteLinePlan[] = [];
  wanted.forEach((w, index) => {
    const line = byNumber.get(w.lineNumber);
    if (!line || line.amount <= 0) {
      errors.push({ index, code: 'line_not_creditable', lineNumber: w.lineNumber, remaining: 0 });
      return;
    }
    const remaining = line.amount - line.credited - (taken.get(w.lineNumber) ?? 0);
    const amount = w.amount ?? remaining;
    if (amount <= 0 || amount > remaining) {
      errors.push({ index, code: 'credit_exceeds_line', lineNumber: w.lineNumber, remaining: Math.max(0, remaining) });
      return;
    }
    taken.set(w.lineNumber, (taken.get(w.lineNumber) ?? 0) + amount);
    planned.push({ lineNumber: w.lineNumber, amount, tax: Number(divideHalfEven(BigInt(amount) * BigInt(taxRateBp), 10_000n)) });
  });
  return { lines: errors.length ? [] : planned, errors };
}
