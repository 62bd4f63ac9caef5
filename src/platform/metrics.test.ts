// GET /metrics over real HTTP on each database: hidden (404) without METRICS_TOKEN, refused without the
// token, and with it the Prometheus text with requests per route pattern, the job queue and the pool.
// The webhook gauges run against tables made in a rolled-back transaction's own schema.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Tx } from '../db/index.js';
import { target, targetKinds } from '../../test/helpers/server.js';
import { bearerMatches, createMetrics, registerWebhookDeliveryMetrics } from './metrics.js';

const token = 'metrics-test-token-0123456789';
const metricsTarget = (kind: Parameters<typeof target>[0]) => target(kind, { instance: 'metrics', env: { METRICS_TOKEN: token } });

/** The value of one series in the text format, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('bearerMatches', () => {
  it('accepts only "Bearer <token>" with the exact token', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(bearerMatches('Bearer ', token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
  });
});

describe.each(targetKinds())('GET /metrics on %s', (kind) => {
  it('answers 404 when METRICS_TOKEN is not configured, whatever the caller sends', async () => {
    const { url } = await target(kind);
    for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      const response = await fetch(`${url}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as { code: string }).code).toBe('route_not_found');
    }
  });

  it('refuses a missing or wrong token with 401', async () => {
    const { url } = await metricsTarget(kind);
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Bearer ${token}-and-more`, `Basic ${token}`]) {
      const response = await fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await response.text()).not.toContain('cc_http_requests_total');
    }
  });

  it('serves the Prometheus text format with the right token, with default process metrics', async () => {
    const { url } = await metricsTarget(kind);
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toContain('# TYPE cc_http_requests_total counter');
    expect(text).toContain('# TYPE cc_http_request_duration_seconds histogram');
    expect(sample(text, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(text, 'cc_metrics_collector_up', { collector: 'job_queue' })).toBe(1);
    expect(sample(text, 'cc_metrics_collector_up', { collector: 'webhook_deliveries' })).toBe(1);
  });

  it('stays out of the OpenAPI document', async () => {
    const { url } = await metricsTarget(kind);
    const doc = (await (await fetch(`${url}/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/healthz');
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('counts requests by route pattern, method and status, never by the raw URL', async () => {
    const { url } = await metricsTarget(kind);
    const id = randomUUID();
    const before = await scrape(url);
    const labels = { route: '/v1/customers/:id', method: 'GET', status: '401' };
    const count = sample(before, 'cc_http_requests_total', labels) ?? 0;
    expect((await fetch(`${url}/v1/customers/${id}`)).status).toBe(401);
    expect((await fetch(`${url}/v1/customers/${id}`)).status).toBe(401);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/v1/no-such-route/${id}`)).status).toBe(404);
    const after = await scrape(url);
    expect(sample(after, 'cc_http_requests_total', labels)).toBe(count + 2);
    expect(sample(after, 'cc_http_request_duration_seconds_count', labels)).toBe(count + 2);
    expect(sample(after, 'cc_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(count + 2);
    expect(sample(after, 'cc_http_requests_total', { route: '/healthz', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'cc_http_requests_total', { route: '(unmatched)', method: 'GET', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain(id);
  });

  it('reports due jobs per queue and the age of the oldest one', async () => {
    const { url, app } = await metricsTarget(kind);
    const queue = `test.metrics.${randomUUID()}`;
    const due = new Date(Date.now() - 30_000);
    await app.platform.db.transaction(async (tx) => {
      await app.platform.jobs.enqueue(tx, queue, { n: 1 }, { runAt: due });
      await app.platform.jobs.enqueue(tx, queue, { n: 2 });
      // Not yet due: not counted.
      await app.platform.jobs.enqueue(tx, queue, { n: 3 }, { runAt: new Date(Date.now() + 3_600_000) });
    });
    try {
      const text = await scrape(url);
      expect(sample(text, 'cc_job_queue_depth', { queue })).toBe(2);
      expect(sample(text, 'cc_job_queue_oldest_age_seconds', { queue })).toBeGreaterThanOrEqual(29);
    } finally {
      await app.platform.db.execute(sql`delete from jobs where queue = ${queue}`);
    }
    // A queue that emptied stays reported, at zero.
    const text = await scrape(url);
    expect(sample(text, 'cc_job_queue_depth', { queue })).toBe(0);
    expect(sample(text, 'cc_job_queue_oldest_age_seconds', { queue })).toBe(0);
  });

  it('reports the database pool', async () => {
    const { url } = await metricsTarget(kind);
    const text = await scrape(url);
    const labels = { database: kind };
    if (kind === 'pglite') {
      expect(sample(text, 'cc_db_pool_connections', labels)).toBe(1);
      expect(sample(text, 'cc_db_pool_max_connections', labels)).toBe(1);
    } else {
      expect(sample(text, 'cc_db_pool_connections', labels)).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'cc_db_pool_max_connections', labels)).toBe(10);
      expect(sample(text, 'cc_db_pool_idle_connections', labels)).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'cc_db_pool_waiting_clients', labels)).toBe(0);
    }
  });

  it('webhook gauges: nothing before the delivery tables exist, then pending, lag and failures per endpoint', async () => {
    const { app } = await target(kind);
    const schema = `metrics_test_${randomUUID().replace(/-/g, '')}`;
    const rollback = new Error('rollback');
    const run = async (tx: Tx) => {
      await tx.execute(sql.raw(`create schema ${schema}`));
      // Only this schema (and pg_catalog) is searched: the tables do not exist here yet.
      await tx.execute(sql.raw(`set local search_path to ${schema}`));
      const before = createMetrics();
      registerWebhookDeliveryMetrics(before, tx);
      const empty = await before.scrape();
      expect(sample(empty, 'cc_metrics_collector_up', { collector: 'webhook_deliveries' })).toBe(1);
      expect(empty).not.toMatch(/^cc_webhook_\w+\{/m);

      await tx.execute(sql.raw(`create table webhook_endpoints (id uuid primary key, tenant_id uuid not null, url text not null, status text not null)`));
      await tx.execute(sql.raw(`
        create table webhook_deliveries (id uuid primary key, endpoint_id uuid not null references webhook_endpoints, event_id uuid not null,
          status text not null, attempts int not null default 0, next_attempt_at timestamptz, created_at timestamptz not null default now(), delivered_at timestamptz)`));
      const [busy, quiet] = [randomUUID(), randomUUID()];
      await tx.execute(sql`insert into webhook_endpoints (id, tenant_id, url, status) values
        (${busy}, ${randomUUID()}, 'https://hooks.example/a', 'active'), (${quiet}, ${randomUUID()}, 'https://hooks.example/b', 'disabled')`);
      await tx.execute(sql`insert into webhook_deliveries (id, endpoint_id, event_id, status, created_at) values
        (${randomUUID()}, ${busy}, ${randomUUID()}, 'pending', now() - interval '120 seconds'),
        (${randomUUID()}, ${busy}, ${randomUUID()}, 'pending', now() - interval '5 seconds'),
        (${randomUUID()}, ${busy}, ${randomUUID()}, 'failed', now() - interval '1 hour'),
        (${randomUUID()}, ${busy}, ${randomUUID()}, 'succeeded', now() - interval '2 hours'),
        (${randomUUID()}, ${quiet}, ${randomUUID()}, 'succeeded', now())`);
      const after = createMetrics();
      registerWebhookDeliveryMetrics(after, tx);
      const text = await after.scrape();
      expect(sample(text, 'cc_webhook_deliveries_pending', { endpoint: busy })).toBe(2);
      expect(sample(text, 'cc_webhook_delivery_lag_seconds', { endpoint: busy })).toBeGreaterThanOrEqual(119);
      expect(sample(text, 'cc_webhook_delivery_lag_seconds', { endpoint: busy })).toBeLessThan(600);
      expect(sample(text, 'cc_webhook_delivery_failures_total', { endpoint: busy })).toBe(1);
      expect(sample(text, 'cc_webhook_deliveries_pending', { endpoint: quiet })).toBe(0);
      expect(sample(text, 'cc_webhook_delivery_lag_seconds', { endpoint: quiet })).toBe(0);
      expect(sample(text, 'cc_webhook_delivery_failures_total', { endpoint: quiet })).toBe(0);
      // The collector that saw no tables finds them on a later scrape.
      expect(sample(await before.scrape(), 'cc_webhook_deliveries_pending', { endpoint: busy })).toBe(2);
      throw rollback;
    };
    await expect(app.platform.db.transaction(run)).rejects.toBe(rollback);
  });
});
