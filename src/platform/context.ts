// What every module's service is built with: the database, configuration, jobs and mail.
import type { Config } from '../config.js';
import type { Database, Db, Tx } from '../db/index.js';
import type { JobQueue } from './jobs.js';
import type { Mailer } from './mail/outbox.js';

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  jobs: JobQueue;
  mailer: Mailer;
  log: Logger;
  /** One transaction; after it commits, the job worker is told to look for new work (mail). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** A named point inside a write where crash tests (CRASH_AT) kill the process; nothing otherwise. */
  crashPoint(name: string): void;
}

export function createPlatform(parts: Omit<Platform, 'transaction' | 'crashPoint'>): Platform {
  let hits = 0;
  return {
    ...parts,
    crashPoint(name) {
      const armed = parts.config.crashAt;
      if (armed?.point === name && ++hits >= armed.hit) process.kill(process.pid, 'SIGKILL');
    },
    async transaction(work) {
      const result = await parts.db.transaction(work);
      parts.jobs.nudge();
      return result;
    },
  };
}

/** True for a unique-constraint violation (PostgreSQL 23505), however the driver wraps it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint?: string; message?: string; cause?: unknown };
    if (e.code === '23505') return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
    current = e.cause;
  }
  return false;
}

/**
 * True for a foreign-key violation on this constraint, however the driver wraps it: 23503, or 23001
 * (restrict_violation) where newer PostgreSQL versions (PGlite's) report an ON DELETE RESTRICT.
 */
export function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint?: string; message?: string; cause?: unknown };
    if (e.code === '23503' || e.code === '23001') return e.constraint === constraint || (e.message ?? '').includes(constraint);
    current = e.cause;
  }
  return false;
}
