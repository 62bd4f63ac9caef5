// Backups round-trip the demo program, on the embedded database and on PostgreSQL, through the same
// commands a person runs (npm run backup / restore → src/main.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, query, type Database } from '../src/db/index.js';
import { projectRoot } from '../src/paths.js';
import { createTestDatabase } from './helpers/postgres.js';
import { targetKinds } from './helpers/server.js';

const run = promisify(execFile);

function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
}

/** Every table's row count and a checksum of its rows: equal snapshots mean equal databases. */
async function snapshot(database: Database) {
  const tables = await query<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await query<{ n: number; digest: string | null }>(
      database.db,
      sql`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(table_name)} t`,
    );
    result[table_name] = `${row!.n}:${row!.digest}`;
  }
  return result;
}

describe('backup and restore', () => {
  it('the embedded database: the demo program comes back identical', async () => {
    const original = mkdtempSync(path.join(os.tmpdir(), 'cc-backup-a-'));
    const copy = mkdtempSync(path.join(os.tmpdir(), 'cc-backup-b-'));
    const file = path.join(original, 'program.tar.gz');
    const env = { DATABASE_URL: '' };
    await cli(['seed-demo'], { ...env, DATA_DIR: original });
    const backedUp = await cli(['backup', file], { ...env, DATA_DIR: original });
    expect(backedUp.stdout).toContain('Backed up the pglite database');
    const restored = await cli(['restore', file], { ...env, DATA_DIR: copy });
    expect(restored.stdout).toContain('Restored the pglite database');
    const a = await openDatabase({ dataDir: original });
    const before = await snapshot(a);
    await a.close();
    const b = await openDatabase({ dataDir: copy });
    const after = await snapshot(b);
    await b.close();
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(before.tenants!.startsWith('0:')).toBe(false);
    expect(after).toEqual(before);
  });

  it.skipIf(!targetKinds().includes('postgres'))('PostgreSQL: pg_dump and pg_restore round-trip the demo program', async () => {
    const source = await createTestDatabase();
    const destination = await createTestDatabase();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cc-backup-pg-')), 'program.dump');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-backup-pg-data-'));
    await cli(['seed-demo'], { DATABASE_URL: source, DATA_DIR: dataDir });
    await cli(['backup', file], { DATABASE_URL: source, DATA_DIR: dataDir });
    await cli(['restore', file], { DATABASE_URL: destination, DATA_DIR: dataDir });
    const a = await openDatabase({ databaseUrl: source, dataDir });
    const b = await openDatabase({ databaseUrl: destination, dataDir });
    try {
      const before = await snapshot(a);
      expect(before.users!.startsWith('0:')).toBe(false);
      expect(await snapshot(b)).toEqual(before);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
