// The change-feed helpers against a loopback feed this test serves as the API's contract describes
// it (GET /v1/events?after=&size=&types= → { items, cursor, hasMore }): every event once, in order,
// page after page; resuming from a stored cursor; the type filter sent; following new events until
// the signal aborts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, eventPages, events, type FeedEvent } from './src/index.js';

const feed: FeedEvent[] = [];
const requests: URLSearchParams[] = [];

function append(count: number) {
  for (let i = 0; i < count; i++) {
    const n = feed.length + 1;
    feed.push({
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      eventName: n % 2 ? 'subscription-created' : 'order-created',
      resourceType: n % 2 ? 'subscription' : 'order',
      resourceId: `r${n}`,
      resourceUri: null,
      resourceName: null,
      auditUri: `/v1/audit-records?id=a${n}`,
      resourceChangeUtcDate: new Date(Date.UTC(2026, 0, 5, 10, 0, n)).toISOString(),
      tenantId: '00000000-0000-4000-8000-00000000000a',
      resource: { n },
    } as FeedEvent);
  }
}

const server = createServer((request, response) => {
  const query = new URL(request.url!, 'http://feed').searchParams;
  requests.push(query);
  if (request.headers.authorization !== 'Bearer feed-token') {
    response.writeHead(401, { 'content-type': 'application/problem+json' });
    return response.end(JSON.stringify({ code: 'unauthenticated', detail: 'no', requestId: 'r' }));
  }
  const position = query.get('after') ? Number(query.get('after')!.slice(1)) : 0;
  const size = Number(query.get('size') ?? 100);
  const items = feed.slice(position, position + size);
  const end = position + items.length;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ items, cursor: `c${end}`, hasMore: end < feed.length }));
});

const client = () => createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'feed-token' });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the change-feed helpers', () => {
  it('read every event once, in order, page after page, and stop when the feed has caught up', async () => {
    feed.length = 0;
    append(5);
    requests.length = 0;
    const read: string[] = [];
    for await (const event of events(client(), { size: 2 })) read.push(event.resourceId!);
    expect(read).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(requests.map((q) => q.get('after'))).toEqual([null, 'c2', 'c4']);
    expect(requests.every((q) => q.get('size') === '2' && !q.has('types'))).toBe(true);
  });

  it("resume from a page's cursor, send the type filter, and answer the cursor even when nothing is new", async () => {
    feed.length = 0;
    append(4);
    requests.length = 0;
    const pages = [];
    for await (const page of eventPages(client(), { after: 'c3', types: ['subscription-created', 'order-created'] })) pages.push(page);
    expect(pages.map((p) => [p.items.map((e) => e.resourceId), p.cursor, p.hasMore])).toEqual([[['r4'], 'c4', false]]);
    expect(requests[0]!.get('types')).toBe('subscription-created,order-created');
    const caughtUp = [];
    for await (const page of eventPages(client(), { after: 'c4' })) caughtUp.push(page);
    expect(caughtUp.map((p) => [p.items.length, p.cursor])).toEqual([[0, 'c4']]);
  });

  it('follow new events until the signal aborts, then end without an error', async () => {
    feed.length = 0;
    append(1);
    const stop = new AbortController();
    const read: string[] = [];
    setTimeout(() => append(2), 150);
    for await (const event of events(client(), { follow: true, pollIntervalMs: 50, signal: stop.signal })) {
      read.push(event.resourceId!);
      if (read.length === 3) stop.abort();
    }
    expect(read).toEqual(['r1', 'r2', 'r3']);
  });

  it('throw the API refusal as an ApiError', async () => {
    const refused = createClient({ baseUrl: client().baseUrl, token: 'wrong' });
    await expect(events(refused).next()).rejects.toMatchObject({ name: 'ApiError', status: 401, code: 'unauthenticated' });
  });
});
