// Test servers: the real app, listening on an ephemeral port, on a real database. One per database
// kind per run, shared by every test file (they isolate by creating their own tenants).
// - pglite: always (a temporary data folder).
// - postgres: when TEST_DATABASE_URL is set (a fresh database for the run). Without it the
//   PostgreSQL suites are skipped with a printed reason, except under CI=true, where that fails.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { ensureWebBuilt } from './build.js';
import { registerDatabase } from './mfa.js';
import { createTestDatabase, postgresReachable, testDatabaseUrl } from './postgres.js';

export type TargetKind = 'pglite' | 'postgres';

export interface Target {
  kind: TargetKind;
  url: string;
  app: App;
  dataDir: string;
  mailDir: string;
}

interface Registry {
  targets: Map<string, Promise<Target>>;
  databases: Map<TargetKind, Promise<{ database: Database; dataDir: string }>>;
  skipNoticePrinted: boolean;
}

const registry: Registry = ((globalThis as Record<string, unknown>).__channelCenterTests as Registry) ?? {
  targets: new Map(),
  databases: new Map(),
  skipNoticePrinted: false,
};
(globalThis as Record<string, unknown>).__channelCenterTests = registry;

function runDir(): string {
  const dir = process.env.CC_TEST_DIR ?? path.join(os.tmpdir(), `channel-center-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The database kinds this run tests against. */
export function targetKinds(): TargetKind[] {
  if (testDatabaseUrl()) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites cannot run.');
  if (!registry.skipNoticePrinted) {
    registry.skipNoticePrinted = true;
    console.log('SKIPPED PostgreSQL suites: TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)');
  }
  return ['pglite'];
}

/** One shared database per kind (PGlite takes seconds to open, so it is opened once), or an isolated one. */
function sharedDatabase(kind: TargetKind, name = 'shared') {
  const key = `${kind}:${name}` as TargetKind;
  let entry = registry.databases.get(key);
  if (!entry) {
    entry = (async () => {
      const dataDir = path.join(runDir(), name === 'shared' ? kind : `${kind}-${name}`);
      if (kind === 'postgres') {
        if (!(await postgresReachable())) throw new Error(`PostgreSQL is not reachable at TEST_DATABASE_URL (${testDatabaseUrl()})`);
        return { database: await openDatabase({ databaseUrl: await createTestDatabase(), dataDir }), dataDir };
      }
      return { database: await openDatabase({ dataDir }), dataDir };
    })();
    registry.databases.set(key, entry);
  }
  return entry;
}

export interface TargetOptions {
  /** Extra environment for this app instance (MAIL_URL, TENANT_RATE_LIMIT …). */
  env?: Record<string, string>;
  /** A name to get a separate app instance on the same database. */
  instance?: string;
  /** Where this instance writes its log lines (JSON). */
  logStream?: NodeJS.WritableStream;
  /** A database of its own (for suites whose requests may change program-wide data, like fuzzing). */
  isolated?: boolean;
  /** The app's clock for prices and terms (price lists are the program's, one per month: a test prices in a month of its own; a term's test walks its days). */
  now?: () => Date;
}

/** A listening app on the shared database of this kind. */
export function target(kind: TargetKind, options: TargetOptions = {}): Promise<Target> {
  const key = `${kind}:${options.instance ?? 'main'}`;
  let entry = registry.targets.get(key);
  if (!entry) {
    entry = (async () => {
      const { database, dataDir } = await sharedDatabase(kind, options.isolated ? (options.instance ?? 'isolated') : 'shared');
      const mailDir = path.join(dataDir, `mail-${options.instance ?? 'main'}`);
      const config = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        MAIL_URL: `file://${mailDir}`,
        SESSION_SECRET: 'test-session-secret-test-session-secret-0123456789',
        DEMO: '0',
        TENANT_RATE_LIMIT: '0',
        // Tests fail many look-ups on purpose from one address; the limit has its own test instance.
        LOOKUP_LIMIT: '100000000',
        TRUST_PROXY: '1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
        PUBLIC_URL: 'http://localhost:8080',
        ...options.env,
      });
      const app = await buildApp(config, { database, ownsDatabase: false, logStream: options.logStream, ...(options.now ? { now: options.now } : {}) });
      await app.fastify.listen({ port: 0, host: '127.0.0.1' });
      const address = app.fastify.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      registerDatabase(`http://127.0.0.1:${port}`, `${kind}:${options.isolated ? (options.instance ?? 'isolated') : 'shared'}`);
      return { kind, url: `http://127.0.0.1:${port}`, app, dataDir, mailDir };
    })();
    registry.targets.set(key, entry);
  }
  return entry;
}

/** For the browser suite: the API and the built portal on the embedded database. */
export async function startServer(): Promise<{ url: string; mailDir: string; target: Target; close(): Promise<void> }> {
  ensureWebBuilt();
  const t = await target('pglite');
  return { url: t.url, mailDir: t.mailDir, target: t, close: async () => {} };
}

export { ensureWebBuilt };
