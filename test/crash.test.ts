// Crash safety: the server is killed with SIGKILL while mail is being delivered; after a restart every
// queued message is delivered at least once, recognisable by its Message-ID, and no job is lost.
// Run on PostgreSQL and on the embedded database (whose lock left by the killed process is taken over).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { openDatabase, query } from '../src/db/index.js';
import { projectRoot } from '../src/paths.js';
import { sql } from 'drizzle-orm';
import { Client, testPassword, uniqueEmail } from './helpers/client.js';
import { createTestDatabase } from './helpers/postgres.js';
import { targetKinds } from './helpers/server.js';

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'warn', JOB_LOCK_SECONDS: '2', TENANT_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready on (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

async function until(check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe.each(targetKinds())('crash safety on %s', (kind) => {
  it('SIGKILL during mail delivery: after restart every message arrives, by its Message-ID', async () => {
    const received = new Map<string, number>();
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => setTimeout(() => {
            received.set(mail.messageId ?? '', (received.get(mail.messageId ?? '') ?? 0) + 1);
            callback();
          }, 300))
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cc-crash-'));
    const databaseUrl = kind === 'postgres' ? await createTestDatabase() : '';
    const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, MAIL_URL: `smtp://127.0.0.1:${smtpPort}` };
    try {
      const first = await startServer(env);
      const client = new Client(first.url);
      const signUps = await Promise.all(
        Array.from({ length: 30 }, (_, i) => client.post('/v1/tenants', { organizationName: `Crash ${i}`, country: 'FR', admin: { displayName: `Admin ${i}`, email: uniqueEmail('crash'), password: testPassword } })),
      );
      expect(signUps.every((r) => r.status === 201)).toBe(true);
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const deliveredBeforeCrash = received.size;

      const second = await startServer(env);
      const allThere = await until(async () => received.size >= 30);
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
      expect(allThere, `delivered ${received.size} of 30 (before the crash: ${deliveredBeforeCrash})`).toBe(true);
      const duplicates = [...received.values()].filter((n) => n > 1).length;
      console.log(`crash safety (${kind}): ${deliveredBeforeCrash}/30 mails delivered before SIGKILL, ${received.size}/30 after restart, ${duplicates} delivered twice (same Message-ID)`);

      const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
      try {
        const outbox = await query<{ message_id: string; status: string }>(database.db, sql`select message_id, status from mail_outbox`);
        expect(outbox).toHaveLength(30);
        for (const mail of outbox) expect(received.get(mail.message_id), mail.message_id).toBeGreaterThanOrEqual(1);
        const [jobs] = await query<{ open: number }>(database.db, sql`select count(*)::int as open from jobs where queue = 'mail.deliver' and status <> 'done'`);
        expect(jobs!.open).toBe(0);
        const [tenants] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from tenants`);
        expect(tenants!.n).toBe(30);
      } finally {
        await database.close();
      }
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
