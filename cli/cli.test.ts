// The CLI against the real app over HTTP, on each database: signing in with a personal access token
// or an app's client credentials (stored in the config file, readable by its owner only; the app's
// token renewed when it expires), the environment instead of the file, lists as tables and JSON,
// exports as CSV and JSON Lines, an order placed from a file (once per idempotency key), invoices of a
// closed month, the change feed tailed from a cursor (and followed), webhook endpoints and their test
// event, the exit codes scripts rely on, and the `channel-center` launcher run as a child process.
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from '../test/helpers/commerce.js';
import type { SignedUp } from '../test/helpers/client.js';
import { target, targetKinds, type Target } from '../test/helpers/server.js';
import { verifyWebhook } from '../sdk/src/index.js';
import { appCredentials, createdCustomers, eventually, personalAccessToken, webhookReceiver } from '../sdk/test-fixtures.js';
import type { StoredConfig } from './config.js';
import { run } from './program.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with its own environment (a config file of its own, nothing inherited). */
function cli(env: Record<string, string>, ...argv: string[]): Promise<Ran> {
  return cliWith({ env }, ...argv);
}

async function cliWith(io: { env: Record<string, string>; stdin?: NodeJS.ReadableStream }, ...argv: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    ...io,
  });
  return { code, stdout, stderr };
}

/** Runs `channel-center` as npx does: the package's bin (cli/bin.mjs) in a process of its own. */
function launcher(env: Record<string, string>, ...argv: string[]): Promise<Ran> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHANNEL_CENTER_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'cli', 'bin.mjs'), ...argv], { cwd: root, env: { ...inherited, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshConfig(): { env: Record<string, string>; file: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'channel-center-cli-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'nested', 'config.json');
  return { env: { CHANNEL_CENTER_CONFIG: file, HOME: dir }, file, dir };
}

const stored = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as StoredConfig;
const tableRows = (text: string) => text.trimEnd().split('\n').slice(1);

describe.each(targetKinds())('the CLI on %s', (kind) => {
  let t: Target;
  let parties: Parties;
  let customer: SignedUp;
  let product: Awaited<ReturnType<typeof ensureProduct>>;
  let token: string;
  let label: string;
  let customerIds: string[];

  beforeAll(async () => {
    t = await target(kind);
    product = await ensureProduct(t);
    parties = await connectedPartners(t);
    customer = await sharedCustomer(t, parties);
    token = await personalAccessToken(parties.providerAgent.client, 'CLI test');
    label = `Cli ${randomBytes(3).toString('hex')}`;
    customerIds = await createdCustomers(parties, 3, label);
  });

  it('signs in with a personal access token, keeps it readable by its owner only, and lists customers as a table and as JSON', async () => {
    const { env, file } = freshConfig();
    const login = await cli(env, 'login', '--url', `${t.url}/`, '--token', token);
    expect(login, login.stderr).toMatchObject({ code: 0, stdout: `Signed in to ${t.url} as User adminAgent <${parties.providerAgent.email}> of ${(await parties.provider.client.get('/v1/me')).body.tenant.name}\n` });
    expect(stored(file)).toEqual({ url: t.url, auth: { type: 'token', token } });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const listed = await cli(env, 'customers', 'list', '--q', label);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+COUNTRY\s+DOMAIN\s+CREATED$/);
    expect(tableRows(listed.stdout).map((row) => row.split(/\s{2,}/)[1])).toEqual([`${label} 0`, `${label} 1`, `${label} 2`]);

    const json = await cli(env, 'customers', 'list', '--q', label, '--output', 'json');
    expect(json.code).toBe(0);
    const items = JSON.parse(json.stdout) as { id: string; relationships: unknown[] }[];
    expect(items.map((c) => c.id).sort()).toEqual([...customerIds].sort());
    expect(items[0]!.relationships.length).toBeGreaterThan(0);

    const limited = await cli(env, 'customers', 'list', '--q', label, '--limit', '2');
    expect(tableRows(limited.stdout)).toHaveLength(2);
    expect(limited.stderr).toBe('Showing 2 of 3 (--limit 0 lists all of them; export writes them all)\n');
    expect(listed.stderr).toBe('');
    expect(JSON.parse((await cli(env, '-o', 'json', 'customers', 'list', '--q', label, '--limit', '0')).stdout)).toHaveLength(3);
  });

  it('exports customers as CSV to stdout and as JSON Lines to a file, written whole', async () => {
    const env = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: token, CHANNEL_CENTER_CONFIG: freshConfig().file };
    const csv = await cli(env, 'customers', 'export', '--q', label);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.companyName)).toEqual([`${label} 0`, `${label} 1`, `${label} 2`]);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'companyName', 'country', 'primaryDomain', 'relationships', 'createdAt']);
    expect(rows[0]!.relationships).toContain(parties.reseller.tenantId);

    const { dir } = freshConfig();
    const file = path.join(dir, 'customers.jsonl');
    const jsonl = await cli(env, 'customers', 'export', '--q', label, '--format', 'jsonl', '--file', file);
    expect(jsonl).toMatchObject({ code: 0, stdout: '', stderr: `Wrote 3 rows to ${file}\n` });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id).sort()).toEqual([...customerIds].sort());
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('places an order from a file (once per idempotency key), then lists and exports the subscriptions', async () => {
    const env = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: token, CHANNEL_CENTER_CONFIG: freshConfig().file };
    const { dir } = freshConfig();
    const order = path.join(dir, 'order.json');
    writeFileSync(order, JSON.stringify({ lineItems: [line(product.e3, parties.reseller.partnerId, { quantity: 3 })] }));
    const key = randomUUID();
    const placed = await cli(env, 'orders', 'place', '--customer', customer.tenantId, '--file', order, '--idempotency-key', key, '--output', 'json');
    expect(placed.code, placed.stderr).toBe(0);
    const checkout = JSON.parse(placed.stdout) as { orders: { id: string; lineItems: { subscriptionId: string; quantity: number }[] }[]; orderErrors: unknown[] };
    expect(checkout.orderErrors).toEqual([]);
    const subscriptionId = checkout.orders[0]!.lineItems[0]!.subscriptionId;
    const again = await cli(env, 'orders', 'place', '--customer', customer.tenantId, '--file', order, '--idempotency-key', key, '--output', 'json');
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as typeof checkout).orders[0]!.id).toBe(checkout.orders[0]!.id);

    const table = await cli(env, 'orders', 'place', '--customer', customer.tenantId, '--file', order);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ORDER\s+LINE\s+OFFER\s+SKU\s+QTY\s+TERM\s+STATUS\s+SUBSCRIPTION$/);
    expect(tableRows(table.stdout)[0]).toContain('P1Y/annual');

    const listed = await cli(env, 'subscriptions', 'list', '--customer', customer.tenantId);
    expect(listed.code, listed.stderr).toBe(0);
    expect(tableRows(listed.stdout)).toHaveLength(2);
    expect(listed.stdout).toContain(subscriptionId);

    const exported = await cli(env, 'subscriptions', 'export', '--customer', customer.tenantId);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parse(exported.stdout, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === subscriptionId)!;
    expect(row).toMatchObject({ skuId: 'E3', quantity: '3', termDuration: 'P1Y', billingCycle: 'annual', priceAudience: 'provider', customerPrice: '', resellerTenantId: parties.reseller.tenantId });
    expect(row.providerCost).toMatch(/^\d+\.\d{2}$/);
  });

  it('exits 2 on usage errors, 4 on not found and 1 on other refusals, the problem code first on stderr', async () => {
    const env = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: token, CHANNEL_CENTER_CONFIG: freshConfig().file };
    const { dir } = freshConfig();
    expect((await cli(env, 'customers', 'list', '--colour')).code).toBe(2);
    expect((await cli(env, 'customers', 'list', '--limit', 'many')).code).toBe(2);
    expect((await cli(env, 'customers', 'list', '--output', 'yaml')).code).toBe(2);
    expect((await cli(env, 'subscriptions', 'list')).stderr).toContain("required option '--customer <id>' not specified");
    expect((await cli(env, 'subscriptions', 'list')).code).toBe(2);
    expect((await cli(env, 'invoices')).code).toBe(2);
    expect((await cli(env, 'nonsense')).code).toBe(2);
    const missingFile = await cli(env, 'orders', 'place', '--customer', customer.tenantId, '--file', path.join(dir, 'none.json'));
    expect([missingFile.code, missingFile.stderr]).toEqual([2, expect.stringContaining('--file: cannot read')]);
    writeFileSync(path.join(dir, 'empty.json'), '{}');
    expect((await cli(env, 'orders', 'place', '--customer', customer.tenantId, '--file', path.join(dir, 'empty.json'))).code).toBe(2);
    expect((await cli(env, '--help')).code).toBe(0);
    expect((await cli(env, 'customers', 'list', '--help')).stdout).toContain('--limit <n>');
    expect((await cli(env, '--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);

    const notFound = await cli(env, 'subscriptions', 'list', '--customer', randomUUID());
    expect(notFound.code).toBe(4);
    expect(notFound.stderr).toMatch(/^error: [a-z_]+: /);
    expect(notFound.stderr).toContain('request ID: ');

    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ lineItems: [line(product.e3, parties.reseller.partnerId, { quantity: 0 })] }));
    const refused = await cli(env, 'orders', 'place', '--customer', customer.tenantId, '--file', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: invalid_quantity: /);
    expect(refused.stderr).toContain('  /lineItems/0: invalid_quantity');
    expect(refused.stdout).toBe('');
  });

  it('exits 3 when not signed in or when the token is refused, and keeps the stored sign-in then', async () => {
    const { env, file } = freshConfig();
    const none = await cli(env, 'customers', 'list');
    expect([none.code, none.stderr]).toEqual([3, expect.stringContaining('Not signed in')]);
    expect((await cli({ ...env, CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: 'cc_pat_wrong' }, 'customers', 'list')).code).toBe(3);
    expect((await cli(env, 'login', '--url', t.url, '--token', token)).code).toBe(0);
    const refused = await cli(env, 'login', '--url', t.url, '--token', 'cc_pat_wrong');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^error: [a-z_]+/);
    expect(stored(file).auth).toEqual({ type: 'token', token });
    expect((await cli(env, 'login', '--url', 'ftp://example.com', '--token', token)).code).toBe(2);
    expect((await cli(env, 'login', '--token', token, '--client-id', 'x')).code).toBe(2);
    // Signing out forgets the token, not the server.
    expect((await cli(env, 'logout')).code).toBe(0);
    expect(stored(file)).toEqual({ url: t.url });
    expect((await cli(env, 'customers', 'list')).code).toBe(3);
  });

  it("signs in as an app with its client credentials, renewing and storing the app's token when it has expired", async () => {
    const app = await appCredentials(parties.reseller.client, parties.reseller.tenantId, ['customers.read']);
    const { env, file } = freshConfig();
    const login = await cliWith({ env, stdin: Readable.from([`${app.clientSecret}\n`]) }, 'login', '--url', t.url, '--client-id', app.clientId, '--client-secret', '-', '--output', 'json');
    expect(login.code, login.stderr).toBe(0);
    expect(JSON.parse(login.stdout)).toEqual({ url: t.url, type: 'app', clientId: app.clientId, scope: 'customers.read' });
    const first = stored(file).auth;
    expect(first).toMatchObject({ type: 'app', clientId: app.clientId, clientSecret: app.clientSecret, accessToken: expect.stringMatching(/^ey/), expiresAt: expect.any(String) });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const listed = await cli(env, 'customers', 'list', '--output', 'json');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((c) => c.id)).toContain(customer.tenantId);
    expect(stored(file).auth).toEqual(first);

    writeFileSync(file, JSON.stringify({ ...stored(file), auth: { ...first, expiresAt: new Date(Date.now() - 1000).toISOString() } }));
    expect((await cli(env, 'customers', 'list')).code).toBe(0);
    const renewed = stored(file).auth as { accessToken: string; expiresAt: string };
    expect(renewed.accessToken).not.toBe((first as { accessToken: string }).accessToken);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now() + 3000_000);

    // What the app may not do is refused (1, with the code); a wrong secret does not sign in (3).
    const forbidden = await cli(env, 'invoices', 'list');
    expect([forbidden.code, forbidden.stderr], forbidden.stderr).toEqual([1, expect.stringMatching(/^error: [a-z_]+: /)]);
    const wrong = await cli(freshConfig().env, 'login', '--url', t.url, '--client-id', app.clientId, '--client-secret', 'wrong-secret');
    expect([wrong.code, wrong.stderr]).toEqual([3, expect.stringMatching(/^error: /)]);
  });

  it('runs as `channel-center` through its launcher in a process of its own', async () => {
    const help = await launcher({}, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: channel-center');
    expect(help.stdout).toContain('Exit codes:');
    const env = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: token, CHANNEL_CENTER_CONFIG: freshConfig().file };
    const listed = await launcher(env, 'customers', 'list', '--q', label, '--output', 'json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(3);
    expect((await launcher(env, 'subscriptions', 'list', '--customer', randomUUID())).code).toBe(4);
    expect((await launcher({ ...env, CHANNEL_CENTER_TOKEN: 'cc_pat_wrong' }, 'customers', 'list')).code).toBe(3);
  });
});

describe.each(targetKinds())('the CLI and the month-end run on %s', (kind) => {
  it("lists and exports a closed month's invoices, issued and received", async () => {
    let clock = new Date('2027-05-10T10:00:00.000Z');
    const t = await target(kind, { instance: 'cli-invoices', isolated: true, now: () => clock });
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const { dir } = freshConfig();
    const order = path.join(dir, 'order.json');
    writeFileSync(order, JSON.stringify({ lineItems: [line(product.e3, parties.reseller.partnerId, { quantity: 4, termDuration: 'P1Y', billingCycle: 'monthly' })] }));
    const agent = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: await personalAccessToken(parties.providerAgent.client), CHANNEL_CENTER_CONFIG: path.join(dir, 'agent.json') };
    const placed = await cli(agent, 'orders', 'place', '--customer', customer.tenantId, '--file', order);
    expect(placed.code, placed.stderr).toBe(0);

    clock = new Date('2027-06-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();

    const provider = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: await personalAccessToken(parties.provider.client), CHANNEL_CENTER_CONFIG: path.join(dir, 'provider.json') };
    const issued = await cli(provider, 'invoices', 'list', '--direction', 'issued', '--output', 'json');
    expect(issued.code, issued.stderr).toBe(0);
    const invoices = JSON.parse(issued.stdout) as { id: string; number: number; kind: string; recipient: { tenantId: string }; total: string; currency: string; periodStart: string }[];
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ kind: 'invoice', recipient: { tenantId: parties.reseller.tenantId }, currency: 'EUR', periodStart: '2027-05-01T00:00:00.000Z' });

    const table = await cli(provider, 'invoices', 'list', '--direction', 'issued');
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NUMBER\s+KIND\s+ISSUER\s+RECIPIENT\s+PERIOD\s+TOTAL\s+BALANCE\s+STATUS\s+DUE$/);
    expect(tableRows(table.stdout)[0]).toContain(`${invoices[0]!.total} EUR`);
    expect(tableRows(table.stdout)[0]).toContain('2027-05');

    const csv = await cli(provider, 'invoices', 'export', '--direction', 'issued');
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ id: invoices[0]!.id, number: String(invoices[0]!.number), recipientTenantId: parties.reseller.tenantId, total: invoices[0]!.total, status: 'open' })]);

    // The operator's invoice to the provider, received; the reseller's statement to its customer, issued.
    const received = await cli(provider, 'invoices', 'export', '--format', 'jsonl');
    expect(received.code, received.stderr).toBe(0);
    expect(received.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { tier: string }).tier)).toEqual(['provider']);
    const reseller = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: await personalAccessToken(parties.reseller.client), CHANNEL_CENTER_CONFIG: path.join(dir, 'reseller.json') };
    const statements = JSON.parse((await cli(reseller, '-o', 'json', 'invoices', 'list', '--direction', 'issued')).stdout) as { kind: string; recipient: { tenantId: string } }[];
    expect(statements).toEqual([expect.objectContaining({ kind: 'statement', recipient: expect.objectContaining({ tenantId: customer.tenantId }) })]);
  });
});

describe.each(targetKinds())('the CLI with events and webhooks on %s', (kind) => {
  it('tails the change feed from a cursor, a cursor file and following; lists webhook endpoints and sends a test event', async () => {
    const t = await target(kind);
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const { dir } = freshConfig();
    const env = { CHANNEL_CENTER_URL: t.url, CHANNEL_CENTER_TOKEN: await personalAccessToken(parties.provider.client), CHANNEL_CENTER_CONFIG: path.join(dir, 'provider.json') };
    const cursorOf = (ran: Ran) => /cursor: (\S+)\n$/.exec(ran.stderr)?.[1];

    const start = await cli(env, 'events', 'tail', '--output', 'json');
    expect(start.code, start.stderr).toBe(0);
    const cursor = cursorOf(start)!;
    expect(cursor).toBeTruthy();
    const bought = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId)]);
    expect(bought.status, bought.text).toBe(201);
    const orderId = bought.body.orders![0]!.id;

    const subscriptionId = bought.body.orders![0]!.lineItems[0]!.subscriptionId;
    const tail = await eventually(() => cli(env, 'events', 'tail', '--after', cursor, '--output', 'json'), (ran) => ran.stdout.includes(orderId) && ran.stdout.includes(subscriptionId));
    expect(tail.code, tail.stderr).toBe(0);
    const tailed = tail.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { eventName: string; resourceId: string; tenantId: string });
    expect(tailed.map((e) => e.eventName)).toEqual(expect.arrayContaining(['order-created', 'subscription-created']));
    expect(tailed.every((e) => e.tenantId === parties.provider.tenantId)).toBe(true);
    const latest = cursorOf(tail)!;
    expect(latest).not.toBe(cursor);
    const table = await cli(env, 'events', 'tail', '--after', cursor, '--types', 'order-created');
    expect(table.stdout.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^\\S+Z  order-created\\s+order/${orderId}`))]);

    const cursorFile = path.join(dir, 'cursor');
    writeFileSync(cursorFile, `${cursor}\n`);
    const fromFile = await cli(env, 'events', 'tail', '--cursor-file', cursorFile, '--output', 'json');
    expect(fromFile.stdout).toBe(tail.stdout);
    expect(readFileSync(cursorFile, 'utf8')).toBe(`${latest}\n`);
    const caughtUp = await cli(env, 'events', 'tail', '--cursor-file', cursorFile);
    expect([caughtUp.code, caughtUp.stdout, cursorOf(caughtUp)]).toEqual([0, '', latest]);

    // Following: a new order's events appear while it runs; interrupted, it says where it stopped and exits 0.
    const stop = new AbortController();
    let followed = '';
    let followErr = '';
    const following = run(['events', 'tail', '--follow', '--interval', '1', '--after', latest, '-o', 'json'], {
      stdout: { write: (text: string) => ((followed += text), true) },
      stderr: { write: (text: string) => ((followErr += text), true) },
      env,
      signal: stop.signal,
    });
    const again = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId)]);
    expect(again.status, again.text).toBe(201);
    const until = Date.now() + 15_000;
    while (!followed.includes(again.body.orders![0]!.id) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    expect(await following).toBe(0);
    expect(followed).toContain(again.body.orders![0]!.id);
    expect(followErr).toMatch(/^cursor: \S+\n$/);

    // The same through the launcher: Ctrl-C (SIGINT) ends the following process with 0 and its cursor.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHANNEL_CENTER_')));
    const child = spawn(process.execPath, [path.join(root, 'cli', 'bin.mjs'), 'events', 'tail', '--follow', '--interval', '1', '--after', latest], { cwd: root, env: { ...inherited, ...env } });
    let childOut = '';
    let childErr = '';
    child.stdout.on('data', (chunk: Buffer) => (childOut += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (childErr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const printed = Date.now() + 20_000;
    while (!childOut.includes(again.body.orders![0]!.id) && Date.now() < printed) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    expect(await exited, childErr).toBe(0);
    expect(childOut).toContain(`order/${again.body.orders![0]!.id}`);
    expect(childErr).toMatch(/cursor: \S+\n$/);

    // Webhook endpoints: listed, a test event sent and delivered signed; another tenant's endpoint is not found.
    const receiver = await webhookReceiver();
    try {
      const created = await parties.provider.client.post('/v1/webhook-endpoints', { url: receiver.url, eventTypes: ['webhook-test'], description: 'CLI test' });
      expect(created.status, created.text).toBe(201);
      const endpoint = created.body;
      const listed = await cli(env, 'webhooks', 'list');
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout.split('\n')[0]).toMatch(/^ID\s+URL\s+STATUS\s+EVENTS\s+DESCRIPTION$/);
      expect(tableRows(listed.stdout)).toEqual([expect.stringMatching(new RegExp(`^${endpoint.id}\\s+${receiver.url}\\s+active\\s+webhook-test\\s+CLI test$`))]);
      expect((JSON.parse((await cli(env, 'webhooks', 'list', '-o', 'json')).stdout) as { id: string }[]).map((e) => e.id)).toEqual([endpoint.id]);

      const sent = await cli(env, 'webhooks', 'test', endpoint.id);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stdout).toMatch(/^Delivery\s+\S+\nEndpoint\s+\S+\nEvent\s+webhook-test /);
      const sentJson = await cli(env, 'webhooks', 'test', endpoint.id, '--output', 'json');
      const delivery = JSON.parse(sentJson.stdout) as { webhookId: string; eventName: string };
      expect(delivery.eventName).toBe('webhook-test');
      const received = await receiver.next(t, 2);
      for (const r of received) expect(verifyWebhook(r.body, r.headers, endpoint.secret!).type).toBe('webhook-test');
      expect(received.map((r) => r.headers['webhook-id'])).toContain(delivery.webhookId);

      const stranger = await cli(env, 'webhooks', 'test', randomUUID());
      expect([stranger.code, stranger.stderr]).toEqual([4, expect.stringMatching(/^error: [a-z_]+: /)]);
      const agentEnv = { ...env, CHANNEL_CENTER_TOKEN: await personalAccessToken(parties.providerAgent.client) };
      const refused = await cli(agentEnv, 'webhooks', 'list');
      expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/^error: [a-z_]+: /)]);
    } finally {
      receiver.close();
    }
  });
});
