// The durable job queue on each database: jobs wait for their transaction to commit, survive a
// worker that died (another takes them when the lock expires), retry with backoff, and give up.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../db/index.js';
import { target, targetKinds } from '../../test/helpers/server.js';
import { backoffSeconds, JobQueue } from './jobs.js';

const silent = { error() {} };

describe('backoff', () => {
  it('doubles up to ten minutes', () => {
    expect([1, 2, 3, 10, 20].map(backoffSeconds)).toEqual([2, 4, 8, 600, 600]);
  });
});

describe.each(targetKinds())('job queue on %s', (kind) => {
  it('runs a job only once its transaction commits', async () => {
    const { app } = await target(kind);
    const db = app.platform.db;
    const queue = `test.commit.${randomUUID()}`;
    const seen: unknown[] = [];
    const worker = new JobQueue(db, silent);
    worker.register(queue, async (payload) => {
      seen.push(payload.n);
    });
    await db
      .transaction(async (tx) => {
        await worker.enqueue(tx, queue, { n: 1 });
        throw new Error('rolled back');
      })
      .catch(() => {});
    await db.transaction((tx) => worker.enqueue(tx, queue, { n: 2 }));
    await worker.drain();
    expect(seen).toEqual([2]);
  });

  it('survives the death of its worker: another instance takes the job when the lock expires', async () => {
    const { app } = await target(kind);
    const db = app.platform.db;
    const queue = `test.restart.${randomUUID()}`;
    const dead = new JobQueue(db, silent);
    await db.transaction((tx) => dead.enqueue(tx, queue, { order: 'A-1' }));
    // The first worker claimed it and died mid-job: status running, lock in the past.
    await db.execute(sql`update jobs set status = 'running', attempts = 1, locked_until = now() - interval '1 second' where queue = ${queue}`);
    const seen: unknown[] = [];
    const next = new JobQueue(db, silent);
    next.register(queue, async (payload) => {
      seen.push(payload.order);
    });
    await next.drain();
    expect(seen).toEqual(['A-1']);
    const [row] = await query<{ status: string; attempts: number }>(db, sql`select status, attempts from jobs where queue = ${queue}`);
    expect(row).toEqual({ status: 'done', attempts: 2 });
  });

  it('retries with backoff, then marks the job failed after its last attempt', async () => {
    const { app } = await target(kind);
    const db = app.platform.db;
    const queue = `test.fail.${randomUUID()}`;
    const worker = new JobQueue(db, silent);
    let calls = 0;
    worker.register(queue, async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await db.transaction((tx) => worker.enqueue(tx, queue, {}, { maxAttempts: 2 }));
    await worker.drain();
    let [row] = await query<{ status: string; attempts: number; last_error: string; wait: number }>(
      db,
      sql`select status, attempts, last_error, extract(epoch from run_at - now())::float as wait from jobs where queue = ${queue}`,
    );
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 1' });
    expect(row!.wait).toBeGreaterThan(0);
    await db.execute(sql`update jobs set run_at = now() where queue = ${queue}`);
    await worker.drain();
    [row] = await query(db, sql`select status, attempts, last_error from jobs where queue = ${queue}`);
    expect(row).toMatchObject({ status: 'failed', attempts: 2, last_error: 'boom 2' });
    expect(calls).toBe(2);
  });

  it('drain runs a job made due while a poll was under way (the poll had looked before it was due)', async () => {
    const { app } = await target(kind);
    const db = app.platform.db;
    const queue = `test.drain.${randomUUID()}`;
    // The worker's database answers its first statement only once released: the poll has looked (nothing due) and not yet reported.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    let looked!: () => void;
    const hasLooked = new Promise<void>((resolve) => (looked = resolve));
    const slow = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<typeof db.execute>) => {
          const result = await target.execute(...args);
          if (!held) {
            held = true;
            looked();
            await gate;
          }
          return result;
        };
      },
    });
    const seen: unknown[] = [];
    const worker = new JobQueue(slow, silent);
    worker.register(queue, async (payload) => {
      seen.push(payload.n);
    });
    const poll = worker.runOnce();
    await hasLooked;
    await db.transaction((tx) => worker.enqueue(tx, queue, { n: 1 }));
    const drained = worker.drain();
    release();
    expect(await poll).toBe(0);
    await drained;
    expect(seen).toEqual([1]);
  });

  it('two workers never run the same job twice', async () => {
    const { app } = await target(kind);
    const db = app.platform.db;
    const queue = `test.parallel.${randomUUID()}`;
    const runs = new Map<number, number>();
    const make = () => {
      const w = new JobQueue(db, silent);
      w.register(queue, async (payload) => {
        runs.set(payload.n as number, (runs.get(payload.n as number) ?? 0) + 1);
      });
      return w;
    };
    const [a, b] = [make(), make()];
    await db.transaction(async (tx) => {
      for (let n = 0; n < 30; n++) await a.enqueue(tx, queue, { n });
    });
    await Promise.all([a.drain(), b.drain()]);
    expect(runs.size).toBe(30);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });
});
