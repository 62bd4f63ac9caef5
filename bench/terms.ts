// The term job's bench (scenarios renewal-day and cycle-fee-sweep): the two days the generator arranges
// the subscriptions' terms around, and the set-aside and restore of what one run of the job changes.
//
// The calendar, from the generation time t0 (UTC):
// - the renewal day: the first day after t0's day whose date is ≤ 28 in a 31-day month (a term that
//   renews on it for one month ends 31 days later, so the renewed P1M terms are not inside their
//   30-day reminder the moment they renew; ≤ 28 so that ± months never clamp). Every 30th generated
//   subscription ends during that day (100,000 at program scale).
// - the month boundary: 00:00 UTC on the 1st of the month after the renewal day. Every other open
//   subscription is billed in monthly (or P3Y annual) periods aligned to the 1st, its next period due
//   exactly then; its term ends two months or more after it.
// The price list of t0's month and its repricing are in force on both days (the latest published one).
import type pg from 'pg';

export interface TermCalendar {
  /** 00:00 UTC of the renewal day. */
  renewalDay: string;
  /** 00:00 UTC on the 1st: the month boundary. */
  monthBoundary: string;
  /** The fewest periods a term aligned to the 1st has been billed, so that it started on or before t0. */
  minCyclesBilled: number;
  /** Every Nth subscription (by its number) ends on the renewal day. */
  renewalEvery: number;
}

export const renewalEvery = 30;
const dayMs = 86_400_000;

const daysInMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
const addUtcMonths = (d: Date, months: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));

export function termCalendar(t0: string): TermCalendar {
  const start = new Date(t0);
  let day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) + dayMs);
  while (!(day.getUTCDate() <= 28 && daysInMonth(day) === 31)) day = new Date(day.getTime() + dayMs);
  const boundary = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1));
  let minCyclesBilled = 1;
  while (addUtcMonths(boundary, -minCyclesBilled).getTime() > start.getTime()) minCyclesBilled++;
  return { renewalDay: day.toISOString(), monthBoundary: boundary.toISOString(), minCyclesBilled, renewalEvery };
}

/** The app's clock for each scenario: the end of the renewal day, and the month boundary itself. */
export function renewalDayClock(calendar: TermCalendar): Date {
  return new Date(new Date(calendar.renewalDay).getTime() + dayMs - 1);
}
export function monthBoundaryClock(calendar: TermCalendar): Date {
  return new Date(calendar.monthBoundary);
}

export interface TermWork {
  /** Periods due (status active/suspended, next_cycle_at ≤ clock), generated subscriptions only. */
  cycleFees: number;
  /** Terms ended (commitment_end_at ≤ clock) … */
  ended: number;
  /** … of which renew (active, auto-renew on) and expire (the others). */
  renewing: number;
  expiring: number;
  /** With next-term changes scheduled. */
  scheduled: number;
  /** Renewal reminders due at the clock (30 days ahead). */
  reminders: number;
  /** Subscriptions the bench did not generate (made by checkout runs) the job would have touched: set aside. */
  parked: number;
}

export interface RestoreStats {
  seconds: number;
  vacuumSeconds: number;
  chargeLines: number;
  auditRecords: number;
  mails: number;
  subscriptions: number;
}

const schema = 'bench_terms';

/**
 * Before a run of the job at `clock`: restores a run that was interrupted, then saves what the job may
 * change — the period columns of every subscription with a period due, the whole row of every term that
 * has ended or has a reminder due, and their licences — and sets aside (status `bench-parked`, restored
 * after) the subscriptions made after generation (by checkout runs) that would be due, so the job sees the
 * generated program only.
 */
export async function saveTermState(client: pg.Client, t0: string, clock: Date): Promise<TermWork> {
  await restoreTermState(client, { vacuum: true, ifSaved: true });
  const c = clock.toISOString();
  await client.query(`create schema ${schema}`);
  await client.query(`create table ${schema}.run as select $1::timestamptz as clock, $2::timestamptz as t0, clock_timestamp() as started_at`, [c, t0]);
  await client.query(
    `create unlogged table ${schema}.cycles as select id, cycles_billed, next_cycle_at from subscriptions
       where status in ('active', 'suspended') and next_cycle_at is not null and next_cycle_at <= $1`,
    [c],
  );
  await client.query(
    `create unlogged table ${schema}.rows as select * from subscriptions
       where (status in ('active', 'suspended') and commitment_end_at <= $1)
          or (status = 'active' and commitment_end_at > $1 and commitment_end_at <= $1::timestamptz + interval '30 days' and reminders_sent < 2)
          or (created_at > $2 and status in ('active', 'suspended') and next_cycle_at <= $1)`,
    [c, t0],
  );
  await client.query(`create unlogged table ${schema}.licenses as select * from license_assignments where subscription_id in (select id from ${schema}.rows)`);
  const parked = await client.query(
    `update subscriptions set status = 'bench-parked' where created_at > $1 and status in ('active', 'suspended') and id in (select id from ${schema}.rows union all select id from ${schema}.cycles)`,
    [t0],
  );
  const { rows } = await client.query<Omit<TermWork, 'parked'>>(
    `select (select count(*)::int from subscriptions where status in ('active', 'suspended') and next_cycle_at is not null and next_cycle_at <= $1) as "cycleFees",
            count(*) filter (where ended)::int as ended,
            count(*) filter (where ended and status = 'active' and auto_renew_enabled)::int as renewing,
            count(*) filter (where ended and not (status = 'active' and auto_renew_enabled))::int as expiring,
            count(*) filter (where ended and coalesce(scheduled_quantity::text, scheduled_term_duration, scheduled_billing_cycle, scheduled_sku_id) is not null)::int as scheduled,
            count(*) filter (where not ended and status = 'active')::int as reminders
       from (select s.*, s.commitment_end_at <= $1 as ended from subscriptions s where s.id in (select id from ${schema}.rows) and s.status in ('active', 'suspended')) x`,
    [c],
  );
  return { ...rows[0]!, parked: parked.rowCount ?? 0 };
}

/**
 * After a run: deletes what the job wrote (its charge lines, dated at its clock; its audit records and
 * reminder mails, written since the run started), puts the saved columns and rows back, then VACUUM
 * ANALYZE of the tables it changed (this server runs without autovacuum; dead row versions would slow
 * the next run's index scans). `ifSaved`: only when a saved state is there (an interrupted run).
 */
export async function restoreTermState(client: pg.Client, options: { vacuum: boolean; ifSaved?: boolean }): Promise<RestoreStats | undefined> {
  const saved = await client.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'run'`, [schema]);
  if (saved.rows.length === 0) {
    if (options.ifSaved) {
      await client.query(`drop schema if exists ${schema} cascade`);
      return undefined;
    }
    throw new Error('no saved term state to restore');
  }
  const started = performance.now();
  const { rows: runs } = await client.query<{ clock: Date; started_at: Date }>(`select clock, started_at from ${schema}.run`);
  const run = runs[0]!;
  const columns = (await client.query<{ name: string }>(`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = 'subscriptions' and column_name <> 'id' order by ordinal_position`)).rows.map((r) => `"${r.name}"`);
  // The charge lines are append-only (a trigger refuses deletes): this session's triggers are off.
  await client.query(`set session_replication_role = replica`);
  let stats: Omit<RestoreStats, 'seconds' | 'vacuumSeconds'>;
  try {
    await client.query('begin');
    const lines = await client.query(`delete from charge_lines where created_at = $1 and charge_type in ('cycleFee', 'renewal')`, [run.clock]);
    const audits = await client.query(`delete from audit_records where request_id = 'term-sweep' and at >= $1`, [run.started_at]);
    await client.query(`delete from jobs where queue = 'mail.deliver' and payload->>'outboxId' in (select id::text from mail_outbox where template = 'renewalReminder' and created_at >= $1)`, [run.started_at]);
    const mails = await client.query(`delete from mail_outbox where template = 'renewalReminder' and created_at >= $1`, [run.started_at]);
    const cycles = await client.query(
      `update subscriptions s set cycles_billed = b.cycles_billed, next_cycle_at = b.next_cycle_at from ${schema}.cycles b
        where s.id = b.id and (s.cycles_billed <> b.cycles_billed or s.next_cycle_at is distinct from b.next_cycle_at)`,
    );
    const rows = await client.query(`update subscriptions s set (${columns.join(', ')}) = (${columns.map((c) => `b.${c}`).join(', ')}) from ${schema}.rows b where s.id = b.id`);
    await client.query(`insert into license_assignments select * from ${schema}.licenses on conflict do nothing`);
    await client.query('commit');
    stats = { chargeLines: lines.rowCount ?? 0, auditRecords: audits.rowCount ?? 0, mails: mails.rowCount ?? 0, subscriptions: (cycles.rowCount ?? 0) + (rows.rowCount ?? 0) };
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.query(`reset session_replication_role`);
  }
  await client.query(`drop schema ${schema} cascade`);
  const vacuumStarted = performance.now();
  if (options.vacuum) {
    await client.query(`vacuum (analyze) subscriptions, charge_lines`);
    if (stats.auditRecords > 0) await client.query(`vacuum (analyze) audit_records`);
  }
  const done = performance.now();
  return { ...stats, seconds: (done - started) / 1000, vacuumSeconds: (done - vacuumStarted) / 1000 };
}

/** What a statement of the job is, by its SQL (the job's statements are few and fixed). */
export function statementLabel(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^(begin|commit|rollback)\b/i.test(t)) return t.split(' ')[0]!.toLowerCase();
  if (/with due as/i.test(t)) return /id = any/i.test(t) ? 'renewals: periods still due of the batch (chargeDueCycles by IDs)' : 'cycle fees: chargeDueCycles (lock, advance, insert charge lines)';
  if (/from "subscriptions"/i.test(t) && /for update skip locked/i.test(t)) return /"reminders_sent" </i.test(t) ? 'reminders: select and lock the due' : 'renewals: select and lock the batch';
  if (/from "products"/i.test(t)) return 'renewals: products of the batch';
  if (/price_list_entries/i.test(t)) return 'pricing: price list entries';
  if (/partner_discounts/i.test(t)) return 'pricing: partner discounts';
  if (/repricing_configs/i.test(t)) return 'pricing: repricing configs';
  if (/renewed as/i.test(t)) return 'renewals: write renewed terms, renewal charge lines, licences';
  if (/expired as/i.test(t)) return 'renewals: write expiries, licences';
  if (/insert into "audit_records"/i.test(t)) return 'audit records';
  if (/mail_outbox|insert into "jobs"/i.test(t)) return 'reminders: mail';
  return t.slice(0, 60);
}
