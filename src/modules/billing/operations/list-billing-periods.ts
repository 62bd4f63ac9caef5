// BIL-1: the periods the month-end run has closed (the program's, the same for every tenant: a month is
// closed for all at once), newest first, at most the last 120, and the one accruing now.
import { desc, sql } from 'drizzle-orm';
import type { BillingPeriods } from '../contract.js';
import { periodOf } from '../rules.js';
import { billingRuns } from '../schema.js';
import type { BillingDeps } from './deps.js';

const month = (at: Date) => at.toISOString().slice(0, 7);

export async function listBillingPeriods({ db, now }: BillingDeps): Promise<BillingPeriods> {
  const rows = await db.select().from(billingRuns).orderBy(desc(billingRuns.periodStart)).limit(120);
  const [last] = await db.select({ end: sql<Date | null>`max(${billingRuns.periodEnd})` }).from(billingRuns);
  const openFrom = last?.end ? new Date(last.end) : periodOf(now()).start;
  return {
    items: rows.map((r) => ({
      period: month(r.periodStart),
      periodStart: r.periodStart.toISOString(),
      periodEnd: r.periodEnd.toISOString(),
      closedAt: r.closedAt.toISOString(),
      documents: r.documents,
      lines: r.lines,
    })),
    openPeriod: month(openFrom),
  };
}
