// The API conventions every module relies on, through HTTP on each database: bad input is a 400
// problem+json that changes nothing, request IDs, idempotency keys, audit records, rate limits,
// health, and the OpenAPI document covering every route.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { sealer } from '../src/platform/auth/sealing.js';
import { expectAuthorization } from './helpers/authz.js';
import { Client, malformed, signUp, testPassword, uniqueEmail, type ApiResponse, type Problem, type RequestBody } from './helpers/client.js';
import { connectedPartners, tokenOf } from './helpers/commerce.js';
import { signInOperator } from './helpers/operator.js';
import { target, targetKinds, type Target } from './helpers/server.js';

async function rowCounts(t: Target) {
  const [row] = await query<{ tenants: number; users: number; audit: number; outbox: number }>(
    t.app.platform.db,
    sql`select (select count(*)::int from tenants) as tenants, (select count(*)::int from users) as users,
               (select count(*)::int from audit_records) as audit, (select count(*)::int from mail_outbox) as outbox`,
  );
  return row!;
}

const validTenant = () => ({ organizationName: 'Valid Org', country: 'US', admin: { displayName: 'V', email: uniqueEmail(), password: testPassword } });

describe.each(targetKinds())('API conventions on %s', (kind) => {
  describe('bad input: 400 problem+json naming the field, nothing written', () => {
    const cases: { name: string; send: (c: Client) => Promise<{ status: number; body: any; headers: Headers }>; code: string; path?: string; status?: number }[] = [
      { name: 'malformed JSON', send: (c) => c.request('POST', '/v1/tenants', { raw: '{"organizationName": "x",', headers: { 'content-type': 'application/json' } }), code: 'malformed_json' },
      { name: 'empty JSON body', send: (c) => c.request('POST', '/v1/tenants', { raw: '', headers: { 'content-type': 'application/json' } }), code: 'malformed_json' },
      { name: 'wrong type', send: (c) => c.post('/v1/tenants', malformed({ ...validTenant(), organizationName: 42 })), code: 'validation_failed', path: '/organizationName' },
      { name: 'number as string', send: (c) => c.post('/v1/tenants', malformed({ ...validTenant(), admin: { ...validTenant().admin, displayName: ['x'] } })), code: 'validation_failed', path: '/admin/displayName' },
      { name: 'missing field', send: (c) => c.post('/v1/tenants', malformed({ organizationName: 'x', admin: validTenant().admin })), code: 'validation_failed', path: '/country' },
      { name: 'unknown field', send: (c) => c.post('/v1/tenants', malformed({ ...validTenant(), plan: 'gold' })), code: 'validation_failed', path: '/plan' },
      { name: 'unknown nested field', send: (c) => c.post('/v1/tenants', malformed({ ...validTenant(), admin: { ...validTenant().admin, isRoot: true } })), code: 'validation_failed', path: '/admin/isRoot' },
      { name: 'string too long', send: (c) => c.post('/v1/tenants', { ...validTenant(), organizationName: 'x'.repeat(257) }), code: 'validation_failed', path: '/organizationName' },
      { name: 'body over 1 MB', send: (c) => c.post('/v1/tenants', { ...validTenant(), organizationName: 'x'.repeat(1_100_000) }), code: 'body_too_large' },
      { name: 'array instead of object', send: (c) => c.post('/v1/tenants', malformed([validTenant()])), code: 'validation_failed' },
      { name: 'not JSON at all', send: (c) => c.request('POST', '/v1/tenants', { raw: 'organizationName=x', headers: { 'content-type': 'text/plain' } }), code: 'unsupported_media_type', status: 415 },
      { name: 'unicode edge cases', send: (c) => c.post('/v1/tenants', { ...validTenant(), country: '\u0000\uFFFF' }), code: 'validation_failed', path: '/country' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const t = await target(kind);
        const before = await rowCounts(t);
        const response = await c.send(new Client(t.url));
        expect(response.status).toBe(c.status ?? 400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body).toMatchObject({ status: c.status ?? 400, code: c.code, requestId: response.headers.get('x-request-id') });
        expect(typeof response.body.detail).toBe('string');
        if (c.path) expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(c.path);
        expect(await rowCounts(t)).toEqual(before);
      });
    }

    it('query strings: out-of-range and wrong types are 400 naming the parameter', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      for (const [q, path] of [
        ['size=0', '/query/size'],
        ['size=501', '/query/size'],
        ['size=ten', '/query/size'],
        ['unknown=1', '/query/unknown'],
      ] as const) {
        const response = await client.get(`/v1/users?${q}`);
        expect(response.status, q).toBe(400);
        expect(response.body.errors![0].path, q).toBe(path);
      }
      const badId = await client.get('/v1/users/not-a-uuid');
      expect(badId.status).toBe(400);
      expect(badId.body.errors![0].path).toBe('/params/id');
    });

    it('cursors a client made up are 400 cursor_invalid, never a database error', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const notAnId = '------------------------------------';
      for (const path of [
        `/v1/relationships?cursor=${cursor(['2026-01-01T00:00:00.000Z', notAnId])}`,
        `/v1/audit-records?cursor=${cursor(['2026-01-01T00:00:00.000Z', notAnId])}`,
        `/v1/customers?cursor=${cursor(['A', notAnId])}`,
        `/v1/customers?cursor=${cursor(['A\u0000B', '00000000-0000-0000-0000-000000000000'])}`,
      ] as const) {
        const response = await client.get(path);
        expect(response.status, path).toBe(400);
        expect(response.body.errors![0], path).toMatchObject({ path: '/query/cursor', code: 'cursor_invalid' });
      }
    });

    it('cursor dates out of any database range are 400 cursor_invalid on every list (item 17)', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const id = '00000000-0000-4000-8000-000000000000';
      const times = ['+300000-01-01T00:00:00.000Z', '+200000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '300000', 'NaN', '2026-02-30T00:00:00.000Z', ''];
      for (const route of ['/v1/users', '/v1/audit-records', '/v1/relationships'] as const) {
        for (const time of times) {
          const response = await client.get(`${route}?cursor=${cursor([time, id])}`);
          expect(response.status, `${route} ${time}`).toBe(400);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(response.body.errors, `${route} ${time}`).toEqual([expect.objectContaining({ path: '/query/cursor', code: 'cursor_invalid' })]);
        }
        // The cursor of a real position still pages.
        expect((await client.get(`${route}?cursor=${cursor(['2000-01-01T00:00:00.000Z', id])}`)).status, route).toBe(200);
      }
    });

    it('a URI or headers too long are problem+json with a code like every other error (item 17)', async () => {
      const t = await target(kind);
      const client = new Client(t.url);
      // A path parameter longer than the router reads (maxParamLength).
      const longParam = await client.get(`/v1/users/${'a'.repeat(150)}`, { headers: { 'accept-language': 'fr' } });
      expect(longParam.status).toBe(414);
      expect(longParam.headers.get('content-type')).toContain('application/problem+json');
      expect(longParam.body).toMatchObject({ status: 414, code: 'uri_too_long', detail: "L'URL de la requête est trop longue.", requestId: longParam.headers.get('x-request-id') });
      // A request line longer than the HTTP server reads (its header size limit).
      const longUrl = await client.get(`/v1/users?q=${'a'.repeat(20_000)}`);
      expect(longUrl.status).toBe(414);
      expect(longUrl.headers.get('content-type')).toContain('application/problem+json');
      expect(longUrl.body).toMatchObject({ status: 414, code: 'uri_too_long', detail: 'The request URL is too long.' });
      const longHeader = await client.get('/v1/me', { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(longHeader.status).toBe(431);
      expect(longHeader.headers.get('content-type')).toContain('application/problem+json');
      expect(longHeader.body).toMatchObject({ status: 431, code: 'headers_too_large' });
      // A path that is no valid URL component.
      const badUrl = await client.get('/v1/users/%E0%A4%A');
      expect(badUrl.headers.get('content-type')).toContain('application/problem+json');
      expect(badUrl.body).toMatchObject({ status: 400, code: 'malformed_request' });
      expect((await client.get('/healthz')).status).toBe(200);
    });

    it('messages follow Accept-Language in the five languages', async () => {
      const t = await target(kind);
      const expected: Record<string, string> = {
        en: 'The request body is not valid JSON.',
        fr: "Le corps de la requête n'est pas un JSON valide.",
        'zh-CN': '请求正文不是有效的 JSON。',
        'zh-TW': '要求本文不是有效的 JSON。',
        id: 'Isi permintaan bukan JSON yang valid.',
        'de-DE': 'The request body is not valid JSON.',
      };
      for (const [language, detail] of Object.entries(expected)) {
        const response = await new Client(t.url).request<Problem>('POST', '/v1/tenants', { raw: '{', headers: { 'content-type': 'application/json', 'accept-language': language } });
        expect(response.body.detail, language).toBe(detail);
      }
    });
  });

  it('every response carries X-Request-Id, and MS-CorrelationId is echoed', async () => {
    const t = await target(kind);
    const client = new Client(t.url);
    const ok = await client.get('/healthz', { headers: { 'ms-correlationid': 'corr-123' } });
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('ms-correlationid')).toBe('corr-123');
    const missing = await client.request<Problem>('GET', '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('route_not_found');
    expect(missing.headers.get('x-request-id')).toBe(missing.body.requestId);
  });

  it('health and readiness', async () => {
    const t = await target(kind);
    const client = new Client(t.url);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await client.get('/readyz')).body).toEqual({ status: 'ready', database: kind });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, refuses a different body', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const body = { displayName: 'Once', email: uniqueEmail('idem'), roles: ['salesAgent'], password: testPassword };
      const headers = { 'idempotency-key': 'create-user-1' };
      const first = await client.post('/v1/users', body, { headers });
      const second = await client.post('/v1/users', body, { headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const [stored] = await query<{ response_body: string }>(t.app.platform.db, sql`select response_body from idempotency_keys where key = 'create-user-1' and scope = ${tenantId}`);
      expect(stored!.response_body).not.toContain(body.email); // kept encrypted
      const users = await client.get('/v1/users');
      expect(users.body.items.filter((u: { email: string }) => u.email === body.email)).toHaveLength(1);
      const different = await client.post('/v1/users', { ...body, displayName: 'Twice' }, { headers });
      expect(different.status).toBe(409);
      expect(different.body.code).toBe('idempotency_key_reused');
    });

    it('a replay never returns a one-time secret a second time: a temporary password, an invitation link (item 17)', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const stored = async (key: string) => {
        const [row] = await query<{ response_body: string }>(t.app.platform.db, sql`select response_body from idempotency_keys where key = ${key} and scope = ${parties.provider.tenantId}`);
        return sealer(t.app.platform.config.sessionSecret, 'idempotency').open(row!.response_body);
      };
      // CUS-5: the customer's admin and its temporary password.
      const email = uniqueEmail('idem-customer');
      const customer: RequestBody<'/v1/customers', 'post'> = {
        resellerTenantId: parties.reseller.tenantId,
        companyName: 'Idempotent SARL',
        country: 'FR',
        billingProfile: { firstName: 'Ana', lastName: 'Roy', email, address: { addressLine1: '3 rue Oberkampf', city: 'Paris', postalCode: '75011', country: 'FR' }, language: 'fr' },
        admin: { firstName: 'Ana', lastName: 'Roy', email },
      };
      const headers = { 'idempotency-key': 'customer-once' };
      const first = await parties.providerAgent.client.post('/v1/customers', customer, { headers });
      expect(first.status, first.text).toBe(201);
      const password: string = first.body.admin.temporaryPassword;
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(first.headers.get('idempotent-withheld')).toBeNull();
      const replay = await parties.providerAgent.client.post('/v1/customers', customer, { headers });
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.headers.get('idempotent-withheld')).toBe('/admin/temporaryPassword');
      expect(replay.body).toEqual({ ...first.body, admin: { ...first.body.admin, temporaryPassword: null } });
      expect(replay.text).not.toContain(password);
      expect(await stored('customer-once')).not.toContain(password); // not kept either
      expect((await new Client(t.url).signIn(email, password)).status).toBe(201); // the first answer's password works

      // REL-2: the invitation link, and the draft email that quotes it.
      const invitationKey = { 'idempotency-key': 'invitation-once' };
      const invited = await parties.provider.client.post('/v1/reseller-invitations', {}, { headers: invitationKey });
      expect(invited.status).toBe(201);
      const token = tokenOf(invited.body.link);
      expect(invited.body.draftEmail!.body).toContain(invited.body.link);
      const again = await parties.provider.client.post('/v1/reseller-invitations', {}, { headers: invitationKey });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-withheld')).toBe('/link, /draftEmail/body');
      expect(again.body).toEqual({ ...invited.body, link: null, draftEmail: { ...invited.body.draftEmail, body: null } });
      expect(again.text).not.toContain(token);
      expect(await stored('invitation-once')).not.toContain(token);
      expect((await parties.provider.client.get('/v1/reseller-invitations')).body.items.filter((i: { id: string }) => i.id === invited.body.id)).toHaveLength(1);
    });

    it('scopes keys per tenant', async () => {
      const t = await target(kind);
      const a = await signUp(t);
      const b = await signUp(t);
      const headers = { 'idempotency-key': 'same-key' };
      const first = await a.client.post('/v1/users', { displayName: 'A', email: uniqueEmail(), roles: ['salesAgent'], password: testPassword }, { headers });
      const second = await b.client.post('/v1/users', { displayName: 'B', email: uniqueEmail(), roles: ['salesAgent'], password: testPassword }, { headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.user.id).not.toBe(first.body.user.id);
    });
  });

  describe('audit records', () => {
    it('records each change with who, what, before/after and the request ID, never a secret', async () => {
      const t = await target(kind);
      const { client, tenantId, userId } = await signUp(t);
      const added = await client.post('/v1/users', { displayName: 'Audited', email: uniqueEmail(), roles: ['helpdeskAgent'], password: testPassword });
      const requestId = added.headers.get('x-request-id');
      const records = await client.get('/v1/audit-records?action=user.created');
      expect(records.status).toBe(200);
      const record = records.body.items.find((r) => r.resourceId === added.body.user.id);
      expect(record).toMatchObject({ actorUserId: userId, actorTenantId: tenantId, tenantId, action: 'user.created', resourceType: 'user', requestId, before: null });
      expect(record!.after).toMatchObject({ displayName: 'Audited', roles: ['helpdeskAgent'] });
      expect(new Date(record!.at).toISOString()).toBe(record!.at);
      await client.patch(`/v1/users/${added.body.user.id}`, { roles: ['salesAgent'] });
      const updated = await client.get('/v1/audit-records?resourceType=user&action=user.updated');
      expect(updated.body.items[0].before).toMatchObject({ roles: ['helpdeskAgent'] });
      expect(updated.body.items[0].after).toMatchObject({ roles: ['salesAgent'] });
      const all = await client.get('/v1/audit-records?size=500');
      expect(all.text).not.toContain(testPassword);
      expect(all.text).not.toMatch(/argon2|passwordHash|tokenHash/);
      expect(all.body.items.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['tenant.created', 'user.created', 'session.created', 'user.updated']));
    });

    it('a tenant sees only its own records; the operator sees every tenant', async () => {
      const t = await target(kind);
      const a = await signUp(t);
      const b = await signUp(t);
      const seenByB = await b.client.get('/v1/audit-records?size=500');
      expect(seenByB.body.items.every((r) => r.tenantId === b.tenantId || r.actorTenantId === b.tenantId)).toBe(true);
      const asked = await b.client.get(`/v1/audit-records?tenantId=${a.tenantId}`);
      expect(asked.status).toBe(403);
      const operator = await signInOperator(t);
      const seenByOperator = await operator.get(`/v1/audit-records?tenantId=${a.tenantId}`);
      expect(seenByOperator.status).toBe(200);
      expect(seenByOperator.body.items.some((r: { action: string }) => r.action === 'tenant.created')).toBe(true);
      const everything = await operator.get('/v1/audit-records?size=500');
      const tenants = new Set(everything.body.items.map((r) => r.tenantId));
      expect(tenants.size).toBeGreaterThan(1);
    });

    it('filters by date range and pages newest first', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      for (let i = 0; i < 3; i++) await client.patch('/v1/me', { displayName: `Name ${i}` });
      const page = await client.get('/v1/audit-records?size=2');
      expect(page.body.items).toHaveLength(2);
      const next = await client.get<'/v1/audit-records'>(page.body.links.next!.uri);
      const times = [...page.body.items, ...next.body.items].map((r) => Date.parse(r.at));
      expect(times).toEqual([...times].sort((x, y) => y - x));
      const future = await client.get(`/v1/audit-records?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
      expect(future.body.items).toEqual([]);
      const inverted = await client.get(`/v1/audit-records?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`);
      expect(inverted.status).toBe(400);
      expect(inverted.body.errors![0].code).toBe('date_range_invalid');
    });

    it('walking the pages gives every record once, newest first, as many as totalCount', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      for (let i = 0; i < 4; i++) await client.patch('/v1/me', { displayName: `Walker ${i}` });
      const all = await client.get('/v1/audit-records?size=500');
      const walked: { id: string }[] = [];
      let uri: string | undefined = '/v1/audit-records?size=2';
      while (uri) {
        const page: ApiResponse<'/v1/audit-records'> = await client.get<'/v1/audit-records'>(uri);
        expect(page.body.totalCount).toBe(all.body.totalCount);
        walked.push(...page.body.items);
        uri = page.body.links.next?.uri;
      }
      expect(walked.map((r) => r.id)).toEqual(all.body.items.map((r: { id: string }) => r.id));
      expect(all.body.items).toHaveLength(all.body.totalCount);
      expect(all.body.totalCount).toBeGreaterThanOrEqual(6);
    });

    it('counts a busy tenant\'s records up to 10,000, then says there are more (totalCountCapped)', async () => {
      const t = await target(kind);
      const { client, tenantId, userId } = await signUp(t);
      const small = await client.get('/v1/audit-records');
      expect(small.body.totalCountCapped).toBeUndefined();
      await t.app.platform.db.execute(sql`
        insert into audit_records (actor_user_id, actor_tenant_id, tenant_id, action, resource_type, request_id)
        select ${userId}, ${tenantId}, ${tenantId}, 'user.updated', 'user', 'bulk-' || i from generate_series(1, 10001) as i`);
      const busy = await client.get('/v1/audit-records?size=5');
      expect(busy.body).toMatchObject({ totalCount: 10_000, totalCountCapped: true });
      expect(busy.body.items).toHaveLength(5);
    });

    it('GET /v1/audit-records is open to the roles of the permission table', async () => {
      await expectAuthorization(await target(kind), {
        method: 'GET',
        path: () => '/v1/audit-records',
        allowed: ['globalAdmin', 'userManagementAdmin', 'adminAgent', 'billingAdmin'],
        otherTenant: 'own',
      });
    });
  });

  it('limits each tenant with 429 and Retry-After', async () => {
    const t = await target(kind, { instance: 'rate-limited', env: { TENANT_RATE_LIMIT: '5' } });
    const { client } = await signUp(t);
    const statuses: number[] = [];
    let limited: { status: number; body: any; headers: Headers } | undefined;
    for (let i = 0; i < 8; i++) {
      const response = await client.get('/v1/me');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(limited?.body.code).toBe('rate_limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    // another tenant is not affected
    const other = await signUp(t);
    expect((await other.client.get('/v1/me')).status).toBe(200);
  });

  describe('OpenAPI', () => {
    it('documents every route, each with a success and an error response schema', async () => {
      const t = await target(kind);
      type Document = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> } | undefined> | undefined> };
      const response = await new Client(t.url).request<Document>('GET', '/v1/openapi.json');
      expect(response.status).toBe(200);
      const doc = response.body;
      expect(doc.openapi).toBe('3.1.0');
      const apiRoutes = t.app.routes.filter((r) => (r.url.startsWith('/v1/') || r.url.startsWith('/healthz') || r.url.startsWith('/readyz')) && r.url !== '/v1/openapi.json');
      expect(apiRoutes.length).toBeGreaterThan(10);
      for (const route of apiRoutes) {
        const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
        const operation = doc.paths[openApiPath]?.[route.method.toLowerCase()];
        expect(operation, `${route.method} ${route.url} is documented`).toBeDefined();
        const codes = Object.keys(operation!.responses);
        // A route the browser is sent to (the single sign-on callback) succeeds with a redirect.
        expect(codes.some((c) => /^[23]/.test(c)), `${route.method} ${route.url} has a success response`).toBe(true);
        if (route.url.startsWith('/v1/')) expect(codes, `${route.method} ${route.url} has error responses`).toContain('4XX');
      }
      const docs = await new Client(t.url).get('/docs/');
      expect(docs.status).toBe(200);
      expect(docs.text).toContain('<html');
    });
  });
});
