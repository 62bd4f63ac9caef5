// The scenarios: what each one asks the app, as whom, and its goal. Preparation reads the bench
// database (and writes carts for checkout) before any timed request.
import type { PortalScenario } from './portal.js';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { benchClosedPeriod, billingRunClock, cleanUpAfterExplain, restoreBillingState, saveBillingState, type BilledPeriod } from './billing.js';
import { workDir, type Options, type Scale } from './config.js';
import type { BenchMeta } from './db.js';
import { competencies, nameEnds, nameStarts } from './generate.js';
import type { JobKind, JobOutput } from './job.js';
import type { RequestSpec } from './load.js';
import { monthBoundaryClock, renewalDayClock, restoreTermState, saveTermState, type RestoreStats, type TermCalendar } from './terms.js';

/** The IDs the generator gives: md5("<seed>:<key>") as a UUID. */
export function idOf(seed: number, key: string): string {
  const hex = createHash('md5').update(`${seed}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function bearer(seed: number, tenantKey: string): Record<string, string> {
  return { authorization: `Bearer ccp_bench${seed}_${tenantKey}` };
}

export interface ScenarioEnv {
  client: pg.Client;
  seed: number;
  scale: Scale;
  meta: BenchMeta;
  options: Options;
  /** Requests the timed part may send (warm-up + measured), for scenarios that consume data (carts). */
  budget: number;
  /** Runs a job once in a process of its own, untimed (bench/job.ts). */
  runJob(job: JobKind, clock: Date, args: Record<string, unknown>): Promise<JobOutput>;
}

export interface Goal {
  rps?: number;
  p99?: number;
  /** Single timed requests: seconds (median of the runs). */
  seconds?: number;
  /** Startup: seconds to ready and MB of RSS under load. */
  readySeconds?: number;
  rssMb?: number;
  /** Jobs: the rows `seconds` is the goal for (a run is judged by rows per second against rows ÷ seconds). */
  rows?: number;
  /** Jobs: "memory flat": the job process's peak RSS in the second half of the run over the first half, at most. */
  rssGrowthMb?: number;
  /** Portal: the lowest Lighthouse performance and accessibility scores (0–100) every page must reach. */
  performance?: number;
  accessibility?: number;
  /** Scenario req/s ÷ floor req/s (jobs: rows per second ÷ the goal's). */
  ratio: number;
}

export interface PreparedLoad {
  next: () => RequestSpec;
  /** A request like the others, sent alone first to capture its SQL and response size. */
  capture: RequestSpec;
  note?: string;
}

export interface LoadScenario {
  kind: 'load';
  name: string;
  title: string;
  connections?: number;
  processes?: number;
  goal: Goal;
  prepare(env: ScenarioEnv): Promise<PreparedLoad>;
}

export interface SingleScenario {
  kind: 'single';
  name: string;
  title: string;
  repeat: number;
  goal: Goal;
  prepare(env: ScenarioEnv): Promise<{ spec: () => RequestSpec; note?: string }>;
}

export interface StartupScenario {
  kind: 'startup';
  name: string;
  title: string;
  goal: Goal;
}

/** What a job scenario's restore did (shown in the report). */
export interface JobRestore {
  seconds: number;
  vacuumSeconds: number;
  summary: string;
}

/** A job run once in a process of its own (bench/job.ts), on state it restores afterwards. */
export interface PreparedJob {
  job: JobKind;
  /** The app's clock (buildApp's `now`) and the job's argument. */
  clock: Date;
  args: Record<string, unknown>;
  /** The call, as the report shows it. */
  call: string;
  /** The rows the job has to process (its rows per second are these over its seconds). */
  rows: number;
  /** What the job should answer (each count). */
  expected: Record<string, number>;
  note: string;
  /** Puts back what the run changed (after it, also when it failed; `output` when it ran); none: the state is kept for later scenarios. */
  restore?(output?: JobOutput): Promise<JobRestore | undefined>;
  /** EXPLAIN its captured statements each alone (default) or in their order in one transaction (they build on each other). */
  explain?: 'each' | 'sequence';
  /** After EXPLAIN (its rolled-back writes left dead rows). */
  afterExplain?(): Promise<void>;
}

export interface JobScenario {
  kind: 'job';
  name: string;
  title: string;
  goal: Goal;
  prepare(env: ScenarioEnv): Promise<PreparedJob>;
}

/** Its own runner (webhooks.ts): an app process delivering while it serves, and a receiver of its own. */
export interface WebhooksScenario {
  kind: 'webhooks';
  name: string;
  title: string;
  goal: Goal;
}

export type Scenario = LoadScenario | SingleScenario | StartupScenario | JobScenario | WebhooksScenario | PortalScenario;

/** The term job's restore, as the report shows it. */
async function restoreTerms(client: pg.Client): Promise<JobRestore | undefined> {
  const s: RestoreStats | undefined = await restoreTermState(client, { vacuum: true });
  if (!s) return undefined;
  return {
    seconds: s.seconds,
    vacuumSeconds: s.vacuumSeconds,
    summary: `${count(s.chargeLines)} charge lines, ${count(s.auditRecords)} audit records, ${s.mails} mails deleted; ${count(s.subscriptions)} subscription rows put back`,
  };
}

function termCalendarOf(meta: BenchMeta): TermCalendar {
  if (!meta.terms) throw new Error('The bench database was generated before the term scenarios (no term calendar in bench_meta): regenerate it (npm run bench -- generate).');
  return meta.terms;
}

const day = (iso: string | Date) => new Date(iso).toISOString().slice(0, 10);
const count = (n: number) => n.toLocaleString('en');

const cycle = <T>(items: T[]) => {
  let i = 0;
  return () => items[i++ % items.length]!;
};

/** A deterministic shuffle (by seed) so that consecutive requests hit different rows. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The provider with the most customers and resellers. */
export const bigProvider = 'p1';

async function bigProviderCustomers(env: ScenarioEnv, limit: number) {
  const { rows } = await env.client.query<{ customer: string; partner_id: string }>(
    `select cr.customer_tenant_id as customer, pia.partner_id::text as partner_id
       from customer_relationships cr join partner_id_associations pia on pia.tenant_id = cr.reseller_tenant_id
      where cr.partner_tenant_id = $1 and cr.role = 'provider' and cr.state = 'active'
      order by md5(cr.customer_tenant_id::text || $2) limit $3`,
    [idOf(env.seed, `t:${bigProvider}`), String(env.seed), limit],
  );
  return rows;
}

/** The key (p…, r…) of a partner tenant, from its ID. */
function keyOfTenant(env: ScenarioEnv, tenantId: string): string {
  for (let gi = 1; gi <= env.scale.providers + env.scale.resellers; gi++) {
    const key = gi <= env.scale.providers ? `p${gi}` : `r${gi - env.scale.providers}`;
    if (idOf(env.seed, `t:${key}`) === tenantId) return key;
  }
  throw new Error(`no partner of the bench has the tenant ID ${tenantId}`);
}

/** Keys of up to `limit` active resellers of a provider (in key order). */
async function resellersOf(env: ScenarioEnv, providerKey: string, limit: number): Promise<string[]> {
  const { rows } = await env.client.query<{ id: string }>(`select reseller_tenant_id as id from partner_relationships where provider_tenant_id = $1 and state = 'active'`, [idOf(env.seed, `t:${providerKey}`)]);
  const ids = new Set(rows.map((r) => r.id));
  const keys: string[] = [];
  for (let i = 1; i <= env.scale.resellers && keys.length < limit; i++) if (ids.has(idOf(env.seed, `t:r${i}`))) keys.push(`r${i}`);
  return keys;
}

/** One-line carts of the big provider for varied customers (checkout needs an open cart per request). */
async function prepareCarts(env: ScenarioEnv, count: number) {
  const customers = await bigProviderCustomers(env, Math.min(count, 50_000));
  const offerId = idOf(env.seed, 'offer:1'); // live, selected audience holding every active CSP reseller
  const picks = Array.from({ length: count }, (_, i) => customers[i % customers.length]!);
  const { rows } = await env.client.query<{ id: string; customer_tenant_id: string }>(
    `insert into carts (customer_tenant_id, provider_tenant_id, line_items, status, expires_at)
       select c, $1, jsonb_build_array(jsonb_build_object('lineItemNumber', 1, 'catalogItemId', $2::text, 'quantity', 1, 'termDuration', 'P1M', 'billingCycle', 'monthly', 'resellerPartnerId', p)),
              'open', now() + interval '7 days'
         from unnest($3::uuid[], $4::text[]) as u(c, p)
       returning id, customer_tenant_id`,
    [idOf(env.seed, `t:${bigProvider}`), `${offerId}:standard`, picks.map((p) => p.customer), picks.map((p) => p.partner_id)],
  );
  return rows;
}

function checkoutScenario(name: string, title: string, processes: number, goal: Goal): LoadScenario {
  return {
    kind: 'load',
    name,
    title,
    processes,
    goal,
    async prepare(env) {
      const carts = await prepareCarts(env, env.budget + 1);
      const [first, ...rest] = carts;
      const headers = bearer(env.seed, bigProvider);
      const spec = (cart: { id: string; customer_tenant_id: string }): RequestSpec => ({ method: 'POST', path: `/v1/customers/${cart.customer_tenant_id}/carts/${cart.id}/checkout`, headers });
      let i = 0;
      return {
        capture: spec(first!),
        // Past the prepared carts a checkout is a replay (the same orders again); the report counts them.
        next: () => spec(rest[i++ % rest.length]!),
        note: `${rest.length.toLocaleString('en')} open one-line carts of the big provider prepared (${new Set(rest.map((c) => c.customer_tenant_id)).size.toLocaleString('en')} customers); marketplace offer 1 with its selected CSP audience`,
      };
    },
  };
}

/** The billed month opened again, as the report shows it. */
async function restoreBilling(env: ScenarioEnv): Promise<JobRestore | undefined> {
  const s = await restoreBillingState(env.client, { vacuum: true });
  if (!s) return undefined;
  return { seconds: s.seconds, vacuumSeconds: s.vacuumSeconds, summary: `${count(s.documents)} documents and ${count(s.lines)} lines removed (${s.how}), the invoice sequences put back` };
}

/** The export scenario's cleanup: the export, its job, its audit record (append-only: this session's triggers off) and its file. */
async function removeExport(env: ScenarioEnv, exportId: string | undefined): Promise<JobRestore | undefined> {
  if (!exportId) return undefined;
  const started = performance.now();
  await env.client.query(`set session_replication_role = replica`);
  try {
    await env.client.query(`delete from jobs where queue = 'billing.reconciliationExport' and payload->>'exportId' = $1`, [exportId]);
    await env.client.query(`delete from audit_records where resource_type = 'reconciliationExport' and resource_id = $1`, [exportId]);
    const { rows } = await env.client.query<{ format: string }>(`delete from reconciliation_exports where id = $1 returning format`, [exportId]);
    for (const r of rows) rmSync(path.join(workDir, 'data', 'exports', `${exportId}.${r.format}`), { force: true });
  } finally {
    await env.client.query(`reset session_replication_role`);
  }
  return { seconds: (performance.now() - started) / 1000, vacuumSeconds: 0, summary: 'the export, its job, audit record and file removed' };
}

function billedPeriodOf(meta: BenchMeta): BilledPeriod {
  if (!meta.billing) throw new Error('The bench database was generated before the billing scenarios (no billed month in bench_meta): regenerate it (npm run bench -- generate).');
  return meta.billing;
}

const monthOf = (period: BilledPeriod) => period.periodStart.slice(0, 7);

/**
 * BIL-1: the billed month closed by the app's month-end run, for the scenarios that read its documents:
 * kept from the billing-run scenario of this bench run, else run once here (untimed, the same job
 * process); opened again at the end of the bench run (run.ts).
 */
async function closedBilledPeriod(env: ScenarioEnv): Promise<BilledPeriod> {
  const period = billedPeriodOf(env.meta);
  const closed = await env.client.query(`select 1 from billing_runs where period_start = $1`, [period.periodStart]);
  if (closed.rows.length > 0 && (await benchClosedPeriod(env.client))) return period;
  const work = await saveBillingState(env.client, period);
  process.stderr.write(`  closing ${monthOf(period)} first (the month-end run, untimed: ${count(work.chargeLines)} charge lines) …\n`);
  const output = await env.runJob('billing-run', billingRunClock(period), { start: period.periodStart, end: period.periodEnd });
  if (output.error || output.result.closed !== 1) throw new Error(`the month-end run did not close ${monthOf(period)}: ${output.error ?? JSON.stringify(output.result)}`);
  return period;
}

/** Keys (r…) of up to `limit` resellers (not providers) with a document received from a provider in the period, in key order. */
async function invoicedResellers(env: ScenarioEnv, period: BilledPeriod, limit: number): Promise<{ key: string; tenantId: string }[]> {
  const { rows } = await env.client.query<{ id: string }>(`select distinct recipient_tenant_id as id from invoices where tier = 'reseller' and period_start = $1`, [period.periodStart]);
  const ids = new Set(rows.map((r) => r.id));
  const out: { key: string; tenantId: string }[] = [];
  for (let i = 1; i <= env.scale.resellers && out.length < limit; i++) {
    const tenantId = idOf(env.seed, `t:r${i}`);
    if (ids.has(tenantId)) out.push({ key: `r${i}`, tenantId });
  }
  return out;
}

export const scenarios: Scenario[] = [
  // PRC-3: each line is priced at four levels (list, provider cost, reseller price, customer price) and frozen.
  checkoutScenario('checkout', 'Checkout of a one-line cart, every ORD-3 check, four prices frozen (provider token, varied customers)', 1, { rps: 454, p99: 50, ratio: 0.6 }),
  {
    kind: 'load',
    name: 'partner-search-name',
    title: 'Partner search: name fragment + country + competency',
    connections: 50,
    goal: { rps: 2000, p99: 20, ratio: 0.6 },
    async prepare(env) {
      const { rows } = await env.client.query<{ country: string }>(
        `select country from legal_business_profiles group by country order by count(*) desc, country limit 12`,
      );
      const fragments = [...nameEnds, ...nameStarts.slice(0, 10).map((s) => s.toLowerCase())];
      const combos: RequestSpec[] = [];
      const headers = bearer(env.seed, 'b1');
      for (let i = 0; i < 400; i++) {
        const q = fragments[(i * 7) % fragments.length]!;
        const country = rows[(i * 5) % rows.length]!.country;
        const competency = competencies[(i * 3) % competencies.length]!;
        combos.push({ method: 'GET', path: `/v1/partners/search?q=${encodeURIComponent(q)}&country=${country}&competency=${encodeURIComponent(competency)}`, headers });
      }
      const list = shuffled(combos, env.seed);
      return { capture: list[0]!, next: cycle(list), note: `${list.length} combinations of ${fragments.length} fragments, the 12 countries with most partners, ${competencies.length} competencies; caller: a publisher` };
    },
  },
  {
    kind: 'load',
    name: 'partner-search-id',
    title: 'Partner search by tenant ID',
    connections: 50,
    goal: { rps: 2000, p99: 20, ratio: 0.6 },
    async prepare(env) {
      const { rows } = await env.client.query<{ tenant_id: string }>(`select tenant_id from enrollments where program = 'indirectReseller' order by md5(tenant_id::text) limit 2000`);
      const headers = bearer(env.seed, 'b1');
      const list = rows.map((r): RequestSpec => ({ method: 'GET', path: `/v1/partners/search?tenantId=${r.tenant_id}`, headers }));
      return { capture: list[0]!, next: cycle(list), note: `${list.length} reseller tenant IDs` };
    },
  },
  {
    kind: 'load',
    name: 'customers-page-1',
    title: 'Customers page 1 of the provider with the most customers',
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const spec: RequestSpec = { method: 'GET', path: '/v1/customers?size=50', headers: bearer(env.seed, bigProvider) };
      return { capture: spec, next: () => spec, note: `${env.scale.bigProviderCustomers.toLocaleString('en')} customers, 50 per page` };
    },
  },
  {
    kind: 'load',
    name: 'customers-page-200',
    title: 'Customers page 200 (cursor) of the provider with the most customers',
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const page = Math.min(200, Math.floor(env.scale.bigProviderCustomers / 50));
      // The cursor the API hands out for page N: (name, id) of the last row of page N − 1, same order as the list.
      const { rows } = await env.client.query<{ name: string; id: string }>(
        `select t.name, t.id from customer_relationships cr join tenants t on t.id = cr.customer_tenant_id
          where cr.partner_tenant_id = $1 and cr.state = 'active' order by t.name, t.id offset $2 limit 1`,
        [idOf(env.seed, `t:${bigProvider}`), (page - 1) * 50 - 1],
      );
      const cursor = Buffer.from(JSON.stringify([rows[0]!.name, rows[0]!.id])).toString('base64url');
      const spec: RequestSpec = { method: 'GET', path: `/v1/customers?size=50&cursor=${cursor}`, headers: bearer(env.seed, bigProvider) };
      return { capture: spec, next: () => spec, note: `page ${page} (rows ${((page - 1) * 50 + 1).toLocaleString('en')}–${(page * 50).toLocaleString('en')})` };
    },
  },
  {
    kind: 'load',
    name: 'reseller-relationships',
    title: "A reseller's relationships (varied resellers)",
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const { rows } = await env.client.query<{ id: string }>(`select distinct reseller_tenant_id as id from partner_relationships where state = 'active'`);
      const related = new Set(rows.map((r) => r.id));
      const keys: string[] = [];
      for (let i = 1; i <= env.scale.resellers && keys.length < 2000; i++) if (related.has(idOf(env.seed, `t:r${i}`))) keys.push(`r${i}`);
      const list = shuffled(
        keys.map((key): RequestSpec => ({ method: 'GET', path: '/v1/relationships', headers: bearer(env.seed, key) })),
        env.seed,
      );
      return { capture: list[0]!, next: cycle(list), note: `${list.length} resellers, each with its own token` };
    },
  },
  {
    kind: 'load',
    name: 'customer-subscriptions',
    title: "A customer's subscriptions (provider token, varied customers)",
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const customers = await bigProviderCustomers(env, 2000);
      const headers = bearer(env.seed, bigProvider);
      const list = customers.map((c): RequestSpec => ({ method: 'GET', path: `/v1/customers/${c.customer}/subscriptions`, headers }));
      return { capture: list[0]!, next: cycle(list), note: `${list.length} customers of the big provider` };
    },
  },
  {
    kind: 'load',
    name: 'audit-30-days',
    title: 'Audit records of one tenant over 30 days',
    goal: { p99: 50, ratio: 0.6 },
    async prepare(env) {
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const { rows } = await env.client.query<{ n: number }>(
        `select count(*)::int as n from audit_records where (tenant_id = $1 or actor_tenant_id = $1) and at between $2 and $3`,
        [idOf(env.seed, `t:${bigProvider}`), from.toISOString(), to.toISOString()],
      );
      const spec: RequestSpec = { method: 'GET', path: `/v1/audit-records?from=${from.toISOString()}&to=${to.toISOString()}`, headers: bearer(env.seed, bigProvider) };
      return { capture: spec, next: () => spec, note: `the big provider: ${rows[0]!.n.toLocaleString('en')} records in the 30 days, 50 per page` };
    },
  },
  {
    kind: 'single',
    name: 'audience-import',
    title: 'CSP audience CSV import',
    repeat: 3,
    goal: { seconds: 5, ratio: 0.6 },
    async prepare(env) {
      const count = Math.min(env.scale.audienceMax, env.scale.providers + env.scale.resellers);
      const ids: string[] = [];
      for (let gi = 1; gi <= count; gi++) ids.push(idOf(env.seed, `t:${gi <= env.scale.providers ? `p${gi}` : `r${gi - env.scale.providers}`}`));
      const csv = ['tenantId', ...ids].join('\n') + '\n';
      const offer = env.scale.offers;
      const publisher = `b${1 + ((offer - 1) % env.scale.publishers)}`;
      const spec: RequestSpec = {
        method: 'POST',
        path: `/v1/offers/${idOf(env.seed, `offer:${offer}`)}/csp-audience/import`,
        headers: { ...bearer(env.seed, publisher), 'content-type': 'text/csv' },
        body: csv,
      };
      return { spec: () => spec, note: `${count.toLocaleString('en')} partners (${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB CSV) into the draft audience of offer ${offer}` };
    },
  },
  {
    kind: 'single',
    name: 'audience-export',
    title: 'CSP audience CSV export',
    repeat: 3,
    goal: { seconds: 2, ratio: 0.6 },
    async prepare(env) {
      const spec: RequestSpec = { method: 'GET', path: `/v1/offers/${idOf(env.seed, 'offer:1')}/csp-audience/export`, headers: bearer(env.seed, 'b1') };
      return { spec: () => spec, note: `offer 1: live selected audience of ${Math.min(env.scale.audienceMax, env.scale.providers + env.scale.resellers).toLocaleString('en')} partners` };
    },
  },
  { kind: 'startup', name: 'startup', title: '`npm start` (built, embedded PGlite, fresh DATA_DIR) to ready; RSS under load', goal: { readySeconds: 5, rssMb: 300, ratio: 0.6 } },
  checkoutScenario('checkout-2-processes', 'Checkout against 2 app processes on the same PostgreSQL (scale-out)', 2, { rps: 1000, p99: 50, ratio: 0.6 }),
  {
    kind: 'load',
    name: 'catalog-reseller',
    title: "Catalog for a country with the caller's prices (PRC-4): resellers of the big provider",
    connections: 20,
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const keys = await resellersOf(env, bigProvider, 2000);
      // Most resellers of the big provider have other providers too: it is named as the one whose price is their cost.
      const provider = idOf(env.seed, `t:${bigProvider}`);
      const list = shuffled(
        keys.map((key): RequestSpec => ({ method: 'GET', path: `/v1/catalog/offers?country=DE&providerTenantId=${provider}`, headers: bearer(env.seed, key) })),
        env.seed,
      );
      const configs = await env.client.query<{ n: number }>(`select count(*)::int as n from repricing_configs where seller_tenant_id = $1 and tier = 'reseller'`, [provider]);
      return { capture: list[0]!, next: cycle(list), note: `${list.length} resellers of the big provider, each with its own token; DE (EUR); the big provider's ${configs.rows[0]!.n} repricing configs for its resellers` };
    },
  },
  {
    kind: 'single',
    name: 'price-sheet-provider',
    title: "A provider's price sheet for its whole region (PRC-4): its cost and each active reseller's price, CSV",
    repeat: 3,
    goal: { seconds: 2, ratio: 0.6 },
    async prepare(env) {
      // A typical provider of the largest region (not the big provider: its 2,000 resellers make a sheet of
      // tens of millions of rows): the one with the median number of active resellers there.
      const { rows } = await env.client.query<{ id: string; resellers: number; providers: number }>(
        `with p as (
           select pr.provider_tenant_id as id, count(*)::int as resellers
             from partner_relationships pr
             join legal_business_profiles l on l.tenant_id = pr.provider_tenant_id
             join market_countries mc on mc.country = l.country
            where pr.state = 'active' and mc.region_id = 'europe' and pr.provider_tenant_id <> $1
            group by 1)
         select id, resellers, (select count(*)::int from p) as providers from p order by resellers, id offset (select count(*) / 2 from p) limit 1`,
        [idOf(env.seed, `t:${bigProvider}`)],
      );
      const chosen = rows[0]!;
      const key = keyOfTenant(env, chosen.id);
      const spec: RequestSpec = { method: 'GET', path: '/v1/price-sheets?format=csv', headers: bearer(env.seed, key) };
      return { spec: () => spec, note: `provider ${key} (Europe, every currency of its markets): ${chosen.resellers} active resellers, the median of ${chosen.providers} European providers; time to the last byte` };
    },
  },
  {
    // TRM-1, TRM-6: the whole term job (runTermSweep) at the end of the renewal day: every term that ended
    // that day renews (priced in that month, scheduled changes applied, a renewal charge line, audit) or
    // expires, 1,000 per transaction. Nothing else is due then (the periods aligned to the 1st come later).
    kind: 'job',
    name: 'renewal-day',
    title: 'Renewal day: the term job at the end of a day on which 100,000 terms end (renewed or expired, 1,000 per transaction)',
    goal: { seconds: 30, rows: 100_000, rssGrowthMb: 64, ratio: 1 },
    async prepare(env) {
      const calendar = termCalendarOf(env.meta);
      const clock = renewalDayClock(calendar);
      const work = await saveTermState(env.client, env.meta.t0, clock);
      const batch = { cycles: 5000, renewals: 1000 };
      return {
        job: 'terms',
        clock,
        args: batch,
        call: `commerce.runTermSweep(clock, ${JSON.stringify(batch)})`,
        rows: work.ended,
        expected: { cycleFees: work.cycleFees, renewed: work.renewing, expired: work.expiring, reminded: work.reminders },
        note:
          `clock ${clock.toISOString()} (the end of ${day(calendar.renewalDay)}): ${count(work.ended)} terms ended that day — ${count(work.renewing)} to renew (active, auto-renew on; ` +
          `${count(work.scheduled)} of the ended with next-term changes), ${count(work.expiring)} to expire (suspended or auto-renew off); ${count(work.cycleFees)} periods and ${count(work.reminders)} reminders due besides` +
          (work.parked ? `; ${count(work.parked)} subscriptions made after generation (checkout runs) that would be due set aside for the run` : '') +
          '; the state is restored after the run (saved rows put back, the lines, audit records and mails it wrote deleted, VACUUM ANALYZE)',
        restore: () => restoreTerms(env.client),
      };
    },
  },
  {
    // TRM-6: step (1) of the term job alone at the month boundary: every period aligned to the 1st is
    // charged (chargeDueCycles, 5,000 per statement). The renewal day's terms ended before the boundary; on
    // the real calendar the sweep of that day renewed them, so here the renewals' batch is 0.
    kind: 'job',
    name: 'cycle-fee-sweep',
    title: 'Cycle-fee sweep at a month boundary: every monthly (and P3Y annual) period due on the 1st charged, 5,000 per statement',
    goal: { seconds: 60, rows: 3_000_000, ratio: 1 },
    async prepare(env) {
      const calendar = termCalendarOf(env.meta);
      const clock = monthBoundaryClock(calendar);
      const work = await saveTermState(env.client, env.meta.t0, clock);
      const batch = { cycles: 5000, renewals: 0 };
      return {
        job: 'terms',
        clock,
        args: batch,
        call: `commerce.runTermSweep(clock, ${JSON.stringify(batch)})`,
        rows: work.cycleFees,
        expected: { cycleFees: work.cycleFees, renewed: 0, expired: 0, reminded: work.reminders },
        note:
          `clock ${clock.toISOString()} (the month boundary): ${count(work.cycleFees)} periods due (every open subscription but the renewal day's ${count(work.ended)}, ` +
          `the cancelled and those bought after the last 1st a term could start on), the goal's 3,000,000 scaled to them by rows per second; runTermSweep(clock, { cycles: 5000, renewals: 0 })` +
          (work.parked ? `; ${count(work.parked)} subscriptions made after generation (checkout runs) that would be due set aside for the run` : '') +
          '; the state is restored after the run (period columns put back, its charge lines deleted, VACUUM ANALYZE)',
        restore: () => restoreTerms(env.client),
      };
    },
  },
  {
    // BIL-1, BIL-2, BIL-3: the month-end run of one closed month over the whole program, as the hourly billing.close job
    // runs it (closeBillingPeriod: one transaction, set-based per tier).
    kind: 'job',
    name: 'billing-run',
    title: 'Month-end billing run: the billed month of the whole program closed into documents at every tier (operator → provider → reseller → customer), one transaction',
    goal: { seconds: 60, rows: 3_000_000, rssMb: 500, ratio: 1 },
    async prepare(env) {
      const period = billedPeriodOf(env.meta);
      const work = await saveBillingState(env.client, period);
      const clock = billingRunClock(period);
      const subscriptions = env.scale.customers * env.scale.subscriptionsPerCustomer;
      return {
        job: 'billing-run',
        clock,
        args: { start: period.periodStart, end: period.periodEnd },
        call: `billing.closeBillingPeriod(${monthOf(period)})`,
        rows: subscriptions,
        expected: { closed: 1, documents: work.totalDocuments, lines: work.totalLines },
        note:
          `${monthOf(period)} closed at ${clock.toISOString()}: ${count(work.chargeLines)} charge lines rated in it (every open subscription bought before its end) → ` +
          `${count(work.totalDocuments)} documents (provider ${count(work.documents.provider)}, reseller ${count(work.documents.reseller)}, customer ${count(work.documents.customer)}) ` +
          `and ${count(work.totalLines)} lines; judged per subscription of the program (${count(subscriptions)}; the goal's 3,000,000 in 60 s)` +
          (env.options.explain
            ? '; the period is opened again after the run (its documents deleted, the invoice sequences put back) for EXPLAIN, which replays the run in one transaction, rolled back'
            : '; its documents are kept for the scenarios after it and removed at the end of the bench run'),
        ...(env.options.explain ? { restore: () => restoreBilling(env) } : {}),
        explain: 'sequence',
        afterExplain: () => cleanUpAfterExplain(env.client),
      };
    },
  },
  {
    // BIL-3: the export of every line of the largest provider's documents of the closed month, by the export job.
    kind: 'job',
    name: 'reconciliation-export',
    title: "Reconciliation export of the largest provider's closed month: every line of the operator's invoices to p1, CSV, by the export job",
    goal: { seconds: 30, rssGrowthMb: 64, ratio: 1 },
    async prepare(env) {
      const period = await closedBilledPeriod(env);
      const tenantId = idOf(env.seed, `t:${bigProvider}`);
      const { rows } = await env.client.query<{ documents: number; lines: number }>(
        `select count(*)::int as documents, coalesce(sum(line_count), 0)::int as lines from invoices where recipient_tenant_id = $1 and period_start = $2`,
        [tenantId, period.periodStart],
      );
      const { documents, lines } = rows[0]!;
      return {
        job: 'reconciliation-export',
        clock: new Date(),
        args: { userId: idOf(env.seed, `u:${bigProvider}`), period: monthOf(period), format: 'csv', direction: 'received' },
        call: `reconciliation.requestExport({ period: '${monthOf(period)}', format: 'csv' }) as ${bigProvider}'s admin (untimed), then the billing.reconciliationExport job's handler`,
        rows: lines,
        expected: { succeeded: 1, rows: lines },
        note:
          `${bigProvider} (${count(env.scale.bigProviderCustomers)} customers) received ${count(documents)} documents from the operator for ${monthOf(period)}, ${count(lines)} lines: ` +
          'one CSV row each, documents a page at a time and lines in batches (two in memory at most); the export, its job, audit record and file are removed after the run',
        restore: (output) => removeExport(env, output?.exportId),
      };
    },
  },
  {
    kind: 'load',
    name: 'invoice-list',
    title: "A reseller's invoices (GET /v1/invoices: received, newest first), varied resellers, after the month-end run",
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const period = await closedBilledPeriod(env);
      const resellers = await invoicedResellers(env, period, 2000);
      const list = shuffled(
        resellers.map((r): RequestSpec => ({ method: 'GET', path: '/v1/invoices', headers: bearer(env.seed, r.key) })),
        env.seed,
      );
      const { rows } = await env.client.query<{ n: number }>(`select count(*)::int as n from invoices where tier = 'reseller' and recipient_tenant_id = any($1::uuid[])`, [resellers.map((r) => r.tenantId)]);
      return { capture: list[0]!, next: cycle(list), note: `${count(list.length)} resellers, each with its own token, holding ${count(rows[0]!.n)} invoices from their providers for ${monthOf(period)}` };
    },
  },
  {
    kind: 'load',
    name: 'invoice-lines',
    title: "An invoice's first page of lines (GET /v1/invoices/:id/lines) as its recipient, varied resellers",
    goal: { p99: 20, ratio: 0.6 },
    async prepare(env) {
      const period = await closedBilledPeriod(env);
      const resellers = await invoicedResellers(env, period, 2000);
      // Each reseller's largest invoice of the month from a provider.
      const { rows } = await env.client.query<{ id: string; recipient: string; line_count: number }>(
        `select distinct on (recipient_tenant_id) id, recipient_tenant_id as recipient, line_count from invoices
          where tier = 'reseller' and period_start = $1 and recipient_tenant_id = any($2::uuid[]) order by recipient_tenant_id, line_count desc, id`,
        [period.periodStart, resellers.map((r) => r.tenantId)],
      );
      const keyOf = new Map(resellers.map((r) => [r.tenantId, r.key]));
      const list = shuffled(
        rows.map((r): RequestSpec => ({ method: 'GET', path: `/v1/invoices/${r.id}/lines`, headers: bearer(env.seed, keyOf.get(r.recipient)!) })),
        env.seed,
      );
      const sizes = rows.map((r) => r.line_count).sort((a, b) => a - b);
      return {
        capture: list[0]!,
        next: cycle(list),
        note: `${count(list.length)} invoices of ${monthOf(period)}, one per reseller (its largest from a provider; ${count(sizes[0] ?? 0)}–${count(sizes.at(-1) ?? 0)} lines, median ${count(sizes[Math.floor(sizes.length / 2)] ?? 0)}), the default page size`,
      };
    },
  },
  {
    // EVT-1, EVT-2: the events of checkouts delivered to webhook endpoints by the app that serves them (webhooks.ts).
    kind: 'webhooks',
    name: 'webhooks',
    title: 'Webhooks: checkouts of 10-line carts at 20/s (660 events/s for customer, reseller and provider) delivered by the app to an HTTPS receiver; then a receiver failing every first attempt',
    goal: { rps: 500, p99: 2000, ratio: 1 },
  },
  {
    // The portal's speed and accessibility as Lighthouse grades them (portal.ts).
    kind: 'portal',
    name: 'portal',
    title: 'Portal: Lighthouse on sign-in, the home dashboard and the customers list of the provider with the most customers; first-load JavaScript',
    goal: { performance: 90, accessibility: 95, ratio: 1 },
  },
];
