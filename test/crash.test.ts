// Crash safety: the server is killed with SIGKILL while it delivers mail, while it imports a CSP audience
// of 100,000 partners, and during a burst of checkouts. After a restart every queued message is
// delivered at least once (recognisable by its Message-ID) and no job is lost; an import is there whole
// or not at all; no order lacks its subscriptions and no subscription its order.
// Run on PostgreSQL and on the embedded database (whose lock left by the killed process is taken over).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, query } from '../src/db/index.js';
import { sql } from 'drizzle-orm';
import { Client, testPassword, uniqueEmail, type SignedUp } from './helpers/client.js';
import { connectedPartners, ensureProduct, line, sharedCustomer, type Parties } from './helpers/commerce.js';
import { bulkResellers, enrolledPublisher } from './helpers/partners.js';
import { createTestDatabase } from './helpers/postgres.js';
import { targetKinds, type Target, type TargetKind } from './helpers/server.js';
import { inspect, rebind, sessionSecret, startServer, stop, until } from './helpers/processes.js';

describe.each(targetKinds())('crash safety on %s', (kind) => {
  it('SIGKILL during mail delivery: after restart every message arrives, by its Message-ID', async () => {
    const received = new Map<string, number>();
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => setTimeout(() => {
            received.set(mail.messageId ?? '', (received.get(mail.messageId ?? '') ?? 0) + 1);
            callback();
          }, 300))
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-crash-'));
    const databaseUrl = kind === 'postgres' ? await createTestDatabase() : '';
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MAIL_URL: `smtp://127.0.0.1:${smtpPort}` };
    try {
      const first = await startServer(env);
      const client = new Client(first.url);
      const signUps = await Promise.all(
        Array.from({ length: 30 }, (_, i) => client.post('/v1/tenants', { organizationName: `Crash ${i}`, country: 'FR', admin: { displayName: `Admin ${i}`, email: uniqueEmail('crash'), password: testPassword } })),
      );
      expect(signUps.every((r) => r.status === 201)).toBe(true);
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const deliveredBeforeCrash = received.size;

      const second = await startServer(env);
      const allThere = await until(async () => received.size >= 30);
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
      expect(allThere, `delivered ${received.size} of 30 (before the crash: ${deliveredBeforeCrash})`).toBe(true);
      const duplicates = [...received.values()].filter((n) => n > 1).length;
      console.log(`crash safety (${kind}): ${deliveredBeforeCrash}/30 mails delivered before SIGKILL, ${received.size}/30 after restart, ${duplicates} delivered twice (same Message-ID)`);

      const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
      try {
        const outbox = await query<{ message_id: string; status: string }>(database.db, sql`select message_id, status from mail_outbox`);
        expect(outbox).toHaveLength(30);
        for (const mail of outbox) expect(received.get(mail.message_id), mail.message_id).toBeGreaterThanOrEqual(1);
        const [jobs] = await query<{ open: number }>(database.db, sql`select count(*)::int as open from jobs where queue = 'mail.deliver' and status <> 'done'`);
        expect(jobs!.open).toBe(0);
        const [tenants] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from tenants`);
        expect(tenants!.n).toBe(30);
      } finally {
        await database.close();
      }
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

interface Program {
  env: { DATABASE_URL: string; DATA_DIR: string; MAIL_URL: string };
  publisher: SignedUp;
  offerId: string;
  resellerIds: string[];
  parties: Parties;
  catalogItemId: string;
  customers: SignedUp[];
}

/** A program made in-process on a database of its own: a publisher's offer, 100,000 resellers, connected partners and customers. */
async function prepareProgram(kind: TargetKind): Promise<Program> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-crash-program-'));
  const databaseUrl = kind === 'postgres' ? await createTestDatabase() : '';
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MAIL_URL: `file://${path.join(dataDir, 'mail')}` };
  const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
  const config = loadConfig({ NODE_ENV: 'test', ...env, SESSION_SECRET: sessionSecret, DEMO: '0', TENANT_RATE_LIMIT: '0', LOOKUP_LIMIT: '100000000', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:8080' });
  const app = await buildApp(config, { database, ownsDatabase: true });
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.fastify.server.address() as { port: number };
  const t: Target = { kind, url: `http://127.0.0.1:${port}`, app, dataDir, mailDir: path.join(dataDir, 'mail') };
  try {
    const publisher = await enrolledPublisher(t);
    const offer = await publisher.client.post('/v1/offers', { type: 'saas', name: 'Crash-safe offer' });
    const resellerIds = await bulkResellers(app.platform.db, 100_000);
    const parties = await connectedPartners(t);
    const { e3 } = await ensureProduct(t);
    const customers: SignedUp[] = [];
    for (let i = 0; i < 6; i++) customers.push(await sharedCustomer(t, parties));
    return { env, publisher, offerId: offer.body.id, resellerIds, parties, catalogItemId: e3, customers };
  } finally {
    await app.close();
  }
}

describe.each(targetKinds())('crash safety of imports and checkouts on %s', (kind) => {
  let program: Program;
  beforeAll(async () => {
    program = await prepareProgram(kind);
  }, 600_000);

  it('SIGKILL halfway through writing a 100,000-partner CSP audience import: after restart the draft holds none of it, and the import runs again whole (MKP-5)', async () => {
    const csv = `tenantId,name,country\n${program.resellerIds.map((id) => `${id},x,FR`).join('\n')}\n`;
    // The server kills itself after writing 5 of the import's 10 statements of 10,000 rows, inside its transaction.
    const first = await startServer({ ...program.env, CRASH_AT: 'audience-import:5' });
    const started = Date.now();
    const answer = await rebind(program.publisher.client, first.url)
      .request('POST', `/v1/offers/${program.offerId}/csp-audience/import`, { raw: csv, headers: { 'content-type': 'text/csv' } })
      .then((r) => r.status, () => undefined);
    await new Promise((resolve) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once('exit', resolve) : resolve(null)));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(answer, 'the killed server never answered the import').toBeUndefined();

    const second = await startServer(program.env);
    try {
      const after = rebind(program.publisher.client, second.url);
      const draft = await after.get(`/v1/offers/${program.offerId}/csp-audience/export`);
      expect(draft.status).toBe(200);
      const rowsAfterCrash = draft.text.trim().split('\n').length - 1;
      console.log(`crash safety (${kind}): SIGKILL ${Date.now() - started} ms into a 100,000-row import, with 50,000 rows written; after restart the draft held ${rowsAfterCrash} rows`);
      expect(rowsAfterCrash).toBe(0);
      const again = await after.request('POST', `/v1/offers/${program.offerId}/csp-audience/import`, { raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(again.body).toEqual({ imported: 100_000 });
    } finally {
      await stop(second.child, 'SIGTERM');
    }
    const counts = await inspect(program.env, async (db) => {
      const [row] = await query<{ rows: number; audits: number }>(
        db,
        sql`select (select count(*)::int from offer_audience where offer_id = ${program.offerId}) as rows,
                   (select count(*)::int from audit_records where action = 'offer.audienceImported' and resource_id = ${program.offerId}) as audits`,
      );
      return row!;
    });
    expect(counts).toEqual({ rows: 100_000, audits: 1 });
  }, 300_000);

  it('SIGKILL during a burst of checkouts: no order without its subscriptions, no subscription without its order, every confirmed order kept (ORD-3)', async () => {
    // The server kills itself at the 13th checkout, after writing its orders, subscriptions and lines
    // and before its audit record and commit, with other checkouts in flight.
    const first = await startServer({ ...program.env, CRASH_AT: 'checkout:13' });
    const agent = rebind(program.parties.providerAgent.client, first.url);
    const confirmed: string[] = [];
    const checkout = async (i: number) => {
      const customer = program.customers[i % program.customers.length]!;
      try {
        const cart = await agent.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(program.catalogItemId, program.parties.reseller.partnerId, { quantity: 1 + (i % 5), termDuration: 'P1M', billingCycle: 'monthly' })] });
        if (cart.status !== 201) throw new Error(`cart: ${cart.text}`);
        const done = await agent.post(`/v1/customers/${customer.tenantId}/carts/${cart.body.id}/checkout`);
        if (done.status !== 201) throw new Error(`checkout: ${done.status} ${done.text}`);
        confirmed.push(...done.body.orders.map((o: { id: string }) => o.id));
      } catch (error) {
        // A request cut off by the crash fails at the connection; anything else is a defect.
        if (error instanceof TypeError && error.message === 'fetch failed') {
          down = true;
          cutOff++;
        } else unexpected.push(String(error));
      }
    };
    const unexpected: string[] = [];
    let down = false;
    let cutOff = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (!down && next < 400) await checkout(next++);
      }),
    );
    await new Promise((resolve) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once('exit', resolve) : resolve(null)));
    expect(unexpected).toEqual([]);
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startServer(program.env);
    try {
      const afterAgent = rebind(program.parties.providerAgent.client, second.url);
      const customer = program.customers[0]!;
      const cart = await afterAgent.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(program.catalogItemId, program.parties.reseller.partnerId)] });
      const later = await afterAgent.post(`/v1/customers/${customer.tenantId}/carts/${cart.body.id}/checkout`);
      expect(later.status).toBe(201);
    } finally {
      await stop(second.child, 'SIGTERM');
    }

    const found = await inspect(program.env, async (db) => {
      const [row] = await query<{ orders: number; orphanOrders: number; orphanSubscriptions: number; mismatched: number; cartsWithoutOrder: number; ordersOfOpenCarts: number }>(
        db,
        sql`select
          (select count(*)::int from orders where provider_tenant_id = ${program.parties.provider.tenantId}) as orders,
          (select count(*)::int from orders o where not exists (select 1 from subscriptions s where s.order_id = o.id)) as "orphanOrders",
          (select count(*)::int from subscriptions s where not exists (select 1 from orders o where o.id = s.order_id)) as "orphanSubscriptions",
          (select count(*)::int from order_line_items l where not exists (select 1 from subscriptions s where s.id = l.subscription_id and s.order_id = l.order_id)) as mismatched,
          (select count(*)::int from carts c where c.status = 'checkedOut' and not exists (select 1 from orders o where o.cart_id = c.id)) as "cartsWithoutOrder",
          (select count(*)::int from orders o join carts c on c.id = o.cart_id where c.status <> 'checkedOut') as "ordersOfOpenCarts"`,
      );
      const ids = await query<{ id: string }>(db, sql`select id from orders where provider_tenant_id = ${program.parties.provider.tenantId}`);
      return { ...row!, ids: new Set(ids.map((r) => r.id)) };
    });
    console.log(`crash safety (${kind}): SIGKILL inside the 13th checkout, its orders and subscriptions written, not committed; ${confirmed.length} confirmed, ${cutOff} cut off; ${found.orders} orders after restart; orphan orders ${found.orphanOrders}, orphan subscriptions ${found.orphanSubscriptions}, line items without their subscription ${found.mismatched}`);
    expect(confirmed.every((id) => found.ids.has(id))).toBe(true);
    expect(found.orders).toBeGreaterThanOrEqual(confirmed.length + 1);
    expect(found.orphanOrders).toBe(0);
    expect(found.orphanSubscriptions).toBe(0);
    expect(found.mismatched).toBe(0);
    expect(found.cartsWithoutOrder).toBe(0);
    expect(found.ordersOfOpenCarts).toBe(0);
  }, 300_000);
});
