// Stateless app instances: two processes' worth of app on one PostgreSQL. A session started
// through one instance works through the other (sessions live in the database).
import { describe, expect, it } from 'vitest';
import { Client, signUp, testPassword, uniqueEmail } from './helpers/client.js';
import { target, targetKinds } from './helpers/server.js';

describe.skipIf(!targetKinds().includes('postgres'))('two app instances on one PostgreSQL', () => {
  it('sign in through one instance, act through the other', async () => {
    const first = await target('postgres');
    const second = await target('postgres', { instance: 'second' });
    expect(second.url).not.toBe(first.url);
    const { client, email } = await signUp(first);
    const through = new Client(second.url);
    through.cookie = client.cookie;
    through.csrfToken = client.csrfToken;
    const me = await through.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
    const added = await through.post('/v1/users', { displayName: 'Via second', email: uniqueEmail(), roles: ['salesAgent'], password: testPassword });
    expect(added.status).toBe(201);
    const listed = await client.get('/v1/users');
    expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(added.body.user.id);
    // signing out through the second ends the session everywhere
    expect((await through.delete('/v1/auth/sessions/current')).status).toBe(204);
    expect((await client.get('/v1/me')).status).toBe(401);
  });
});
