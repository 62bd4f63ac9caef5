// The durable job queue: a table in the same database, claimed with FOR UPDATE SKIP LOCKED so any
// number of app instances can work it. A job enqueued inside a transaction exists only if that
// transaction commits; a job whose worker died is taken again when its lock expires.
import { sql } from 'drizzle-orm';
import { query, type Db, type Queryable } from '../db/index.js';
import { jobs } from './schema.js';

export type JobHandler = (payload: Record<string, unknown>, job: { id: string; attempts: number }) => Promise<void>;

export interface JobLogger {
  error(obj: unknown, msg?: string): void;
}

/** Delay before retry n (1-based): 2, 4, 8 … seconds, at most 10 minutes. */
export function backoffSeconds(attempt: number): number {
  return Math.min(600, 2 ** attempt);
}

export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  /** Queues whose jobs hold a shorter lock than the queue's default (a run that dies is taken over sooner). */
  private readonly lockSecondsOf = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;
  private pendingNudge = false;
  private readonly recurring: { queue: string; everyMs: number; besideRunning: boolean; timer?: NodeJS.Timeout }[] = [];

  constructor(
    private readonly db: Db,
    private readonly log: JobLogger,
    private readonly pollMs = 1000,
    private readonly lockSeconds = 300,
  ) {}

  register(queue: string, handler: JobHandler, options: { lockSeconds?: number } = {}): void {
    this.handlers.set(queue, handler);
    if (options.lockSeconds !== undefined) this.lockSecondsOf.set(queue, options.lockSeconds);
  }

  /** Adds a job in the caller's transaction. */
  async enqueue(tx: Queryable, queue: string, payload: Record<string, unknown>, options: { runAt?: Date; maxAttempts?: number } = {}) {
    await tx.insert(jobs).values({ queue, payload, runAt: options.runAt ?? new Date(), maxAttempts: options.maxAttempts ?? 8 });
  }

  /**
   * A job that runs every `everyMs` while a worker runs (at most one queued at a time, across instances).
   * `besideRunning`: queued even while one runs (for jobs that may run side by side, such as one whose
   * run died holding its lock: the next is not kept waiting for the lock to expire).
   */
  every(queue: string, everyMs: number, options: { besideRunning?: boolean } = {}): void {
    this.recurring.push({ queue, everyMs, besideRunning: options.besideRunning ?? false });
  }

  /** Enqueues a job for `queue` unless one is already waiting (or, unless `besideRunning`, running). */
  async enqueueOnce(queue: string, options: { besideRunning?: boolean } = {}): Promise<void> {
    const statuses = options.besideRunning ? sql`('queued')` : sql`('queued', 'running')`;
    await this.db.execute(sql`
      insert into jobs (queue, payload)
      select ${queue}, '{}'::jsonb
      where not exists (select 1 from jobs where queue = ${queue} and status in ${statuses})`);
    this.nudge();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
    for (const entry of this.recurring) {
      const schedule = () => void this.enqueueOnce(entry.queue, { besideRunning: entry.besideRunning }).catch((error) => this.log.error({ err: error }, 'scheduling failed'));
      schedule();
      entry.timer = setInterval(schedule, entry.everyMs);
      entry.timer.unref?.();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const entry of this.recurring) if (entry.timer) clearInterval(entry.timer);
    await this.running;
  }

  /** Asks the worker to look now (after a commit that enqueued something). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pendingNudge = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  private async tick() {
    if (this.stopped) return;
    let worked = 0;
    try {
      worked = await this.runOnce();
    } catch (error) {
      this.log.error({ err: error }, 'job queue poll failed');
    }
    if (this.stopped) return;
    const again = worked > 0 || this.pendingNudge;
    this.pendingNudge = false;
    this.schedule(again ? 0 : this.pollMs);
  }

  /** Claims and runs the jobs that are due; returns how many ran. */
  runOnce(limit = 20): Promise<number> {
    if (this.running) return this.running;
    this.running = this.claimAndRun(limit).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Runs due jobs until none is left (tests and shutdown use it). A poll already under way may have looked for due
   * jobs before the caller made one due, so its count proves nothing: drain waits for it, then claims afresh.
   */
  async drain(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running.catch(() => undefined);
        continue;
      }
      if ((await this.runOnce()) === 0) return;
    }
  }

  private async claimAndRun(limit: number): Promise<number> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return 0;
    const lockSeconds = this.lockSecondsOf.size
      ? sql`case queue ${sql.join([...this.lockSecondsOf].map(([q, secs]) => sql`when ${q}::text then ${sql.raw(String(Math.trunc(secs)))}`), sql` `)} else ${sql.raw(String(Math.trunc(this.lockSeconds)))} end`
      : sql`${this.lockSeconds}`;
    const claimed = await query<{ id: string; queue: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(this.db, sql`
      update jobs set status = 'running', attempts = attempts + 1,
        locked_until = now() + make_interval(secs => ${lockSeconds})
      where id in (
        select id from jobs
        where ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
          and queue in (${sql.join(queues.map((q) => sql`${q}`), sql`, `)})
        order by run_at
        limit ${limit}
        for update skip locked)
      returning id, queue, payload, attempts, max_attempts`);
    for (const job of claimed) {
      const handler = this.handlers.get(job.queue)!;
      try {
        await handler(job.payload, { id: job.id, attempts: job.attempts });
        await this.db.execute(sql`update jobs set status = 'done', finished_at = now(), locked_until = null where id = ${job.id}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = job.attempts >= job.max_attempts;
        this.log.error({ err: error, jobId: job.id, queue: job.queue, attempt: job.attempts }, 'job failed');
        await this.db.execute(sql`
          update jobs set status = ${final ? 'failed' : 'queued'}, last_error = ${message.slice(0, 2000)},
            locked_until = null, finished_at = ${final ? sql`now()` : sql`null`},
            run_at = now() + make_interval(secs => ${backoffSeconds(job.attempts)})
          where id = ${job.id}`);
      }
    }
    return claimed.length;
  }
}
