// Retry-After on 429 and 503, against a loopback server this test starts: the client waits as asked
// (seconds or an HTTP date), sends the same request again (body and headers included), gives up after
// a bounded number of attempts, and does not wait longer than it is willing to.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, retryAfterMs, unwrap, ApiError } from './src/index.js';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: string;
  at: number;
}

/** Answers each request with the next of `script` (the last one repeats). */
function loopback() {
  let script: { status: number; headers?: Record<string, string>; body?: unknown }[] = [];
  const seen: Seen[] = [];
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, idempotencyKey: request.headers['idempotency-key'] as string | undefined, body, at: Date.now() });
    const answer = script[Math.min(seen.length - 1, script.length - 1)]!;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body ?? { code: `status_${answer.status}`, detail: 'scripted', requestId: 'r1' }));
  });
  return {
    server,
    seen,
    play(next: typeof script) {
      script = next;
      seen.length = 0;
    },
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

const fake = loopback();
const me = { user: { id: 'u1' }, tenant: { id: 't1' } };

beforeAll(async () => {
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => fake.server.close(() => resolve()));
});

describe('Retry-After', () => {
  it('waits the seconds a 429 asks for, then sends the same request again', async () => {
    fake.play([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: me }]);
    const client = createClient({ baseUrl: fake.url(), token: 'pat_secret' });
    const started = Date.now();
    const answer = await unwrap(client.GET('/v1/me'));
    expect(answer).toEqual(me);
    expect(fake.seen).toHaveLength(2);
    expect(fake.seen[1]!.at - fake.seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(fake.seen.map((s) => [s.method, s.url, s.authorization])).toEqual([
      ['GET', '/v1/me', 'Bearer pat_secret'],
      ['GET', '/v1/me', 'Bearer pat_secret'],
    ]);
  });

  it('retries a 503 with an HTTP date, sending the body and the idempotency key again', async () => {
    fake.play([{ status: 503, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } }, { status: 201, body: { id: 'cart-1' } }]);
    const client = createClient({ baseUrl: fake.url(), token: 't' });
    const lineItems = [{ catalogItemId: 'p:E3', quantity: 2, termDuration: 'P1M', billingCycle: 'monthly', resellerPartnerId: '1234567' }];
    const answer = await unwrap(client.POST('/v1/customers/{id}/carts', { params: { path: { id: 'c1' } }, body: { lineItems }, headers: { 'idempotency-key': 'k1' } }));
    expect(answer).toEqual({ id: 'cart-1' });
    expect(fake.seen).toHaveLength(2);
    for (const seen of fake.seen) expect([seen.method, seen.url, seen.idempotencyKey, JSON.parse(seen.body)]).toEqual(['POST', '/v1/customers/c1/carts', 'k1', { lineItems }]);
  });

  it('gives up after maxRetries, answering the last refusal as an ApiError with its code', async () => {
    fake.play([{ status: 429, headers: { 'retry-after': '0' }, body: { code: 'rate_limited', detail: 'slow down', requestId: 'r9' } }]);
    const client = createClient({ baseUrl: fake.url(), token: 't', retry: { maxRetries: 2 } });
    const error = await unwrap(client.GET('/v1/me')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', requestId: 'r9' });
    expect(fake.seen).toHaveLength(3);
  });

  it('does not wait longer than maxDelayMs, nor retry other statuses or when retries are off', async () => {
    fake.play([{ status: 429, headers: { 'retry-after': '900' } }, { status: 200, body: me }]);
    const started = Date.now();
    const { response } = await createClient({ baseUrl: fake.url(), token: 't', retry: { maxDelayMs: 10_000 } }).GET('/v1/me');
    expect(response.status).toBe(429);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.seen).toHaveLength(1);

    fake.play([{ status: 500 }, { status: 200, body: me }]);
    expect((await createClient({ baseUrl: fake.url(), token: 't' }).GET('/v1/me')).response.status).toBe(500);
    expect(fake.seen).toHaveLength(1);

    fake.play([{ status: 503, headers: { 'retry-after': '0' } }, { status: 200, body: me }]);
    expect((await createClient({ baseUrl: fake.url(), token: 't', retry: false }).GET('/v1/me')).response.status).toBe(503);
    expect(fake.seen).toHaveLength(1);
  });

  it("stops waiting and retrying once the client's signal aborts", async () => {
    fake.play([{ status: 429, headers: { 'retry-after': '30' } }, { status: 200, body: me }]);
    const stop = new AbortController();
    const client = createClient({ baseUrl: fake.url(), token: 't', signal: stop.signal });
    const started = Date.now();
    setTimeout(() => stop.abort(), 200);
    await expect(client.GET('/v1/me')).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(fake.seen).toHaveLength(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Mon, 05 Jan 2026 10:00:02 GMT', now)).toBe(2000);
    expect(retryAfterMs('Mon, 05 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
