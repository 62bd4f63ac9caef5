// The commands (commander), each a few calls of the SDK. run() is the whole CLI: arguments in, output
// on the given streams, the exit code out, so tests run it in-process as well as through the launcher.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ApiError, createClient, eventPages, pages, paginate, unwrap, type ChannelCenterClient, type CollectionPath, type ItemOf, type ListInit } from '../sdk/src/index.js';
import { appSignIn, readConfig, serverUrl, signedInClient, writeConfig, type StoredAuth } from './config.js';
import { AuthError, CommandError, describeApiError, exitCodeOf, exitCodes, UsageError } from './errors.js';
import { exportFormats, exportItems, outputFormats, printList, printOne, write, type Column, type ExportFormat, type Io, type OutputFormat } from './output.js';
import { customerColumns, customerExportColumns, eventLine, invoiceColumns, invoiceExportColumns, orderLineColumns, orderLines, subscriptionColumns, subscriptionExportColumns, webhookDeliveryColumns, webhookEndpointColumns } from './resources.js';

const exitCodeHelp = `
Exit codes:
  0    success
  1    the API refused the request (its problem code is printed to stderr first)
  2    usage error (unknown command or option, a bad option value, an unreadable file)
  3    authentication failed (not signed in, or the token or client credentials were refused)
  4    not found
  130  interrupted (Ctrl-C); \`events tail --follow\` stops with 0 and prints its cursor

Environment:
  CHANNEL_CENTER_URL     the server address (instead of the stored one)
  CHANNEL_CENTER_TOKEN   a bearer token (instead of the stored sign-in)
  CHANNEL_CENTER_CONFIG  the config file (default ~/.config/channel-center/config.json)
`;

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number');
  return Number(value);
}

function pageSize(limit: number): number {
  return limit === 0 ? 500 : Math.min(limit, 500);
}

/** The first `limit` items of a collection (0: all), and a note on stderr when there were more. */
async function firstItems<P extends CollectionPath>(io: Io, client: ChannelCenterClient, path: P, init: ListInit<P>, limit: number): Promise<ItemOf<P>[]> {
  const items: ItemOf<P>[] = [];
  let total = 0;
  let capped = false;
  for await (const page of pages(client, path, init)) {
    const { items: pageItems, totalCount, totalCountCapped } = page as { items: ItemOf<P>[]; totalCount: number; totalCountCapped?: boolean };
    total = totalCount;
    capped = totalCountCapped === true;
    items.push(...pageItems);
    if (limit !== 0 && items.length >= limit) break;
  }
  const shown = limit === 0 ? items : items.slice(0, limit);
  if (shown.length < total) await write(io.stderr, `Showing ${shown.length} of ${capped ? 'more than ' : ''}${total} (--limit 0 lists all of them; export writes them all)\n`);
  return shown;
}

async function readStdin(io: Io): Promise<string> {
  if (!io.stdin) throw new UsageError('nothing to read on stdin');
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text.trim();
}

function output(command: Command): OutputFormat {
  return (command.optsWithGlobals() as { output: OutputFormat }).output;
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url: ${value} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--url: use an http or https address');
  return value.replace(/\/+$/, '');
}

/** `<resource> list` and `<resource> export` over one collection. */
function listAndExport<P extends CollectionPath>(
  io: Io,
  parent: Command,
  what: string,
  spec: {
    path: P;
    options(command: Command): void;
    init(options: Record<string, string | undefined>, size: number): ListInit<P>;
    columns: readonly Column<ItemOf<P>>[];
    exportColumns: readonly Column<ItemOf<P>>[];
  },
) {
  const list = parent
    .command('list')
    .description(`List ${what} (--output json: the whole items)`)
    .option('--limit <n>', 'at most this many (0: all of them)', positiveInteger, 100);
  spec.options(list);
  list.action(async (options: Record<string, string | undefined> & { limit: number }, command: Command) => {
    const client = await signedInClient(io.env, io.signal);
    const items = await firstItems(io, client, spec.path, spec.init(options, pageSize(options.limit)), options.limit);
    await printList(io, output(command), items, spec.columns);
  });

  const exported = parent
    .command('export')
    .description(`Write ${what}, all of them, as CSV or JSON Lines to stdout or a file`)
    .addOption(new Option('--format <format>', 'csv or jsonl').choices(exportFormats).default('csv'))
    .option('--file <path>', 'write to this file instead of stdout');
  spec.options(exported);
  exported.action(async (options: Record<string, string | undefined> & { format: ExportFormat }) => {
    const client = await signedInClient(io.env, io.signal);
    await exportItems(io, paginate(client, spec.path, spec.init(options, 500)), { format: options.format, file: options.file, columns: spec.exportColumns });
  });
}

function buildProgram(io: Io, version: string): Command {
  const program = new Command('channel-center');
  program
    .description('Channel Center from the command line: customers, subscriptions, invoices, orders, the change feed and webhooks, through the API.')
    .version(version)
    .addOption(new Option('-o, --output <format>', 'how results are printed: table or json').choices(outputFormats).default('table'))
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout.write(text), writeErr: (text) => void io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', exitCodeHelp);

  program
    .command('login')
    .description("Sign in with a personal access token or an app's client credentials, and remember it in the config file")
    .option('--url <url>', 'the server address, e.g. https://partners.example.com (default: CHANNEL_CENTER_URL or the stored one)')
    .option('--token <token>', 'a personal access token (POST /v1/me/tokens, or the portal); "-" reads it from stdin')
    .option('--client-id <id>', "an app's client ID (exchanged with its secret at POST /v1/oauth/token)")
    .option('--client-secret <secret>', 'the app\'s client secret; "-" reads it from stdin')
    .option('--scope <permissions>', "space-separated permissions, fewer than the app's")
    .action(async (options: { url?: string; token?: string; clientId?: string; clientSecret?: string; scope?: string }, command: Command) => {
      const config = await readConfig(io.env);
      const url = options.url ? httpUrl(options.url) : serverUrl(io.env, config);
      const byToken = options.token !== undefined;
      const byApp = options.clientId !== undefined || options.clientSecret !== undefined;
      if (byToken === byApp) throw new UsageError('sign in with either --token, or --client-id and --client-secret');
      let auth: StoredAuth;
      let who: Record<string, unknown>;
      if (byToken) {
        const token = options.token === '-' ? await readStdin(io) : options.token!;
        if (!token) throw new UsageError('--token is empty');
        const me = await createClient({ baseUrl: url, token }).GET('/v1/me');
        if (me.response.ok && me.data) {
          who = { user: me.data.user.email, displayName: me.data.user.displayName, tenant: me.data.tenant.name, tenantId: me.data.tenant.id };
        } else if (me.response.status === 403 && (me.error as { code?: string } | undefined)?.code === 'app_not_allowed') {
          who = { app: true };
        } else {
          throw new ApiError(me.response.status, me.error, me.response);
        }
        auth = { type: 'token', token };
      } else {
        if (!options.clientId || !options.clientSecret) throw new UsageError('--client-id and --client-secret go together');
        const secret = options.clientSecret === '-' ? await readStdin(io) : options.clientSecret;
        const signedIn = await appSignIn(url, options.clientId, secret, options.scope);
        auth = signedIn.auth;
        who = { clientId: options.clientId, scope: signedIn.scope };
      }
      await writeConfig(io.env, { ...config, url, auth });
      if (output(command) === 'json') return write(io.stdout, `${JSON.stringify({ url, type: auth.type, ...who })}\n`);
      const as = who.user ? `${String(who.displayName)} <${String(who.user)}> of ${String(who.tenant)}` : who.clientId ? `app ${String(who.clientId)} (permissions: ${String(who.scope)})` : 'an app';
      await write(io.stdout, `Signed in to ${url} as ${as}\n`);
    });

  program
    .command('logout')
    .description('Forget the stored sign-in (the server address stays)')
    .action(async () => {
      const config = await readConfig(io.env);
      await writeConfig(io.env, { url: config.url });
      await write(io.stdout, 'Signed out\n');
    });

  listAndExport(io, program.command('customers').description("Your tenant's customers (a reseller's; a provider's, by reseller)"), 'the customers', {
    path: '/v1/customers',
    options: (c) => c.option('--q <text>', 'only customers whose name contains this').option('--reseller <tenantId>', "a provider: only this reseller's customers"),
    init: (o, size) => ({ params: { query: { q: o.q, resellerTenantId: o.reseller, size } } }),
    columns: customerColumns,
    exportColumns: customerExportColumns,
  });

  listAndExport(io, program.command('subscriptions').description("A customer's subscriptions"), "a customer's subscriptions", {
    path: '/v1/customers/{id}/subscriptions',
    options: (c) => c.requiredOption('--customer <id>', "the customer's tenant ID"),
    init: (o, size) => ({ params: { path: { id: o.customer! }, query: { size } } }),
    columns: subscriptionColumns,
    exportColumns: subscriptionExportColumns,
  });

  listAndExport(io, program.command('invoices').description('Invoices, statements and credit notes your tenant received or issued'), 'the invoices', {
    path: '/v1/invoices',
    options: (c) => c.addOption(new Option('--direction <direction>', 'received or issued (default: received)').choices(['received', 'issued'])),
    init: (o, size) => ({ params: { query: { direction: o.direction as 'received' | 'issued' | undefined, size } } }),
    columns: invoiceColumns,
    exportColumns: invoiceExportColumns,
  });

  program
    .command('orders')
    .description('Orders for customers')
    .command('place')
    .description('Place an order: a cart from the file\'s line items, then its checkout. The file holds {"lineItems": [{"catalogItemId", "quantity", "termDuration", "billingCycle", "resellerPartnerId"}]}')
    .requiredOption('--customer <id>', "the customer's tenant ID")
    .requiredOption('--file <path>', 'the order as JSON')
    .option('--idempotency-key <key>', 'repeat a placement safely: the same key never orders twice (default: a new one)')
    .action(async (options: { customer: string; file: string; idempotencyKey?: string }, command: Command) => {
      let cart: unknown;
      try {
        cart = JSON.parse(await readFile(options.file, 'utf8'));
      } catch (error) {
        throw new UsageError(`--file: cannot read ${options.file} as JSON (${(error as Error).message})`);
      }
      if (cart === null || typeof cart !== 'object' || !Array.isArray((cart as { lineItems?: unknown }).lineItems)) {
        throw new UsageError('--file: the order needs "lineItems", an array of line items');
      }
      const client = await signedInClient(io.env, io.signal);
      const key = options.idempotencyKey ?? randomUUID();
      const path = { id: options.customer };
      const created = await unwrap(
        client.POST('/v1/customers/{id}/carts', {
          params: { path },
          // The file is the request body as it is: the API validates it and names any wrong field.
          body: cart as { lineItems: [] },
          headers: { 'idempotency-key': `${key}.cart` },
        }),
      );
      const placed = await unwrap(
        client.POST('/v1/customers/{id}/carts/{cartId}/checkout', { params: { path: { ...path, cartId: created.id } }, headers: { 'idempotency-key': `${key}.checkout` } }),
      );
      if (output(command) === 'json') await write(io.stdout, `${JSON.stringify(placed, null, 2)}\n`);
      else if (placed.orders.length > 0) await printList(io, 'table', orderLines(placed), orderLineColumns);
      if (placed.orderErrors.length > 0) {
        for (const failed of placed.orderErrors) await write(io.stderr, `error: ${failed.code} (line item ${failed.lineItemNumber})\n`);
        throw new CommandError(`${placed.orderErrors.length} of the cart's line items were not ordered`);
      }
    });

  program
    .command('events')
    .description('The change feed: what changed, in order, from a cursor on')
    .command('tail')
    .description('Print events from the feed (--output json: one JSON object a line); the cursor to resume from goes to stderr')
    .option('--after <cursor>', 'start after this cursor (default: the feed\'s beginning, or --cursor-file\'s)')
    .option('--follow', 'keep reading new events until interrupted (Ctrl-C)')
    .option('--types <names>', 'only these event names, comma-separated')
    .option('--interval <seconds>', 'with --follow: the pause once caught up', positiveInteger, 5)
    .option('--cursor-file <path>', 'read the starting cursor from this file, and write the cursor there after each page')
    .action(async (options: { after?: string; follow?: boolean; types?: string; interval: number; cursorFile?: string }, command: Command) => {
      let after = options.after;
      if (after === undefined && options.cursorFile) {
        after = (await readFile(options.cursorFile, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)))).trim() || undefined;
      }
      const client = await signedInClient(io.env, io.signal);
      const json = output(command) === 'json';
      let cursor = after;
      const types = options.types?.split(',').map((t) => t.trim()).filter(Boolean);
      for await (const page of eventPages(client, { after, types, follow: options.follow, pollIntervalMs: options.interval * 1000, signal: io.signal })) {
        for (const event of page.items) await write(io.stdout, json ? `${JSON.stringify(event)}\n` : eventLine(event));
        cursor = page.cursor;
        if (options.cursorFile) await writeFile(options.cursorFile, `${cursor}\n`);
      }
      if (cursor !== undefined) await write(io.stderr, `cursor: ${cursor}\n`);
    });

  const webhooks = program.command('webhooks').description("Your tenant's webhook endpoints");
  webhooks
    .command('list')
    .description('List the webhook endpoints')
    .action(async (_options: unknown, command: Command) => {
      const client = await signedInClient(io.env, io.signal);
      const items = await firstItems(io, client, '/v1/webhook-endpoints', undefined, 0);
      await printList(io, output(command), items, webhookEndpointColumns);
    });
  webhooks
    .command('test')
    .description("Send a test event (webhook-test) to an endpoint; see it in the endpoint's deliveries")
    .argument('<endpointId>', 'the endpoint')
    .action(async (endpointId: string, _options: unknown, command: Command) => {
      const client = await signedInClient(io.env, io.signal);
      const delivery = await unwrap(client.POST('/v1/webhook-endpoints/{id}/test', { params: { path: { id: endpointId } } }));
      await printOne(io, output(command), delivery, webhookDeliveryColumns);
    });

  return program;
}

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function networkProblem(error: unknown): string | undefined {
  if (!(error instanceof TypeError) || error.message !== 'fetch failed') return undefined;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return `cannot reach the server (${cause?.code ?? cause?.message ?? 'network error'})`;
}

/** Runs the CLI with these arguments (without `node` and the script); the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io, await packageVersion());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof ApiError) {
      await write(io.stderr, describeApiError(error));
      return exitCodeOf(error);
    }
    if (error instanceof UsageError || error instanceof AuthError || error instanceof CommandError) {
      await write(io.stderr, `error: ${error.message}\n`);
      return error.exitCode;
    }
    if (io.signal?.aborted) {
      await write(io.stderr, 'interrupted\n');
      return exitCodes.interrupted;
    }
    const network = networkProblem(error);
    await write(io.stderr, `error: ${network ?? (error instanceof Error ? error.message : String(error))}\n`);
    return exitCodes.apiError;
  }
}
