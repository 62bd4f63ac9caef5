// The billing bench (scenarios billing-run, reconciliation-export, invoice-list, invoice-lines): the
// month the generator fills with charge lines for the month-end run to close (BIL-1), what a run of
// it should write, and the restore of the period to open.
//
// The billed month is the calendar month (UTC) before the generation time t0's: every open
// subscription bought before its end has a charge line in it (the generator writes a `cycleFee` line
// for each one whose current term did not start in it; the others' first-period line is there
// already), so closing it issues documents at every tier for the whole program.
//
// The documents a run writes stay while the scenarios after it use them (the export, the invoice
// lists) and are removed at the end of the bench run (`restoreBillingState`), and before a run by its
// preparation (an interrupted bench run): the period's documents and its billing_runs row deleted, the
// issuers' invoice sequences put back as saved, then VACUUM ANALYZE.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface BilledPeriod {
  /** 00:00 UTC on the 1st of the month before t0's. */
  periodStart: string;
  /** 00:00 UTC on the 1st of t0's month. */
  periodEnd: string;
}

export function billedPeriod(t0: string): BilledPeriod {
  const at = new Date(t0);
  return {
    periodStart: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)).toISOString(),
    periodEnd: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString(),
  };
}

/** The app's clock for the run: half an hour after the period ends (the hourly billing.close job's first run). */
export function billingRunClock(period: BilledPeriod): Date {
  return new Date(new Date(period.periodEnd).getTime() + 30 * 60_000);
}

export interface BillingWork {
  /** Charge lines rated in the period (created_at in it). */
  chargeLines: number;
  /** Documents and lines the run writes, per tier and in all. */
  documents: { provider: number; reseller: number; customer: number };
  lines: { provider: number; reseller: number; customer: number };
  totalDocuments: number;
  totalLines: number;
}

export interface BillingRestoreStats {
  seconds: number;
  vacuumSeconds: number;
  documents: number;
  lines: number;
  /** TRUNCATE (every document was the period's) or DELETE. */
  how: 'truncate' | 'delete';
}

const schema = 'bench_billing';

/** True when the period is closed by a run the bench started (its documents are there and will be removed). */
export async function benchClosedPeriod(client: pg.Client): Promise<boolean> {
  const saved = await client.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'run'`, [schema]);
  return saved.rows.length > 0;
}

/**
 * Before a run: restores what an earlier bench run left (its period closed), then saves the invoice
 * sequences and counts what the run has to write (as close-billing-period.ts groups the lines: one
 * document per tier, issuer, recipient and currency; a provider reselling its own lines is not its own
 * reseller). Refuses a period closed by something other than the bench.
 */
export async function saveBillingState(client: pg.Client, period: BilledPeriod): Promise<BillingWork> {
  await restoreBillingState(client, { vacuum: true, ifSaved: true });
  const closed = await client.query(`select 1 from billing_runs where period_start = $1`, [period.periodStart]);
  if (closed.rows.length > 0) throw new Error(`The period ${period.periodStart.slice(0, 7)} was closed outside the bench (billing_runs): regenerate the bench database.`);
  await client.query(`create schema ${schema}`);
  await client.query(`create table ${schema}.run as select $1::timestamptz as period_start, $2::timestamptz as period_end, clock_timestamp() as started_at`, [period.periodStart, period.periodEnd]);
  await client.query(`create table ${schema}.sequences as select * from invoice_sequences`);
  const { rows } = await client.query<{ n: number; dp: number; dr: number; dc: number; lr: number }>(
    `select count(*)::int as n,
            count(distinct (provider_tenant_id, currency))::int as dp,
            count(distinct (provider_tenant_id, reseller_tenant_id, currency)) filter (where provider_tenant_id <> reseller_tenant_id)::int as dr,
            count(distinct (reseller_tenant_id, customer_tenant_id, currency))::int as dc,
            count(*) filter (where provider_tenant_id <> reseller_tenant_id)::int as lr
       from charge_lines where created_at >= $1 and created_at < $2`,
    [period.periodStart, period.periodEnd],
  );
  const r = rows[0]!;
  const documents = { provider: r.dp, reseller: r.dr, customer: r.dc };
  const lines = { provider: r.n, reseller: r.lr, customer: r.n };
  return { chargeLines: r.n, documents, lines, totalDocuments: r.dp + r.dr + r.dc, totalLines: r.n + r.lr + r.n };
}

/**
 * Opens the period again: deletes its documents (TRUNCATE when they are all the documents there are,
 * with what references them; else DELETE, the append-only triggers off for this session), its
 * billing_runs row, the jobs the run enqueued for it and the reconciliation exports of it, puts the
 * invoice sequences back as saved, then
 * VACUUM ANALYZE (this server runs without autovacuum). `ifSaved`: only when a saved state is there.
 */
export async function restoreBillingState(client: pg.Client, options: { vacuum: boolean; ifSaved?: boolean }): Promise<BillingRestoreStats | undefined> {
  if (!(await benchClosedPeriod(client))) {
    if (options.ifSaved) {
      await client.query(`drop schema if exists ${schema} cascade`);
      return undefined;
    }
    throw new Error('no saved billing state to restore');
  }
  const started = performance.now();
  const { rows: runs } = await client.query<{ period_start: Date }>(`select period_start from ${schema}.run`);
  const periodStart = runs[0]!.period_start;
  const { rows: counts } = await client.query<{ mine: number; others: number; lines: string }>(
    `select count(*) filter (where period_start = $1)::int as mine, count(*) filter (where period_start <> $1)::int as others,
            coalesce(sum(line_count) filter (where period_start = $1), 0)::text as lines
       from invoices`,
    [periodStart],
  );
  const { mine, others } = counts[0]!;
  const how = others === 0 ? 'truncate' : 'delete';
  await client.query(`set session_replication_role = replica`);
  try {
    await client.query('begin');
    await client.query(`delete from reconciliation_exports where period_start = $1`, [periodStart]);
    // The jobs the run enqueued for the period (its documents' notices), never run here (no worker).
    await client.query(`delete from jobs where queue like 'billing.%' and payload->>'periodStart' = $1`, [periodStart.toISOString()]);
    if (how === 'truncate') {
      // Every document is the period's: TRUNCATE, with the tables that reference documents (payments of them).
      await client.query(`truncate invoice_lines, invoices cascade`);
    } else {
      await client.query(`delete from invoice_lines where invoice_id in (select id from invoices where period_start = $1)`, [periodStart]);
      await client.query(`delete from invoices where period_start = $1`, [periodStart]);
    }
    await client.query(`delete from billing_runs where period_start = $1`, [periodStart]);
    await client.query(`delete from invoice_sequences`);
    await client.query(`insert into invoice_sequences select * from ${schema}.sequences`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.query(`reset session_replication_role`);
  }
  await client.query(`drop schema ${schema} cascade`);
  const vacuumStarted = performance.now();
  if (options.vacuum) await client.query(`vacuum (analyze) invoices, invoice_lines, invoice_sequences, billing_runs`);
  const done = performance.now();
  return { seconds: (done - started) / 1000, vacuumSeconds: (done - vacuumStarted) / 1000, documents: mine, lines: Number(counts[0]!.lines), how };
}

/** What a statement of the month-end run is, by its SQL (close-billing-period.ts: a few fixed statements per tier). */
export function billingStatementLabel(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^(begin|commit|rollback)\b/i.test(t)) return t.split(' ')[0]!.toLowerCase();
  const tier = /sum\(c\.provider_amount\)|c\.provider_amount/.test(t) ? 'provider' : /c\.reseller_amount/.test(t) ? 'reseller' : /c\.customer_amount/.test(t) ? 'customer' : undefined;
  if (/insert into invoices/i.test(t)) return `documents of the ${tier ?? '?'} tier (group, number, insert, sequences)`;
  if (/insert into invoice_lines/i.test(t)) return `lines of the ${tier ?? '?'} tier (join, number, insert)`;
  if (/insert into billing_runs/i.test(t)) return 'claim the period (billing_runs)';
  if (/update billing_runs/i.test(t)) return 'record the counts (billing_runs)';
  if (/program = 'operator'/i.test(t)) return 'the operator';
  return t.slice(0, 60);
}

/** What a statement of the export job is, by its SQL (run-reconciliation-export.ts). */
export function exportStatementLabel(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^(begin|commit|rollback)\b/i.test(t)) return t.split(' ')[0]!.toLowerCase();
  if (/from invoice_lines/i.test(t)) return 'lines: one batch (with customer, charge, product look-ups)';
  if (/from invoices i/i.test(t)) return 'documents: one page';
  if (/update "reconciliation_exports"/i.test(t)) return 'export status (running, succeeded)';
  if (/program = 'operator'/i.test(t)) return 'the operator';
  return t.slice(0, 60);
}

/**
 * After EXPLAIN replayed the run in a transaction rolled back: its writes are dead rows. With no live
 * document left TRUNCATE reclaims them at once; else VACUUM.
 */
export async function cleanUpAfterExplain(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from (select 1 from invoices limit 1) x`);
  if (rows[0]!.n === 0) await client.query(`truncate invoice_lines, invoices cascade`);
  await client.query(`vacuum (analyze) invoices, invoice_lines, invoice_sequences, billing_runs`);
}
