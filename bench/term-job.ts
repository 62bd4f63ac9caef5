// The term job in a process of its own (scenarios renewal-day and cycle-fee-sweep): the BUILT app
// (dist/server/src/app.js) built as `serve` builds it, with its clock set to the scenario's moment
// (buildApp's `now`) and nothing listening; once told to on stdin ("go") it runs
// app.services.commerce.runTermSweep(clock, batch) once and writes the result, its time and every
// statement's time (pg.Client.prototype.query wrapped, as bench/server.ts does) to BENCH_JOB_OUT.
//   BENCH_CLOCK  the app's clock (ISO)      BENCH_BATCH  runTermSweep's batch ({"cycles": n, "renewals": n})
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { builtApp, builtConfig } from './config.js';
import { statementLabel } from './terms.js';

export interface JobStatement {
  label: string;
  calls: number;
  totalMs: number;
  maxMs: number;
  /** Durations of the calls in order (ms, rounded to 0.1). */
  series: number[];
}

export interface JobOutput {
  result: { cycleFees: number; renewed: number; expired: number; reminded: number };
  ms: number;
  /** Statements by kind, in order of first appearance. */
  statements: JobStatement[];
  /** Each transaction (renewal batches, reminders) from its begin to its commit (ms). */
  transactions: number[];
  /** The first call of each distinct statement (text + parameters), for EXPLAIN. */
  captured: { text: string; values: unknown[] }[];
  error?: string;
}

const statements = new Map<string, JobStatement>();
const captured = new Map<string, { text: string; values: unknown[] }>();
const transactions: number[] = [];
const openTransactions = new WeakMap<object, number>();
let recording = false;

const record = (client: object, text: string, ms: number) => {
  const label = statementLabel(text);
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

async function main() {
  const out = process.env.BENCH_JOB_OUT!;
  const clock = new Date(process.env.BENCH_CLOCK!);
  const batch = JSON.parse(process.env.BENCH_BATCH ?? '{"cycles":5000,"renewals":1000}') as { cycles: number; renewals: number };
  const { loadConfig } = (await import(pathToFileURL(builtConfig).href)) as typeof import('../src/config.js');
  const { buildApp } = (await import(pathToFileURL(builtApp).href)) as typeof import('../src/app.js');
  const app = await buildApp(loadConfig(process.env), { now: () => clock });
  // Nothing listens and no worker runs: the job is called once, as the `commerce.terms` job calls it.
  console.log(`term job ready (pid ${process.pid})`);
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  recording = true;
  const started = performance.now();
  let output: JobOutput;
  try {
    const result = await app.services.commerce.runTermSweep(clock, batch);
    const ms = performance.now() - started;
    recording = false;
    output = { result, ms, statements: [...statements.values()], transactions, captured: [...captured.values()] };
  } catch (error) {
    recording = false;
    output = {
      result: { cycleFees: 0, renewed: 0, expired: 0, reminded: 0 },
      ms: performance.now() - started,
      statements: [...statements.values()],
      transactions,
      captured: [],
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  writeFileSync(out, JSON.stringify(output));
  await app.close();
  process.exit(output.error ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
