// Prometheus metrics at GET /metrics, off the public API: answered only when METRICS_TOKEN is set, to a
// bearer of that token. One registry per app instance (tests build many apps in one process). HTTP
// requests are counted per route pattern, method and status; the job queue, the database pool and
// whatever collectors other code registers are read at scrape time.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { query, type Database, type Queryable } from '../db/index.js';
import { safeEqual } from './auth/tokens.js';
import { AppError } from './errors.js';

/** Sets gauges on the registry; run before every scrape. */
export type Collect = () => Promise<void>;

export interface MetricsLogger {
  error(obj: unknown, msg?: string): void;
}

export interface Metrics {
  readonly registry: Registry;
  /** Adds a collector run at every scrape (its gauges registered on `registry`); names are unique. */
  registerCollector(name: string, collect: Collect): void;
  /** Runs every collector, then renders the registry in the text format; concurrent scrapes share one run. */
  scrape(): Promise<string>;
}

/** A registry with its collectors; a collector that fails is logged and reported by `cc_metrics_collector_up`. */
export function createMetrics(log?: MetricsLogger): Metrics {
  const registry = new Registry();
  const collectors = new Map<string, Collect>();
  const up = new Gauge({ name: 'cc_metrics_collector_up', help: 'Whether the collector ran without error at the last scrape (1) or failed (0)', labelNames: ['collector'], registers: [registry] });
  let running: Promise<string> | undefined;

  async function collectAll(): Promise<string> {
    await Promise.all(
      [...collectors].map(async ([name, collect]) => {
        try {
          await collect();
          up.set({ collector: name }, 1);
        } catch (error) {
          log?.error({ err: error, collector: name }, 'metrics collector failed');
          up.set({ collector: name }, 0);
        }
      }),
    );
    return registry.metrics();
  }

  return {
    registry,
    registerCollector(name, collect) {
      if (collectors.has(name)) throw new Error(`metrics collector "${name}" is already registered`);
      collectors.set(name, collect);
    },
    scrape() {
      running ??= collectAll().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

/** True when the Authorization header carries `Bearer <expected>`, compared in constant time (digests of equal length). */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const digest = (text: string) => createHash('sha256').update(text).digest('base64');
  const equal = safeEqual(digest(sent ?? ''), digest(expected));
  return sent !== undefined && equal;
}

/** Label of a request that matched no route: one series for all of them, never the raw URL. */
const unmatchedRoute = '(unmatched)';

/**
 * GET /metrics and what it reports. Without a token the route answers 404 like any unknown path and
 * nothing is measured; with one, every response is counted and the built-in collectors are registered.
 */
export function registerMetrics(fastify: FastifyInstance, options: { database: Database; token: string | undefined; log?: MetricsLogger }): Metrics {
  const metrics = createMetrics(options.log);
  const { token } = options;

  fastify.get('/metrics', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (token === undefined) throw new AppError('route_not_found', { method: request.method, path: '/metrics' });
    if (!bearerMatches(request.headers.authorization, token)) throw new AppError('unauthenticated', {}, [], { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    const text = await metrics.scrape();
    return reply.header('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text);
  });
  if (token === undefined) return metrics;

  collectDefaultMetrics({ register: metrics.registry });
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = new Counter({ name: 'cc_http_requests_total', help: 'HTTP responses sent, per route pattern, method and status code', labelNames, registers: [metrics.registry] });
  const duration = new Histogram({
    name: 'cc_http_request_duration_seconds',
    help: 'Time from request to response, per route pattern, method and status code',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const labels = { route: request.routeOptions.url ?? unmatchedRoute, method: request.method, status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  registerDatabasePoolMetrics(metrics, options.database);
  registerJobQueueMetrics(metrics, options.database.db);
  return metrics;
}

/** The connection pool's use: node-postgres' counts on PostgreSQL; the embedded database has its one connection. */
function registerDatabasePoolMetrics(metrics: Metrics, database: Database): void {
  const registers = [metrics.registry];
  const connections = new Gauge({ name: 'cc_db_pool_connections', help: 'Connections the pool holds (in use and idle)', labelNames: ['database'], registers });
  const max = new Gauge({ name: 'cc_db_pool_max_connections', help: 'Connections the pool may open', labelNames: ['database'], registers });
  const labels = { database: database.kind };
  if (database.kind !== 'postgres') {
    connections.set(labels, 1);
    max.set(labels, 1);
    return;
  }
  const pool = (database.db as unknown as { $client: Pool }).$client;
  const idle = new Gauge({ name: 'cc_db_pool_idle_connections', help: 'Connections open and not in use', labelNames: ['database'], registers });
  const waiting = new Gauge({ name: 'cc_db_pool_waiting_clients', help: 'Queries waiting for a connection', labelNames: ['database'], registers });
  metrics.registerCollector('database_pool', async () => {
    connections.set(labels, pool.totalCount);
    idle.set(labels, pool.idleCount);
    waiting.set(labels, pool.waitingCount);
    max.set(labels, pool.options.max ?? 10);
  });
}

/**
 * Due jobs per queue (queued, run_at passed) and the age of the oldest one, from the jobs table. A queue
 * once seen stays reported (as 0) when it empties, so its series ends at zero rather than vanishing.
 */
function registerJobQueueMetrics(metrics: Metrics, db: Queryable): void {
  const registers = [metrics.registry];
  const depth = new Gauge({ name: 'cc_job_queue_depth', help: 'Jobs queued and due, per queue', labelNames: ['queue'], registers });
  const age = new Gauge({ name: 'cc_job_queue_oldest_age_seconds', help: 'Age of the oldest due job (now - run_at), per queue', labelNames: ['queue'], registers });
  const seen = new Set<string>();
  metrics.registerCollector('job_queue', async () => {
    const rows = await query<{ queue: string; depth: number; age: number }>(db, sql`
      select queue, count(*)::int as depth, extract(epoch from now() - min(run_at))::float8 as age
      from jobs where status = 'queued' and run_at <= now()
      group by queue`);
    for (const row of rows) seen.add(row.queue);
    depth.reset();
    age.reset();
    for (const queue of seen) {
      const row = rows.find((r) => r.queue === queue);
      depth.set({ queue }, row ? Number(row.depth) : 0);
      age.set({ queue }, row ? Math.max(0, Number(row.age)) : 0);
    }
  });
}

/**
 * Webhook deliveries per endpoint: pending, the age of the oldest pending one (lag) and failed ones.
 * The tables belong to the integrations module; until they exist the collector reports nothing, and
 * once they do it needs no change. `db` may be a transaction (tests).
 */
export function registerWebhookDeliveryMetrics(metrics: Metrics, db: Queryable): void {
  const registers = [metrics.registry];
  const labelNames = ['endpoint'];
  const pending = new Gauge({ name: 'cc_webhook_deliveries_pending', help: 'Webhook deliveries waiting to be delivered, per endpoint', labelNames, registers });
  const lag = new Gauge({ name: 'cc_webhook_delivery_lag_seconds', help: 'Age of the oldest pending webhook delivery, per endpoint', labelNames, registers });
  const failures = new Gauge({ name: 'cc_webhook_delivery_failures_total', help: 'Webhook deliveries that failed for good, per endpoint', labelNames, registers });
  let tablesExist = false;
  metrics.registerCollector('webhook_deliveries', async () => {
    if (!tablesExist) {
      const [row] = await query<{ present: boolean }>(db, sql`
        select to_regclass('webhook_deliveries') is not null and to_regclass('webhook_endpoints') is not null as present`);
      tablesExist = row?.present === true;
      if (!tablesExist) return;
    }
    // Every endpoint, with zeros; succeeded deliveries (the bulk of the table) are not read.
    const rows = await query<{ endpoint: string; pending: number; lag: number; failed: number }>(db, sql`
      select e.id::text as endpoint,
        count(d.id) filter (where d.status = 'pending')::int as pending,
        coalesce(extract(epoch from now() - min(d.created_at) filter (where d.status = 'pending')), 0)::float8 as lag,
        count(d.id) filter (where d.status = 'failed')::int as failed
      from webhook_endpoints e
      left join webhook_deliveries d on d.endpoint_id = e.id and d.status in ('pending', 'failed')
      group by e.id`);
    pending.reset();
    lag.reset();
    failures.reset();
    for (const row of rows) {
      const labels = { endpoint: row.endpoint };
      pending.set(labels, Number(row.pending));
      lag.set(labels, Math.max(0, Number(row.lag)));
      failures.set(labels, Number(row.failed));
    }
  });
}
