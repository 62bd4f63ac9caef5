// Processes and load: the bench server in its own process (or two), RSS sampling from /proc, and
// autocannon (programmatic) in this process with exact latency percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { benchDir, benchSessionSecret, projectRoot, workDir } from './config.js';

export interface ServerProcess {
  pid: number;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(options: { databaseUrl: string; port: number }): Promise<ServerProcess> {
  mkdirSync(path.join(workDir, 'data'), { recursive: true });
  const args = ['--import', 'tsx', path.join(benchDir, 'server.ts')];
  const child = spawn(process.execPath, args, {
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
      // No scenario sends mail or runs jobs; the worker would only add polling queries.
      WORKER: '0',
      SESSION_SECRET: benchSessionSecret,
      DATA_DIR: path.join(workDir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bench server did not start in 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('bench server ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (data: Buffer) => {
      output += data.toString();
      process.stderr.write(`[server ${options.port}] ${data.toString()}`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited (${code}):\n${output}`));
    });
  });
  await ready;
  return {
    pid: child.pid!,
    port: options.port,
    child,
    stop: () => stopProcess(child),
  };
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Resident memory of a process in MB (VmRSS), or VmHWM (its peak so far). */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples VmRSS of the given processes every 100 ms; stop() gives the peak of their sum. */
export function sampleRss(pids: number[]) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, pids.reduce((sum, pid) => sum + memoryOf(pid), 0));
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon for `seconds` against the ports (connections spread over them), cycling through `next()`. */
export async function runLoad(options: { ports: number[]; connections: number; seconds: number; next: () => RequestSpec }): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const urls = options.ports.map((port) => `http://127.0.0.1:${port}`);
  const instance = autocannon({
    url: urls.length === 1 ? urls[0]! : (urls as unknown as string),
    connections: Math.max(options.connections, urls.length),
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const spec = options.next();
          return { ...request, method: spec.method, path: spec.path, headers: { ...(spec.headers ?? {}) }, body: spec.body };
        },
      },
    ],
  });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const seconds = options.seconds;
  const non2xx = Object.entries(statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
    errors: result.errors + result.timeouts,
    non2xx,
    statusCodes,
  };
}

/** One request outside the load (preparation, capture, single timed requests). */
export async function send(port: number, spec: RequestSpec, extraHeaders: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${spec.path}`, { method: spec.method, headers: { ...(spec.headers ?? {}), ...extraHeaders }, body: spec.body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started, bytes: Buffer.byteLength(text) };
}

/** CPU seconds used so far: each app process, every postgres process, this process (the load generator), and the whole machine. */
export interface CpuSnapshot {
  app: number;
  postgres: number;
  loadGenerator: number;
  machineBusy: number;
  at: number;
}

const ticks = 100; // USER_HZ

function processCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return 0;
  }
}

export function cpuSnapshot(appPids: number[]): CpuSnapshot {
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') postgres += processCpu(Number(entry));
    } catch {
      /* gone */
    }
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = (cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + cpu[7]!) / ticks;
  const self = process.cpuUsage();
  return { app: appPids.reduce((sum, pid) => sum + processCpu(pid), 0), postgres, loadGenerator: (self.user + self.system) / 1e6, machineBusy: busy, at: performance.now() };
}

/** Cores used by each between two snapshots ("other" = everything else on the machine). */
export function coresBetween(a: CpuSnapshot, b: CpuSnapshot) {
  const seconds = (b.at - a.at) / 1000;
  const app = (b.app - a.app) / seconds;
  const postgres = (b.postgres - a.postgres) / seconds;
  const loadGenerator = (b.loadGenerator - a.loadGenerator) / seconds;
  const machine = (b.machineBusy - a.machineBusy) / seconds;
  return { app, postgres, loadGenerator, other: Math.max(0, machine - app - postgres - loadGenerator), machine };
}
