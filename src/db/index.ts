// The database connection: embedded PGlite (a data folder, one process at a time) or PostgreSQL
// (DATABASE_URL). Both are driven through the same Drizzle handle type and the same migrations.
import { createHash } from 'node:crypto';
import { closeSync, constants as fsConstants, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder, projectRoot } from '../paths.js';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Queryable = Db | Tx;

/** Runs raw SQL and returns its rows (the two drivers' results both carry `rows`). */
export async function query<Row>(q: Queryable, statement: SQL): Promise<Row[]> {
  const result = (await q.execute(statement)) as unknown as { rows: Row[] };
  return result.rows;
}

/**
 * A statement prepared once per shape. `build` gets the shape (which optional parts the statement has:
 * filters, a cursor) and a name for it, and returns a Drizzle prepared query whose values are all
 * placeholders; every later call with the same shape reuses it, so no SQL is built per request and
 * PostgreSQL parses it once per connection.
 */
export function preparedByShape<Shape extends Record<string, boolean>, Prepared>(name: string, build: (shape: Shape, name: string) => Prepared): (shape: Shape) => Prepared {
  const built = new Map<string, Prepared>();
  return (shape) => {
    const key = Object.keys(shape)
      .filter((part) => shape[part])
      .sort()
      .join('_');
    let prepared = built.get(key);
    if (!prepared) built.set(key, (prepared = build(shape, key ? `${name}_${key}` : name)));
    return prepared;
  };
}

/**
 * A timestamp as the API writes it (ISO 8601 UTC with milliseconds, as Date#toISOString), made by
 * PostgreSQL: for long lists, no Date per row in the app. Timestamps are stored to the millisecond.
 */
export function isoText(column: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** Strings as one PostgreSQL array literal (each element quoted), to bind a whole list as a single parameter. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Escapes %, _ and \ for a LIKE/ILIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL connection string (postgres only). */
  url?: string;
  /** The embedded database's data folder as a gzipped tarball (pglite only). */
  dumpDataDir?(): Promise<Buffer>;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {}

/** The lock file in an embedded data folder (it holds the PID of the process that has it open). */
const lockFileName = 'channel-center.lock';

/** PostgreSQL's shared buffers live inside the process with PGlite: 128 MB by default, more than an embedded program needs. */
const embeddedSharedBuffers = '16MB';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per PGlite data folder: a lock file holding the owner's PID. A lock left by a process
 * that no longer runs is taken over; a live owner stops the second process with a clear error.
 */
export function lockDataFolder(folder: string): () => void {
  const lockFile = path.join(folder, lockFileName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new DatabaseLockedError(
          `The embedded database in ${folder} is in use by another process (PID ${owner}). ` +
            `Stop that process, or set DATA_DIR to another folder, or use DATABASE_URL for PostgreSQL.`,
        );
      }
      unlinkSync(lockFile); // stale lock of a process that is gone
    }
  }
  throw new DatabaseLockedError(`Could not lock the embedded database in ${folder}`);
}

function pgliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The migration files' fingerprint: a data folder migrated from them is the same whatever the machine. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsFolder).filter((file) => file.endsWith('.sql')).sort()) {
    hash.update(name).update('\0').update(readFileSync(path.join(migrationsFolder, name))).update('\0');
  }
  hash.update(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A data folder kept as a template in `node_modules/.cache/channel-center/<name>`, copied into new
 * folders (copy-on-write where the file system can). Saved from a cleanly closed folder, without its
 * lock file; a template being written elsewhere at the same time wins, this one is dropped.
 */
function folderTemplate(name: string): { copyTo(folder: string): boolean; saveFrom(folder: string): void } {
  const dir = path.join(projectRoot, 'node_modules', '.cache', 'channel-center', name);
  return {
    copyTo(folder) {
      if (!existsSync(path.join(dir, 'PG_VERSION'))) return false;
      cpSync(dir, folder, { recursive: true, mode: fsConstants.COPYFILE_FICLONE });
      return true;
    },
    saveFrom(folder) {
      const partial = `${dir}.${process.pid}.partial`;
      try {
        cpSync(folder, partial, { recursive: true, filter: (source) => path.basename(source) !== lockFileName });
        renameSync(partial, dir);
      } catch {
        /* only a cache: the next new folder builds it again */
        rmSync(partial, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A new data folder costs seconds of initdb and then of migrations (DDL runs slowly inside
 * PGlite). Both results are kept on this machine: the initdb cluster per PGlite version, and the
 * migrated one per PGlite version and migration files. A new folder is a copy of the migrated
 * template when there is one (its migrations are then all applied, and `migrate` finds nothing to
 * do); else of the initdb one; else it runs initdb. Nothing but the migrations is ever in a template.
 */
export async function openPglite(folder: string): Promise<Database> {
  mkdirSync(folder, { recursive: true });
  const unlock = lockDataFolder(folder);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { drizzle } = await import('drizzle-orm/pglite');
    const version = pgliteVersion();
    const initdb = folderTemplate(`pglite-${version}-initdb`);
    const migrated = folderTemplate(`pglite-${version}-migrated-${migrationsFingerprint()}`);
    const isNew = !existsSync(path.join(folder, 'PG_VERSION'));
    const fromMigrated = isNew && migrated.copyTo(folder);
    const initdbNeeded = isNew && !fromMigrated && !initdb.copyTo(folder);
    const open = async () => {
      const pglite = new PGlite(folder, {
        extensions: { pg_trgm },
        // The operating system still caches the data folder's files.
        postgresqlconf: `shared_buffers = ${embeddedSharedBuffers}`,
      });
      await pglite.waitReady;
      return pglite;
    };
    const handle = (pglite: Awaited<ReturnType<typeof open>>): Database => ({
      db: drizzle(pglite, { schema, casing: 'snake_case' }) as unknown as Db,
      kind: 'pglite',
      async dumpDataDir() {
        return Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      },
      async close() {
        await pglite.close();
        unlock();
      },
    });
    let client = await open();
    if (initdbNeeded) {
      // The first new folder on this machine: closed cleanly, kept as the initdb template, opened again.
      await client.close();
      initdb.saveFrom(folder);
      client = await open();
    }
    if (isNew && !fromMigrated) {
      // The first new folder with these migrations: migrated, closed cleanly, kept, opened again.
      await migrate(handle(client));
      await client.close();
      migrated.saveFrom(folder);
      client = await open();
    }
    return handle(client);
  } catch (error) {
    unlock();
    throw error;
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // Short OLTP queries: JIT compilation (on by default for costly plans, such as counts over many
  // rows) takes longer than it saves.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c jit=off' });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  const db = drizzle(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  await db.execute(sql`select 1`);
  return { db, kind: 'postgres', url, close: () => pool.end() };
}

export function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(path.join(options.dataDir, 'db'));
}

/** Applies pending migrations; several app instances starting together on PostgreSQL take turns. */
export async function migrate(database: Database): Promise<void> {
  const { db } = database;
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    const { default: pg } = await import('pg');
    // A session advisory lock on a connection of its own serialises concurrent migrators.
    const lock = new pg.Client({ connectionString: database.url });
    await lock.connect();
    try {
      await lock.query('select pg_advisory_lock(7243190)');
      await run(db as never, { migrationsFolder });
    } finally {
      await lock.end();
    }
  }
}

/** True when every migration file has been applied (used by /readyz). */
export async function isMigrated(db: Db): Promise<boolean> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const last = journal.entries.at(-1)?.when;
  if (last === undefined) return true;
  try {
    const rows = await query<{ created_at: string | number }>(db, sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
    return Number(rows[0]?.created_at) >= last;
  } catch {
    return false;
  }
}

export function ensureFolder(folder: string) {
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
}
