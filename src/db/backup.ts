// Backups: PostgreSQL with pg_dump / pg_restore (custom format), the embedded database as PGlite's
// data-folder dump. Both are whole-database copies; restoring replaces what is there.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.js';
import { lockDataFolder, openDatabase } from './index.js';

const run = promisify(execFile);

export async function backup(config: Config, file: string): Promise<{ kind: string; bytes: number }> {
  if (config.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, config.databaseUrl]);
  } else {
    const database = await openDatabase(config);
    try {
      writeFileSync(file, await database.dumpDataDir!());
    } finally {
      await database.close();
    }
  }
  return { kind: config.databaseUrl ? 'postgres' : 'pglite', bytes: readFileSync(file).length };
}

export async function restore(config: Config, file: string): Promise<{ kind: string; movedAside?: string }> {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}`);
  if (config.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.databaseUrl}`, file]);
    return { kind: 'postgres' };
  }
  const folder = path.join(config.dataDir, 'db');
  let movedAside: string | undefined;
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    // Nobody may be using it while it is replaced; the current folder is kept beside the new one.
    lockDataFolder(folder)();
    movedAside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(folder, movedAside);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = new PGlite(folder, { extensions: { pg_trgm }, loadDataDir: new Blob([readFileSync(file)]) });
  await client.waitReady;
  await client.close();
  return { kind: 'pglite', movedAside };
}
