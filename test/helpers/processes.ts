// Server processes for crash tests: started from the sources with an environment of their own, killed,
// and the database they used opened again to look at what they left.
import { spawn, type ChildProcess } from 'node:child_process';
import { openDatabase } from '../../src/db/index.js';
import { projectRoot } from '../../src/paths.js';
import { Client } from './client.js';
import type { Target } from './server.js';

export const sessionSecret = 'crash-session-secret-crash-session-secret-0123456789';

export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'warn', JOB_LOCK_SECONDS: '2', TENANT_RATE_LIMIT: '0', SESSION_SECRET: sessionSecret, ...env },
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

export async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export async function until(check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** The same signed-in user, talking to another server process. */
export function rebind(client: Client, url: string): Client {
  const moved = new Client(url);
  moved.cookie = client.cookie;
  moved.csrfToken = client.csrfToken;
  return moved;
}

/** Opens the database the killed server used (taking over its lock), runs `check`, closes it. */
export async function inspect<T>(env: { DATABASE_URL: string; DATA_DIR: string }, check: (db: Target['app']['platform']['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR });
  try {
    return await check(database.db);
  } finally {
    await database.close();
  }
}

