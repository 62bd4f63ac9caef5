// What the SDK's and the CLI's tests start from, made through the API as a partner would: a personal
// access token, an app's client credentials, customers created by a provider; and a webhook receiver
// listening on loopback.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uniqueEmail, type Client } from '../test/helpers/client.js';
import type { Parties } from '../test/helpers/commerce.js';
import type { Target } from '../test/helpers/server.js';

/** A personal access token of the signed-in user (its session passed a second factor, as the API requires). */
export async function personalAccessToken(client: Client, name = 'SDK test'): Promise<string> {
  const created = await client.post('/v1/me/tokens', { name, expiresInDays: 30 });
  if (created.status !== 201) throw new Error(`creating a token: ${created.status} ${created.text}`);
  return created.body.token;
}

/** An app of the admin's tenant with these permissions: its client ID and secret. */
export async function appCredentials(admin: Client, tenantId: string, permissions: string[]): Promise<{ clientId: string; clientSecret: string; appId: string }> {
  const created = await admin.request<{ id: string; clientId: string; clientSecret: string }>('POST', `/v1/tenants/${tenantId}/apps`, { body: { name: `SDK app ${randomBytes(3).toString('hex')}`, permissions } });
  if (created.status !== 201) throw new Error(`registering an app: ${created.status} ${created.text}`);
  return { clientId: created.body.clientId, clientSecret: created.body.clientSecret, appId: created.body.id };
}

/** `count` customers the provider's admin agent creates for its reseller (CUS-5), named after `label`; their IDs. */
export async function createdCustomers(parties: Parties, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = uniqueEmail('sdk-customer');
    const created = await parties.providerAgent.client.post('/v1/customers', {
      resellerTenantId: parties.reseller.tenantId,
      companyName: `${label} ${i}`,
      country: 'FR',
      billingProfile: { firstName: 'Léa', lastName: 'Martin', email, address: { addressLine1: '3 rue Oberkampf', city: 'Paris', postalCode: '75011', country: 'FR' }, language: 'fr' },
      admin: { firstName: 'Léa', lastName: 'Martin', email },
    });
    if (created.status !== 201) throw new Error(`creating a customer: ${created.status} ${created.text}`);
    ids.push(created.body.customer.id);
  }
  return ids;
}

export interface WebhookReceiver {
  url: string;
  received: { headers: IncomingHttpHeaders; body: string }[];
  /** Runs the app's deliveries until `count` more requests have arrived (at most 20 s). */
  next(t: Target, count: number): Promise<{ headers: IncomingHttpHeaders; body: string }[]>;
  close(): void;
}

/** An HTTP server on loopback that keeps each request's headers and raw body and answers 204. */
export async function webhookReceiver(): Promise<WebhookReceiver> {
  const received: WebhookReceiver['received'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let taken = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    async next(t, count) {
      const until = Date.now() + 20_000;
      while (received.length < taken + count) {
        if (Date.now() > until) throw new Error(`the receiver got ${received.length - taken} of ${count} deliveries`);
        await t.app.services.integrations.deliverWebhooks();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const batch = received.slice(taken, taken + count);
      taken += count;
      return batch;
    },
    close: () => server.close(),
  };
}

/**
 * Reads until `done` holds (at most 20 s). The change feed shows a committed event once no older
 * transaction is still running anywhere in the database, so a test reads it again until it is there.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
