// BIL-1: the durable month-end job. Every period that has ended since the first charge line and is not
// closed yet is closed, oldest first (after a downtime the first run catches up), each in its own
// transaction (close-billing-period.ts); a run killed halfway left nothing of its period, which this
// closes next time.
import { sql } from 'drizzle-orm';
import { query } from '../../../db/index.js';
import { endedPeriods, periodOf } from '../rules.js';
import { closeBillingPeriod, type BillingRunResult } from './close-billing-period.js';
import type { BillingDeps } from './deps.js';

export async function closeDuePeriods(deps: BillingDeps, at?: Date): Promise<BillingRunResult[]> {
  const now = at ?? deps.now();
  const [bounds] = await query<{ first: Date | null; lastClosed: Date | null }>(
    deps.db,
    sql`select (select min(created_at) from charge_lines) as "first", (select max(period_end) from billing_runs) as "lastClosed"`,
  );
  if (!bounds?.first) return [];
  const from = new Date(Math.max(new Date(bounds.first).getTime(), bounds.lastClosed ? new Date(bounds.lastClosed).getTime() : 0));
  const results: BillingRunResult[] = [];
  for (const period of endedPeriods(periodOf(from).start, now)) results.push(await closeBillingPeriod(deps, period, now));
  return results;
}
