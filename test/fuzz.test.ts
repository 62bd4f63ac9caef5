// Fuzzing bad input: property-based requests built from each route's request schema in the OpenAPI
// document, then broken (wrong types, missing and unknown fields, huge strings, unicode edge cases,
// negative and huge numbers, malformed JSON and CSV). No answer may be a 500, and a batch of rejected
// requests leaves the database unchanged (row counts of every table, audit records included).
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { permissionTable, type Permission } from '../src/platform/access.js';
import { addUser, Client, signUp } from './helpers/client.js';
import { signInOperator } from './helpers/operator.js';
import { target, targetKinds, type Target } from './helpers/server.js';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; enum?: unknown[]; const?: unknown; format?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number };

const perRoute = Number(process.env.FUZZ_RUNS ?? 70);

/** A value that fits the schema (roughly): the starting point that is then broken. */
function valid(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return valid(schema.anyOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => schema.required?.includes(k)).map(([k, v]) => [k, valid(v, depth + 1)]));
  }
  if (type === 'array') return [valid(schema.items, depth + 1)];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uri') return 'https://example.com';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

const nasty = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.double({ noNaN: false }),
  fc.constant(Number.MAX_SAFE_INTEGER * 10),
  fc.constant(-1),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constant('\u0000\uD800\uFEFF\u202E'),
  fc.constant('𝕏'.repeat(300)),
  fc.constant('x'.repeat(100_000)),
  fc.constant('<script>alert(1)</script>'),
  fc.constant("'; drop table tenants; --"),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** Breaks a valid body: a field of the wrong type, a missing required field, an unknown field, or a nasty value anywhere. */
function broken(schema: Schema | undefined): fc.Arbitrary<{ raw?: string; body?: unknown }> {
  const base = valid(schema);
  const keys = base && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base as object) : [];
  const options: fc.Arbitrary<{ raw?: string; body?: unknown }>[] = [
    nasty.map((value) => ({ body: value })),
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '"str"', '{"__proto__":{"x":1}}', '\u0000', 'a,b\n"unterminated').map((raw) => ({ raw })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), nasty).map(([key, value]) => ({ body: { ...(base as object), [`${key}_x`]: value } })),
  ];
  if (keys.length) {
    options.push(fc.tuple(fc.constantFrom(...keys), nasty).map(([key, value]) => ({ body: { ...(base as object), [key]: value } })));
    options.push(fc.constantFrom(...keys).map((key) => ({ body: Object.fromEntries(Object.entries(base as object).filter(([k]) => k !== key)) })));
  }
  return fc.oneof(...options);
}

async function rowCounts(t: Target) {
  const tables = await query<{ table_name: string }>(t.app.platform.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('rate_limits', 'idempotency_keys') order by table_name`);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from ${sql.identifier(table_name)}`);
    counts[table_name] = row!.n;
  }
  return counts;
}

describe.each(targetKinds())('fuzzing bad input on %s', (kind) => {
  // Its length grows with the number of routes (over 5,000 requests per database): more than the default minute.
  it(`every route with a request body or query, ${perRoute} broken requests each: no 500, rejected batches change nothing`, async () => {
    // Accepted requests may change program-wide data (agreements, holidays…): a database of its own.
    const t = await target(kind, { instance: 'fuzz', isolated: true });
    const routeAccess = t.app.routeAccess;
    const doc = (await new Client(t.url).request<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string; schema: Schema }[] }>> }>('GET', '/v1/openapi.json')).body;
    // One caller per permission: a partner global admin, the operator admin, a publisher owner.
    const partner = await signUp(t);
    const operator = await signInOperator(t);
    const publisher = await signUp(t);
    const owner = await addUser(t, publisher.client, ['publisherOwner']);
    const agent = await addUser(t, partner.client, ['adminAgent']);
    const callerFor = (access: string) => {
      if (access === 'public') return new Client(t.url);
      if (access.startsWith('delegated:') || access === 'signedIn') return partner.client;
      const roles = permissionTable[access as Permission];
      if (roles.includes('globalAdmin')) return partner.client;
      if (roles.includes('adminAgent')) return agent.client;
      if (roles.includes('operatorAdmin')) return operator;
      return owner.client;
    };
    let requests = 0;
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/') || path === '/v1/auth/sessions/current') continue;
      for (const [method, operation] of Object.entries(methods)) {
        const upper = method.toUpperCase();
        const key = `${upper} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const content = operation.requestBody?.content ?? {};
        const csv = 'text/csv' in content;
        const bodySchema = content['application/json']?.schema;
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
        if (!bodySchema && !csv && queryParams.length === 0) continue;
        const caller = callerFor(routeAccess[key] ?? 'signedIn');
        const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'token' ? 'cc_fuzz_token' : name === 'country' ? 'FR' : name === 'dunsNumber' ? '123456789' : '00000000-0000-4000-8000-00000000f022'));
        type Sample = { raw?: string; body?: unknown; query?: string; csv: boolean };
        const arbitrary: fc.Arbitrary<Sample> = (
          csv
            ? fc.oneof(fc.string({ maxLength: 200 }), fc.constant('tenantId\n=cmd|calc\n"x'), fc.constant('a,b,c\n'.repeat(50)), fc.constant('\uFEFFdunsNumber,legalName\n12,\u0000')).map((raw) => ({ raw, csv: true }))
            : bodySchema
              ? broken(bodySchema).map((b) => ({ ...b, csv: false }))
              : fc.tuple(fc.constantFrom(...queryParams.map((p) => p.name)), nasty).map(([name, value]) => ({
                  // Lone surrogates cannot be percent-encoded as UTF-8: some queries carry broken escapes instead.
                  query: typeof value === 'string' && value.length % 7 === 3 ? `${name}=%E0%A4%A` : `${name}=${encodeURIComponent((typeof value === 'string' ? value.slice(0, 2000) : JSON.stringify(value) ?? '').replace(/[\uD800-\uDFFF]/g, '?'))}`,
                  csv: false,
                }))
        ) as fc.Arbitrary<Sample>;
        const samples = fc.sample(arbitrary, { numRuns: perRoute, seed: 20261123 });
        const before = await rowCounts(t);
        let allRejected = true;
        for (const sample of samples) {
          const url = sample.query ? `${concrete}?${sample.query}` : concrete;
          const headers: Record<string, string> = { 'content-type': sample.csv ? 'text/csv' : 'application/json' };
          const response =
            sample.raw !== undefined
              ? await caller.request(upper, url, { raw: sample.raw, headers })
              : sample.body !== undefined
                ? await caller.request(upper, url, { raw: JSON.stringify(sample.body) ?? 'null', headers })
                : await caller.request(upper, url, upper === 'GET' || upper === 'DELETE' ? {} : { raw: '{}', headers });
          requests++;
          if (response.status >= 500) failures.push(`${upper} ${url.slice(0, 120)} → ${response.status} ${response.text.slice(0, 200)}`);
          if (response.status < 400) allRejected = false;
          // The OAuth token endpoint answers errors as RFC 6749 §5.2 requires (application/json with
          // `error`), carrying the problem fields (`code`, `status`, …) as well.
          const contentType = String(response.headers.get('content-type'));
          const oauthError = path === '/v1/oauth/token' && contentType.includes('application/json') && typeof (response.body as { error?: unknown; code?: unknown })?.error === 'string' && typeof (response.body as { code?: unknown })?.code === 'string';
          if (response.status >= 400 && !contentType.includes('application/problem+json') && !oauthError) failures.push(`${upper} ${path} → ${response.status} without problem+json`);
        }
        if (allRejected) {
          const after = await rowCounts(t);
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${upper} ${path}: rejected requests changed the database`);
        }
      }
    }
    console.log(`fuzzing (${kind}): ${requests} requests, ${failures.length} failures`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(5000); // over 10,000 across the two databases
  }, 180_000);
});
