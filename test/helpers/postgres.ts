// PostgreSQL for tests: each run gets fresh databases (cc_test_<run>_<n>) on the server named by
// TEST_DATABASE_URL, dropped when the run ends.
import pg from 'pg';

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** Creates an empty database for this run and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cc_test_${process.env.CC_TEST_RUN ?? 'adhoc'}_${process.pid}_${counter++}`;
  await admin((c) => c.query(`create database ${name}`));
  return withDatabase(url, name);
}

export async function dropRunDatabases(runId: string): Promise<void> {
  if (!testDatabaseUrl()) return;
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`cc_test_${runId}_%`]);
    for (const row of rows) await c.query(`drop database if exists ${row.datname} with (force)`);
  });
}

/** Whether a PostgreSQL server answers at TEST_DATABASE_URL. */
export async function postgresReachable(): Promise<boolean> {
  if (!testDatabaseUrl()) return false;
  try {
    await admin((c) => c.query('select 1'));
    return true;
  } catch {
    return false;
  }
}
