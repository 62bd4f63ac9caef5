// The data generator: a fresh bench database, migrated by the project's own migrate command, then
// filled server-side with INSERT … SELECT … FROM generate_series(…). Every ID is md5(seed, key) and
// every "random" choice is hashint8extended(index, seed), so one seed always gives the same program.
// Constraints and indexes are dropped during the load and rebuilt once at the end (much faster
// than maintaining them row by row), then ANALYZE.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { benchSessionSecret, builtMain, projectRoot, workDir, type Scale } from './config.js';
import { connect, recreateDatabase, type BenchMeta } from './db.js';
import { Progress } from './progress.js';
import { billedPeriod } from './billing.js';
import { renewalEvery, termCalendar } from './terms.js';

/** The bench caller of a tenant: its global admin's personal access token (same string the app hashes). */
export function benchToken(seed: number, key: string): string {
  return `ccp_bench${seed}_${key}`;
}

/** Region weights (percent) for partners' legal countries; every region gets some. */
const regionWeights: Record<string, number> = {
  united_states: 24,
  europe: 30,
  asia_pacific: 8,
  australia: 5,
  canada: 4,
  latam: 6,
  mecee: 6,
  africa: 3,
  india: 4,
  japan: 3,
  brazil: 2,
  korea: 2,
  new_zealand: 1,
  russia: 1,
  taiwan: 1,
};

export const competencies = [
  'Cloud Platform',
  'Modern Work',
  'Security',
  'Data and AI',
  'Business Applications',
  'Infrastructure',
  'Digital and App Innovation',
  'Identity and Access',
  'Networking',
  'Analytics',
  'Dynamics 365',
  'Teams',
];
export const skills = [
  'Azure',
  'Microsoft 365',
  'Windows Server',
  'SQL Server',
  'Dynamics 365',
  'Power BI',
  'Teams',
  'Intune',
  'Entra ID',
  'Defender',
  'Sentinel',
  'Kubernetes',
  'Linux',
  'SAP on Azure',
  'Power Apps',
  'SharePoint',
  'Exchange',
  'Copilot',
  'GitHub',
  'DevOps',
];
export const nameStarts = ['Nor', 'Vel', 'Aster', 'Bri', 'Cal', 'Dor', 'Fen', 'Gal', 'Hal', 'Ist', 'Jor', 'Kel', 'Lum', 'Mar', 'Nex', 'Orb', 'Pel', 'Quin', 'Ros', 'Sol', 'Tal', 'Ulm', 'Var', 'Wen', 'Xan', 'Yar', 'Zen', 'Alt', 'Bel', 'Cor'];
export const nameEnds = ['tech', 'soft', 'data', 'link', 'net', 'ware', 'cloud', 'logic', 'ion', 'sys', 'tronic', 'path', 'wise', 'core', 'byte', 'grid', 'nova', 'point', 'stream', 'works'];
const nameMiddles = ['North', 'Alpha', 'Prime', 'One', 'Blue', 'Global', 'East', 'West', 'Summit', 'Bright', 'Urban', 'Coastal', 'Metro', 'Pacific', 'Atlas', 'Vertex', 'Silver', 'Green', 'Union', 'Harbor'];
const nameSuffixes = ['Solutions', 'Systems', 'IT', 'Consulting', 'Partners', 'Group', 'Services', 'Technologies', 'Digital', 'Networks'];
const customerTrades = ['Bakery', 'Hotel', 'Clinic', 'Logistics', 'Retail', 'Foods', 'Studio', 'Garage', 'Pharmacy', 'Farms', 'Architects', 'Law Firm', 'Dental', 'Travel', 'Printing', 'Florist', 'Fitness', 'Brewery', 'Academy', 'Motors'];
const productNames = ['Contoso 365', 'Contoso Cloud Backup', 'Contoso Defender', 'Contoso Teams Phone', 'Contoso Copilot', 'Contoso Intune', 'Contoso Power BI', 'Contoso Dynamics Sales', 'Contoso Visio', 'Contoso Project'];
const offerTypesCycle = ['saas', 'saas', 'saas', 'saas', 'saas', 'virtualMachine', 'saas', 'solutionTemplate', 'managedApplication', 'container'];

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (items: string[]) => `ARRAY[${items.map(literal).join(',')}]::text[]`;

export interface GenerateResult {
  meta: BenchMeta;
}

interface Step {
  table: string;
  label: string;
  /** Rows this step writes (also its weight in the progress bar). */
  rows: number;
  sql: string | string[];
  /** Parameters of the step's statements (default: the password hash as $1 where a statement uses it). */
  params?: unknown[];
}

export async function generate(databaseUrl: string, scale: Scale, seed: number): Promise<GenerateResult> {
  const started = Date.now();
  const t0 = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const S = seed;
  const P = scale.providers;
  const R = scale.resellers;
  const C = scale.customers;
  const C0 = scale.bigProviderCustomers;
  const PB = scale.publishers;
  const NO = scale.offers;
  const NP = scale.operatorProducts;
  const SPC = scale.subscriptionsPerCustomer;
  const NRS = P + R; // active CSP resellers: every reseller, and every provider (also enrolled as a reseller)
  const NMA = Math.floor(NO / 2); // offers open to every partner ("all"); the odd ones have selected audiences
  const chunk = scale.chunk;

  const h = (expr: string, salt: number) => `(hashint8extended((${expr})::bigint, ${S * 1000 + salt}) & 9223372036854775807)`;
  const id = (keyExpr: string) => `md5(${literal(`${S}:`)} || ${keyExpr})::uuid`;
  const at = (daysExpr: string) => `(${literal(t0)}::timestamptz - (${daysExpr}) * interval '1 day')`;
  const partnerKey = (gi: string) => `(case when ${gi} <= ${P} then 'p' || ${gi} else 'r' || (${gi} - ${P}) end)`;
  const tokenHash = (token: string) => `rtrim(translate(encode(sha256(convert_to(${token}, 'UTF8')), 'base64'), '+/', '-_'), '=')`;
  const token = (keyExpr: string) => `${literal(`ccp_bench${S}_`)} || ${keyExpr}`;
  const domain = (keyExpr: string) => `${keyExpr} || 's${S}.onchannelcenter.com'`;
  const email = (keyExpr: string) => `'admin@' || ${keyExpr} || '-s${S}.bench.example'`;
  const pick = (items: string[], expr: string) => `(${textArray(items)})[1 + (${expr}) % ${items.length}]`;
  const chunks = (total: number, make: (lo: number, hi: number) => string | string[], table: string, label: string, size = chunk): Step[] => {
    const steps: Step[] = [];
    for (let lo = 1; lo <= total; lo += size) {
      const hi = Math.min(total, lo + size - 1);
      steps.push({ table, label: `${label} ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}`, rows: hi - lo + 1, sql: make(lo, hi) });
    }
    return steps;
  };

  // One argon2id hash (the app's own parameters), computed once and shared by every user.
  const { hashPassword } = (await import(pathToFileURL(path.join(projectRoot, 'dist', 'server', 'src', 'platform', 'auth', 'passwords.js')).href)) as typeof import('../src/platform/auth/passwords.js');
  const passwordHash = await hashPassword('Bench-Password-2026');
  // PRC-5: price lists hold integer minor units, at each currency's ISO 4217 decimals (the app's own table).
  const { exponentOf } = (await import(pathToFileURL(path.join(projectRoot, 'dist', 'server', 'src', 'platform', 'money.js')).href)) as typeof import('../src/platform/money.js');
  const markets = JSON.parse(readFileSync(path.join(projectRoot, 'src', 'modules', 'markets', 'markets.json'), 'utf8')) as {
    regions: { id: string; name: string; countries: { country: string; currency: string }[] }[];
  };
  const currencies = [...new Set(markets.regions.flatMap((r) => r.countries.map((c) => c.currency)))].sort();
  /** SQL: the ISO 4217 decimals of the currency in `column` (every market currency, as money.ts says). */
  const decimalsOf = (column: string) => `(case ${column} ${currencies.map((c) => `when ${literal(c)} then ${exponentOf(c)}`).join(' ')} else 2 end)`;
  /** SQL: bench_gen.sub's unit price (a decimal) in minor units of its currency (PRC-5), and as the API writes it. */
  const minor = `round(unit_price * power(10, ${decimalsOf('currency')}))::bigint`;
  const amountText = `round(unit_price, ${decimalsOf('currency')})::text`;
  // TRM-1, TRM-6: the renewal day and the month boundary the terms are arranged around (bench/terms.ts).
  const calendar = termCalendar(t0);
  const RD = `${literal(calendar.renewalDay)}::timestamptz`;
  const MB = `${literal(calendar.monthBoundary)}::timestamptz`;
  // BIL-1: the month the billing scenarios close (bench/billing.ts).
  const billing = billedPeriod(t0);
  const PS = `${literal(billing.periodStart)}::timestamptz`;
  const PE = `${literal(billing.periodEnd)}::timestamptz`;
  /** SQL: a moment plus whole calendar months in UTC, the day clamped (as the app's addMonths and chargeDueCycles). */
  const plusMonths = (ts: string, months: string) => `((((${ts}) at time zone 'UTC') + make_interval(months => (${months})::int)) at time zone 'UTC')`;
  /** SQL: one of ten "term/cycle" pairs by x.r (0–9), each given as many of the ten as its count. */
  const pairs = (...items: [string, number][]) => {
    if (items.reduce((sum, [, n]) => sum + n, 0) !== 10) throw new Error('pairs must fill ten');
    return `(${textArray(items.flatMap(([pair, n]) => Array<string>(n).fill(pair)))})[1 + x.r]`;
  };

  process.stderr.write(`Generating the ${scale.name} scale (seed ${seed}) into ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}\n`);
  const prepStarted = Date.now();
  await recreateDatabase(databaseUrl);
  mkdirSync(path.join(workDir, 'data'), { recursive: true });
  execFileSync(process.execPath, [builtMain, 'migrate'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: path.join(workDir, 'data'), SESSION_SECRET: benchSessionSecret, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const timings: { table: string; rows: number; seconds: number }[] = [{ table: '(create database + migrate)', rows: 0, seconds: (Date.now() - prepStarted) / 1000 }];

  const client = await connect(databaseUrl);
  try {
    await client.query(`set synchronous_commit = off; set maintenance_work_mem = '512MB'; set work_mem = '64MB'`);
    // Markets, as the app seeds them on first start (markets.json).
    await client.query('insert into market_regions (id, name) select * from jsonb_to_recordset($1::jsonb) as r(id text, name text)', [JSON.stringify(markets.regions.map((r) => ({ id: r.id, name: r.name })))]);
    await client.query('insert into market_countries (country, region_id, currency) select * from jsonb_to_recordset($1::jsonb) as r(country text, region_id text, currency text)', [
      JSON.stringify(markets.regions.flatMap((r) => r.countries.map((c) => ({ country: c.country, region_id: r.id, currency: c.currency })))),
    ]);

    // TRM-5: where the schema has it, billing periods count from an anchor (co-terming); a generated term is its own.
    const anchor = (await client.query(`select 1 from information_schema.columns where table_name = 'subscriptions' and column_name = 'period_anchor_at'`)).rows.length > 0;
    const saved = await dropConstraintsAndIndexes(client);
    // Triggers (the partners' customer counts) are off during the load; the counts are filled once after it.
    await client.query(`set session_replication_role = replica`);

    const regionIds = markets.regions.map((r) => r.id).sort();
    const europe = regionIds.indexOf('europe');
    const slots: number[] = [];
    for (const [region, weight] of Object.entries(regionWeights)) for (let i = 0; i < weight; i++) slots.push(regionIds.indexOf(region));
    if (slots.length !== 100 || slots.includes(-1)) throw new Error('region weights must name known regions and add up to 100');

    const plans = (price: string) =>
      `jsonb_build_array(jsonb_build_object('planId', 'standard', 'name', 'Standard', 'licenseModel', 'payg', 'termDurations', '["P1M","P1Y"]'::jsonb, 'billingCycles', '["monthly","annual"]'::jsonb,
        'prices', (select jsonb_agg(jsonb_build_object('currency', cur, 'unitPrice', ${price}) order by cur) from bench_gen.currency), 'markets', (select markets_json from bench_gen.all_markets)))`;
    const listing = (name: string, key: string) =>
      `jsonb_build_object('summary', ${name} || ' for growing businesses', 'description', ${name} || ' helps teams work together. Sold through CSP partners in every market.',
        'supportContact', jsonb_build_object('email', 'support@' || ${key} || '.bench.example', 'phone', '+1 425 555 0150', 'url', 'https://' || ${key} || '.bench.example/support'),
        'cspMaterials', jsonb_build_object('salesMaterialsUrl', 'https://' || ${key} || '.bench.example/partners', 'channelContact', jsonb_build_object('name', 'Channel Team', 'email', 'channel@' || ${key} || '.bench.example', 'phone', '+1 425 555 0151')))`;

    /** Every user the bench acts as: the partners' and publishers' global admins and the operator's. */
    const benchCallers = `select key, user_id from bench_gen.partner union all select 'b' || b, ${id(`'u:b' || b`)} from generate_series(1, ${PB}) b union all select 'o0', ${id(`'u:o0'`)}`;
    const partnerTables: Step[] = [
      {
        table: 'tenants',
        label: 'partner tenants',
        rows: NRS + PB + 1,
        sql: [
          `insert into tenants (id, name, country, primary_domain, created_at) select id, name, country, ${domain('key')}, created_at from bench_gen.partner`,
          `insert into tenants (id, name, country, primary_domain, created_at)
             select ${id(`'t:b' || b`)}, 'Publisher ' || ${pick(nameStarts, h('b', 60))} || ${pick(nameEnds, h('b', 61))} || ' Software ' || b, 'US', ${domain(`'b' || b`)}, ${at('900')} from generate_series(1, ${PB}) b`,
          `insert into tenants (id, name, country, primary_domain, created_at) values (${id(`'t:o0'`)}, 'Bench Program Operator', 'US', ${domain(`'o0'`)}, ${at('1000')})`,
        ],
      },
      {
        table: 'tenant_memberships',
        label: 'memberships',
        rows: NRS + P + PB + 1,
        sql: [
          `insert into tenant_memberships (tenant_id, program, status, created_at, updated_at) select id, 'indirectReseller', 'active', created_at, created_at from bench_gen.partner`,
          `insert into tenant_memberships (tenant_id, program, status, created_at, updated_at) select id, 'indirectProvider', 'active', created_at, created_at from bench_gen.partner where kind = 'p'`,
          `insert into tenant_memberships (tenant_id, program, status, created_at, updated_at) select ${id(`'t:b' || b`)}, 'publisher', 'active', ${at('900')}, ${at('900')} from generate_series(1, ${PB}) b`,
          `insert into tenant_memberships (tenant_id, program, status, created_at, updated_at) values (${id(`'t:o0'`)}, 'operator', 'active', ${at('1000')}, ${at('1000')})`,
        ],
      },
      {
        table: 'users',
        label: 'partner users',
        rows: NRS + PB + 1,
        sql: [
          `insert into users (id, tenant_id, email, display_name, password_hash, roles, state, language, must_change_password, created_at, updated_at)
             select user_id, id, ${email('key')}, name || ' Admin', $1, '{adminAgent,globalAdmin}', 'active', 'en', false, created_at, created_at from bench_gen.partner`,
          `insert into users (id, tenant_id, email, display_name, password_hash, roles, state, language, must_change_password, created_at, updated_at)
             select ${id(`'u:b' || b`)}, ${id(`'t:b' || b`)}, ${email(`'b' || b`)}, 'Publisher Admin ' || b, $1, '{globalAdmin,publisherOwner}', 'active', 'en', false, ${at('900')}, ${at('900')} from generate_series(1, ${PB}) b`,
          `insert into users (id, tenant_id, email, display_name, password_hash, roles, state, language, must_change_password, created_at, updated_at)
             values (${id(`'u:o0'`)}, ${id(`'t:o0'`)}, ${email(`'o0'`)}, 'Operator Admin', $1, '{globalAdmin,operatorAdmin}', 'active', 'en', false, ${at('1000')}, ${at('1000')})`,
        ],
      },
      {
        table: 'access_tokens',
        label: 'access tokens of the bench callers',
        rows: NRS + PB + 1,
        // ACC-4: a personal access token is made from an MFA session, so it carries that session's amr.
        sql: `insert into access_tokens (id, user_id, name, token_hash, prefix, amr, created_at, expires_at)
                select ${id(`'tok:' || key`)}, user_id, 'bench', ${tokenHash(token('key'))}, left(${token('key')}, 8), '{pwd,otp}', ${literal(t0)}::timestamptz, ${literal(t0)}::timestamptz + interval '365 days'
                from (${benchCallers}) k`,
      },
      {
        table: 'mfa_totp',
        label: 'second factors of the bench callers',
        rows: NRS + PB + 1,
        // ACC-4: the program enforces MFA for partner admins and the operator; a user without a confirmed
        // factor would be refused (mfa_enrolment_required). The bench never signs in with a code, so the
        // sealed secret is a placeholder.
        sql: `insert into mfa_totp (user_id, secret_sealed, confirmed_at, created_at)
                select user_id, 'bench-placeholder-not-sealed', ${literal(t0)}::timestamptz, ${literal(t0)}::timestamptz from (${benchCallers}) k`,
      },
      {
        table: 'legal_business_profiles',
        label: 'legal business profiles',
        rows: NRS,
        sql: `insert into legal_business_profiles (tenant_id, legal_name, address, country, duns_number, primary_contact, address_validation_status, updated_at)
                select id, name, jsonb_build_object('addressLine1', (1 + ${h('gi', 70)} % 400) || ' Main Street', 'city', 'City ' || (1 + ${h('gi', 71)} % 50), 'postalCode', lpad((${h('gi', 72)} % 90000 + 10000)::text, 5, '0'), 'country', country),
                  country, null, jsonb_build_object('firstName', 'Alex', 'lastName', 'Martin ' || gi, 'email', ${email('key')}, 'phone', '+1 425 555 ' || lpad((gi % 10000)::text, 4, '0')), 'Verified', created_at
                from bench_gen.partner`,
      },
      {
        table: 'support_profiles',
        label: 'support profiles',
        rows: NRS,
        sql: `insert into support_profiles (tenant_id, email, phone, website, updated_at) select id, 'support@' || key || '.bench.example', '+1 425 555 0100', 'https://www.' || key || '.bench.example', created_at from bench_gen.partner`,
      },
      {
        table: 'partner_attributes',
        label: 'competencies and skills',
        rows: NRS,
        sql: `insert into partner_attributes (tenant_id, competencies, skills, services_offered, updated_at)
                select id,
                  array(select (${textArray(competencies)})[1 + (${h('gi', 73)} + k * 5) % ${competencies.length}] from generate_series(0, (${h('gi', 74)} % 3)::int) k),
                  array(select (${textArray(skills)})[1 + (${h('gi', 75)} + k * 7) % ${skills.length}] from generate_series(0, 1 + (${h('gi', 76)} % 4)::int) k),
                  case when kind = 'p' then '{technicalTraining,marketingHelp,customerSupport}'::text[] else '{}'::text[] end, created_at
                from bench_gen.partner`,
      },
      {
        table: 'partner_search',
        label: 'partner search entries',
        rows: NRS,
        // As the app writes them (enrollment refreshSearchEntry), from the profiles and attributes above.
        sql: `insert into partner_search (tenant_id, legal_name, country, competencies, skills, terms)
                select l.tenant_id, l.legal_name, l.country, coalesce(a.competencies, '{}'), coalesce(a.skills, '{}'), partner_search_terms(l.country, a.competencies, a.skills)
                from legal_business_profiles l left join partner_attributes a on a.tenant_id = l.tenant_id`,
      },
      {
        table: 'locations',
        label: 'locations (PartnerIDs)',
        rows: NRS * 2,
        sql: [
          `insert into locations (id, tenant_id, country, address, partner_id, created_at)
             select ${id(`'loc:' || key`)}, id, country, jsonb_build_object('addressLine1', (1 + ${h('gi', 70)} % 400) || ' Main Street', 'city', 'City ' || (1 + ${h('gi', 71)} % 50), 'country', country), pid, created_at from bench_gen.partner`,
          `insert into partner_id_associations (tenant_id, location_id, partner_id, associated_at) select id, ${id(`'loc:' || key`)}, pid, created_at from bench_gen.partner`,
        ],
      },
      {
        table: 'enrollments',
        label: 'enrollments',
        rows: NRS + P,
        sql: `insert into enrollments (id, tenant_id, program, status, enrolled_by_user_id, attestation, submitted_at, email_verified_at, review_started_at, expected_decision_by, decided_at, created_at, updated_at)
                select ${id(`'enr:' || key || ':' || program`)}, id, program, 'active', user_id,
                  case when program = 'indirectProvider' then '{"billingCapability": true, "supportCapability": true}'::jsonb end,
                  created_at + interval '1 hour', created_at + interval '2 hours', created_at + interval '2 hours', (created_at + interval '10 days')::date, created_at + interval '3 days', created_at, created_at + interval '3 days'
                from bench_gen.partner cross join lateral (select 'indirectReseller' as program union all select 'indirectProvider' where kind = 'p') p`,
      },
      {
        table: 'agreement_acceptances',
        label: 'partner agreement acceptances',
        rows: NRS,
        sql: `insert into agreement_acceptances (id, template_id, type, version, tenant_id, region, user_id, user_name, user_email, primary_contact, accepted_at)
                select ${id(`'acc:' || key`)}, ${id(`'agr:partner'`)}, 'partnerAgreement', '2026-01', p.id, r.id, user_id, name || ' Admin', ${email('key')},
                  jsonb_build_object('firstName', 'Alex', 'lastName', 'Martin ' || gi, 'email', ${email('key')}), created_at + interval '4 days'
                from bench_gen.partner p join bench_gen.region r using (rix)`,
      },
      {
        table: 'partner_relationships',
        label: 'provider ↔ reseller relationships',
        rows: Math.round(R * 2.2),
        sql: `insert into partner_relationships (id, provider_tenant_id, reseller_tenant_id, state, admin_access, created_at)
                select ${id(`'pr:' || pgi || ':' || rgi`)}, ${id(`'t:' || ${partnerKey('pgi')}`)}, ${id(`'t:' || ${partnerKey('rgi')}`)}, 'active',
                  case when ${h('pgi::bigint * 1000003 + rgi', 80)} % 10 = 0 then 'removed' else 'granted' end, ${at(`500 + ${h('pgi::bigint * 1000003 + rgi', 81)} % 300`)}
                from bench_gen.rel_all`,
      },
      {
        table: 'audit_records',
        label: 'audit: tenants created',
        rows: NRS,
        sql: `insert into audit_records (id, at, actor_user_id, actor_tenant_id, tenant_id, action, resource_type, resource_id, after, request_id)
                select ${id(`'a:t:' || key`)}, created_at, user_id, id, id, 'tenant.created', 'tenant', id::text, jsonb_build_object('id', id, 'name', name, 'country', country), 'bench-generate' from bench_gen.partner`,
      },
    ];

    const catalogSteps: Step[] = [
      {
        table: 'agreement_templates',
        label: 'partner agreement',
        rows: 2,
        sql: [
          `insert into agreement_templates (id, type, version, current, created_at) values (${id(`'agr:partner'`)}, 'partnerAgreement', '2026-01', true, ${at('1000')})`,
          `insert into agreement_documents (template_id, language, title, body, updated_at) values (${id(`'agr:partner'`)}, 'en', 'Partner Agreement 2026-01', '# Partner Agreement\n\nThe terms of the program.', ${at('1000')})`,
        ],
      },
      {
        table: 'products',
        label: 'operator products',
        rows: NP,
        sql: `insert into products (id, source, publisher_tenant_id, name, description, skus, markets, active, created_at, updated_at)
                select id, 'operator', null, name, name || ' for businesses of every size.',
                  jsonb_build_array(
                    jsonb_build_object('skuId', 'std', 'name', 'Standard', 'termDurations', '["P1M","P1Y"]'::jsonb, 'billingCycles', '["monthly","annual"]'::jsonb,
                      'prices', (select jsonb_agg(jsonb_build_object('currency', cur, 'unitPrice', price) order by cur) from bench_gen.currency)),
                    jsonb_build_object('skuId', 'pro', 'name', 'Professional', 'termDurations', '["P1M","P1Y","P3Y"]'::jsonb, 'billingCycles', '["monthly","annual"]'::jsonb,
                      'prices', (select jsonb_agg(jsonb_build_object('currency', cur, 'unitPrice', price * 2) order by cur) from bench_gen.currency))),
                  (select markets from bench_gen.all_markets), true, ${at('1000')}, ${at('1000')}
                from bench_gen.product where source = 'operator'`,
      },
      {
        table: 'offers',
        label: 'marketplace offers',
        rows: NO * 2,
        sql: [
          `insert into offers (id, publisher_tenant_id, type, name, draft, live, draft_audience_mode, live_audience_mode, version, published_at, created_at, updated_at)
             select ${id(`'offer:' || k`)}, ${id(`'t:b' || (1 + (k - 1) % ${PB})`)}, ${pick(offerTypesCycle, 'k - 1')} , o.name, v, v,
               mode, mode, 3, ${at('300')}, ${at('320')}, ${at('300')}
             from generate_series(1, ${NO}) k
             cross join lateral (select ${pick(nameStarts, h('k', 90))} || ${pick(nameEnds, h('k', 91))} || ' ' || ${pick(['Insights', 'Field Service', 'Backup', 'Secure Gateway', 'Analytics', 'Helpdesk', 'Payroll', 'CRM'], h('k', 92))} || ' ' || k as name,
                                        case when k % 2 = 1 then 'selected' else 'all' end as mode) o
             cross join lateral (select jsonb_build_object('listing', ${listing('o.name', `'offer' || k`)}, 'plans', ${plans(`(5 + k % 40)`)}) as v) d`,
          `insert into products (id, source, publisher_tenant_id, offer_type, name, description, skus, markets, active, created_at, updated_at)
             select o.id, 'marketplace', o.publisher_tenant_id, o.type, o.name, o.live->'listing'->>'summary',
               jsonb_build_array(jsonb_build_object('skuId', 'standard', 'name', 'Standard', 'termDurations', p->'termDurations', 'billingCycles', p->'billingCycles', 'prices', p->'prices')),
               (select markets from bench_gen.all_markets), true, o.published_at, o.published_at
             from offers o cross join lateral (select o.live->'plans'->0 as p) x`,
        ],
      },
      {
        table: 'offer_audience',
        label: 'CSP audiences',
        rows: Math.round(scale.audienceMax * Math.log(NO / 2 + 1)),
        sql: `insert into offer_audience (offer_id, partner_tenant_id, in_draft, in_live, added_at)
                select ${id(`'offer:' || k`)}, ${id(`'t:' || ${partnerKey(`(1 + (o.start + t) % ${NRS})`)}`)}, true, true, ${at('310')}
                from generate_series(1, ${NO}, 2) k
                cross join lateral (select case when k = 1 then 0 else ${h('k', 93)} % ${NRS} end as start, least(${NRS}, ${scale.audienceMax} / ((k + 1) / 2)) as size) o
                cross join lateral generate_series(0, o.size - 1) t`,
      },
    ];

    const customerSteps: Step[] = chunks(
      C,
      (lo, hi) => [
        `insert into bench_gen.cust (c, key, id, user_id, pgi, rgi, country, currency, name, created_at)
          select s.c, 'c' || s.c, ${id(`'t:c' || s.c`)}, ${id(`'u:c' || s.c`)}, coalesce(r.pgi, 1), coalesce(r.rgi, r0.rgi), x.country, mc.currency,
            ${pick(nameStarts, h('s.c', 100))} || ${pick(nameEnds, h('s.c', 101))} || ' ' || ${pick(customerTrades, h('s.c', 102))} || ' ' || (s.c % 997), ${at(`400 + ${h('s.c', 103)} % 100`)}
          from (select c, case when c <= ${C0} then 0 else 1 + ${h('c', 21)} % (select n from bench_gen.rel_count) end as rn, case when c <= ${C0} then 1 + ${h('c', 20)} % (select n from bench_gen.rel0_count) else 0 end as k
                from generate_series(${lo}, ${hi}) c) s
          left join bench_gen.rel r on r.rn = s.rn
          left join bench_gen.rel0 r0 on r0.k = s.k
          join bench_gen.partner p on p.gi = coalesce(r.pgi, 1)
          join bench_gen.region rg on rg.rix = p.rix
          cross join lateral (select rg.countries[1 + ${h('s.c', 22)} % rg.n] as country) x
          join market_countries mc on mc.country = x.country`,
          `insert into tenants (id, name, country, primary_domain, created_at) select id, name, country, ${domain('key')}, created_at from bench_gen.cust where c between ${lo} and ${hi}`,
          `insert into tenant_memberships (tenant_id, program, status, created_at, updated_at) select id, 'customer', 'active', created_at, created_at from bench_gen.cust where c between ${lo} and ${hi}`,
          `insert into users (id, tenant_id, email, display_name, password_hash, roles, state, language, must_change_password, created_at, updated_at)
             select user_id, id, ${email('key')}, name || ' Admin', $1, '{globalAdmin}', 'active', 'en', false, created_at, created_at from bench_gen.cust where c between ${lo} and ${hi}`,
          `insert into customer_profiles (tenant_id, billing_profile, created_at)
             select id, jsonb_build_object('firstName', 'Sam', 'lastName', 'Customer ' || c, 'email', ${email('key')}, 'language', 'en',
               'address', jsonb_build_object('addressLine1', (1 + c % 300) || ' High Street', 'city', 'Town ' || (c % 40), 'country', country)), created_at
             from bench_gen.cust where c between ${lo} and ${hi}`,
          `insert into customer_relationships (id, customer_tenant_id, partner_tenant_id, role, customer_name, reseller_tenant_id, state, created_at)
             select ${id(`'cr:r:' || c`)}, id, ${id(`'t:' || ${partnerKey('rgi')}`)}, 'reseller', name, null, 'active', created_at from bench_gen.cust where c between ${lo} and ${hi}
             union all
             select ${id(`'cr:p:' || c`)}, id, ${id(`'t:' || ${partnerKey('pgi')}`)}, 'provider', name, ${id(`'t:' || ${partnerKey('rgi')}`)}, 'active', created_at from bench_gen.cust where c between ${lo} and ${hi}`,
        
      ],
      'customers: tenants + memberships + users + profiles + 2 relationships',
      'customers',
    ).map((step) => ({ ...step, rows: step.rows * 7 }));

    const subChunk = Math.max(1, Math.floor(chunk / SPC));
    const subscriptionSteps: Step[] = [
      ...chunks(
        C,
        (lo, hi) => [
          `truncate bench_gen.sub`,
          // Each subscription's current term (TRM-1, TRM-6), arranged around the term calendar (bench/terms.ts):
          // - every 30th (renewalEvery, by number) ends during the renewal day: active (2 % suspended, 3 % with auto-renew
          //   off), P1M/P1Y/P3Y, monthly or annual, all periods charged, ~9 % with next-term changes;
          // - 3 % cancelled (in their first week);
          // - the others are billed in periods aligned to the 1st (P1Y or P3Y monthly, P3Y annual), the next
          //   one due at the month boundary, their term started on or after the purchase and on or before t0;
          // - those bought after the last 1st a term could start on (none could: "late") are P1Y billed annually
          //   from their purchase (nothing due on either day).
          `insert into bench_gen.sub (c, j, sid, oid, customer_id, provider_id, provider_user_id, reseller_id, pid, product_id, source, sku_id, name, unit_price, currency, quantity, term_duration, billing_cycle, status, created_at,
             grp, auto_renew, term_start_at, commitment_end_at, cycles_billed, next_cycle_at, reminders_sent, scheduled_quantity, scheduled_term_duration, scheduled_billing_cycle, scheduled_sku_id, ended_at)
          select c.c, j, ${id(`'s:' || c.c || ':' || j`)}, ${id(`'o:' || c.c || ':' || j`)}, c.id, ${id(`'t:' || ${partnerKey('c.pgi')}`)}, ${id(`'u:' || ${partnerKey('c.pgi')}`)}, ${id(`'t:' || ${partnerKey('c.rgi')}`)},
            (6000000 + c.rgi)::text, pr.id, pr.source, x.sku, pr.name || ' — ' || x.sku_name, case when x.sku = 'pro' then pr.price * 2 else pr.price end, c.currency,
            q.quantity, y.term, y.cycle, y.status, least(q.created_at, z.term_start_at),
            b.grp, y.auto_renew, z.term_start_at, z.commitment_end_at, z.cycles_billed, z.next_cycle_at, case when b.grp = 'renewal' and y.status = 'active' then 2 else 0 end,
            case when b.grp <> 'renewal' then null when y.s < 2 then q.quantity + 1 + y.s2 % 5 when y.s < 4 then nullif(greatest(1, q.quantity - 1 - y.s2 % 5), q.quantity) when y.s = 8 then q.quantity + 2 end,
            case when b.grp = 'renewal' and y.s = 6 and y.term = 'P1M' then 'P1Y' end,
            case when b.grp = 'renewal' and y.s = 7 and y.term = 'P1Y' and y.cycle = 'monthly' then 'annual' end,
            case when b.grp = 'renewal' and y.s in (4, 5, 8) and x.sku = 'std' then 'pro' end,
            z.ended_at
          from bench_gen.cust c
          cross join generate_series(0, ${SPC - 1}) j
          -- (offset 0: each lateral is computed once per row; inlined, every reference would recompute the expressions it names)
          cross join lateral (select c.c * 8 + j as e, (c.c - 1) * ${SPC} + j + 1 as n) k
          cross join lateral (select case when ${NMA} > 0 and ${h('k.e', 30)} % 5 = 0 then ${NP} + 1 + ${h('k.e', 31)} % greatest(${NMA}, 1) else 1 + ${h('k.e', 31)} % ${NP} end as pix,
              1 + ${h('k.e', 33)} % 50 as quantity, ${literal(t0)}::timestamptz - (${h('k.e', 35)} % 34560000000) * interval '1 millisecond' as created_at) q
          join bench_gen.product pr on pr.pix = q.pix
          cross join lateral (select
              case when pr.source = 'marketplace' then 'standard' when ${h('k.e', 32)} % 3 = 0 then 'pro' else 'std' end as sku,
              case when pr.source = 'marketplace' then 'Standard' when ${h('k.e', 32)} % 3 = 0 then 'Professional' else 'Standard' end as sku_name,
              (${h('k.e', 36)} % 10)::int as r) x
          cross join lateral (select m.months,
              case when k.n % ${renewalEvery} = 0 then 'renewal' when ${h('k.e', 34)} % 100 >= 97 then 'cancelled' when m.months >= ${calendar.minCyclesBilled} then 'base' else 'late' end as grp
            from (select (extract(year from age(${MB} at time zone 'UTC', q.created_at at time zone 'UTC')) * 12 + extract(month from age(${MB} at time zone 'UTC', q.created_at at time zone 'UTC')))::int as months) m offset 0) b
          cross join lateral (select tc.term, case when tc.term = 'P3Y' and tc.cycle = 'annual' and b.grp = 'base' and b.months < 12 then 'monthly' else tc.cycle end as cycle,
              st.status, st.status = 'active' and (b.grp <> 'renewal' or ${h('k.e', 41)} % 100 >= 3) as auto_renew, (${h('k.e', 43)} % 100)::int as s, (${h('k.e', 44)})::bigint as s2
            from (select case b.grp
                    when 'renewal' then case when x.sku = 'pro' then ${pairs(['P1M/monthly', 4], ['P1Y/monthly', 2], ['P1Y/annual', 2], ['P3Y/monthly', 1], ['P3Y/annual', 1])} else ${pairs(['P1M/monthly', 5], ['P1Y/monthly', 2], ['P1Y/annual', 3])} end
                    when 'base' then case when x.sku = 'pro' then ${pairs(['P1Y/monthly', 5], ['P3Y/monthly', 3], ['P3Y/annual', 2])} else 'P1Y/monthly' end
                    when 'late' then 'P1Y/annual'
                    else ${pairs(['P1M/monthly', 6], ['P1Y/annual', 3], ['P1Y/monthly', 1])} end as pair) p
            cross join lateral (select split_part(p.pair, '/', 1) as term, split_part(p.pair, '/', 2) as cycle) tc
            cross join lateral (select case when b.grp = 'cancelled' then 'cancelled'
                                            when b.grp = 'renewal' then case when ${h('k.e', 40)} % 100 < 2 then 'suspended' else 'active' end
                                            when ${h('k.e', 34)} % 100 < 92 then 'active' else 'suspended' end as status) st offset 0) y
          cross join lateral (select case y.term when 'P1M' then 1 when 'P1Y' then 12 else 36 end as term_months, case y.cycle when 'annual' then 12 else 1 end as cycle_months offset 0) tm
          cross join lateral (select
              case b.grp when 'renewal' then ${plusMonths('e.end_at', '-tm.term_months')} when 'base' then ${plusMonths(MB, '-e.k * tm.cycle_months')} else q.created_at end as term_start_at,
              case b.grp when 'renewal' then e.end_at when 'base' then ${plusMonths(plusMonths(MB, '-e.k * tm.cycle_months'), 'tm.term_months')} else ${plusMonths('q.created_at', 'tm.term_months')} end as commitment_end_at,
              case b.grp when 'renewal' then tm.term_months / tm.cycle_months when 'base' then e.k else 1 end as cycles_billed,
              case when b.grp = 'base' then ${MB} end as next_cycle_at,
              case when b.grp = 'cancelled' then least(q.created_at + (${h('k.e', 45)} % 168) * interval '1 hour', ${literal(t0)}::timestamptz) end as ended_at
            from (select ${RD} + (${h('k.e', 42)} % 86400000) * interval '1 millisecond' as end_at,
                    -- a term aligned to the 1st: k periods billed (k ≥ the fewest that start it by t0, and few enough that it started after the
                    -- purchase and ends two months or more after the boundary); a P3Y annual one 1 or 2 years in
                    case when tm.cycle_months = 12 then 1 + (y.s2 % least(2, greatest(1, b.months / 12)))
                         else ${calendar.minCyclesBilled} + (y.s2 % greatest(1, least(b.months, tm.term_months - 2) - ${calendar.minCyclesBilled} + 1)) end as k) e offset 0) z
          where c.c between ${lo} and ${hi}`,
          `insert into orders (id, cart_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, currency, status, created_at)
             select oid, null, customer_id, provider_id, reseller_id, currency, 'completed', created_at from bench_gen.sub where c between ${lo} and ${hi}`,
          // PRC-3: the frozen prices of an order made before price lists (all four the SKU's price), in minor units.
          `insert into subscriptions (id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, name, quantity, term_duration, billing_cycle, currency, list_price, provider_cost, reseller_price, customer_price, partner_id_on_record,
               status, auto_renew_enabled, term_start_at, commitment_end_at, cycles_billed, next_cycle_at, reminders_sent, scheduled_quantity, scheduled_term_duration, scheduled_billing_cycle, scheduled_sku_id, ended_at,${anchor ? ' period_anchor_at,' : ''} created_at, updated_at)
             select sid, customer_id, provider_id, reseller_id, oid, product_id, sku_id, name, quantity, term_duration, billing_cycle, currency, ${minor}, ${minor}, ${minor}, ${minor}, pid,
               status, auto_renew, term_start_at, commitment_end_at, cycles_billed, next_cycle_at, reminders_sent, scheduled_quantity, scheduled_term_duration, scheduled_billing_cycle, scheduled_sku_id, ended_at,${anchor ? ' term_start_at,' : ''}
               created_at, least(${literal(t0)}::timestamptz, greatest(created_at, coalesce(ended_at, term_start_at)))
             from bench_gen.sub where c between ${lo} and ${hi}`,
          // TRM-6: the current term's first period, charged when it started (a purchase, or the renewal that started it), as the app writes it.
          `insert into charge_lines (id, subscription_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, charge_type, quantity,
               term_start_at, period_start, period_end, charged_days, period_days, list_amount, provider_amount, reseller_amount, customer_amount, currency, created_at)
             select ${id(`'cl:' || c || ':' || j`)}, sid, customer_id, provider_id, reseller_id, oid, product_id, sku_id, case when term_start_at = created_at then 'purchase' else 'renewal' end, quantity,
               term_start_at, term_start_at, p.period_end, d.days, d.days, ${minor} * quantity, ${minor} * quantity, ${minor} * quantity, ${minor} * quantity, currency, least(term_start_at, ${literal(t0)}::timestamptz)
             from bench_gen.sub
             cross join lateral (select case when term_duration = 'P1M' or (term_duration = 'P1Y' and billing_cycle = 'annual') then commitment_end_at
                                             else ${plusMonths('term_start_at', "case billing_cycle when 'annual' then 12 else 1 end")} end as period_end) p
             cross join lateral (select greatest(1, (p.period_end at time zone 'UTC')::date - (term_start_at at time zone 'UTC')::date) as days) d
             where c between ${lo} and ${hi} and status <> 'cancelled'`,
          // BIL-1: the billed month (the one before t0's, bench/billing.ts) holds a charge line of every open subscription bought
          // before its end: its first-period line above where its term started in that month, else this month's fee (a cycleFee of
          // the month, prorated from the purchase for one bought during it), at the four frozen prices.
          `insert into charge_lines (id, subscription_id, customer_tenant_id, provider_tenant_id, reseller_tenant_id, order_id, offer_id, sku_id, charge_type, quantity,
               term_start_at, period_start, period_end, charged_days, period_days, list_amount, provider_amount, reseller_amount, customer_amount, currency, created_at)
             select ${id(`'cl:m:' || c || ':' || j`)}, sid, customer_id, provider_id, reseller_id, oid, product_id, sku_id, 'cycleFee', quantity,
               term_start_at, ${PS}, ${PE}, d.charged, d.period, a.amount, a.amount, a.amount, a.amount, currency, m.at
             from bench_gen.sub
             cross join lateral (select greatest(${PS}, created_at) as at) m
             cross join lateral (select (${PE} at time zone 'UTC')::date - (m.at at time zone 'UTC')::date as charged, (${PE} at time zone 'UTC')::date - (${PS} at time zone 'UTC')::date as period) d
             cross join lateral (select round(${minor}::numeric * quantity * d.charged / d.period)::bigint as amount) a
             where c between ${lo} and ${hi} and status <> 'cancelled' and created_at < ${PE} and not (term_start_at >= ${PS} and term_start_at < ${PE})`,
          `insert into order_line_items (order_id, line_item_number, offer_id, sku_id, quantity, term_duration, billing_cycle, list_price, provider_cost, reseller_price, customer_price, partner_id_on_record, subscription_id)
             select oid, 1, product_id, sku_id, quantity, term_duration, billing_cycle, ${minor}, ${minor}, ${minor}, ${minor}, pid, sid from bench_gen.sub where c between ${lo} and ${hi}`,
          `insert into audit_records (id, at, actor_user_id, actor_tenant_id, tenant_id, action, resource_type, resource_id, after, request_id)
             select ${id(`'a:o:' || c || ':' || j`)}, created_at, provider_user_id, provider_id, customer_id, 'order.created', 'order', oid::text,
               jsonb_build_object('id', oid, 'customerTenantId', customer_id, 'resellerTenantId', reseller_id, 'status', 'completed', 'currency', currency,
                 'lineItems', jsonb_build_array(jsonb_build_object('lineItemNumber', 1, 'offerId', product_id, 'skuId', sku_id, 'quantity', quantity, 'termDuration', term_duration, 'billingCycle', billing_cycle, 'prices', jsonb_build_object('audience', 'customer', 'customerPrice', ${amountText}), 'partnerIdOnRecord', pid, 'subscriptionId', sid))),
               'bench-generate'
             from bench_gen.sub where c between ${lo} and ${hi}`,
          `insert into bench_gen.stamp (offer_id, reseller_id, order_id, at) select product_id, reseller_id, oid, created_at from bench_gen.sub where source = 'marketplace'`,
        ],
        'orders + subscriptions + order line items + audit records',
        'orders, subscriptions, line items, audit',
        subChunk,
      ).map((step) => ({ ...step, rows: step.rows * SPC * 7 })),
      {
        table: 'resale_stamps',
        label: 'resale stamps',
        rows: Math.round(C * SPC * 0.2),
        sql: `insert into resale_stamps (offer_id, reseller_tenant_id, first_order_id, resold_at)
                select distinct on (offer_id, reseller_id) offer_id, reseller_id, order_id, at from bench_gen.stamp order by offer_id, reseller_id, at`,
      },
    ];

    const stagingSteps: Step[] = [
      {
        table: 'bench_gen (staging)',
        label: 'staging: regions, partners, relationships',
        rows: NRS * 3,
        sql: [
          `drop schema if exists bench_gen cascade`,
          `create schema bench_gen`,
          `create unlogged table bench_gen.region as
             select (row_number() over (order by r.id) - 1)::int as rix, r.id, array_agg(c.country order by c.country) as countries, count(*)::int as n
             from market_regions r join market_countries c on c.region_id = r.id group by r.id`,
          `create unlogged table bench_gen.slot as select (s - 1) as slot, (${`ARRAY[${slots.join(',')}]`})[s] as rix from generate_series(1, 100) s`,
          `create unlogged table bench_gen.currency as select distinct currency as cur from market_countries`,
          `create unlogged table bench_gen.all_markets as select array_agg(country order by country) as markets, jsonb_agg(country order by country) as markets_json from market_countries`,
          `create unlogged table bench_gen.partner as
             select s.*, ${id(`'t:' || key`)} as id, ${id(`'u:' || key`)} as user_id, (6000000 + gi)::bigint as pid,
               case when gi = 1 then 'DE' else r.countries[1 + ${h('gi', 2)} % r.n] end as country,
               ${pick(nameStarts, h('gi', 3))} || ${pick(nameEnds, h('gi', 4))} || ' ' || ${pick(nameMiddles, h('gi', 5))} || ' ' || ${pick(nameSuffixes, h('gi', 6))} as name,
               ${at(`800 + ${h('gi', 7)} % 400`)} as created_at,
               row_number() over (partition by kind, s.rix order by gi)::int as rrank
             from (select g as gi, case when g <= ${P} then 'p' else 'r' end as kind, ${partnerKey('g')} as key,
                     case when g = 1 then ${europe} else (select rix from bench_gen.slot where slot = ${h('g', 1)} % 100) end as rix
                   from generate_series(1, ${NRS}) g) s
             join bench_gen.region r on r.rix = s.rix`,
          `create index on bench_gen.partner (gi)`,
          `create unlogged table bench_gen.pcount as select rix, count(*)::int as n from bench_gen.partner where kind = 'p' group by rix`,
          `create unlogged table bench_gen.rel_all as
             select distinct p.gi as pgi, r.gi as rgi
             from bench_gen.partner r
             join bench_gen.pcount pc on pc.rix = r.rix
             cross join lateral generate_series(0, (${h('r.gi', 10)} % 3)::int) j
             join bench_gen.partner p on p.kind = 'p' and p.rix = r.rix and p.rrank = 1 + ${h('r.gi * 4 + j', 11)} % pc.n
             where r.kind = 'r'
             union
             select 1, r.gi from bench_gen.partner r where r.kind = 'r' and r.rix = ${europe} and r.rrank <= ${scale.bigProviderResellers}`,
          `create unlogged table bench_gen.rel0 as select row_number() over (order by rgi)::int as k, rgi from bench_gen.rel_all where pgi = 1`,
          `create unlogged table bench_gen.rel as select row_number() over (order by pgi, rgi)::int as rn, pgi, rgi from bench_gen.rel_all where pgi <> 1`,
          `create unique index on bench_gen.rel0 (k)`,
          `create unique index on bench_gen.rel (rn)`,
          `create unlogged table bench_gen.rel_count as select count(*)::int as n from bench_gen.rel`,
          `create unlogged table bench_gen.rel0_count as select count(*)::int as n from bench_gen.rel0`,
          `create unlogged table bench_gen.product as
             select pix, ${id(`'prod:' || pix`)} as id, 'operator'::text as source, ${pick(productNames, 'pix - 1')} || case when pix > ${productNames.length} then ' ' || pix else '' end as name, (4 + (pix % 20) * 1.5)::numeric(14, 4) as price
             from generate_series(1, ${NP}) pix
             union all
             select ${NP} + m, ${id(`'offer:' || (2 * m)`)}, 'marketplace', null, (5 + (2 * m) % 40)::numeric(14, 4) from generate_series(1, ${NMA}) m`,
          `create unique index on bench_gen.product (pix)`,
          `create unlogged table bench_gen.cust (c int, key text, id uuid, user_id uuid, pgi int, rgi int, country text, currency text, name text, created_at timestamptz)`,
          `create index on bench_gen.cust (c)`,
          `create unlogged table bench_gen.stamp (offer_id uuid, reseller_id uuid, order_id uuid, at timestamptz)`,
          `create unlogged table bench_gen.sub (c int, j int, sid uuid, oid uuid, customer_id uuid, provider_id uuid, provider_user_id uuid, reseller_id uuid, pid text, product_id uuid, source text, sku_id text, name text,
             unit_price numeric(14, 4), currency text, quantity int, term_duration text, billing_cycle text, status text, created_at timestamptz,
             grp text, auto_renew boolean, term_start_at timestamptz, commitment_end_at timestamptz, cycles_billed int, next_cycle_at timestamptz, reminders_sent int,
             scheduled_quantity int, scheduled_term_duration text, scheduled_billing_cycle text, scheduled_sku_id text, ended_at timestamptz)`,
        ],
      },
    ];


    // PRC-1, PRC-2: the month's published price list and the repricing of both tiers.
    const month = t0.slice(0, 7);
    const NCR = Math.floor(R / 10); // resellers (not providers) that reprice for their customers: every tenth
    // The SKUs of the operator's products as generated above, and the term × billing cycle pairs each is
    // sold with (ORD-1: a P1M term is billed monthly only; P1Y and P3Y monthly or annually).
    const skuTerms = [
      { sku: 'std', term: 'P1M', cycle: 'monthly', factor: 1 },
      { sku: 'std', term: 'P1Y', cycle: 'monthly', factor: 1 },
      { sku: 'std', term: 'P1Y', cycle: 'annual', factor: 12 },
      { sku: 'pro', term: 'P1M', cycle: 'monthly', factor: 2 },
      { sku: 'pro', term: 'P1Y', cycle: 'monthly', factor: 2 },
      { sku: 'pro', term: 'P1Y', cycle: 'annual', factor: 24 },
      { sku: 'pro', term: 'P3Y', cycle: 'monthly', factor: 2 },
      { sku: 'pro', term: 'P3Y', cycle: 'annual', factor: 24 },
    ];
    const config = (cols: string) => `insert into repricing_configs (id, seller_tenant_id, tier, buyer_tenant_id, product_id, sku_id, basis, basis_points, fixed_unit_price, fixed_currency, effective_month, created_by_user_id, created_at) ${cols}`;
    const productAt = (expr: string) => `${id(`'prod:' || (1 + (${expr}) % ${NP})`)}`;
    const pricingSteps: Step[] = [
      {
        table: 'partner_discounts',
        label: 'partner discounts',
        rows: new Set(offerTypesCycle).size,
        // PRC-1: a marketplace plan's provider cost is its publisher's price less its offer type's discount (SaaS 20 %, as the demo; the others 15 %).
        sql: `insert into partner_discounts (offer_type, basis_points, updated_at, updated_by_user_id)
                select t, case when t = 'saas' then 2000 else 1500 end, ${at('60')}, ${id(`'u:o0'`)} from unnest(${textArray([...new Set(offerTypesCycle)])}) t`,
      },
      {
        table: 'price_lists',
        label: 'price list of the month',
        rows: 1,
        sql: `insert into price_lists (id, month, status, based_on_id, created_by_user_id, created_at, published_at, published_by_user_id)
                values (${id(literal(`pl:${month}`))}, ${literal(month)}, 'published', null, ${id(`'u:o0'`)}, ${at('40')}, ${at('35')}, ${id(`'u:o0'`)})`,
      },
      {
        table: 'price_list_entries',
        label: 'price list entries',
        rows: NP * skuTerms.length * currencies.length,
        // Every operator SKU × its term and billing cycle pairs × every market currency: the list price
        // (the catalog price per period: an annual cycle bills 12 months) and the provider's cost, 15 % to 25 % below it.
        sql: `insert into price_list_entries (price_list_id, product_id, sku_id, term_duration, billing_cycle, currency, list_price, unit_price)
                select ${id(literal(`pl:${month}`))}, pr.id, t.sku, t.term, t.cycle, c.cur, l.list, round(l.list * (75 + ${h('pr.pix * 64 + t.n', 110)} % 11) / 100.0)::bigint
                from bench_gen.product pr
                cross join (select * from jsonb_to_recordset($1::jsonb) as x(n int, sku text, term text, cycle text, factor int)) t
                cross join (select * from jsonb_to_recordset($2::jsonb) as x(cur text, exp int)) c
                cross join lateral (select round(pr.price * t.factor * power(10, c.exp))::bigint as list) l
                where pr.source = 'operator'`,
        params: [JSON.stringify(skuTerms.map((t, n) => ({ n, ...t }))), JSON.stringify(currencies.map((cur) => ({ cur, exp: exponentOf(cur) })))],
      },
      {
        table: 'repricing_configs',
        label: 'repricing: providers for their resellers',
        rows: P * 4,
        // PRC-2 tier reseller, every provider: all resellers and all products on its cost (+8 % to +20 %),
        // two products on its cost (+3 % to +10 %), and the Professional SKU of a third on the list price (−2 % to −6 %).
        sql: [
          config(`select ${id(`'rc:r:' || key || ':all'`)}, id, 'reseller', null, null, null, 'cost', 800 + (${h('gi', 111)} % 13) * 100, null, null, ${literal(month)}, user_id, ${at('30')}
                  from bench_gen.partner where kind = 'p'`),
          config(`select ${id(`'rc:r:' || key || ':product:' || k`)}, id, 'reseller', null, ${productAt(`${h('gi', 112)} + k * (1 + ${h('gi', 113)} % ${Math.max(1, NP - 1)})`)}, null, 'cost', 300 + (${h('gi * 2 + k', 114)} % 8) * 100, null, null, ${literal(month)}, user_id, ${at('29')}
                  from bench_gen.partner cross join generate_series(0, 1) k where kind = 'p'`),
          config(`select ${id(`'rc:r:' || key || ':sku'`)}, id, 'reseller', null, ${productAt(`${h('gi', 115)}`)}, 'pro', 'list', -200 - (${h('gi', 116)} % 5) * 100, null, null, ${literal(month)}, user_id, ${at('28')}
                  from bench_gen.partner where kind = 'p'`),
        ],
      },
      {
        table: 'repricing_configs',
        label: 'repricing: resellers for their customers',
        rows: Math.round(NCR * 1.5),
        // PRC-2 tier customer, every tenth reseller: all customers and all products on the list price
        // (−5 % to +10 %); every other one of them also one product on its cost (+12 % to +25 %).
        sql: [
          config(`select ${id(`'rc:c:' || key || ':all'`)}, id, 'customer', null, null, null, 'list', -500 + (${h('gi', 117)} % 16) * 100, null, null, ${literal(month)}, user_id, ${at('27')}
                  from bench_gen.partner where kind = 'r' and (gi - ${P}) % 10 = 0`),
          config(`select ${id(`'rc:c:' || key || ':product'`)}, id, 'customer', null, ${productAt(`${h('gi', 118)}`)}, null, 'cost', 1200 + (${h('gi', 119)} % 14) * 100, null, null, ${literal(month)}, user_id, ${at('26')}
                  from bench_gen.partner where kind = 'r' and (gi - ${P}) % 20 = 0`),
        ],
      },
    ];

    const restoreWeight = Math.round(C * 6);
    const steps: Step[] = [...stagingSteps, ...catalogSteps, ...partnerTables, ...pricingSteps, ...customerSteps, ...subscriptionSteps];
    // The names of marketplace products come from their offers (filled once the offers exist).
    catalogSteps[2]!.sql = [...(catalogSteps[2]!.sql as string[]), `update bench_gen.product p set name = o.name from offers o where o.id = p.id`];

    const total = steps.reduce((sum, s) => sum + s.rows, 0) + restoreWeight + C;
    const progress = new Progress(total, 'generate');
    const perTable = new Map<string, { rows: number; seconds: number }>();
    const record = (table: string, rows: number, seconds: number) => {
      const entry = perTable.get(table) ?? { rows: 0, seconds: 0 };
      perTable.set(table, { rows: entry.rows + rows, seconds: entry.seconds + seconds });
    };
    for (const step of steps) {
      progress.step(step.label);
      for (const statement of [step.sql].flat()) {
        const statementStarted = Date.now();
        const result = await client.query(statement, step.params ?? (statement.includes('$1') ? [passwordHash] : []));
        // Timings per table written (staging statements count under bench_gen).
        const table = /^\s*insert\s+into\s+([\w.]+)/i.exec(statement)?.[1] ?? (/bench_gen/.test(statement) ? 'bench_gen (staging)' : step.table);
        record(table, result.command === 'INSERT' ? (result.rowCount ?? 0) : 0, (Date.now() - statementStarted) / 1000);
      }
      progress.advance(step.rows, step.label);
    }

    progress.step('constraints and indexes');
    let restoreStarted = Date.now();
    await client.query(`drop schema bench_gen cascade`);
    record('(drop staging)', 0, (Date.now() - restoreStarted) / 1000);
    restoreStarted = Date.now();
    await restoreConstraintsAndIndexes(client, saved, (label) => progress.step(`rebuilding ${label}`));
    await client.query(`select setval('partner_id_seq', ${6000000 + NRS + 1})`);
    await client.query(`set session_replication_role = origin`);
    await client.query(
      `insert into partner_customer_counts (partner_tenant_id, active) select partner_tenant_id, count(*) from customer_relationships where state = 'active' group by partner_tenant_id`,
    );
    record('(constraints + indexes rebuilt)', 0, (Date.now() - restoreStarted) / 1000);
    progress.advance(restoreWeight, 'constraints and indexes');

    progress.step('ANALYZE');
    const analyzeStarted = Date.now();
    // VACUUM too, as autovacuum would in time: index-only scans need the visibility map.
    await client.query('vacuum analyze');
    record('(ANALYZE)', 0, (Date.now() - analyzeStarted) / 1000);
    progress.advance(C, 'ANALYZE');

    for (const [table, entry] of perTable) timings.push({ table, rows: entry.rows, seconds: entry.seconds });
    const seconds = (Date.now() - started) / 1000;
    const meta: BenchMeta = { scale: scale.name, seed, t0, generatedAt: new Date().toISOString(), seconds, steps: timings, terms: calendar, billing };
    await client.query(`create table bench_meta (generated_at timestamptz primary key, meta jsonb not null)`);
    await client.query(`insert into bench_meta (generated_at, meta) values (now(), $1)`, [JSON.stringify(meta)]);
    progress.finish(`${scale.name} scale generated`);
    return { meta };
  } finally {
    await client.end();
  }
}

interface SavedDefinitions {
  keys: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/** Drops every foreign key, primary/unique constraint and index of the app's tables, remembering them. */
async function dropConstraintsAndIndexes(client: pg.Client): Promise<SavedDefinitions> {
  const constraints = await client.query<{ table: string; name: string; definition: string; type: string }>(
    `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition, contype as type
       from pg_constraint where connamespace = 'public'::regnamespace and contype in ('p', 'u', 'f') order by conname`,
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
       where schemaname = 'public' and indexname not in (select conname from pg_constraint where connamespace = 'public'::regnamespace) order by indexname`,
  );
  const saved: SavedDefinitions = {
    keys: constraints.rows.filter((c) => c.type !== 'f'),
    foreignKeys: constraints.rows.filter((c) => c.type === 'f'),
    indexes: indexes.rows,
  };
  for (const fk of saved.foreignKeys) await client.query(`alter table ${fk.table} drop constraint "${fk.name}"`);
  for (const key of saved.keys) await client.query(`alter table ${key.table} drop constraint "${key.name}"`);
  for (const index of saved.indexes) await client.query(`drop index "${index.name}"`);
  return saved;
}

async function restoreConstraintsAndIndexes(client: pg.Client, saved: SavedDefinitions, onStep: (label: string) => void) {
  for (const key of saved.keys) {
    onStep(`${key.table} ${key.name}`);
    await client.query(`alter table ${key.table} add constraint "${key.name}" ${key.definition}`);
  }
  for (const index of saved.indexes) {
    onStep(index.name);
    await client.query(index.definition);
  }
  for (const fk of saved.foreignKeys) {
    onStep(`${fk.table} ${fk.name}`);
    await client.query(`alter table ${fk.table} add constraint "${fk.name}" ${fk.definition}`);
  }
}
