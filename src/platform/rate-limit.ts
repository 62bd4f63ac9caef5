// Rate limits. Per tenant: a fixed one-minute window in this process's memory (each app instance
// enforces its share). Failed sign-ins: counted in the database, so every instance sees them.
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
