// The embedded database is one process's: a second process gets a clear error; a lock left by a
// process that is gone is taken over. New data folders start from the kept initdb template.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import { target } from '../../test/helpers/server.js';
import { sql } from 'drizzle-orm';
import { DatabaseLockedError, isMigrated, lockDataFolder, migrate, openPglite, query } from './index.js';

const run = promisify(execFile);

describe('embedded database lock', () => {
  it('a second process opening the same data folder stops with a clear message', async () => {
    const t = await target('pglite'); // this process holds the lock on t.dataDir/db
    const result = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'migrate'], {
      cwd: projectRoot,
      env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: '' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/in use by another process \(PID \d+\)/);
  });

  it('takes over a stale lock and refuses a live one', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cc-lock-'));
    const lockFile = path.join(folder, 'channel-center.lock');
    writeFileSync(lockFile, '999999999');
    const release = lockDataFolder(folder);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    writeFileSync(lockFile, String(process.ppid)); // a live process that is not us
    expect(() => lockDataFolder(folder)).toThrow(DatabaseLockedError);
    writeFileSync(lockFile, String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe('new embedded data folders', () => {
  it('start from the templates kept after the first one (initdb, then migrated), and work like it', async () => {
    const first = await openPglite(path.join(mkdtempSync(path.join(os.tmpdir(), 'cc-template-')), 'db'));
    await first.close();
    const cache = path.join(projectRoot, 'node_modules', '.cache', 'channel-center');
    const template = readdirSync(cache).find((name) => /^pglite-.+-initdb$/.test(name));
    expect(template).toBeDefined();
    // The kept folder is a clean copy: a cluster, without the lock file of the process that made it.
    expect(existsSync(path.join(cache, template!, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(cache, template!, 'channel-center.lock'))).toBe(false);
    // And the migrated one, named by these migration files.
    const migrated = readdirSync(cache).filter((name) => /^pglite-.+-migrated-[0-9a-f]{16}$/.test(name));
    expect(migrated.length).toBeGreaterThan(0);
    for (const name of migrated) expect(existsSync(path.join(cache, name, 'channel-center.lock'))).toBe(false);
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'cc-template-')), 'db');
    const second = await openPglite(folder);
    try {
      expect(existsSync(path.join(folder, 'PG_VERSION'))).toBe(true);
      // The lock is this process's.
      expect(readFileSync(path.join(folder, 'channel-center.lock'), 'utf8')).toBe(String(process.pid));
      // Every migration is already applied in the copy, and migrating again changes nothing.
      expect(await isMigrated(second.db)).toBe(true);
      const applied = await query<{ n: number }>(second.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      await migrate(second);
      expect(await query<{ n: number }>(second.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).toEqual(applied);
      await second.db.execute(sql`insert into tenants (name, country, primary_domain) values ('Template Test', 'FR', 'templatetest.onchannelcenter.com')`);
      const rows = await query<{ name: string }>(second.db, sql`select name from tenants where primary_domain = 'templatetest.onchannelcenter.com'`);
      expect(rows).toEqual([{ name: 'Template Test' }]);
    } finally {
      await second.close();
    }
  });
});
