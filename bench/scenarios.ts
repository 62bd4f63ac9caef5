// The scenarios: what each one asks the app, as whom, and its goal. Preparation reads the bench
// database (and writes carts for checkout) before any timed request.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Options, Scale } from './config.js';
import type { BenchMeta } from './db.js';
import { competencies, nameEnds, nameStarts } from './generate.js';
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

/** A job run once in a process of its own (the term job), on state it restores afterwards. */
export interface PreparedJob {
  /** The app's clock (buildApp's `now`) and the job's argument. */
  clock: Date;
  batch: { cycles: number; renewals: number };
  /** The rows the job has to process (its rows per second are these over its seconds). */
  rows: number;
  /** What runTermSweep should answer. */
  expected: { cycleFees: number; renewed: number; expired: number; reminded: number };
  note: string;
  /** Puts back what the run changed (after it, also when it failed). */
  restore(): Promise<RestoreStats | undefined>;
}

export interface JobScenario {
  kind: 'job';
  name: string;
  title: string;
  goal: Goal;
  prepare(env: ScenarioEnv): Promise<PreparedJob>;
}

export type Scenario = LoadScenario | SingleScenario | StartupScenario | JobScenario;

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

const bigProvider = 'p1';

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
      return {
        clock,
        batch: { cycles: 5000, renewals: 1000 },
        rows: work.ended,
        expected: { cycleFees: work.cycleFees, renewed: work.renewing, expired: work.expiring, reminded: work.reminders },
        note:
          `clock ${clock.toISOString()} (the end of ${day(calendar.renewalDay)}): ${count(work.ended)} terms ended that day — ${count(work.renewing)} to renew (active, auto-renew on; ` +
          `${count(work.scheduled)} of the ended with next-term changes), ${count(work.expiring)} to expire (suspended or auto-renew off); ${count(work.cycleFees)} periods and ${count(work.reminders)} reminders due besides` +
          (work.parked ? `; ${count(work.parked)} subscriptions made after generation (checkout runs) that would be due set aside for the run` : '') +
          '; the state is restored after the run (saved rows put back, the lines, audit records and mails it wrote deleted, VACUUM ANALYZE)',
        restore: () => restoreTermState(env.client, { vacuum: true }),
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
      return {
        clock,
        batch: { cycles: 5000, renewals: 0 },
        rows: work.cycleFees,
        expected: { cycleFees: work.cycleFees, renewed: 0, expired: 0, reminded: work.reminders },
        note:
          `clock ${clock.toISOString()} (the month boundary): ${count(work.cycleFees)} periods due (every open subscription but the renewal day's ${count(work.ended)}, ` +
          `the cancelled and those bought after the last 1st a term could start on), the goal's 3,000,000 scaled to them by rows per second; runTermSweep(clock, { cycles: 5000, renewals: 0 })` +
          (work.parked ? `; ${count(work.parked)} subscriptions made after generation (checkout runs) that would be due set aside for the run` : '') +
          '; the state is restored after the run (period columns put back, its charge lines deleted, VACUUM ANALYZE)',
        restore: () => restoreTermState(env.client, { vacuum: true }),
      };
    },
  },
];
