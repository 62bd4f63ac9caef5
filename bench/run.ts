// Runs the scenarios: for each, a fresh server process (two for scale-out), one captured request
// (SQL + response size), a warm-up, the measured run with RSS sampling, the two floors measured the
// same way, and EXPLAIN (ANALYZE, BUFFERS, WAL) of the captured queries.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { benchDir, benchSessionSecret, demoPassword, projectRoot, workDir, type Options, type Scale } from './config.js';
import { connect, type BenchMeta } from './db.js';
import { coresBetween, cpuSnapshot, memoryOf, runLoad, sampleRss, send, startServer, stopProcess, type LoadResult, type RequestSpec, type ServerProcess } from './load.js';
import { scenarios, type Goal, type JobRestore, type Scenario } from './scenarios.js';
import { benchClosedPeriod, restoreBillingState } from './billing.js';
import type { JobKind, JobOutput } from './job.js';
import { runWebhooksScenario, webhooksSummary, type WebhooksResult } from './webhooks.js';
import { portalSummary, runPortalScenario, type PortalResult } from './portal.js';

export interface CapturedQuery {
  text: string;
  values: unknown[];
}

export interface ExplainedQuery {
  sql: string;
  calls: number;
  plan?: string;
  skipped?: string;
  seqScans: { table: string; rows: number }[];
}

export interface ScenarioResult {
  name: string;
  title: string;
  kind: Scenario['kind'];
  goal: Goal;
  connections?: number;
  processes?: number;
  note?: string;
  load?: LoadResult;
  /** Single timed requests (ms). */
  timings?: number[];
  peakRssMb?: number;
  vmHwmMb?: number;
  /** Single timed requests: the app's RSS before the first request (the captured one) and after the last. */
  rssBeforeMb?: number;
  rssAfterMb?: number;
  roundTrips?: number;
  responseBytes?: number;
  /** The captured request, sent alone before the load (ms). */
  captureMs?: number;
  floorJson?: LoadResult;
  floorDb?: LoadResult;
  floorJsonMs?: number;
  floorDbMs?: number;
  ratio?: number;
  readySeconds?: number;
  met: boolean;
  failures: string[];
  queries?: ExplainedQuery[];
  profile?: { function: string; selfMs: number; share: number }[];
  /** Cores used during the measured run: the app process(es), PostgreSQL, the load generator, everything else. */
  cores?: { app: number; postgres: number; loadGenerator: number; other: number; machine: number };
  /** Event-loop utilization of each app process during the measured run (1 = never idle). */
  eventLoop?: number[];
  /** Jobs (the term job): one run in a process of its own. */
  job?: JobResult;
  /** The webhooks scenario: its two runs (webhooks.ts). */
  webhooks?: WebhooksResult;
  /** The portal scenario: Lighthouse per page and the first-load JavaScript (portal.ts). */
  portal?: PortalResult;
  error?: string;
}

export interface JobResult {
  clock: string;
  /** What the job process called, as the report shows it. */
  call: string;
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  result: JobOutput['result'];
  expected: JobOutput['result'];
  /** RSS of the job process once the app was built (before the job), its peak during the job, and the growth of the peak from the run's first half to its second. */
  rssBeforeMb: number;
  rssGrowthMb: number;
  /** RSS of the job process, one sample a second of the run (MB). */
  rssSeries: number[];
  statements: { label: string; calls: number; totalMs: number; maxMs: number; share: number; p50Ms: number; firstMs: number[]; lastMs: number[] }[];
  /** Transactions (renewal batches, reminders): count, median, slowest (ms). */
  transactions: { count: number; p50Ms: number; maxMs: number; firstMs: number[]; lastMs: number[] };
  /** Database time seen by the job (sum of its statements) ÷ its wall time. */
  databaseShare: number;
  /** WAL the server wrote during the run (MB) and the checkpoints it started. */
  wal: { mb: number; checkpoints: number };
  restore?: JobRestore;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function runScenarios(options: Options, scale: Scale, meta: BenchMeta): Promise<ScenarioResult[]> {
  const selected = options.scenarios ? scenarios.filter((s) => options.scenarios!.includes(s.name)) : scenarios;
  const unknown = (options.scenarios ?? []).filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length) throw new Error(`Unknown scenario(s): ${unknown.join(', ')}. Scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  const client = await connect(options.databaseUrl);
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of selected) {
      process.stderr.write(`\n▶ ${scenario.name}: ${scenario.title}\n`);
      let result: ScenarioResult;
      try {
        if (scenario.kind === 'load') result = await runLoadScenario(scenario, options, scale, meta, client);
        else if (scenario.kind === 'single') result = await runSingleScenario(scenario, options, scale, meta, client);
        else if (scenario.kind === 'job') result = await runJobScenario(scenario, options, scale, meta, client);
        else if (scenario.kind === 'webhooks') result = await runWebhooksScenario(scenario, { client, seed: options.seed, scale, meta, options, budget: 0, runJob: jobRunner(options, client) });
        else if (scenario.kind === 'portal') result = await runPortalScenario(scenario, { client, seed: options.seed, scale, meta, options, budget: 0, runJob: jobRunner(options, client) });
        else result = await runStartup(scenario, options);
      } catch (error) {
        result = { name: scenario.name, title: scenario.title, kind: scenario.kind, goal: scenario.goal, met: false, failures: ['did not run'], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      results.push(result);
      process.stderr.write(`  ${summaryLine(result)}\n`);
    }
  } finally {
    try {
      // The billed month, closed by a billing scenario and kept for the ones after it, is opened again.
      if (await benchClosedPeriod(client)) {
        process.stderr.write('\nOpening the billed month again (its documents deleted, the invoice sequences put back) …\n');
        const restored = await restoreBillingState(client, { vacuum: true });
        if (restored) process.stderr.write(`  ${restored.documents.toLocaleString('en')} documents, ${restored.lines.toLocaleString('en')} lines removed (${restored.how}) in ${restored.seconds.toFixed(1)} s\n`);
      }
    } finally {
      await client.end();
    }
  }
  return results;
}

function summaryLine(r: ScenarioResult): string {
  if (r.error) return `error: ${r.error.split('\n')[0]}`;
  if (r.webhooks) return webhooksSummary(r);
  if (r.portal) return portalSummary(r);
  if (r.job) {
    const j = r.job;
    return `${j.seconds.toFixed(1)} s for ${j.rows.toLocaleString('en')} rows (${Math.round(j.rowsPerSecond).toLocaleString('en')} rows/s), result ${JSON.stringify(j.result)}, RSS ${j.rssBeforeMb.toFixed(0)} → peak ${r.peakRssMb?.toFixed(0)} MB (growth ${j.rssGrowthMb.toFixed(0)} MB), ratio to the goal ${r.ratio?.toFixed(2)}${r.cores ? `, cores job ${r.cores.app.toFixed(2)} / pg ${r.cores.postgres.toFixed(2)}` : ''}${j.restore ? `; restored in ${j.restore.seconds.toFixed(0)} s` : ''} → ${r.met ? 'met' : `missed (${r.failures.join('; ')})`}`;
  }
  if (r.load) return `${r.load.rps.toFixed(0)} req/s, p50 ${r.load.p50.toFixed(1)} ms, p95 ${r.load.p95.toFixed(1)} ms, p99 ${r.load.p99.toFixed(1)} ms, errors ${r.load.errors + r.load.non2xx}, floor ${r.floorDb?.rps.toFixed(0)} req/s, ratio ${r.ratio?.toFixed(2)}${r.cores ? `, cores app ${r.cores.app.toFixed(2)} / pg ${r.cores.postgres.toFixed(2)} / load ${r.cores.loadGenerator.toFixed(2)} / other ${r.cores.other.toFixed(2)}` : ''}${r.eventLoop ? `, event loop ${r.eventLoop.map((u) => (u * 100).toFixed(0) + '%').join('/')}` : ''} → ${r.met ? 'met' : `missed (${r.failures.join('; ')})`}`;
  if (r.timings) return `${r.timings.map((t) => (t / 1000).toFixed(2)).join(' / ')} s, ${r.responseBytes?.toLocaleString('en')} bytes, RSS ${r.rssBeforeMb?.toFixed(0)} → ${r.rssAfterMb?.toFixed(0)} MB (peak ${r.peakRssMb?.toFixed(0)}) → ${r.met ? 'met' : `missed (${r.failures.join('; ')})`}`;
  return `ready in ${r.readySeconds?.toFixed(2)} s, peak RSS ${r.peakRssMb?.toFixed(0)} MB → ${r.met ? 'met' : `missed (${r.failures.join('; ')})`}`;
}

export function profileDir(name: string) {
  const dir = path.join(workDir, 'profiles', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function window(port: number, action: 'start' | 'stop', profile?: string): Promise<{ eventLoopUtilization: number; cpuCores: number }> {
  const query = profile ? `?profile=${encodeURIComponent(profile)}` : '';
  return (await (await fetch(`http://127.0.0.1:${port}/bench/window/${action}${query}`, { method: 'POST' })).json()) as { eventLoopUtilization: number; cpuCores: number };
}

async function withServers<T>(options: Options, count: number, work: (servers: ServerProcess[]) => Promise<T>): Promise<{ value: T }> {
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer({ databaseUrl: options.databaseUrl, port: options.port + i }));
    return { value: await work(servers) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function drain(port: number) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const r = await send(port, { method: 'GET', path: '/bench/floor/db?trips=1&bytes=20' });
    if (r.ms < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function capture(port: number, spec: RequestSpec) {
  const response = await send(port, spec, { 'x-bench-capture': '1' });
  const captured = (await (await fetch(`http://127.0.0.1:${port}/bench/capture`)).json()) as { status: number; bytes: number; queries: CapturedQuery[] };
  return { response, captured };
}

function judge(goal: Goal, values: { rps?: number; p99?: number; seconds?: number; ratio?: number; errors: number; readySeconds?: number; rssMb?: number }) {
  const failures: string[] = [];
  if (values.errors > 0) failures.push(`${values.errors} errors/non-2xx`);
  if (goal.rps !== undefined && (values.rps ?? 0) < goal.rps) failures.push(`req/s < ${goal.rps}`);
  if (goal.p99 !== undefined && (values.p99 ?? Infinity) > goal.p99) failures.push(`p99 > ${goal.p99} ms`);
  if (goal.seconds !== undefined && (values.seconds ?? Infinity) > goal.seconds) failures.push(`> ${goal.seconds} s`);
  if (goal.readySeconds !== undefined && (values.readySeconds ?? Infinity) > goal.readySeconds) failures.push(`ready > ${goal.readySeconds} s`);
  if (goal.rssMb !== undefined && (values.rssMb ?? Infinity) > goal.rssMb) failures.push(`RSS > ${goal.rssMb} MB`);
  if (values.ratio !== undefined && values.ratio < goal.ratio) failures.push(`ratio < ${goal.ratio}`);
  return { met: failures.length === 0, failures };
}

async function runLoadScenario(scenario: Extract<Scenario, { kind: 'load' }>, options: Options, scale: Scale, meta: BenchMeta, client: pg.Client): Promise<ScenarioResult> {
  const processes = scenario.processes ?? 1;
  const connections = scenario.connections ?? options.connections;
  const budget = Math.ceil((options.warmup + options.duration) * 2500 * processes);
  const prepared = await scenario.prepare({ client, seed: options.seed, scale, meta, options, budget, runJob: jobRunner(options, client) });
  const { value } = await withServers(options, processes, async (servers) => {
    const ports = servers.map((s) => s.port);
    const { response, captured } = await capture(ports[0]!, prepared.capture);
    if (response.status >= 300) throw new Error(`the captured request answered ${response.status}: ${response.text.slice(0, 500)}`);
    const trips = captured.queries.length;
    const bytes = captured.bytes || response.bytes;
    const captureMs = response.ms;
    if (options.warmup > 0) await runLoad({ ports, connections, seconds: options.warmup, next: prepared.next });
    const rss = sampleRss(servers.map((s) => s.pid));
    const profileFile = options.cpuProf ? path.join(profileDir(scenario.name), 'app.cpuprofile') : undefined;
    await Promise.all(ports.map((port, i) => window(port, 'start', i === 0 ? profileFile : undefined)));
    const cpuBefore = cpuSnapshot(servers.map((s) => s.pid));
    const load = await runLoad({ ports, connections, seconds: options.duration, next: prepared.next });
    const cores = coresBetween(cpuBefore, cpuSnapshot(servers.map((s) => s.pid)));
    const windows = await Promise.all(ports.map((port, i) => window(port, 'stop', i === 0 ? profileFile : undefined)));
    const eventLoop = windows.map((w) => w.eventLoopUtilization);
    const profile = profileFile ? summarizeProfile(profileFile) : undefined;
    const peakRssMb = rss.stop();
    const vmHwmMb = servers.reduce((sum, s) => sum + memoryOf(s.pid, 'VmHWM'), 0);
    // Requests still in flight after the run (slow scenarios) would slow the floors down: let them finish.
    await drain(ports[0]!);
    const floorSeconds = Math.min(options.duration, 5);
    const floorJsonSpec: RequestSpec = { method: 'GET', path: `/bench/floor/json?bytes=${bytes}` };
    const floorDbSpec: RequestSpec = { method: 'GET', path: `/bench/floor/db?trips=${trips}&bytes=${bytes}` };
    await runLoad({ ports, connections, seconds: 1, next: () => floorJsonSpec });
    const floorJson = await runLoad({ ports, connections, seconds: floorSeconds, next: () => floorJsonSpec });
    await runLoad({ ports, connections, seconds: 1, next: () => floorDbSpec });
    const floorDb = await runLoad({ ports, connections, seconds: floorSeconds, next: () => floorDbSpec });
    return { load, peakRssMb, vmHwmMb, trips, bytes, floorJson, floorDb, captured, captureMs, cores, eventLoop, profile };
  });
  const ratio = value.floorDb.rps > 0 ? value.load.rps / value.floorDb.rps : 0;
  // No response within the run: latency is at least the run's length.
  const p99 = value.load.requests === 0 ? options.duration * 1000 : value.load.p99;
  const verdict = judge(scenario.goal, { rps: value.load.rps, p99, ratio, errors: value.load.errors + value.load.non2xx });
  if (value.load.requests === 0) verdict.failures.unshift(`no response within ${options.duration} s`);
  const queries = options.explain ? await explainAll(client, value.captured.queries, scenario.name === 'checkout' || scenario.name === 'checkout-2-processes') : undefined;
  return {
    name: scenario.name,
    title: scenario.title,
    kind: 'load',
    goal: scenario.goal,
    connections,
    processes,
    note: prepared.note,
    load: value.load,
    peakRssMb: value.peakRssMb,
    vmHwmMb: value.vmHwmMb,
    roundTrips: value.trips,
    responseBytes: value.bytes,
    captureMs: value.captureMs,
    cores: value.cores,
    eventLoop: value.eventLoop,
    floorJson: value.floorJson,
    floorDb: value.floorDb,
    ratio,
    ...verdict,
    queries,
    profile: value.profile,
  };
}

async function runSingleScenario(scenario: Extract<Scenario, { kind: 'single' }>, options: Options, scale: Scale, meta: BenchMeta, client: pg.Client): Promise<ScenarioResult> {
  const prepared = await scenario.prepare({ client, seed: options.seed, scale, meta, options, budget: scenario.repeat, runJob: jobRunner(options, client) });
  const { value } = await withServers(options, 1, async ([server]) => {
    const port = server!.port;
    const rssBeforeMb = memoryOf(server!.pid);
    const { response, captured } = await capture(port, prepared.spec());
    if (response.status >= 300) throw new Error(`the captured request answered ${response.status}: ${response.text.slice(0, 500)}`);
    const rss = sampleRss([server!.pid]);
    const profileFile = options.cpuProf ? path.join(profileDir(scenario.name), 'app.cpuprofile') : undefined;
    await window(port, 'start', profileFile);
    const timings: number[] = [];
    let errors = 0;
    for (let i = 0; i < scenario.repeat; i++) {
      const r = await send(port, prepared.spec());
      if (r.status >= 300) errors++;
      timings.push(r.ms);
    }
    const stopped = await window(port, 'stop', profileFile);
    const profile = profileFile ? summarizeProfile(profileFile) : undefined;
    const peakRssMb = rss.stop();
    const rssAfterMb = memoryOf(server!.pid);
    const trips = captured.queries.length;
    const bytes = captured.bytes || response.bytes;
    const floorJsonMs = median(await Promise.all([0, 1, 2].map(async () => (await send(port, { method: 'GET', path: `/bench/floor/json?bytes=${bytes}` })).ms)));
    const floorDbTimes: number[] = [];
    for (let i = 0; i < 3; i++) floorDbTimes.push((await send(port, { method: 'GET', path: `/bench/floor/db?trips=${trips}&bytes=${bytes}` })).ms);
    return { timings, errors, peakRssMb, rssBeforeMb, rssAfterMb, vmHwmMb: memoryOf(server!.pid, 'VmHWM'), trips, bytes, floorJsonMs, floorDbMs: median(floorDbTimes), captured, profile, eventLoop: [stopped.eventLoopUtilization] };
  });
  const seconds = median(value.timings) / 1000;
  const ratio = value.floorDbMs / (seconds * 1000);
  const verdict = judge(scenario.goal, { seconds, ratio, errors: value.errors });
  const queries = options.explain ? await explainAll(client, value.captured.queries, true) : undefined;
  return {
    name: scenario.name,
    title: scenario.title,
    kind: 'single',
    goal: scenario.goal,
    note: prepared.note,
    timings: value.timings,
    peakRssMb: value.peakRssMb,
    rssBeforeMb: value.rssBeforeMb,
    rssAfterMb: value.rssAfterMb,
    vmHwmMb: value.vmHwmMb,
    roundTrips: value.trips,
    responseBytes: value.bytes,
    floorJsonMs: value.floorJsonMs,
    floorDbMs: value.floorDbMs,
    ratio,
    eventLoop: value.eventLoop,
    ...verdict,
    queries,
    profile: value.profile,
  };
}

// ------------------------------------------------------------------------------------------
// Jobs: one run of a job in a process of its own (bench/job.ts)

async function runJobScenario(scenario: Extract<Scenario, { kind: 'job' }>, options: Options, scale: Scale, meta: BenchMeta, client: pg.Client): Promise<ScenarioResult> {
  const prepared = await scenario.prepare({ client, seed: options.seed, scale, meta, options, budget: 1, runJob: jobRunner(options, client) });
  process.stderr.write(`  ${prepared.note}\n`);
  let run: Awaited<ReturnType<typeof runJobProcess>> | undefined;
  let restore: JobRestore | undefined;
  try {
    run = await runJobProcess(options, prepared.job, prepared.clock, prepared.args, client);
  } finally {
    if (prepared.restore) {
      process.stderr.write('  restoring the state the run changed …\n');
      restore = await prepared.restore(run?.output);
    }
  }
  const { output } = run!;
  if (output.error) throw new Error(`the job failed: ${output.error}`);
  const seconds = output.ms / 1000;
  const rowsPerSecond = prepared.rows / seconds;
  const goal = scenario.goal;
  // Judged per row where the goal names its rows (the run's rows may differ from them), else by its seconds.
  const ratio = goal.seconds && goal.rows ? rowsPerSecond / (goal.rows / goal.seconds) : goal.seconds ? goal.seconds / seconds : 1;
  const job = run!;
  const half = Math.floor(job.rssSeries.length / 2);
  const rssGrowthMb = job.rssSeries.length >= 2 ? Math.max(...job.rssSeries.slice(half)) - Math.max(...job.rssSeries.slice(0, half)) : 0;
  const failures: string[] = [];
  for (const [key, expected] of Object.entries(prepared.expected)) {
    if (output.result[key] !== expected) failures.push(`${key} ${output.result[key]} ≠ expected ${expected}`);
  }
  if (ratio < goal.ratio) failures.push(goal.rows ? `> ${goal.seconds} s for ${goal.rows.toLocaleString('en')} rows (ratio < ${goal.ratio})` : `> ${goal.seconds} s`);
  if (goal.rssGrowthMb !== undefined && rssGrowthMb > goal.rssGrowthMb) failures.push(`RSS grew ${rssGrowthMb.toFixed(0)} MB > ${goal.rssGrowthMb} MB`);
  if (goal.rssMb !== undefined && job.peakRssMb > goal.rssMb) failures.push(`RSS ${job.peakRssMb.toFixed(0)} MB > ${goal.rssMb} MB`);
  const dbMs = output.statements.reduce((sum, st) => sum + st.totalMs, 0);
  const p50 = (values: number[]) => median(values);
  // Statements that build on the ones before (the month-end run: the lines join the documents just written) are explained in
  // their order in one transaction, rolled back; the others each alone, on the restored state.
  let queries: ExplainedQuery[] | undefined;
  if (options.explain) {
    queries = prepared.explain === 'sequence' ? await explainSequence(client, output.captured) : await explainAll(client, output.captured, true);
    await prepared.afterExplain?.();
  }
  return {
    name: scenario.name,
    title: scenario.title,
    kind: 'job',
    goal,
    note: prepared.note,
    peakRssMb: job.peakRssMb,
    vmHwmMb: job.vmHwmMb,
    ratio,
    cores: job.cores,
    met: failures.length === 0,
    failures,
    queries,
    job: {
      clock: prepared.clock.toISOString(),
      call: prepared.call,
      seconds,
      rows: prepared.rows,
      rowsPerSecond,
      result: output.result,
      expected: prepared.expected,
      rssBeforeMb: job.rssBeforeMb,
      rssGrowthMb,
      rssSeries: job.rssSeries,
      statements: output.statements
        .map((st) => ({ label: st.label, calls: st.calls, totalMs: st.totalMs, maxMs: st.maxMs, share: st.totalMs / output.ms, p50Ms: p50(st.series), firstMs: st.series.slice(0, 5), lastMs: st.series.slice(-5) }))
        .sort((a, b) => b.totalMs - a.totalMs),
      transactions: { count: output.transactions.length, p50Ms: p50(output.transactions), maxMs: Math.max(0, ...output.transactions), firstMs: output.transactions.slice(0, 5), lastMs: output.transactions.slice(-5) },
      databaseShare: dbMs / output.ms,
      wal: job.wal,
      restore,
    },
  };
}

/** A job run untimed for a scenario's preparation (the month-end run before the scenarios that read its documents). */
function jobRunner(options: Options, client: pg.Client) {
  return async (job: JobKind, clock: Date, args: Record<string, unknown>) => (await runJobProcess(options, job, clock, args, client)).output;
}

/** Starts bench/job.ts, waits for the app to be built, then runs the job once while sampling its RSS and CPU. */
async function runJobProcess(options: Options, job: JobKind, clock: Date, args: Record<string, unknown>, client: pg.Client) {
  // The server's WAL written and checkpoints over the run (the job's writes are most of it).
  const walState = async () =>
    (
      await client.query<{ lsn: string; checkpoints: string }>(
        `select pg_current_wal_lsn()::text as lsn, (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)::text as checkpoints`,
      )
    ).rows[0]!;
  mkdirSync(path.join(workDir, 'data'), { recursive: true });
  const out = path.join(workDir, `job-${process.pid}-${Date.now()}.json`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'job.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'warn',
      DEMO: '0',
      WORKER: '0',
      SESSION_SECRET: benchSessionSecret,
      DATA_DIR: path.join(workDir, 'data'),
      BENCH_JOB: job,
      BENCH_CLOCK: clock.toISOString(),
      BENCH_ARGS: JSON.stringify(args),
      BENCH_JOB_OUT: out,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr!.on('data', (data: Buffer) => {
    output += data.toString();
    process.stderr.write(`[job] ${data.toString()}`);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the job process was not ready in 60 s:\n${output}`)), 60_000);
      child.stdout!.on('data', (data: Buffer) => {
        output += data.toString();
        if (output.includes('bench job ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the job process exited (${code}):\n${output}`));
      });
    });
    const pid = child.pid!;
    const rssBeforeMb = memoryOf(pid);
    const rss = sampleRss([pid]);
    const rssSeries: number[] = [];
    const series = setInterval(() => rssSeries.push(Math.round(memoryOf(pid))), 1000);
    const walBefore = await walState();
    const cpuBefore = cpuSnapshot([pid]);
    let cpuAfter = cpuBefore;
    let peakRssMb = 0;
    let vmHwmMb = 0;
    // The last samples are taken when the job has written its result (the process then closes the app and exits).
    const finished = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        // VmHWM while the process is there (it may exit right after writing its result).
        vmHwmMb = Math.max(vmHwmMb, memoryOf(pid, 'VmHWM'));
        if (existsSync(out) || child.exitCode !== null) {
          clearInterval(poll);
          cpuAfter = cpuSnapshot([pid]);
          peakRssMb = rss.stop();
          clearInterval(series);
          // Sampled: the process may close the app now (its database connections, whose CPU was just read, end with it).
          if (child.exitCode === null) child.stdin!.write('close\n');
          resolve();
        }
      }, 20);
    });
    child.stdin!.write('go\n');
    await finished;
    const code = await exited;
    if (!existsSync(out)) throw new Error(`the job process exited (${code}) without a result:\n${output}`);
    const walAfter = await walState();
    const { rows } = await client.query<{ bytes: string }>(`select pg_wal_lsn_diff($1, $2)::bigint::text as bytes`, [walAfter.lsn, walBefore.lsn]);
    const wal = { mb: Number(rows[0]!.bytes) / 1024 / 1024, checkpoints: Number(walAfter.checkpoints) - Number(walBefore.checkpoints) };
    const result = JSON.parse(readFileSync(out, 'utf8')) as JobOutput;
    return { output: result, peakRssMb, vmHwmMb, rssBeforeMb, rssSeries, cores: coresBetween(cpuBefore, cpuAfter), wal };
  } finally {
    if (child.exitCode === null) await stopProcess(child, 'SIGKILL');
    rmSync(out, { force: true });
  }
}

/** The node process serving under `npm start` (a descendant of npm running dist/server/src/main.js). */
function findServerPid(root: number): number | undefined {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    try {
      // The node process itself, not the shell npm runs the script line in.
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (/node$/.test(argv[0] ?? '') && argv.some((a) => a.endsWith('dist/server/src/main.js'))) return pid;
    } catch {
      /* gone */
    }
    queue.push(...children(pid));
  }
  return undefined;
}

/**
 * Signs in as a demo user: the password, then (ACC-4) the second step with the current code of the
 * demo's authenticator app (its secret is derived from the email, as `npm run mfa-code` does).
 */
async function demoSignIn(port: number, email: string): Promise<Response> {
  const post = (route: string, body: unknown) =>
    fetch(`http://127.0.0.1:${port}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const first = await post('/v1/auth/sessions', { email, password: demoPassword });
  if (first.status !== 200) return first;
  const challenge = (await first.json()) as { mfaRequired?: boolean; challengeId?: string };
  if (!challenge.mfaRequired || !challenge.challengeId) throw new Error(`demo sign-in answered 200 without a challenge: ${JSON.stringify(challenge)}`);
  const { demoTotpSecret } = (await import(pathToFileURL(path.join(projectRoot, 'dist', 'server', 'src', 'demo.js')).href)) as typeof import('../src/demo.js');
  const { totpCodeAt, totpStepNow } = (await import(pathToFileURL(path.join(projectRoot, 'dist', 'server', 'src', 'modules', 'identity', 'mfa', 'totp.js')).href)) as typeof import('../src/modules/identity/mfa/totp.js');
  return post('/v1/auth/sessions/mfa', { challengeId: challenge.challengeId, code: totpCodeAt(demoTotpSecret(email), totpStepNow()) });
}

async function runStartup(scenario: Extract<Scenario, { kind: 'startup' }>, options: Options): Promise<ScenarioResult> {
  const dataDir = mkdtempSync(path.join(workDir, 'startup-'));
  const port = options.port + 50;
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', TENANT_RATE_LIMIT: '0', LOG_LEVEL: 'warn', SESSION_SECRET: benchSessionSecret };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  try {
    const readySeconds = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready in 120 s:\n${output}`)), 120_000);
      child.stdout!.on('data', (data: Buffer) => {
        output += data.toString();
        if (/is ready on/.test(output)) {
          clearTimeout(timer);
          resolve((performance.now() - started) / 1000);
        }
      });
      child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}):\n${output}`));
      });
    });
    const serverMs = Number(/is ready on \S+ \(database: \w+, (\d+) ms\)/.exec(output)?.[1] ?? NaN);
    const pid = findServerPid(child.pid!);
    if (!pid) throw new Error('could not find the server process under npm start');
    const readyRssMb = memoryOf(pid);
    const signIn = await demoSignIn(port, 'admin@fabrikam-fr.example');
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (signIn.status !== 201) throw new Error(`demo sign-in answered ${signIn.status}`);
    const headers = { cookie };
    const paths = ['/v1/me', '/v1/customers', '/v1/relationships', '/v1/audit-records', '/v1/catalog/offers?country=FR', '/v1/customer-invitations'];
    let i = 0;
    const rss = sampleRss([pid]);
    const load = await runLoad({ ports: [port], connections: options.connections, seconds: options.duration, next: () => ({ method: 'GET', path: paths[i++ % paths.length]!, headers }) });
    const peakRssMb = rss.stop();
    const verdict = judge(scenario.goal, { readySeconds, rssMb: peakRssMb, errors: load.errors + load.non2xx });
    return {
      name: scenario.name,
      title: scenario.title,
      kind: 'startup',
      goal: scenario.goal,
      connections: options.connections,
      note: `ready line after ${readySeconds.toFixed(2)} s from \`npm start\` (the build check, then the server's own ${Number.isNaN(serverMs) ? '?' : (serverMs / 1000).toFixed(2)} s: open PGlite, migrate, seed the demo), RSS at ready ${readyRssMb.toFixed(0)} MB; load: the demo provider's session over ${paths.join(', ')}`,
      load,
      readySeconds,
      peakRssMb,
      vmHwmMb: memoryOf(pid, 'VmHWM'),
      ...verdict,
    };
  } finally {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
      await stopProcess(child, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------
// EXPLAIN

const skippedStatements = /^\s*(begin|commit|rollback|savepoint|release|select 1\s*$)/i;

/** Seq Scans in a plan on tables over 10,000 rows (their sizes remembered in `sizes`). */
async function largeSeqScans(client: pg.Client, plan: string, sizes: Map<string, number>) {
  const seqScans: { table: string; rows: number }[] = [];
  for (const match of plan.matchAll(/Seq Scan on (\w+)/g)) {
    const table = match[1]!;
    if (!sizes.has(table)) {
      const { rows: stats } = await client.query<{ n: string }>(`select greatest(reltuples, 0)::bigint as n from pg_class where relname = $1 and relkind = 'r'`, [table]);
      sizes.set(table, Number(stats[0]?.n ?? 0));
    }
    if (sizes.get(table)! > 10_000 && !seqScans.some((s) => s.table === table)) seqScans.push({ table, rows: sizes.get(table)! });
  }
  return seqScans;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS, WAL) of statements that build on each other (a job's one transaction), in
 * their order inside one transaction, rolled back: each is planned and run on what the ones before it wrote.
 */
async function explainSequence(client: pg.Client, queries: CapturedQuery[]): Promise<ExplainedQuery[]> {
  const sizes = new Map<string, number>();
  const out: ExplainedQuery[] = [];
  await client.query('begin');
  try {
    for (const query of queries) {
      if (skippedStatements.test(query.text)) continue;
      const sql = query.text.length > 4000 ? `${query.text.slice(0, 4000)}…` : query.text;
      if (/^\s*(analyze|vacuum|set|reset)\b/i.test(query.text)) {
        // Not a statement EXPLAIN takes: run as the job ran it, so that the ones after it see what it did.
        await client.query(query.text, query.values);
        out.push({ sql, calls: 1, skipped: 'not a plannable statement (run in the sequence, not explained)', seqScans: [] });
        continue;
      }
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, wal) ${query.text}`, query.values);
      const plan = rows.map((r) => (r['QUERY PLAN'].length > 500 ? `${r['QUERY PLAN'].slice(0, 500)} …` : r['QUERY PLAN'])).join('\n');
      out.push({ sql, calls: 1, plan, seqScans: await largeSeqScans(client, plan, sizes) });
    }
  } catch (error) {
    out.push({ sql: '(the rest of the sequence)', calls: 0, skipped: `EXPLAIN failed: ${error instanceof Error ? error.message : String(error)}`, seqScans: [] });
  } finally {
    await client.query('rollback');
  }
  return out;
}

async function explainAll(client: pg.Client, queries: CapturedQuery[], writesAllowed: boolean): Promise<ExplainedQuery[]> {
  const distinct = new Map<string, { query: CapturedQuery; calls: number }>();
  for (const q of queries) {
    if (skippedStatements.test(q.text)) continue;
    const entry = distinct.get(q.text);
    if (entry) entry.calls++;
    else distinct.set(q.text, { query: q, calls: 1 });
  }
  const sizes = new Map<string, number>();
  const out: ExplainedQuery[] = [];
  for (const { query, calls } of distinct.values()) {
    const sql = query.text.length > 4000 ? `${query.text.slice(0, 4000)}…` : query.text;
    if (query.values.length > 3000) {
      out.push({ sql, calls, skipped: `${query.values.length} parameters (bulk statement)`, seqScans: [] });
      continue;
    }
    const isWrite = !/^\s*select/i.test(query.text) || /for update/i.test(query.text);
    if (isWrite && !writesAllowed) {
      out.push({ sql, calls, skipped: 'a write', seqScans: [] });
      continue;
    }
    try {
      await client.query('begin');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, wal) ${query.text}`, query.values);
      // Plan lines that list thousands of parameters (the 100,000-row import) are cut to stay readable.
      const plan = rows.map((r) => (r['QUERY PLAN'].length > 500 ? `${r['QUERY PLAN'].slice(0, 500)} …` : r['QUERY PLAN'])).join('\n');
      out.push({ sql, calls, plan, seqScans: await largeSeqScans(client, plan, sizes) });
    } catch (error) {
      out.push({ sql, calls, skipped: `EXPLAIN failed: ${error instanceof Error ? error.message : String(error)}`, seqScans: [] });
    } finally {
      await client.query('rollback');
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------
// CPU profiles (--cpu-prof): self time per function, top 15

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(file: string): ScenarioResult['profile'] {
  let profile: CpuProfile;
  try {
    profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  } catch {
    return undefined;
  }
  const self = new Map<string, number>();
  let total = 0;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const frame = node.callFrame;
    const where = frame.url ? `${frame.url.replace(`file://${projectRoot}/`, '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, ms]) => ({ function: fn, selfMs: Math.round(ms), share: total ? ms / total : 0 }));
}
