// PostgreSQL helpers for the bench: one client per use, the admin database next to the bench one.
import pg from 'pg';
import type { BilledPeriod } from './billing.js';
import type { TermCalendar } from './terms.js';

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {
    /* a dropped connection surfaces on the next query */
  });
  await client.connect();
  return client;
}

/** The same server's maintenance database, to create or drop the bench database. */
export function adminUrl(url: string): { admin: string; name: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`The bench database name must be a plain identifier, got "${name}"`);
  parsed.pathname = '/postgres';
  return { admin: parsed.toString(), name };
}

export async function databaseExists(url: string): Promise<boolean> {
  const { admin, name } = adminUrl(url);
  const client = await connect(admin);
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(url: string): Promise<void> {
  const { admin, name } = adminUrl(url);
  const client = await connect(admin);
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

export interface BenchMeta {
  scale: string;
  seed: number;
  t0: string;
  generatedAt: string;
  seconds: number;
  steps: { table: string; rows: number; seconds: number }[];
  /** The days the subscriptions' terms are arranged around (absent: generated before the term scenarios). */
  terms?: TermCalendar;
  /** The month the billing scenarios close (absent: generated before them). */
  billing?: BilledPeriod;
}

/** The scale and seed the database was generated with, or undefined (empty, unfinished, or not a bench database). */
export async function readMeta(url: string): Promise<BenchMeta | undefined> {
  if (!(await databaseExists(url))) return undefined;
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ meta: BenchMeta }>(`select meta from bench_meta order by generated_at desc limit 1`);
    return rows[0]?.meta;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}
