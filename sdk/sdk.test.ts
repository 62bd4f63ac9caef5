// The SDK against the real app over HTTP, on each database: a personal access token and an app's
// client credentials as bearer tokens, typed calls, every page of a real collection followed through
// links.next, refusals as ApiError with the problem's code, the change feed read and resumed from
// its cursor, and a real webhook delivery (to a receiver on loopback) checked with verifyWebhook.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from '../test/helpers/commerce.js';
import { target, targetKinds, type Target } from '../test/helpers/server.js';
import { ApiError, createClient, eventPages, events, pages, paginate, requestAppToken, unwrap, verifyWebhook, WebhookVerificationError } from './src/index.js';
import { appCredentials, createdCustomers, eventually, personalAccessToken, webhookReceiver, type WebhookReceiver } from './test-fixtures.js';

describe.each(targetKinds())('the SDK on %s', (kind) => {
  let t: Target;
  let parties: Parties;
  let token: string;
  let label: string;
  let customerIds: string[];

  beforeAll(async () => {
    t = await target(kind);
    parties = await connectedPartners(t);
    token = await personalAccessToken(parties.providerAgent.client);
    label = `Paged ${randomBytes(3).toString('hex')}`;
    customerIds = await createdCustomers(parties, 5, label);
  });

  it('calls typed routes with a personal access token', async () => {
    const client = createClient({ baseUrl: t.url, token });
    const me = await unwrap(client.GET('/v1/me'));
    expect(me.user.id).toBe(parties.providerAgent.userId);
    expect(me.tenant.id).toBe(parties.provider.tenantId);
    const customer = await unwrap(client.GET('/v1/customers/{id}', { params: { path: { id: customerIds[0]! } } }));
    expect(customer.companyName).toBe(`${label} 0`);
  });

  it('paginate follows links.next.uri through every page of a real collection', async () => {
    const client = createClient({ baseUrl: `${t.url}/`, token });
    const seen: string[] = [];
    for await (const customer of paginate(client, '/v1/customers', { params: { query: { q: label, size: 2 } } })) seen.push(customer.id);
    expect(seen.sort()).toEqual([...customerIds].sort());
    const sizes: number[] = [];
    let totalCount = 0;
    for await (const page of pages(client, '/v1/customers', { params: { query: { q: label, size: 2 } } })) {
      sizes.push(page.items.length);
      totalCount = page.totalCount;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(totalCount).toBe(5);
    // Stopping early reads no further page.
    let taken = 0;
    for await (const _ of paginate(client, '/v1/customers', { params: { query: { q: label, size: 2 } } })) if (++taken === 3) break;
    expect(taken).toBe(3);
  });

  it("exchanges an app's client credentials for a token, renewed as needed, and acts with the app's permissions", async () => {
    const app = await appCredentials(parties.reseller.client, parties.reseller.tenantId, ['customers.read', 'users.read']);
    const answer = await requestAppToken({ baseUrl: t.url, ...app, scope: 'users.read' });
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'users.read' });
    const client = createClient({ baseUrl: t.url, clientCredentials: app });
    const customers = [];
    for await (const customer of paginate(client, '/v1/customers', { params: { query: { q: label } } })) customers.push(customer);
    expect(customers).toHaveLength(5);
    const users = await unwrap(client.GET('/v1/users'));
    expect(users.items.map((u) => u.id)).toContain(parties.reseller.userId);
    // Routes of a signed-in person refuse apps.
    await expect(unwrap(client.GET('/v1/me'))).rejects.toMatchObject({ status: 403, code: 'app_not_allowed' });
    const wrong = await requestAppToken({ baseUrl: t.url, clientId: app.clientId, clientSecret: 'not-the-secret' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect(wrong).toMatchObject({ status: 401, code: expect.any(String), problem: { error: 'invalid_client' } });
  });

  it('answers refusals as ApiError: the status, the problem code, its fields and request ID', async () => {
    const client = createClient({ baseUrl: t.url, token });
    const missing = await unwrap(client.GET('/v1/customers/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, code: expect.any(String), requestId: expect.any(String) });
    const invalid = await unwrap(client.GET('/v1/customers', { params: { query: { size: 9999 } } })).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed', problem: { errors: [expect.objectContaining({ path: '/query/size' })] } });
    const anonymous = await unwrap(createClient({ baseUrl: t.url, token: 'not-a-token' }).GET('/v1/me')).catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401 });
  });
});

describe.each(targetKinds())('the SDK with events and webhooks on %s', (kind) => {
  let receiver: WebhookReceiver;
  afterAll(() => receiver?.close());

  it("reads the tenant's change feed, resumes from a page's cursor, and verifies a real delivery's signature", async () => {
    const t = await target(kind);
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const client = createClient({ baseUrl: t.url, token: await personalAccessToken(parties.provider.client) });

    let cursor: string | undefined;
    for await (const page of eventPages(client, { size: 5 })) cursor = page.cursor;
    expect(cursor).toEqual(expect.any(String));
    const bought = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 2 })]);
    expect(bought.status, bought.text).toBe(201);
    const subscriptionId = bought.body.orders![0]!.lineItems[0]!.subscriptionId;
    const readOn = async () => {
      const read = [];
      for await (const event of events(client, { after: cursor })) read.push(event);
      return read;
    };
    const news = await eventually(readOn, (read) => read.some((e) => e.resourceId === subscriptionId));
    expect(news.map((e) => e.eventName)).toEqual(expect.arrayContaining(['order-created', 'subscription-created']));
    expect(news.find((e) => e.eventName === 'subscription-created')).toMatchObject({ resourceId: subscriptionId, tenantId: parties.provider.tenantId });
    const only = [];
    for await (const event of events(client, { after: cursor, types: ['subscription-created'] })) only.push(event.eventName);
    expect(only).toEqual(['subscription-created']);
    let last = cursor;
    for await (const page of eventPages(client, { after: cursor })) last = page.cursor;
    const nothingNew = [];
    for await (const page of eventPages(client, { after: last })) nothingNew.push(page);
    expect(nothingNew.map((p) => [p.items, p.cursor, p.hasMore])).toEqual([[[], last, false]]);

    receiver = await webhookReceiver();
    const endpoint = await unwrap(client.POST('/v1/webhook-endpoints', { body: { url: receiver.url, eventTypes: ['webhook-test'], description: 'SDK test' } }));
    const delivery = await unwrap(client.POST('/v1/webhook-endpoints/{id}/test', { params: { path: { id: endpoint.id } } }));
    expect(delivery).toMatchObject({ endpointId: endpoint.id, eventName: 'webhook-test' });
    const [received] = await receiver.next(t, 1);
    const message = verifyWebhook(received!.body, received!.headers, endpoint.secret);
    expect(message).toMatchObject({ type: 'webhook-test', data: { eventName: 'webhook-test', id: delivery.eventId, tenantId: parties.provider.tenantId } });
    expect(received!.headers['webhook-id']).toBe(delivery.webhookId);
    expect(() => verifyWebhook(received!.body.replace('webhook-test', 'webhook-tost'), received!.headers, endpoint.secret)).toThrow(WebhookVerificationError);
    const rotated = await unwrap(client.POST('/v1/webhook-endpoints/{id}/secret-rotations', { params: { path: { id: endpoint.id } } }));
    expect(() => verifyWebhook(received!.body, received!.headers, rotated.secret)).toThrow(WebhookVerificationError);
    await unwrap(client.DELETE('/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } } }));
  });
});
