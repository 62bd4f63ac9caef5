// The signed-in user's mail through HTTP on a real database: each mail is unread until its recipient
// opens it (POST /v1/me/notifications/{id}/read, or read-all), the state is kept on the outbox row (so
// it is the same after a reload and on another device), the list counts the unread ones, and nobody
// reads anyone else's mail.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { partnerRoles } from './access.js';
import { query } from '../db/index.js';
import { expectAuthorization } from '../../test/helpers/authz.js';
import { addUser, Client, signUp, testPassword } from '../../test/helpers/client.js';
import { target, targetKinds, type Target } from '../../test/helpers/server.js';

/** Mails a user `count` more messages, as any operation does (the outbox, addressed to the user). */
async function mailUser(t: Target, user: { userId: string; email: string }, count: number) {
  for (let i = 0; i < count; i++) {
    await t.app.platform.mailer.enqueue(t.app.platform.db, { template: 'welcome', locale: 'en', to: user.email, recipientUserId: user.userId, params: { name: `Reader ${i}` } });
  }
}

describe.each(targetKinds())('notifications on %s', (kind) => {
  it('a mail is unread until its recipient opens it; the list counts the unread ones, on every session of the user', async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const agent = await addUser(t, admin.client, ['adminAgent']);
    await mailUser(t, agent, 2);

    const first = await agent.client.get('/v1/me/notifications');
    expect(first.status).toBe(200);
    expect(first.body.totalCount).toBe(3);
    expect(first.body.unreadCount).toBe(3);
    expect(first.body.items.map((item) => item.readAt)).toEqual([null, null, null]);

    // Opening one reads it: the answer is the mail with its read time.
    const opened = first.body.items[1]!;
    const read = await agent.client.post(`/v1/me/notifications/${opened.id}/read`);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({ id: opened.id, subject: opened.subject });
    expect(Date.parse(read.body.readAt!)).toBeGreaterThan(Date.now() - 60_000);
    // Opening it again keeps the first opening's time.
    const again = await agent.client.post(`/v1/me/notifications/${opened.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    // Another session of the same user (another device) sees the same state.
    const elsewhere = new Client(t.url);
    expect((await elsewhere.signIn(agent.email, testPassword)).status).toBe(201);
    const seen = await elsewhere.get('/v1/me/notifications');
    expect(seen.body.unreadCount).toBe(2);
    expect(seen.body.items.find((item) => item.id === opened.id)!.readAt).toBe(read.body.readAt);
    // Paging keeps the count of all of them, not of the page.
    const page = await elsewhere.get('/v1/me/notifications?size=1');
    expect(page.body.items).toHaveLength(1);
    expect([page.body.totalCount, page.body.unreadCount]).toEqual([3, 2]);

    // Read-all reads the rest, and says how many it read.
    const all = await elsewhere.post('/v1/me/notifications/read-all');
    expect(all.status, all.text).toBe(200);
    expect(all.body).toEqual({ marked: 2 });
    const after = await agent.client.get('/v1/me/notifications');
    expect(after.body.unreadCount).toBe(0);
    expect(after.body.items.every((item) => item.readAt !== null)).toBe(true);
    expect((await agent.client.post('/v1/me/notifications/read-all')).body).toEqual({ marked: 0 });

    // A new mail is unread again.
    await mailUser(t, agent, 1);
    expect((await agent.client.get('/v1/me/notifications')).body.unreadCount).toBe(1);
  });

  it("nobody reads another user's mail: not found, and its state does not change", async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const agent = await addUser(t, admin.client, ['adminAgent']);
    const stranger = await signUp(t);
    const mail = (await agent.client.get('/v1/me/notifications')).body.items[0]!;

    for (const client of [admin.client, stranger.client]) {
      const refused = await client.post(`/v1/me/notifications/${mail.id}/read`);
      expect([refused.status, refused.body.code]).toEqual([404, 'not_found']);
    }
    expect((await admin.client.post('/v1/me/notifications/read-all')).status).toBe(200);
    const [row] = await query<{ read_at: Date | null }>(t.app.platform.db, sql`select read_at from mail_outbox where id = ${mail.id}`);
    expect(row!.read_at).toBeNull();
    expect((await agent.client.get('/v1/me/notifications')).body.unreadCount).toBe(1);
    expect((await new Client(t.url).post(`/v1/me/notifications/${mail.id}/read`)).status).toBe(401);
    expect((await agent.client.post('/v1/me/notifications/not-an-id/read')).status).toBe(400);
  });

  it('POST /v1/me/notifications/{id}/read and read-all: every signed-in user, on its own mail', async () => {
    const t = await target(kind);
    const firstMailOf = async (client: Client) => (await client.get('/v1/me/notifications')).body.items[0]!.id;
    await expectAuthorization(t, {
      method: 'POST',
      // Each role reads its own mail; a caller of another tenant names the owner's admin's (not found).
      path: async (o, role) => {
        const reader = role === 'anonymous' || role === 'otherTenant' ? o.admin.client : o.as[role as (typeof partnerRoles)[number]];
        return `/v1/me/notifications/${await firstMailOf(reader)}/read`;
      },
      allowed: partnerRoles,
      otherTenant: 'notFound',
    });
    await expectAuthorization(t, { method: 'POST', path: () => '/v1/me/notifications/read-all', allowed: partnerRoles, otherTenant: 'own' });
  });
});
