// Crash safety of webhook deliveries (EVT-2): the server is killed with SIGKILL while it POSTs events to a
// slow receiver (and, in the second variant, one that answers every other request with 500 until the
// kill, so failed deliveries wait for their retry across it). After a restart on the same database every
// event arrives at least once, recognisable by its `webhook-id`, signed with the endpoint's secret; what
// arrived twice is counted. The killed run's claims (30 s) and its job's lock (60 s) expire before the
// restarted worker takes them over.
// Run on PostgreSQL and on the embedded database (whose lock left by the killed process is taken over).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { Client, testPassword, uniqueEmail } from './helpers/client.js';
import { createTestDatabase } from './helpers/postgres.js';
import { targetKinds } from './helpers/server.js';
import { inspect, rebind, startServer, stop, until } from './helpers/processes.js';

interface Receiver {
  url: string;
  /** webhook-id → requests received (any answer, or none when the sender died first). */
  received: Map<string, number>;
  /** webhook-id → answered 2xx to a sender still connected. */
  accepted: Map<string, number>;
  /** Requests whose sender was gone before the answer. */
  cutOff: number;
  badSignatures: number;
  /** While true (and the receiver was made failing), every other request is answered 500. */
  failing: boolean;
  /** The endpoint's secret, once it is known (signatures are checked from then on). */
  secret?: string;
  close(): Promise<void>;
}

/**
 * A receiver on loopback answering after `delayMs`; with `failEveryOther`, every second request gets 500
 * while `failing` stays true.
 */
async function slowReceiver(delayMs: () => number, failEveryOther: boolean): Promise<Receiver> {
  let requests = 0;
  const receiver: Receiver = {
    url: '',
    received: new Map(),
    accepted: new Map(),
    cutOff: 0,
    badSignatures: 0,
    failing: failEveryOther,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.received.set(id, (receiver.received.get(id) ?? 0) + 1);
      if (receiver.secret) {
        try {
          new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>);
        } catch {
          receiver.badSignatures++;
        }
      }
      const fail = receiver.failing && ++requests % 2 === 0;
      setTimeout(() => {
        if (response.destroyed || request.socket.destroyed) {
          receiver.cutOff++;
          return;
        }
        if (!fail) receiver.accepted.set(id, (receiver.accepted.get(id) ?? 0) + 1);
        response.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain' });
        response.end(fail ? 'try again' : 'ok');
      }, delayMs());
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** Runs `work(i)` for i < count, `width` at a time. */
async function inParallel(count: number, width: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await work(next++);
  }));
}

const variants = [
  { name: 'a slow receiver (200–300 ms)', failEveryOther: false },
  // Failures stop at the kill: a delivery that fails twice waits 5 minutes for its third attempt.
  { name: 'a slow receiver answering every other request with 500 until the kill', failEveryOther: true },
];

describe.each(targetKinds())('crash safety of webhook deliveries on %s', (kind) => {
  it.each(variants)('SIGKILL while deliveries to $name are in flight: after restart every event arrives at least once, by its webhook-id (EVT-2)', async ({ failEveryOther }) => {
    const receiver = await slowReceiver(() => 200 + Math.floor(Math.random() * 100), failEveryOther);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-crash-webhooks-'));
    const databaseUrl = kind === 'postgres' ? await createTestDatabase() : '';
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MAIL_URL: `file://${path.join(dataDir, 'mail')}` };
    const testEvents = 30;
    const userEvents = 20;
    const children: ChildProcess[] = [];
    try {
      const first = await startServer(env);
      children.push(first.child);
      const client = new Client(first.url);
      const email = uniqueEmail('hooks');
      const created = await client.post('/v1/tenants', { organizationName: 'Webhook crash', country: 'FR', admin: { displayName: 'Hook Admin', email, password: testPassword } });
      expect(created.status, created.text).toBe(201);
      expect((await client.signIn(email, testPassword)).status).toBe(201);
      const endpoint = await client.post('/v1/webhook-endpoints', { url: receiver.url, description: 'crash test' });
      expect(endpoint.status, endpoint.text).toBe(201);
      receiver.secret = endpoint.body.secret;
      const endpointId = endpoint.body.id;

      // Events through both paths: test events (a delivery written by the operation) and user additions
      // (`user-created`, fanned out by the events table's trigger), several requests at a time.
      const answers: number[] = [];
      await inParallel(testEvents + userEvents, 6, async (i) => {
        const answer = i % 5 < 3
          ? await client.post(`/v1/webhook-endpoints/${endpointId}/test`)
          : await client.post('/v1/users', { displayName: `Hook user ${i}`, email: uniqueEmail('hook-user'), roles: ['salesAgent'] });
        answers.push(answer.status);
      });
      expect(answers.filter((s) => s === 202).length).toBe(testEvents);
      expect(answers.filter((s) => s === 201).length).toBe(userEvents);
      // Killed once the first delivery has arrived, with others in flight.
      expect(await until(async () => receiver.accepted.size > 0, 30_000)).toBe(true);
      first.child.kill('SIGKILL');
      await new Promise((resolve) => (first.child.exitCode === null && first.child.signalCode === null ? first.child.once('exit', resolve) : resolve(null)));
      expect(first.child.signalCode).toBe('SIGKILL');
      receiver.failing = false;
      const acceptedBeforeKill = receiver.accepted.size;
      const receivedBeforeKill = receiver.received.size;

      const expected = await inspect(env, async (db) => {
        const rows = await query<{ id: string; event_type: string }>(db, sql`
          select e.id, e.event_type from events e join webhook_deliveries d on d.event_id = e.id where d.endpoint_id = ${endpointId}::uuid`);
        return rows;
      });
      const total = testEvents + userEvents;
      expect(expected).toHaveLength(total);
      expect(expected.filter((e) => e.event_type === 'webhook-test')).toHaveLength(testEvents);
      expect(expected.filter((e) => e.event_type === 'user-created')).toHaveLength(userEvents);
      const ids = expected.map((e) => `msg_${e.id}`);
      expect(acceptedBeforeKill, 'some deliveries had arrived before the kill').toBeGreaterThan(0);
      expect(acceptedBeforeKill, 'some deliveries had not arrived before the kill').toBeLessThan(total);

      const restartedAt = Date.now();
      const second = await startServer(env);
      children.push(second.child);
      let allArrived = false;
      let settled = false;
      try {
        allArrived = await until(async () => ids.every((id) => (receiver.accepted.get(id) ?? 0) >= 1), 120_000);
        const afterRestartSeconds = (Date.now() - restartedAt) / 1000;
        // The sender records each answer after it: nothing is left pending once it has.
        const after = rebind(client, second.url);
        settled = await until(async () => {
          const pending = await after.get(`/v1/webhook-endpoints/${endpointId}/deliveries?status=pending&size=100`);
          return pending.status === 200 && pending.body.items.length === 0;
        }, 30_000);
        const twice = ids.filter((id) => (receiver.accepted.get(id) ?? 0) > 1).length;
        console.log(
          `crash safety (${kind}, ${failEveryOther ? 'every other answer 500' : 'slow receiver'}): ${acceptedBeforeKill}/${total} events arrived before SIGKILL (${receivedBeforeKill} received, ${receiver.cutOff} cut off by the kill), ` +
            `${ids.filter((id) => receiver.accepted.has(id)).length}/${total} after restart (all by ${afterRestartSeconds.toFixed(1)} s), ${twice} arrived twice (same webhook-id)`,
        );
      } finally {
        await stop(second.child, 'SIGTERM');
      }
      expect(allArrived, `arrived ${ids.filter((id) => receiver.accepted.has(id)).length} of ${total} (before the kill: ${acceptedBeforeKill})`).toBe(true);
      expect(settled, 'every delivery recorded as succeeded').toBe(true);
      expect(receiver.badSignatures).toBe(0);
      expect([...receiver.accepted.keys()].filter((id) => !ids.includes(id))).toEqual([]);

      const state = await inspect(env, async (db) => {
        const [row] = await query<{ succeeded: number; other: number; attempts: number; failed_jobs: number }>(db, sql`
          select (select count(*)::int from webhook_deliveries where endpoint_id = ${endpointId}::uuid and status = 'succeeded') as succeeded,
                 (select count(*)::int from webhook_deliveries where endpoint_id = ${endpointId}::uuid and status <> 'succeeded') as other,
                 (select count(*)::int from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id where d.endpoint_id = ${endpointId}::uuid) as attempts,
                 (select count(*)::int from jobs where queue = 'webhooks.deliver' and status = 'failed') as failed_jobs`);
        return row!;
      });
      expect(state.succeeded).toBe(total);
      expect(state.other).toBe(0);
      // Each delivery's success is in its attempt log, and no attempt is logged that the receiver did not get.
      const requests = [...receiver.received.values()].reduce((a, b) => a + b, 0);
      expect(state.attempts).toBeGreaterThanOrEqual(total);
      expect(state.attempts).toBeLessThanOrEqual(requests);
      expect(state.failed_jobs).toBe(0);
    } finally {
      for (const child of children) await stop(child, 'SIGKILL');
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
