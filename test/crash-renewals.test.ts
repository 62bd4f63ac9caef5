// Crash safety of the renewal job (TRM-1): 2,500 yearly terms bought a year and a month ago (made
// in-process with the app's clock set back) have all reached their commitment end. A server started
// on that database catches up on start; it is killed (SIGKILL) inside its second batch of 1,000
// renewals. The first batch is there whole, the second not at all; the next start renews the rest, and
// in the end every term renewed exactly once: one renewal line, one audit record, one year more.
// Run on PostgreSQL and on the embedded database.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, query } from '../src/db/index.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from './helpers/commerce.js';
import { createTestDatabase } from './helpers/postgres.js';
import { inspect, rebind, sessionSecret, startServer, stop, until } from './helpers/processes.js';
import type { SignedUp } from './helpers/client.js';
import { targetKinds, type Target } from './helpers/server.js';

const terms = 2500;

describe.each(targetKinds())('crash safety of renewals on %s', (kind) => {
  it('TRM-1 SIGKILL in the middle of a renewal day: after restart every term renewed exactly once', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-crash-renewals-'));
    const databaseUrl = kind === 'postgres' ? await createTestDatabase() : '';
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MAIL_URL: `file://${path.join(dataDir, 'mail')}` };
    const bought = new Date(Date.now() - 400 * 86_400_000);
    const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
    const config = loadConfig({ NODE_ENV: 'test', ...env, SESSION_SECRET: sessionSecret, DEMO: '0', TENANT_RATE_LIMIT: '0', LOOKUP_LIMIT: '100000000', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:8080' });
    const app = await buildApp(config, { database, ownsDatabase: true, now: () => bought });
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.fastify.server.address() as { port: number };
    const t: Target = { kind, url: `http://127.0.0.1:${port}`, app, dataDir, mailDir: path.join(dataDir, 'mail') };
    let customer: SignedUp;
    try {
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      customer = await sharedCustomer(t, parties);
      for (let cart = 0; cart < terms / 50; cart++) {
        const placed = await order(parties.providerAgent.client, customer.tenantId, Array.from({ length: 50 }, () => line(product.e3, parties.reseller.partnerId, { quantity: 1, termDuration: 'P1Y', billingCycle: 'annual' })));
        expect(placed.status, placed.text).toBe(201);
      }
    } finally {
      await app.close();
    }

    const renewalLines = (db: Target['app']['platform']['db']) => query<{ n: number }>(db, sql`select count(*)::int as n from charge_lines where charge_type = 'renewal'`).then((rows) => rows[0]!.n);
    // The worker runs the term job at start; the server kills itself inside the second batch's transaction.
    const first = await startServer({ ...env, CRASH_AT: 'renewals:2' });
    await new Promise((resolve) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once('exit', resolve) : resolve(null)));
    expect(first.child.signalCode).toBe('SIGKILL');
    const afterCrash = await inspect(env, renewalLines);
    expect(afterCrash, 'the first batch committed, the second left nothing').toBe(1000);

    // The embedded database belongs to the running server: progress is read through the API (the customer's audit log).
    const second = await startServer(env);
    try {
      const client = rebind(customer.client, second.url);
      const renewedSoFar = async () => (await client.get('/v1/audit-records?action=subscription.renewed&size=1')).body.totalCount ?? 0;
      expect(await until(async () => (await renewedSoFar()) >= terms, 120_000)).toBe(true);
    } finally {
      await stop(second.child, 'SIGTERM');
    }
    await inspect(env, async (db) => {
      const [lines] = await query<{ n: number; subscriptions: number }>(db, sql`select count(*)::int as n, count(distinct subscription_id)::int as subscriptions from charge_lines where charge_type = 'renewal'`);
      expect(lines).toEqual({ n: terms, subscriptions: terms });
      const [audit] = await query<{ n: number }>(db, sql`select count(*)::int as n from audit_records where action = 'subscription.renewed'`);
      expect(audit!.n).toBe(terms);
      const current = await query<{ n: number }>(db, sql`select count(*)::int as n from subscriptions where status = 'active' and commitment_end_at > now() and term_start_at < now()`);
      expect(current[0]!.n).toBe(terms);
      console.log(`crash safety (${kind}): SIGKILL inside the second renewal batch left ${afterCrash} of ${terms} renewed; after restart ${lines!.n} renewal lines for ${lines!.subscriptions} subscriptions`);
    });
  }, 600_000);
});
