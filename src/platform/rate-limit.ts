// Rate limits. Per tenant: a fixed one-minute window in this process's memory (each app instance
// enforces its share). Failed sign-ins and look-ups: counted in the database, so every instance sees
// them; an attempt that a limit bounds is reserved before the work, atomically.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { query, type Db, type Queryable } from '../db/index.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Guessable look-ups (invitation and verification tokens): failed tries are limited per IP. */
    lookupLimited?: boolean;
  }
}

const lookupWindowSeconds = 15 * 60;

/** Token look-ups answer 429 after too many failed (404/410) tries from one IP. */
export function registerLookupLimits(app: FastifyInstance, db: Db, failures: number) {
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.config?.lookupLimited) return;
    const wait = await attemptsBlocked(db, `lookup:ip:${request.ip}`, failures, lookupWindowSeconds);
    if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
  });
  // Counted before the answer leaves, so the next try already sees it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config?.lookupLimited && (reply.statusCode === 404 || reply.statusCode === 410)) {
      await recordAttempt(db, `lookup:ip:${request.ip}`, lookupWindowSeconds);
    }
    return payload;
  });
}

export class TenantRateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Counts one request; returns 0 when allowed, else the seconds to wait. */
  hit(tenantId: string, now = Date.now()): number {
    if (this.perMinute === 0) return 0;
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.counts.clear();
    }
    const count = (this.counts.get(tenantId) ?? 0) + 1;
    this.counts.set(tenantId, count);
    return count > this.perMinute ? Math.max(1, Math.ceil((this.windowStart + 60_000 - now) / 1000)) : 0;
  }
}

/** Seconds until the window of `key` allows another attempt, or 0 when fewer than `limit` were counted. */
export async function attemptsBlocked(db: Queryable, key: string, limit: number, windowSeconds: number): Promise<number> {
  const rows = await query<{ count: number; retry: number }>(db, sql`
    select count, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry
    from rate_limits where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`);
  const row = rows[0];
  return row && row.count >= limit ? Math.max(1, row.retry) : 0;
}

/** Counts one attempt against `key` in a window that starts at the first attempt. */
export async function recordAttempt(db: Queryable, key: string, windowSeconds: number): Promise<void> {
  await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end`);
}

export async function clearAttempts(db: Queryable, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** The delay for an address with `failures` counted: `stepMs` for each past `after`, at most `maxMs`. */
export function slowdownMs(failures: number, slowdown: { after: number; stepMs: number; maxMs: number }): number {
  return Math.min(slowdown.maxMs, Math.max(0, failures - slowdown.after) * slowdown.stepMs);
}

/** How many attempts `key` counts in its current window. */
export async function attemptCount(db: Queryable, key: string, windowSeconds: number): Promise<number> {
  const rows = await query<{ count: number }>(db, sql`
    select count from rate_limits where key = ${key} and window_start > now() - make_interval(secs => ${windowSeconds})`);
  return rows[0]?.count ?? 0;
}

/**
 * Reserves one attempt against `key` before the work it limits, in one statement: the count grows
 * only while it is under `limit` (or its window has ended), so parallel attempts cannot all pass a
 * check made before any of them was counted. Returns 0 when reserved, else the seconds to wait.
 */
export async function reserveAttempt(db: Queryable, key: string, limit: number, windowSeconds: number): Promise<number> {
  const reserved = await query<{ count: number }>(db, sql`
    insert into rate_limits as r (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when r.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else r.count + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else r.window_start end
    where r.count < ${limit} or r.window_start <= now() - make_interval(secs => ${windowSeconds})
    returning count`);
  if (reserved.length > 0) return 0;
  return Math.max(1, await attemptsBlocked(db, key, limit, windowSeconds));
}

/** Gives back an attempt reserved with `reserveAttempt` that did not happen. */
export async function releaseAttempt(db: Queryable, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
}

/**
 * Deletes the counter `key` and takes what it counted in its window off `parentKey`, which counted
 * the same attempts (an account and address pair within the account's counter).
 */
export async function forgiveAttempts(db: Queryable, key: string, parentKey: string, windowSeconds: number): Promise<void> {
  await db.execute(sql`
    with forgiven as (
      delete from rate_limits where key = ${key}
      returning case when window_start > now() - make_interval(secs => ${windowSeconds}) then count else 0 end as count)
    update rate_limits set count = greatest(rate_limits.count - forgiven.count, 0)
    from forgiven where rate_limits.key = ${parentKey}`);
}
