// Events, the change feed and webhooks on a real database of their own (EVT-1, EVT-2), delivered over
// real HTTP to receivers listening on loopback. The app's clock moves through retries and the 5-day
// disabling; signatures are checked with the standardwebhooks package, not with the code that signs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { partnerRoles } from '../../platform/access.js';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser, malformed, signUp, type Client } from '../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../test/helpers/commerce.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import { endpointUrlProblem, nextAttemptDelaySeconds, retrySchedule } from './rules.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on loopback answering each request with what `answer` says (status and body). */
async function receiver(answer: (n: number) => { status: number; body?: string; location?: string } = () => ({ status: 204 })) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = answer(received.length);
      response.writeHead(reply.status, reply.location ? { location: reply.location } : {});
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  servers.push(server);
  return { url, received };
}
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

const payloadOf = (r: Received) => JSON.parse(r.body) as { type: string; timestamp: string; data: { id: string; eventName: string; tenantId: string; resource: Record<string, unknown>; resourceUri: string; auditUri: string } };

async function drain(t: Target) {
  await t.app.platform.jobs.drain();
}

async function feed(client: Client, after?: string, types?: string) {
  const params = new URLSearchParams();
  if (after) params.set('after', after);
  if (types) params.set('types', types);
  const response = await client.get(`/v1/events?${params}` as '/v1/events');
  expect(response.status, response.text).toBe(200);
  return response.body;
}

describe('integrations rules', () => {
  it('EVT-2 retries follow the Standard Webhooks schedule for more than 24 hours, then stop; https only in production', () => {
    expect(retrySchedule.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3600);
    expect(nextAttemptDelaySeconds(1)).toBe(5);
    expect(nextAttemptDelaySeconds(retrySchedule.length + 1)).toBeNull();
    expect(endpointUrlProblem('http://hooks.example.com/x', { production: true })).toBe('url_https_required');
    expect(endpointUrlProblem('https://hooks.example.com/x', { production: true })).toBeNull();
    expect(endpointUrlProblem('ftp://hooks.example.com/x', { production: false })).toBe('url_invalid');
    expect(endpointUrlProblem('https://user:pw@hooks.example.com/x', { production: false })).toBe('url_invalid');
  });
});

describe.each(targetKinds())('events and webhooks on %s', (kind) => {
  it('EVT-1 EVT-2 a checkout raises events for each tier in its own shape; the feed, signed deliveries, retries, redelivery, test events, rotation, disabling', async () => {
    let clock = new Date('2027-05-10T10:00:00.000Z');
    const t = await target(kind, { instance: 'events', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const provider = parties.provider.client;
    const reseller = parties.reseller.client;

    // Endpoints of the provider and of the reseller; bad URLs are refused and change nothing.
    const bad = await provider.post('/v1/webhook-endpoints', { url: 'ftp://example.com/x' }, { headers: { 'accept-language': 'fr' } });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors?.[0]).toMatchObject({ path: '/url', code: 'url_invalid' });
    expect(bad.body.errors?.[0]?.message).toContain('URL');
    const unknownType = await provider.post('/v1/webhook-endpoints', malformed({ url: 'https://example.com/x', eventTypes: ['no-such-event'] }));
    expect(unknownType.status).toBe(400);
    expect(await query(db, sql`select * from webhook_endpoints`)).toEqual([]);

    const providerHook = await receiver();
    const created = await provider.post('/v1/webhook-endpoints', { url: providerHook.url, description: 'ERP' });
    expect(created.status, created.text).toBe(201);
    const endpoint = created.body;
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await provider.get(`/v1/webhook-endpoints/${endpoint.id}`)).body).not.toHaveProperty('secret');
    const resellerHook = await receiver();
    const resellerEndpoint = (await reseller.post('/v1/webhook-endpoints', { url: resellerHook.url, eventTypes: ['subscription-created', 'order-created'] })).body;

    // A checkout: one order and one subscription, each raising an event for customer, reseller and provider.
    const bought = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1M', billingCycle: 'monthly' })]);
    expect(bought.status, bought.text).toBe(201);
    const subscriptionId = bought.body.orders[0].lineItems[0].subscriptionId as string;
    const providerFeed = await feed(provider);
    const names = providerFeed.items.map((e) => e.eventName);
    expect(names).toEqual(expect.arrayContaining(['order-created', 'subscription-created']));
    const subscriptionEvent = providerFeed.items.find((e) => e.eventName === 'subscription-created')!;
    expect(subscriptionEvent).toMatchObject({ resourceId: subscriptionId, resourceUri: `/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}`, tenantId: parties.provider.tenantId });
    // PRC-4: each tier's event carries the resource as the API shows that tier, nothing of another's.
    const asProvider = (await provider.get(`/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}`)).body;
    expect(Object.keys(subscriptionEvent.resource as object).sort()).toEqual(Object.keys(asProvider).sort());
    const resellerEvent = (await feed(reseller)).items.find((e) => e.eventName === 'subscription-created')!;
    const customerEvent = (await feed(customer.client)).items.find((e) => e.eventName === 'subscription-created')!;
    expect(JSON.stringify(resellerEvent.resource)).not.toContain('providerCost');
    expect(JSON.stringify(customerEvent.resource)).not.toMatch(/providerCost|resellerPrice/);
    // The audit URI answers with the record the event came from.
    const audit = await provider.get(subscriptionEvent.auditUri as '/v1/audit-records/{id}');
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body).toMatchObject({ action: 'subscription.created', resourceId: subscriptionId });
    // EVT-1: the feed reads on from its cursor; nothing is new yet; a filter by name; a bad cursor is refused.
    const again = await feed(provider, providerFeed.cursor);
    expect(again.items).toEqual([]);
    expect(again.cursor).toBe(providerFeed.cursor);
    expect((await feed(provider, undefined, 'order-created')).items.map((e) => e.eventName)).toEqual(['order-created']);
    for (const after of ['bm9wZQ', Buffer.from('99999999999999999999.9999999999999999999').toString('base64url')]) {
      const badCursor = await provider.get(`/v1/events?after=${after}` as '/v1/events');
      expect([badCursor.status, badCursor.body.errors?.[0]?.path]).toEqual([400, '/query/after']);
    }
    // A tenant never sees another tenant's events.
    const stranger = await signUp(t);
    expect((await feed(stranger.client)).items.filter((e) => e.tenantId !== stranger.tenantId)).toEqual([]);
    expect((await feed(stranger.client)).items.map((e) => e.resourceId)).not.toContain(subscriptionId);
    const [{ n: foreign }] = (await query<{ n: number }>(db, sql`select count(*)::int as n from events where tenant_id not in (${parties.provider.tenantId}, ${parties.reseller.tenantId}, ${customer.tenantId}) and resource_id = ${subscriptionId}`)) as [{ n: number }];
    expect(foreign).toBe(0);

    // EVT-2: deliveries after commit, signed, each to its own tenant's endpoint only.
    await drain(t);
    const providerEvents = providerHook.received.map(payloadOf);
    expect(providerEvents.map((p) => p.type)).toEqual(expect.arrayContaining(['order-created', 'subscription-created']));
    expect(providerEvents.every((p) => p.data.tenantId === parties.provider.tenantId)).toBe(true);
    const verifier = new Webhook(endpoint.secret);
    for (const r of providerHook.received) expect(() => verifier.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
    const tampered = providerHook.received[0]!;
    expect(() => verifier.verify(tampered.body.replace('"type"', '"typo"'), tampered.headers as Record<string, string>)).toThrow();
    expect(resellerHook.received.map(payloadOf).map((p) => p.type).sort()).toEqual(['order-created', 'subscription-created']);
    expect(resellerHook.received.every((r) => payloadOf(r).data.tenantId === parties.reseller.tenantId)).toBe(true);
    const log = await provider.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(log.status, log.text).toBe(200);
    expect(log.body.items.every((d) => d.status === 'succeeded' && d.attempts === 1 && d.lastAttempt?.statusCode === 204)).toBe(true);
    // Another tenant's endpoint and log are not found.
    expect((await reseller.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`)).status).toBe(404);
    expect((await reseller.post(`/v1/webhook-endpoints/${endpoint.id}/test`)).status).toBe(404);

    // A rolled-back change raises nothing: a refused seat change (below assigned licences is not it: a credit limit) writes no event.
    const beforeRefusal = await query<{ n: number }>(db, sql`select count(*)::int as n from events`);
    expect((await provider.put(`/v1/credit-terms/${parties.reseller.tenantId}`, { currency: 'EUR', creditLimit: '0.01' })).status).toBe(200);
    const refused = await provider.patch(`/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}`, { quantity: 30 });
    expect(refused.body.code).toBe('credit_limit_exceeded');
    const afterRefusal = await query<{ n: number }>(db, sql`select count(*)::int as n from events where event_type <> 'credit-terms-updated'`);
    expect(afterRefusal[0]!.n).toBe(beforeRefusal[0]!.n);
    expect((await provider.put(`/v1/credit-terms/${parties.reseller.tenantId}`, { currency: 'EUR', creditLimit: null })).status).toBe(200);

    // A receiver failing every other request still gets every event: the retry is due 5 s later, same webhook-id.
    // (Its error page holds a NUL, which the database cannot keep: the log keeps the rest.)
    const flaky = await receiver((n) => (n % 2 === 1 ? { status: 500, body: `\u0000${'x'.repeat(5000)}` } : { status: 200, body: 'ok' }));
    const flakyEndpoint = (await provider.post('/v1/webhook-endpoints', { url: flaky.url, eventTypes: ['subscription-updated'] })).body;
    const changed = await provider.patch(`/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}`, { autoRenewEnabled: false });
    expect(changed.status, changed.text).toBe(200);
    await drain(t);
    expect(flaky.received.length).toBe(1);
    const pending = (await provider.get(`/v1/webhook-endpoints/${flakyEndpoint.id}/deliveries`)).body.items[0]!;
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastAttempt: { statusCode: 500 } });
    expect(pending.lastAttempt!.responseExcerpt).toBe('x'.repeat(1023));
    expect(new Date(pending.nextAttemptAt!).getTime() - clock.getTime()).toBe(5000);
    clock = new Date(clock.getTime() + 5000);
    await t.app.platform.jobs.enqueueOnce('webhooks.deliver');
    await drain(t);
    expect(flaky.received.length).toBe(2);
    expect(flaky.received[1]!.headers['webhook-id']).toBe(flaky.received[0]!.headers['webhook-id']);
    const detail = await provider.get(`/v1/webhook-endpoints/${flakyEndpoint.id}/deliveries/${pending.id}`);
    expect(detail.body).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(detail.body.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);

    // Redelivery of one event keeps its webhook-id; a test event goes to that endpoint only.
    const eventId = payloadOf(providerHook.received[0]!).data.id;
    const countBefore = providerHook.received.length;
    const redelivered = await provider.post(`/v1/webhook-endpoints/${endpoint.id}/redeliveries`, { eventId });
    expect([redelivered.status, redelivered.body.queued]).toEqual([202, 1]);
    expect((await provider.post(`/v1/webhook-endpoints/${endpoint.id}/redeliveries`, { eventId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const badRange = await provider.post(`/v1/webhook-endpoints/${endpoint.id}/redeliveries`, { from: '2027-05-10T00:00:00.000Z', to: '2027-07-10T00:00:00.000Z' });
    expect([badRange.status, badRange.body.errors?.[0]?.code]).toEqual([400, 'range_invalid']);
    const test = await provider.post(`/v1/webhook-endpoints/${endpoint.id}/test`);
    expect(test.status, test.text).toBe(202);
    await drain(t);
    const latest = providerHook.received.slice(countBefore).map((r) => ({ id: r.headers['webhook-id'], type: payloadOf(r).type }));
    expect(latest).toEqual(expect.arrayContaining([{ id: `msg_${eventId}`, type: payloadOf(providerHook.received[0]!).type }, { id: expect.any(String), type: 'webhook-test' }]));
    expect(flaky.received.map(payloadOf).some((p) => p.type === 'webhook-test')).toBe(false);
    // Events carry the database's time of the change (as audit records do).
    const range = await provider.post(`/v1/webhook-endpoints/${endpoint.id}/redeliveries`, { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() });
    expect(range.body.queued).toBeGreaterThanOrEqual(2);

    // Rotation: the new secret and the previous one both sign for 24 hours.
    const rotated = await provider.post(`/v1/webhook-endpoints/${endpoint.id}/secret-rotations`);
    expect(rotated.status, rotated.text).toBe(201);
    await provider.post(`/v1/webhook-endpoints/${endpoint.id}/test`);
    await drain(t);
    const signedTwice = providerHook.received.at(-1)!;
    expect(String(signedTwice.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => new Webhook(rotated.body.secret).verify(signedTwice.body, signedTwice.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(signedTwice.body, signedTwice.headers as Record<string, string>)).not.toThrow();

    // No redirect is followed: a 302 is a failed attempt.
    const redirecting = await receiver(() => ({ status: 302, location: providerHook.url }));
    const redirectEndpoint = (await provider.post('/v1/webhook-endpoints', { url: redirecting.url })).body;
    const received = providerHook.received.length;
    await provider.post(`/v1/webhook-endpoints/${redirectEndpoint.id}/test`);
    await drain(t);
    expect(providerHook.received.length).toBe(received);
    expect((await provider.get(`/v1/webhook-endpoints/${redirectEndpoint.id}/deliveries`)).body.items[0]).toMatchObject({ status: 'pending', lastAttempt: { statusCode: 302, error: 'redirect not followed' } });

    // An endpoint failing for 5 days is disabled and its global admins mailed.
    const down = await receiver(() => ({ status: 503 }));
    const downEndpoint = (await provider.post('/v1/webhook-endpoints', { url: down.url })).body;
    await provider.post(`/v1/webhook-endpoints/${downEndpoint.id}/test`);
    await drain(t);
    expect((await provider.get(`/v1/webhook-endpoints/${downEndpoint.id}`)).body).toMatchObject({ status: 'active', failingSince: clock.toISOString() });
    clock = new Date(clock.getTime() + 5 * 24 * 3600 * 1000);
    await provider.post(`/v1/webhook-endpoints/${downEndpoint.id}/test`);
    await drain(t);
    expect((await provider.get(`/v1/webhook-endpoints/${downEndpoint.id}`)).body).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    const mails = await query<{ to_address: string; subject: string }>(db, sql`select to_address, subject from mail_outbox where template = 'webhookDisabled'`);
    // (The redirecting endpoint has failed for as long: it is disabled too.)
    expect(mails.filter((m) => m.subject.includes(down.url)).map((m) => m.to_address)).toContain(parties.provider.email);
    // Re-enabled, it is delivered to again.
    const enabled = await provider.patch(`/v1/webhook-endpoints/${downEndpoint.id}`, { status: 'active' });
    expect(enabled.body).toMatchObject({ status: 'active', failingSince: null, disabledReason: null });
    expect((await provider.delete(`/v1/webhook-endpoints/${downEndpoint.id}`)).status).toBe(204);
    expect((await provider.get(`/v1/webhook-endpoints/${downEndpoint.id}`)).status).toBe(404);
    expect((await provider.get('/v1/webhook-endpoints')).body.items.map((e) => e.id)).not.toContain(downEndpoint.id);

    // The month-end run: each recipient's documents are invoice-ready events, for the recipient only.
    clock = new Date('2027-06-02T00:00:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    await drain(t);
    const ready = (await feed(reseller, undefined, 'invoice-ready')).items;
    expect(ready.length, 'the reseller is invoiced by its provider').toBeGreaterThan(0);
    expect(ready.every((e) => e.tenantId === parties.reseller.tenantId && (e.resource as { recipient: { tenantId: string } }).recipient.tenantId === parties.reseller.tenantId)).toBe(true);
    const invoice = await reseller.get(ready[0]!.resourceUri as '/v1/invoices/{id}');
    expect(invoice.status, invoice.text).toBe(200);
    void resellerEndpoint;
  });

  it('EVT-2 every delivery goes through the outbound guard: a loopback endpoint is refused when private addresses are not allowed', async () => {
    const t = await target(kind, { instance: 'events-guarded', env: { OUTBOUND_ALLOW_PRIVATE: '0' } });
    const admin = await signUp(t);
    const hook = await receiver();
    const endpoint = (await admin.client.post('/v1/webhook-endpoints', { url: hook.url })).body;
    expect((await admin.client.post(`/v1/webhook-endpoints/${endpoint.id}/test`)).status).toBe(202);
    await t.app.platform.jobs.drain();
    expect(hook.received).toEqual([]);
    const log = (await admin.client.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`)).body.items[0]!;
    expect(log.lastAttempt).toMatchObject({ statusCode: null, error: expect.stringContaining('address refused') });
  });

  it('EVT-1 EVT-2 who may read the feed and manage endpoints, as every role of the owner and from another tenant', async () => {
    const t = await target(kind, { instance: 'events-authz' });
    const endpointOf = new Map<string, string>();
    const ownEndpoint = async (owner: { admin: { client: Client }; tenantId: string }) => {
      if (!endpointOf.has(owner.tenantId)) endpointOf.set(owner.tenantId, (await owner.admin.client.post('/v1/webhook-endpoints', { url: 'https://hooks.example.com/x' })).body.id);
      return endpointOf.get(owner.tenantId)!;
    };
    const managers = partnerRoles.filter((r) => r === 'globalAdmin');
    let cases = 0;
    cases += (await expectAuthorization(t, { method: 'GET', path: () => '/v1/events', allowed: ['globalAdmin', 'adminAgent'], otherTenant: 'own' })).cases;
    cases += (await expectAuthorization(t, { method: 'GET', path: () => '/v1/event-types', allowed: ['globalAdmin', 'adminAgent'], otherTenant: 'own' })).cases;
    cases += (await expectAuthorization(t, { method: 'GET', path: () => '/v1/webhook-endpoints', allowed: managers, otherTenant: 'own' })).cases;
    cases += (await expectAuthorization(t, { method: 'POST', path: () => '/v1/webhook-endpoints', body: () => ({ url: 'https://hooks.example.com/y' }), allowed: managers, otherTenant: 'own' })).cases;
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { description: 'changed' }],
      ['GET', '/deliveries', undefined],
      ['POST', '/test', undefined],
      ['POST', '/secret-rotations', undefined],
      ['POST', '/redeliveries', { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' }],
    ] as const) {
      cases += (
        await expectAuthorization(t, { method, path: async (owner) => `/v1/webhook-endpoints/${await ownEndpoint(owner)}${suffix}`, body: body ? () => body : undefined, allowed: managers, otherTenant: 'notFound' })
      ).cases;
    }
    expect(cases).toBeGreaterThan(50);
    // A customer's global admin has its own feed and endpoints too.
    const customerAdmin = await signUp(t);
    const helpdesk = await addUser(t, customerAdmin.client, ['helpdeskAgent']);
    expect((await helpdesk.client.get('/v1/events')).status).toBe(403);
  });
});
