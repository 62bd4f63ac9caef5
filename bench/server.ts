// The bench server: the BUILT app (dist/server/src/app.js) exactly as `serve` builds it, plus
//   GET /bench/floor/json?bytes=N          a bare route answering N bytes of JSON
//   GET /bench/floor/db?trips=N&bytes=N    N trivial queries (select 1) through the app's pool, then N bytes
//   GET /bench/capture                     the SQL (text + parameters) of the last request sent with x-bench-capture
//   POST /bench/window/start, /bench/window/stop?profile=<file>
//                                          event-loop utilization and CPU time over the measured window, and
//                                          optionally a CPU profile of exactly that window
// The floor routes live on a second Fastify instance answering /bench/*, so the app itself is untouched.
// Capture is for one request at a time (the bench sends capture requests alone, before the load).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify from 'fastify';
import pg from 'pg';
import { builtApp, builtConfig } from './config.js';

interface CapturedQuery {
  text: string;
  values: unknown[];
}

let capturing: CapturedQuery[] | undefined;
let lastCapture: { method: string; url: string; status: number; bytes: number; queries: CapturedQuery[] } | undefined;

// Every round trip goes through Client.prototype.query (pool.query checks a client out and calls it).
const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    const params = Array.isArray(values) ? values : typeof config === 'object' && Array.isArray(config?.values) ? config.values : [];
    capturing.push({ text, values: params.map((v) => (v instanceof Date ? v.toISOString() : v)) });
  }
  return clientQuery.apply(this, args);
};

async function main() {
  const { loadConfig } = (await import(pathToFileURL(builtConfig).href)) as typeof import('../src/config.js');
  const { buildApp } = (await import(pathToFileURL(builtApp).href)) as typeof import('../src/app.js');
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  const pool = (app.platform.db as unknown as { $client: pg.Pool }).$client;

  const payloads = new Map<number, string>();
  const payload = (bytes: number) => {
    const size = Math.max(12, Math.min(bytes, 20_000_000));
    let text = payloads.get(size);
    if (!text) {
      text = `{"data":"${'x'.repeat(size - 11)}"}`;
      payloads.set(size, text);
    }
    return text;
  };

  const floor = Fastify({ logger: false });
  floor.get('/bench/floor/json', async (request, reply) => {
    const { bytes } = request.query as { bytes?: string };
    return reply.type('application/json; charset=utf-8').send(payload(Number(bytes ?? 100)));
  });
  floor.get('/bench/floor/db', async (request, reply) => {
    const { trips, bytes } = request.query as { trips?: string; bytes?: string };
    for (let i = 0; i < Number(trips ?? 1); i++) await pool.query('select 1');
    return reply.type('application/json; charset=utf-8').send(payload(Number(bytes ?? 100)));
  });
  floor.get('/bench/capture', async () => lastCapture ?? { queries: [] });
  let window: { elu: EventLoopUtilization; cpu: NodeJS.CpuUsage; at: number; session?: Session } | undefined;
  floor.post('/bench/window/start', async (request) => {
    const { profile } = request.query as { profile?: string };
    let session: Session | undefined;
    if (profile) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    }
    window = { elu: performance.eventLoopUtilization(), cpu: process.cpuUsage(), at: performance.now(), session };
    return { started: true };
  });
  floor.post('/bench/window/stop', async (request) => {
    const { profile } = request.query as { profile?: string };
    if (!window) return { started: false };
    const elu = performance.eventLoopUtilization(window.elu);
    const cpu = process.cpuUsage(window.cpu);
    const seconds = (performance.now() - window.at) / 1000;
    if (window.session) {
      const { profile: data } = await window.session.post('Profiler.stop');
      if (profile) writeFileSync(profile, JSON.stringify(data));
      window.session.disconnect();
    }
    window = undefined;
    return { eventLoopUtilization: elu.utilization, cpuCores: (cpu.user + cpu.system) / 1e6 / seconds, seconds };
  });
  await floor.ready();

  await app.fastify.listen({ port: config.port, host: config.host });
  const server = app.fastify.server;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/bench/')) return floor.routing(req, res);
    if (req.headers['x-bench-capture']) {
      const queries: CapturedQuery[] = [];
      capturing = queries;
      let bytes = 0;
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      const count = (chunk: unknown) => {
        if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
        else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
      };
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        count(chunk);
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (chunk !== undefined && typeof chunk !== 'function') count(chunk);
        return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
      }) as typeof res.end;
      res.on('finish', () => {
        if (capturing === queries) capturing = undefined;
        lastCapture = { method: req.method ?? '', url: req.url ?? '', status: res.statusCode, bytes, queries };
      });
    }
    for (const handler of handlers) handler.call(server, req, res);
  });
  if (config.worker) app.platform.jobs.start();
  console.log(`bench server ready on port ${config.port} (pid ${process.pid})`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await floor.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
