// The webhooks scenario (EVT-1, EVT-2): checkouts of the big provider's 10-line carts at a fixed rate,
// each raising `order-created` and a `subscription-created` per line for the customer, the reseller and
// the provider (33 events), every one of those tenants with a webhook endpoint on a local HTTPS receiver
// in a process of its own (webhook-receiver.ts). The app process (webhooks-server.ts: the built app, NODE_ENV=production,
// its worker on for `webhooks.deliver` only) serves the checkouts and delivers. Measured per event: the
// time from the change (the payload's `resourceChangeUtcDate`, the database's now() of the change's
// transaction) to its first 2xx arrival at the receiver, and the events delivered per second.
// Two runs: a receiver answering 200, then one answering 500 to the first attempt of every event (half
// the requests fail; each event arrives on its retry, 5 s later), where every event written must still
// arrive, counted as distinct `webhook-id`s against the events table joined to webhook_deliveries.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type pg from 'pg';
import { benchDir, benchSessionSecret, builtApp, projectRoot, workDir, type Options } from './config.js';
import { coresBetween, cpuSnapshot, memoryOf, sampleRss, stopProcess } from './load.js';
import { profileDir, summarizeProfile, type ScenarioResult } from './run.js';
import { bearer, bigProvider, idOf, type ScenarioEnv, type WebhooksScenario } from './scenarios.js';
import type { ReceiverDump } from './webhook-receiver.js';

/**
 * Lines per cart: a checkout raises `order-created` and a `subscription-created` per line, each for three
 * tenants (3 + 3 × 10 = 33 events), so the goal's rate is reached with the checkouts the app can serve.
 */
export const linesPerCart = 10;
/** Checkouts per second offered: 20 × 33 = 660 events per second, above the goal's 500 (scenarios.ts). */
export const checkoutRate = 20;
const measuredSeconds = 30;

interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface WebhooksRun {
  mode: 'ok' | 'fail-first';
  label: string;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  checkouts: { requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; statusCodes: Record<string, number> };
  /** Events of the run (warm-up included) in the events table, those with a delivery to a bench endpoint, and how many of them the receiver took (distinct webhook-id answered 200). */
  events: number;
  eventsWithDelivery: number;
  eventsArrived: number;
  /** Events whose change is in the measured window, per second. */
  eventsPerSecond: number;
  /** Events whose first 2xx arrival is in the measured window, per second. */
  deliveredPerSecond: number;
  /** Change → first 2xx arrival (ms) of the events changed in the measured window. */
  latency: Percentiles;
  /** From the end of the load to the last first arrival (s); whether every event had arrived before the wait's end. */
  drainSeconds: number;
  drained: boolean;
  /** Requests the receiver got, those it answered 500, events it took more than once. */
  requests: number;
  failedRequests: number;
  duplicates: number;
  /** TLS connections the app opened to the receiver. */
  connections: number;
  badSignatures: number;
  /** The delivery log of the run's deliveries. */
  deliveries: { succeeded: number; pending: number; failed: number; attempts: number; maxAttempts: number };
  cores: { app: number; postgres: number; receiver: number; loadGenerator: number; other: number };
  peakRssMb: number;
}

export interface WebhooksResult {
  endpoints: number;
  runs: WebhooksRun[];
}

const count = (n: number) => n.toLocaleString('en');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.length ? sorted[sorted.length - 1]! : 0 };
}

/** A child process that answers each line written to its stdin with one line on its stdout. */
class LineProcess {
  private readonly waiting: { match: RegExp; resolve: (line: string) => void }[] = [];
  private readonly early: string[] = [];
  private exited: number | null | undefined;
  output = '';

  constructor(
    readonly child: ChildProcess,
    readonly name: string,
  ) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.output += `${line}\n`;
      const at = this.waiting.findIndex((w) => w.match.test(line));
      if (at >= 0) this.waiting.splice(at, 1)[0]!.resolve(line);
      else this.early.push(line);
    });
    child.stderr!.on('data', (data: Buffer) => {
      this.output += data.toString();
      process.stderr.write(`[${name}] ${data.toString()}`);
    });
    child.once('exit', (code) => (this.exited = code));
  }

  /** The next line matching `match` (one already written and not yet read, or the next to come); other lines are skipped. */
  next(match: RegExp, timeoutMs = 60_000): Promise<string> {
    const at = this.early.findIndex((line) => match.test(line));
    if (at >= 0) return Promise.resolve(this.early.splice(0, at + 1).at(-1)!);
    if (this.exited !== undefined) return Promise.reject(new Error(`${this.name} exited (${this.exited}):\n${this.output}`));
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code}):\n${this.output}`));
      };
      const timer = setTimeout(() => {
        this.child.off('exit', onExit);
        reject(new Error(`${this.name} did not answer in ${timeoutMs / 1000} s:\n${this.output}`));
      }, timeoutMs);
      this.child.once('exit', onExit);
      this.waiting.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          this.child.off('exit', onExit);
          resolve(line);
        },
      });
    });
  }

  command(line: string, answer: RegExp): Promise<string> {
    this.child.stdin!.write(`${line}\n`);
    return this.next(answer);
  }
}

/** A certificate for 127.0.0.1 (EC P-256, self-signed), trusted by the app process through NODE_EXTRA_CA_CERTS. */
function certificate(dir: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const cert = path.join(dir, 'receiver-cert.pem');
  const key = path.join(dir, 'receiver-key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=bench webhook receiver', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', key, '-out', cert,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { cert, key };
}

async function startReceiver(files: { cert: string; key: string }, secret: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'webhook-receiver.ts')], {
    cwd: projectRoot,
    env: { ...process.env, RECEIVER_CERT: files.cert, RECEIVER_KEY: files.key, RECEIVER_SECRET: secret },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const receiver = new LineProcess(child, 'receiver');
  const ready = await receiver.next(/^receiver ready on port \d+/);
  const port = Number(/receiver ready on port (\d+)/.exec(ready)![1]);
  return { receiver, port };
}

/** The app process; with `profileTo`, a CPU profile of its whole life (start-up and both runs) written there when it exits. */
async function startApp(options: Options, cert: string, profileTo?: string) {
  mkdirSync(path.join(workDir, 'data'), { recursive: true });
  const profiling = profileTo ? ['--cpu-prof', `--cpu-prof-dir=${profileTo}`, '--cpu-prof-interval=200'] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', path.join(benchDir, 'webhooks-server.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      TENANT_RATE_LIMIT: '0',
      LOOKUP_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
      DEMO: '0',
      WORKER: '1',
      // The receiver listens on loopback, which production refuses unless allowed.
      OUTBOUND_ALLOW_PRIVATE: '1',
      NODE_EXTRA_CA_CERTS: cert,
      SESSION_SECRET: benchSessionSecret,
      DATA_DIR: path.join(workDir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const app = new LineProcess(child, `server ${options.port}`);
  await app.next(/webhooks server ready/);
  return app;
}

/**
 * Open carts of the big provider for varied customers of it (as checkout's scenario prepares them, with
 * `linesPerCart` lines of marketplace offer 1, quantities 1–10), one per checkout.
 */
async function prepareCarts(env: ScenarioEnv, count: number) {
  const provider = idOf(env.seed, `t:${bigProvider}`);
  const { rows: customers } = await env.client.query<{ customer: string; partner_id: string }>(
    `select cr.customer_tenant_id as customer, pia.partner_id::text as partner_id
       from customer_relationships cr join partner_id_associations pia on pia.tenant_id = cr.reseller_tenant_id
      where cr.partner_tenant_id = $1 and cr.role = 'provider' and cr.state = 'active'
      order by md5(cr.customer_tenant_id::text || $2) limit $3`,
    [provider, String(env.seed), Math.min(count, 50_000)],
  );
  const picks = Array.from({ length: count }, (_, i) => customers[i % customers.length]!);
  const { rows } = await env.client.query<{ id: string; customer_tenant_id: string }>(
    `insert into carts (customer_tenant_id, provider_tenant_id, line_items, status, expires_at)
       select c, $1,
              (select jsonb_agg(jsonb_build_object('lineItemNumber', n, 'catalogItemId', $2::text, 'quantity', n, 'termDuration', 'P1M', 'billingCycle', 'monthly', 'resellerPartnerId', p) order by n)
                 from generate_series(1, $5::int) as n),
              'open', now() + interval '7 days'
         from unnest($3::uuid[], $4::text[]) as u(c, p)
       returning id, customer_tenant_id`,
    [provider, `${idOf(env.seed, 'offer:1')}:standard`, picks.map((p) => p.customer), picks.map((p) => p.partner_id), linesPerCart],
  );
  return rows;
}

/** The carts, and an endpoint for every tenant their checkouts raise events for. */
async function prepare(env: ScenarioEnv, carts: number, url: string, secret: string) {
  const { client, seed } = env;
  const rows = await prepareCarts(env, carts);
  const { rows: resellers } = await client.query<{ tenant_id: string }>(
    `select distinct pia.tenant_id from partner_id_associations pia
       join customer_relationships cr on cr.reseller_tenant_id = pia.tenant_id
      where cr.partner_tenant_id = $1 and cr.role = 'provider' and cr.customer_tenant_id = any($2::uuid[])`,
    [idOf(seed, `t:${bigProvider}`), [...new Set(rows.map((r) => r.customer_tenant_id))]],
  );
  const tenants = [...new Set([idOf(seed, `t:${bigProvider}`), ...resellers.map((r) => r.tenant_id), ...rows.map((r) => r.customer_tenant_id)])];
  // Sealed as the app seals an endpoint's secret (the same sealer, from dist/, with the bench's SESSION_SECRET).
  const { sealer } = (await import(pathToFileURL(path.join(path.dirname(builtApp), 'platform', 'auth', 'sealing.js')).href)) as typeof import('../src/platform/auth/sealing.js');
  const sealed = sealer(benchSessionSecret, 'webhook-secrets').seal(secret);
  const { rows: endpoints } = await client.query<{ id: string }>(
    `insert into webhook_endpoints (tenant_id, url, description, secrets)
       select t, $1, 'bench webhooks scenario', jsonb_build_object('current', $2::text) from unnest($3::uuid[]) as t
     returning id`,
    [url, sealed, tenants],
  );
  return { carts: rows, endpointIds: endpoints.map((e) => e.id), tenants };
}

/** Removes the scenario's endpoints (their deliveries and attempts with them) and its delivery jobs. */
async function cleanUp(client: pg.Client) {
  await client.query(`delete from webhook_endpoints where description = 'bench webhooks scenario'`);
  await client.query(`delete from jobs where queue = 'webhooks.deliver'`);
}

interface LoadOutcome {
  requests: number;
  latencies: number[];
  statusCodes: Record<string, number>;
  errors: number;
}

/** Checkouts at `rate` per second over `connections` for `seconds`, each on the next cart. */
async function checkouts(port: number, connections: number, rate: number, seconds: number, next: () => { path: string; headers: Record<string, string> }): Promise<LoadOutcome> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    overallRate: rate,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const spec = next();
          return { ...request, method: 'POST', path: spec.path, headers: spec.headers };
        },
      },
    ],
  });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return { requests: latencies.length, latencies, statusCodes, errors: result.errors + result.timeouts };
}

async function pendingDeliveries(client: pg.Client, endpointIds: string[]): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from webhook_deliveries where status = 'pending' and endpoint_id = any($1::uuid[])`, [endpointIds]);
  return rows[0]!.n;
}

async function oneRun(
  context: { client: pg.Client; app: LineProcess; receiver: LineProcess; port: number; connections: number; warmup: number; endpointIds: string[]; next: () => { path: string; headers: Record<string, string> } },
  mode: WebhooksRun['mode'],
  drainTimeoutMs: number,
): Promise<WebhooksRun> {
  const { client, app, receiver, endpointIds } = context;
  await receiver.command(`mode ${mode}`, /^mode /);
  const { rows: clock } = await client.query<{ now: Date }>(`select clock_timestamp() as now`);
  const runStart = clock[0]!.now;
  if (context.warmup > 0) await checkouts(context.port, context.connections, checkoutRate, context.warmup, context.next);
  const appPid = app.child.pid!;
  const receiverPid = receiver.child.pid!;
  const rss = sampleRss([appPid]);
  const before = { app: cpuSnapshot([appPid]), receiver: cpuSnapshot([receiverPid]) };
  const windowStart = Date.now();
  const load = await checkouts(context.port, context.connections, checkoutRate, measuredSeconds, context.next);
  const windowEnd = Date.now();
  const after = { app: cpuSnapshot([appPid]), receiver: cpuSnapshot([receiverPid]) };
  const peakRssMb = rss.stop();
  const drainUntil = Date.now() + drainTimeoutMs;
  let drained = false;
  while (Date.now() < drainUntil) {
    if ((await pendingDeliveries(client, endpointIds)) === 0) {
      drained = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const dumpFile = path.join(workDir, `webhooks-receiver-${process.pid}-${mode}.json`);
  await receiver.command(`dump ${dumpFile}`, /^dumped/);
  const dump = JSON.parse(readFileSync(dumpFile, 'utf8')) as ReceiverDump;
  rmSync(dumpFile, { force: true });

  const { rows: events } = await client.query<{ id: string; at: Date; delivered: boolean }>(
    `select e.id, e.at, exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.endpoint_id = any($2::uuid[])) as delivered
       from events e where e.at >= $1 and e.event_type <> 'webhook-test'`,
    [runStart, endpointIds],
  );
  const { rows: log } = await client.query<{ succeeded: number; pending: number; failed: number; attempts: number; max_attempts: number }>(
    `select count(*) filter (where d.status = 'succeeded')::int as succeeded, count(*) filter (where d.status = 'pending')::int as pending,
            count(*) filter (where d.status = 'failed')::int as failed, coalesce(sum(d.attempts), 0)::int as attempts, coalesce(max(d.attempts), 0)::int as max_attempts
       from webhook_deliveries d where d.endpoint_id = any($1::uuid[]) and d.created_at >= $2`,
    [endpointIds, runStart],
  );

  const firstArrival = new Map<string, { arrived: number; changed: number }>();
  const accepted = new Map<string, number>();
  let failedRequests = 0;
  for (const [id, arrived, changed, status] of dump.records) {
    if (status !== 200) {
      failedRequests++;
      continue;
    }
    accepted.set(id, (accepted.get(id) ?? 0) + 1);
    if (!firstArrival.has(id)) firstArrival.set(id, { arrived, changed });
  }
  const latencies: number[] = [];
  let deliveredInWindow = 0;
  let eventsInWindow = 0;
  let lastArrival = windowEnd;
  for (const { arrived, changed } of firstArrival.values()) {
    if (changed >= windowStart && changed < windowEnd) latencies.push(arrived - changed);
    if (arrived >= windowStart && arrived < windowEnd) deliveredInWindow++;
    lastArrival = Math.max(lastArrival, arrived);
  }
  for (const e of events) {
    const at = new Date(e.at).getTime();
    if (at >= windowStart && at < windowEnd) eventsInWindow++;
  }
  const seconds = (windowEnd - windowStart) / 1000;
  const sortedCheckouts = percentiles(load.latencies);
  const appCores = coresBetween(before.app, after.app);
  const receiverCores = coresBetween(before.receiver, after.receiver);
  return {
    mode,
    label: mode === 'ok' ? 'receiver answering 200' : 'receiver answering 500 to the first attempt of every event',
    seconds,
    checkouts: { requests: load.requests, rps: load.requests / seconds, p50: sortedCheckouts.p50, p95: sortedCheckouts.p95, p99: sortedCheckouts.p99, errors: load.errors + Object.entries(load.statusCodes).filter(([code]) => !code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0), statusCodes: load.statusCodes },
    events: events.length,
    eventsWithDelivery: events.filter((e) => e.delivered).length,
    eventsArrived: events.filter((e) => accepted.has(`msg_${e.id}`)).length,
    eventsPerSecond: eventsInWindow / seconds,
    deliveredPerSecond: deliveredInWindow / seconds,
    latency: percentiles(latencies),
    drainSeconds: (lastArrival - windowEnd) / 1000,
    drained,
    requests: dump.records.length,
    failedRequests,
    duplicates: [...accepted.values()].filter((n) => n > 1).length,
    connections: dump.connections,
    badSignatures: dump.badSignatures + dump.unreadable,
    deliveries: { succeeded: log[0]!.succeeded, pending: log[0]!.pending, failed: log[0]!.failed, attempts: log[0]!.attempts, maxAttempts: log[0]!.max_attempts },
    cores: { app: appCores.app, postgres: appCores.postgres, receiver: receiverCores.app, loadGenerator: appCores.loadGenerator, other: Math.max(0, appCores.machine - appCores.app - appCores.postgres - appCores.loadGenerator - receiverCores.app) },
    peakRssMb,
  };
}

export async function runWebhooksScenario(scenario: WebhooksScenario, env: ScenarioEnv): Promise<ScenarioResult> {
  const { client, options } = env;
  const dir = path.join(workDir, 'webhooks');
  const files = certificate(dir);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  await cleanUp(client);
  let receiver: LineProcess | undefined;
  let app: LineProcess | undefined;
  try {
    const started = await startReceiver(files, secret);
    receiver = started.receiver;
    const perRun = Math.ceil(checkoutRate * (options.warmup + measuredSeconds) * 1.1) + 100;
    const prepared = await prepare(env, perRun * 2, `https://127.0.0.1:${started.port}/hooks`, secret);
    process.stderr.write(`  ${count(prepared.carts.length)} carts of ${bigProvider} prepared; ${count(prepared.endpointIds.length)} endpoints (${bigProvider}, its resellers, ${count(new Set(prepared.carts.map((c) => c.customer_tenant_id)).size)} customers) → https://127.0.0.1:${started.port}/hooks\n`);
    const profileTo = options.cpuProf ? profileDir(scenario.name) : undefined;
    app = await startApp(options, files.cert, profileTo);
    const headers = bearer(options.seed, bigProvider);
    let i = 0;
    const next = () => {
      const cart = prepared.carts[i++ % prepared.carts.length]!;
      return { path: `/v1/customers/${cart.customer_tenant_id}/carts/${cart.id}/checkout`, headers };
    };
    const context = { client, app, receiver, port: options.port, connections: options.connections, warmup: options.warmup, endpointIds: prepared.endpointIds, next };
    const runs: WebhooksRun[] = [];
    for (const [mode, drainMs] of [['ok', 300_000], ['fail-first', 600_000]] as const) {
      process.stderr.write(`  run: ${mode === 'ok' ? 'receiver answering 200' : 'receiver failing the first attempt of every event'} …\n`);
      const run = await oneRun(context, mode, drainMs);
      process.stderr.write(`  ${runLine(run)}\n`);
      runs.push(run);
    }
    const vmHwmMb = memoryOf(app.child.pid!, 'VmHWM');
    await stopProcess(app.child);
    const profileFile = profileTo ? readdirSync(profileTo).find((f) => f.endsWith('.cpuprofile')) : undefined;
    const profile = profileTo && profileFile ? summarizeProfile(path.join(profileTo, profileFile)) : undefined;
    return { ...judged(scenario, { endpoints: prepared.endpointIds.length, runs }, options.connections), vmHwmMb, profile };
  } finally {
    if (app) await stopProcess(app.child);
    if (receiver) {
      receiver.child.stdin!.end();
      await stopProcess(receiver.child);
    }
    await cleanUp(client);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

function judged(scenario: WebhooksScenario, result: WebhooksResult, connections: number): ScenarioResult {
  const [ok, failing] = result.runs as [WebhooksRun, WebhooksRun];
  const goalEventsPerSecond = scenario.goal.rps!;
  const goalP99Ms = scenario.goal.p99!;
  const failures: string[] = [];
  const rateRatio = ok.deliveredPerSecond / goalEventsPerSecond;
  const latencyRatio = ok.latency.p99 > 0 ? goalP99Ms / ok.latency.p99 : 0;
  if (ok.eventsPerSecond < goalEventsPerSecond) failures.push(`events written ${ok.eventsPerSecond.toFixed(0)}/s < ${goalEventsPerSecond}/s`);
  if (ok.deliveredPerSecond < goalEventsPerSecond) failures.push(`delivered ${ok.deliveredPerSecond.toFixed(0)}/s < ${goalEventsPerSecond}/s`);
  if (ok.latency.p99 > goalP99Ms) failures.push(`p99 ${ok.latency.p99.toFixed(0)} ms > ${goalP99Ms} ms`);
  for (const run of result.runs) {
    const name = run.mode === 'ok' ? 'run 1' : 'run 2 (failing receiver)';
    if (run.eventsWithDelivery !== run.events) failures.push(`${name}: ${run.events - run.eventsWithDelivery} events without a delivery`);
    if (run.eventsArrived !== run.events) failures.push(`${name}: ${run.events - run.eventsArrived} of ${run.events} events never arrived`);
    if (run.badSignatures > 0) failures.push(`${name}: ${run.badSignatures} requests with a bad signature or payload`);
    if (run.checkouts.errors > 0) failures.push(`${name}: ${run.checkouts.errors} checkout errors/non-2xx`);
  }
  if (failing.failedRequests === 0) failures.push('run 2: the receiver failed no request');
  return {
    name: scenario.name,
    title: scenario.title,
    kind: 'webhooks',
    goal: scenario.goal,
    connections,
    note:
      `${count(result.endpoints)} endpoints (${bigProvider}, its resellers, the carts' customers), one HTTPS receiver; checkouts offered at ${checkoutRate}/s over ${connections} connections, ${measuredSeconds} s measured after the warm-up, per run; ` +
      'the app process runs its job worker (WORKER=1) for the webhooks.deliver queue only (webhooks-server.ts); ' +
      'latency: resourceChangeUtcDate (the database now() of the change\'s transaction) → the receiver has read the whole request, its first 2xx',
    peakRssMb: Math.max(...result.runs.map((r) => r.peakRssMb)),
    ratio: Math.min(rateRatio, latencyRatio),
    met: failures.length === 0,
    failures,
    webhooks: result,
  };
}

function runLine(run: WebhooksRun): string {
  return (
    `${run.label}: ${run.checkouts.rps.toFixed(0)} checkouts/s (p99 ${ms(run.checkouts.p99)} ms), ${run.eventsPerSecond.toFixed(0)} events/s written, ${run.deliveredPerSecond.toFixed(0)} delivered/s; ` +
    `change → arrival p50 ${ms(run.latency.p50)} / p95 ${ms(run.latency.p95)} / p99 ${ms(run.latency.p99)} / max ${ms(run.latency.max)} ms; ` +
    `${count(run.eventsArrived)}/${count(run.events)} events arrived (${count(run.eventsWithDelivery)} with a delivery), last ${run.drainSeconds.toFixed(1)} s after the load; ` +
    `${count(run.requests)} requests over ${count(run.connections)} new TLS connections, ${count(run.failedRequests)} answered 500, ${run.duplicates} events twice; cores app ${run.cores.app.toFixed(2)} / pg ${run.cores.postgres.toFixed(2)} / receiver ${run.cores.receiver.toFixed(2)}`
  );
}

/** The line run.ts prints after the scenario. */
export function webhooksSummary(r: ScenarioResult): string {
  const w = r.webhooks!;
  return `${w.runs.map(runLine).join('\n  ')}\n  → ratio ${r.ratio?.toFixed(2)} → ${r.met ? 'met' : `missed (${r.failures.join('; ')})`}`;
}

/** The scenario's row in the results table (events/s delivered in the req/s column, change → arrival latency). */
export function webhooksRow(r: ScenarioResult, goal: string): string {
  const ok = r.webhooks!.runs[0]!;
  const met = r.met ? '✓' : `✗ ${r.failures.join('; ')}`;
  return `| ${r.name} | ${ok.deliveredPerSecond.toFixed(0)} events/s | ${ms(ok.latency.p50)} | ${ms(ok.latency.p95)} | ${ms(ok.latency.p99)} | ${r.webhooks!.runs.reduce((sum, run) => sum + run.checkouts.errors + run.badSignatures, 0)} | ${Math.round(r.peakRssMb ?? 0)} | — | ${r.ratio?.toFixed(2) ?? '—'} | ${goal} | ${met} |`;
}

/** The scenario's lines in the per-scenario section of the report. */
export function webhooksSection(r: ScenarioResult): string[] {
  const w = r.webhooks!;
  const goalEventsPerSecond = r.goal.rps!;
  const goalP99Ms = r.goal.p99!;
  const [ok] = w.runs as [WebhooksRun];
  const lines: string[] = [];
  lines.push(
    `- goals: ≥ ${goalEventsPerSecond} events/s delivered with p99 change → arrival ≤ ${goalP99Ms} ms (run 1): ${ok.deliveredPerSecond.toFixed(0)} events/s (ratio ${(ok.deliveredPerSecond / goalEventsPerSecond).toFixed(2)}), p99 ${ms(ok.latency.p99)} ms (ratio ${(ok.latency.p99 > 0 ? goalP99Ms / ok.latency.p99 : 0).toFixed(2)}); every event delivered in both runs`,
    '',
    '| run | checkouts/s | checkout p99 ms | events/s written | events/s delivered | change → arrival p50 / p95 / p99 / max ms | events | with a delivery | arrived | last arrival after the load | requests | new TLS connections | answered 500 | twice | attempts (max per delivery) | cores app / pg / receiver / load / other | peak RSS MB |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|',
  );
  for (const run of w.runs) {
    lines.push(
      `| ${run.label} | ${run.checkouts.rps.toFixed(0)} | ${ms(run.checkouts.p99)} | ${run.eventsPerSecond.toFixed(0)} | ${run.deliveredPerSecond.toFixed(0)} | ${ms(run.latency.p50)} / ${ms(run.latency.p95)} / ${ms(run.latency.p99)} / ${ms(run.latency.max)} (${count(run.latency.n)} events) | ${count(run.events)} | ${count(run.eventsWithDelivery)} | ${count(run.eventsArrived)} | ${run.drainSeconds.toFixed(1)} s${run.drained ? '' : ' (not drained)'} | ${count(run.requests)} | ${count(run.connections)} | ${count(run.failedRequests)} | ${run.duplicates} | ${count(run.deliveries.attempts)} (${run.deliveries.maxAttempts}) | ${run.cores.app.toFixed(2)} / ${run.cores.postgres.toFixed(2)} / ${run.cores.receiver.toFixed(2)} / ${run.cores.loadGenerator.toFixed(2)} / ${run.cores.other.toFixed(2)} | ${Math.round(run.peakRssMb)} |`,
    );
  }
  const busiest = Math.max(...w.runs.map((run) => run.cores.other));
  lines.push(
    '',
    `- the machine: ${os.cpus().length} CPUs shared by the app (serving and delivering), PostgreSQL, the receiver and the load generator; checkout status codes: ${w.runs.map((run) => JSON.stringify(run.checkouts.statusCodes)).join(', ')}`,
    ...(busiest > 0.25
      ? [`- **other processes** (none of the bench's) used up to ${busiest.toFixed(2)} of the ${os.cpus().length} cores during the measured runs (column *other*): the app had that much less, so these figures are below what it does on a machine of its own`]
      : []),
    `- deliveries in the log: ${w.runs.map((run) => `${run.mode}: ${count(run.deliveries.succeeded)} succeeded, ${count(run.deliveries.pending)} pending, ${count(run.deliveries.failed)} failed`).join('; ')}`,
  );
  return lines;
}
