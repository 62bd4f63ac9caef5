// A job in a process of its own (scenarios renewal-day, cycle-fee-sweep, billing-run,
// reconciliation-export): the BUILT app (dist/server/src/app.js) built as `serve` builds it, with its
// clock set to the scenario's moment (buildApp's `now`) and nothing listening; once told to on stdin
// ("go") it runs the job once, as the job queue calls it, and writes the result, its time and every
// statement's time (pg.Client.prototype.query wrapped, as bench/server.ts does) to BENCH_JOB_OUT, then
// closes the app when told to ("close", once the bench has sampled it).
//   BENCH_JOB    terms | billing-run | reconciliation-export
//   BENCH_CLOCK  the app's clock (ISO)
//   BENCH_ARGS   the job's argument (JSON):
//     terms                   runTermSweep's batch {"cycles": n, "renewals": n} (the `commerce.terms` job)
//     billing-run             the period {"start": ISO, "end": ISO}: billing.closeBillingPeriod (the `billing.close` job's run of one month)
//     reconciliation-export   {"userId", "period": "YYYY-MM", "format", "direction"}: the export requested as that user
//                             (before "go", untimed), then the billing.reconciliationExport job's handler on it
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { billingStatementLabel, exportStatementLabel } from './billing.js';
import { builtApp, builtConfig, projectRoot } from './config.js';
import { statementLabel as termStatementLabel } from './terms.js';

export type JobKind = 'terms' | 'billing-run' | 'reconciliation-export';

export interface JobStatement {
  label: string;
  calls: number;
  totalMs: number;
  maxMs: number;
  /** Durations of the calls in order (ms, rounded to 0.1). */
  series: number[];
}

export interface JobOutput {
  /** What the job answered, as counts (terms: cycleFees, renewed, expired, reminded; billing-run: documents, lines; export: rows, bytes). */
  result: Record<string, number>;
  ms: number;
  /** Statements by kind, in order of first appearance. */
  statements: JobStatement[];
  /** Each transaction from its begin to its commit (ms). */
  transactions: number[];
  /** The first call of each distinct statement (text + parameters), in order, for EXPLAIN. */
  captured: { text: string; values: unknown[] }[];
  /** The export job: the export it wrote (for the restore). */
  exportId?: string;
  error?: string;
}

const kind = (process.env.BENCH_JOB ?? 'terms') as JobKind;
const labelOf = kind === 'billing-run' ? billingStatementLabel : kind === 'reconciliation-export' ? exportStatementLabel : termStatementLabel;
const statements = new Map<string, JobStatement>();
const captured = new Map<string, { text: string; values: unknown[] }>();
const transactions: number[] = [];
const openTransactions = new WeakMap<object, number>();
let recording = false;

const record = (client: object, text: string, ms: number) => {
  const label = labelOf(text);
  const entry = statements.get(label) ?? { label, calls: 0, totalMs: 0, maxMs: 0, series: [] };
  entry.calls++;
  entry.totalMs += ms;
  entry.maxMs = Math.max(entry.maxMs, ms);
  entry.series.push(Math.round(ms * 10) / 10);
  statements.set(label, entry);
  if (/^\s*begin/i.test(text)) openTransactions.set(client, performance.now() - ms);
  if (/^\s*(commit|rollback)/i.test(text)) {
    const began = openTransactions.get(client);
    if (began !== undefined) transactions.push(Math.round((performance.now() - began) * 10) / 10);
    openTransactions.delete(client);
  }
};

const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (!recording) return clientQuery.apply(this, args);
  const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
  const text = typeof config === 'string' ? config : (config?.text ?? '');
  if (!captured.has(text)) {
    const params = Array.isArray(values) ? values : typeof config === 'object' && Array.isArray(config?.values) ? config.values : [];
    captured.set(text, { text, values: params.map((v) => (v instanceof Date ? v.toISOString() : v)) });
  }
  const started = performance.now();
  const last = args[args.length - 1];
  if (typeof last === 'function') {
    args[args.length - 1] = (...results: unknown[]) => {
      record(this, text, performance.now() - started);
      return (last as (...a: unknown[]) => unknown)(...results);
    };
    return clientQuery.apply(this, args);
  }
  const result = clientQuery.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    (result as Promise<unknown>).then(
      () => record(this, text, performance.now() - started),
      () => record(this, text, performance.now() - started),
    );
  }
  return result;
};

const builtReconciliation = path.join(projectRoot, 'dist', 'server', 'src', 'modules', 'billing', 'reconciliation', 'service.js');

async function main() {
  const out = process.env.BENCH_JOB_OUT!;
  const clock = new Date(process.env.BENCH_CLOCK!);
  const args = JSON.parse(process.env.BENCH_ARGS ?? process.env.BENCH_BATCH ?? '{"cycles":5000,"renewals":1000}') as Record<string, unknown>;
  const { loadConfig } = (await import(pathToFileURL(builtConfig).href)) as typeof import('../src/config.js');
  const { buildApp } = (await import(pathToFileURL(builtApp).href)) as typeof import('../src/app.js');
  const app = await buildApp(loadConfig(process.env), { now: () => clock });
  // Nothing listens and no worker runs: the job is called once, as its queue calls it.
  let run: () => Promise<Record<string, number>>;
  let exportId: string | undefined;
  if (kind === 'billing-run') {
    const period = { start: new Date(String(args.start)), end: new Date(String(args.end)) };
    run = async () => {
      const result = await app.services.billing.closeBillingPeriod(period);
      return { closed: result.closed ? 1 : 0, documents: result.documents, lines: result.lines };
    };
  } else if (kind === 'reconciliation-export') {
    // BIL-3: the export requested through its operation (the period must be closed), as POST /v1/reconciliation-exports does.
    const { reconciliationService } = (await import(pathToFileURL(builtReconciliation).href)) as typeof import('../src/modules/billing/reconciliation/service.js');
    const reconciliation = reconciliationService(app.platform, { now: () => clock });
    const actor = await app.services.identity.actorOf(String(args.userId));
    const requested = await reconciliation.requestExport({ requestId: 'bench-export', locale: 'en', actor }, {
      period: String(args.period),
      format: args.format === 'jsonl' ? 'jsonl' : 'csv',
      direction: args.direction === 'issued' ? 'issued' : 'received',
    });
    exportId = requested.id;
    run = async () => {
      await reconciliation.runExport({ exportId }, { id: 'bench', attempts: 1 });
      const done = await reconciliation.getExport(actor, requested.id);
      return { succeeded: done.status === 'succeeded' ? 1 : 0, rows: done.rowCount ?? 0, bytes: done.byteSize ?? 0 };
    };
  } else {
    const batch = args as { cycles: number; renewals: number };
    run = async () => ({ ...(await app.services.commerce.runTermSweep(clock, batch)) });
  }
  console.log(`bench job ready (${kind}, pid ${process.pid})`);
  const lines = createInterface({ input: process.stdin });
  const nextLine = () => new Promise<void>((resolve) => lines.once('line', () => resolve()));
  await nextLine();
  recording = true;
  const started = performance.now();
  let output: JobOutput;
  try {
    const result = await run();
    const ms = performance.now() - started;
    recording = false;
    output = { result, ms, statements: [...statements.values()], transactions, captured: [...captured.values()], exportId };
  } catch (error) {
    recording = false;
    output = {
      result: {},
      ms: performance.now() - started,
      statements: [...statements.values()],
      transactions,
      captured: [],
      exportId,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  writeFileSync(out, JSON.stringify(output));
  // The bench samples this process and the database's CPU once the result is written, then says "close"
  // (the connections end with the app). A bench that is gone ends stdin: close then too.
  await Promise.race([nextLine(), new Promise<void>((resolve) => lines.once('close', () => resolve()))]);
  lines.close();
  await app.close();
  process.exit(output.error ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
