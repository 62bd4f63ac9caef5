// Crash safety of the month-end billing run (BIL-1, BIL-2): subscriptions bought in the middle of last
// month (made in-process with the app's clock set back) leave last month's charge lines. A server
// started on that database closes the month on start; it is killed (SIGKILL) inside the run's one
// transaction, after two of its three tiers. Nothing of the run is left (no closed period, no document,
// no number taken); the next start closes the month whole: one document per tier, numbered from 1.
// Run on PostgreSQL and on the embedded database.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, query } from '../src/db/index.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from './helpers/commerce.js';
import { createTestDatabase } from './helpers/postgres.js';
import { inspect, rebind, sessionSecret, startServer, stop, until } from './helpers/processes.js';
import { targetKinds, type Target } from './helpers/server.js';

describe.each(targetKinds())('crash safety of the billing run on %s', (kind) => {
  it('BIL-1 BIL-2 SIGKILL inside the month-end run: nothing of it is left, the next start closes the month whole', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-crash-billing-'));
    const databaseUrl = kind === 'postgres' ? await createTestDatabase() : '';
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MAIL_URL: `file://${path.join(dataDir, 'mail')}` };
    const today = new Date();
    const bought = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15, 10));
    const period = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
    const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
    const config = loadConfig({ NODE_ENV: 'test', ...env, SESSION_SECRET: sessionSecret, DEMO: '0', TENANT_RATE_LIMIT: '0', LOOKUP_LIMIT: '100000000', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:8080' });
    const app = await buildApp(config, { database, ownsDatabase: true, now: () => bought });
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.fastify.server.address() as { port: number };
    const t: Target = { kind, url: `http://127.0.0.1:${port}`, app, dataDir, mailDir: path.join(dataDir, 'mail') };
    let parties: Parties;
    let chargeLines: number;
    try {
      const product = await ensureProduct(t);
      parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const placed = await order(parties.providerAgent.client, customer.tenantId, Array.from({ length: 5 }, (_, i) => line(product.e3, parties.reseller.partnerId, { quantity: i + 1, termDuration: 'P1Y', billingCycle: 'annual' })));
      expect(placed.status, placed.text).toBe(201);
      [{ n: chargeLines }] = await query<{ n: number }>(app.platform.db, sql`select count(*)::int as n from charge_lines`);
      expect(chargeLines).toBe(5);
    } finally {
      await app.close();
    }

    // The worker runs the billing job at start; the server kills itself inside the run, after its second tier.
    const first = await startServer({ ...env, CRASH_AT: 'billing:2' });
    await new Promise((resolve) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once('exit', resolve) : resolve(null)));
    expect(first.child.signalCode).toBe('SIGKILL');
    const afterCrash = await inspect(env, (db) =>
      query<{ runs: number; documents: number; lines: number; sequences: number }>(
        db,
        sql`select (select count(*)::int from billing_runs) as runs, (select count(*)::int from invoices) as documents, (select count(*)::int from invoice_lines) as lines, (select count(*)::int from invoice_sequences) as sequences`,
      ).then((rows) => rows[0]!),
    );
    expect(afterCrash, 'nothing of the killed run').toEqual({ runs: 0, documents: 0, lines: 0, sequences: 0 });

    // The embedded database belongs to the running server: progress is read through the API (the reseller's invoices).
    const second = await startServer(env);
    try {
      const client = rebind(parties!.reseller.client, second.url);
      expect(await until(async () => ((await client.get('/v1/invoices')).body.totalCount ?? 0) >= 1, 120_000)).toBe(true);
    } finally {
      await stop(second.child, 'SIGTERM');
    }
    await inspect(env, async (db) => {
      const documents = await query<{ tier: string; number: number; line_count: number }>(db, sql`select tier, number, line_count from invoices where period_start = ${period}::timestamptz order by tier`);
      expect(documents).toEqual([
        { tier: 'customer', number: 1, line_count: chargeLines },
        { tier: 'provider', number: 1, line_count: chargeLines },
        { tier: 'reseller', number: 1, line_count: chargeLines },
      ]);
      const [counts] = await query<{ runs: number; lines: number }>(db, sql`select (select count(*)::int from billing_runs) as runs, (select count(*)::int from invoice_lines) as lines`);
      expect(counts).toEqual({ runs: 1, lines: 3 * chargeLines });
      console.log(`crash safety (${kind}): SIGKILL inside the billing run left ${afterCrash.documents} documents; after restart ${documents.length} documents with ${counts!.lines} lines`);
    });
  }, 600_000);
});
