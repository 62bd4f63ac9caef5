// Identity through HTTP on a real database: work accounts, sign-in, sessions, CSRF, tokens, users
// and roles (ENR-12), with the authorization helper on every route.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partnerRoles } from '../../platform/access.js';
import { expectAuthorization, roleFixture } from '../../../test/helpers/authz.js';
import { addUser, Client, signUp, testPassword, uniqueEmail } from '../../../test/helpers/client.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

const userManagers = ['globalAdmin', 'userManagementAdmin', 'adminAgent'] as const;

describe.each(targetKinds())('identity on %s', (kind) => {
  describe('create a work account', () => {
    it('creates the tenant and its global admin, and sends a welcome mail', async () => {
      const t = await target(kind);
      const client = new Client(t.url);
      const email = uniqueEmail('welcome');
      const response = await client.post('/v1/tenants', {
        organizationName: 'Contoso Élan',
        country: 'FR',
        admin: { displayName: 'Camille Martin', email, password: testPassword, language: 'fr' },
      });
      expect(response.status).toBe(201);
      expect(response.body.tenant).toMatchObject({ name: 'Contoso Élan', country: 'FR' });
      expect(response.body.tenant.primaryDomain).toMatch(/^contosoelan\d*\.onchannelcenter\.com$/);
      expect(response.body.tenant.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.user).toMatchObject({ email, displayName: 'Camille Martin', roles: ['globalAdmin'] });
      expect(JSON.stringify(response.body)).not.toContain('password');

      await t.app.platform.jobs.drain();
      const signedIn = await client.signIn(email, testPassword);
      expect(signedIn.status).toBe(201);
      const mails = await client.get('/v1/me/notifications');
      expect(mails.status).toBe(200);
      expect(mails.body.items).toHaveLength(1);
      expect(mails.body.items[0]).toMatchObject({ to: email, status: 'sent' });
      expect(mails.body.items[0].subject).toBe('Bienvenue dans Channel Center, Camille Martin');
      const files = readdirSync(t.mailDir).filter((f) => f.endsWith('.eml'));
      const eml = files.map((f) => readFileSync(path.join(t.mailDir, f), 'utf8')).find((m) => m.includes(email));
      expect(eml).toBeDefined();
      expect(eml).toMatch(/^Message-ID: <[0-9a-f-]{36}@localhost>/m);
      expect(eml).toMatch(/^Content-Language: fr/m);
    });

    it('refuses a duplicate email whatever its case, and a taken domain prefix', async () => {
      const t = await target(kind);
      const client = new Client(t.url);
      const email = uniqueEmail('dup');
      const prefix = `dom${Date.now().toString(36)}`;
      const first = await client.post('/v1/tenants', { organizationName: 'A', country: 'US', domainPrefix: prefix, admin: { displayName: 'A', email, password: testPassword } });
      expect(first.status).toBe(201);
      const again = await client.post('/v1/tenants', { organizationName: 'B', country: 'US', admin: { displayName: 'B', email: email.toUpperCase(), password: testPassword } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('email_taken');
      const domain = await client.post('/v1/tenants', { organizationName: 'C', country: 'US', domainPrefix: prefix, admin: { displayName: 'C', email: uniqueEmail(), password: testPassword } });
      expect(domain.status).toBe(409);
      expect(domain.body.code).toBe('domain_taken');
    });

    it('names each bad field, in the caller language, and writes nothing', async () => {
      const t = await target(kind);
      const client = new Client(t.url);
      const email = uniqueEmail('bad');
      const response = await client.post(
        '/v1/tenants',
        { organizationName: 'Bad', country: 'XX', admin: { displayName: 'Bad', email, password: 'short' } },
        { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.detail).toBe('La requête contient des champs non valides.');
      const paths = response.body.errors!.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/country', '/admin/password']));
      const same = await client.post('/v1/tenants', { organizationName: 'Bad', country: 'FR', admin: { displayName: 'Bad', email, password: email } });
      expect(same.status).toBe(400);
      expect(same.body.errors![0]).toMatchObject({ path: '/admin/password', code: 'password_equals_email' });
      expect((await client.signIn(email, 'short')).status).toBe(401);
    });
  });

  describe('sign-in and sessions', () => {
    it('says nothing about whether the email exists', async () => {
      const t = await target(kind);
      const { email } = await signUp(t);
      const client = new Client(t.url);
      const wrong = await client.signIn(email, 'Wrong-password-123');
      const unknown = await client.signIn(uniqueEmail('nobody'), 'Wrong-password-123');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.code).toBe('invalid_credentials');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('limits repeated failures per email with 429 and Retry-After', async () => {
      const t = await target(kind);
      const { email } = await signUp(t);
      const client = new Client(t.url);
      for (let i = 0; i < 5; i++) expect((await client.signIn(email, `Wrong-password-${i}xx`)).status).toBe(401);
      const blocked = await client.signIn(email, testPassword);
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too_many_attempts');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('issues an HttpOnly SameSite=Lax cookie with a new session ID at every sign-in, and signs out', async () => {
      const t = await target(kind);
      const { email } = await signUp(t);
      const a = new Client(t.url);
      const first = await a.signIn(email, testPassword);
      const cookieOne = a.cookie;
      expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/);
      expect(first.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
      await a.signIn(email, testPassword);
      expect(a.cookie).not.toBe(cookieOne);
      expect((await a.get('/v1/me')).status).toBe(200);
      const signedOutCookie = a.cookie;
      const out = await a.delete('/v1/auth/sessions/current');
      expect(out.status).toBe(204);
      expect(a.cookie).toBeUndefined();
      const b = new Client(t.url);
      b.cookie = signedOutCookie;
      expect((await b.get('/v1/me')).status).toBe(401);
      // the earlier session is still valid until it expires
      b.cookie = cookieOne;
      expect((await b.get('/v1/me')).status).toBe(200);
    });

    it('requires X-CSRF-Token on cookie-authenticated changes', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const refused = await client.patch('/v1/me', { displayName: 'No token' }, { noCsrf: true });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('csrf_token_invalid');
      const wrong = await client.patch('/v1/me', { displayName: 'Wrong' }, { headers: { 'x-csrf-token': 'forged' } });
      expect(wrong.status).toBe(403);
      const me = await client.get('/v1/me');
      expect(me.body.user.displayName).toBe('Admin User');
      expect(me.body.csrfToken).toBe(client.csrfToken);
      const ok = await client.patch('/v1/me', { displayName: 'With token', language: 'zh-Hant' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ displayName: 'With token', language: 'zh-Hant' });
    });

    it('GET /v1/me reports the user, tenant, programs and permissions', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t, { country: 'DE' });
      const me = await client.get('/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.tenant).toMatchObject({ id: tenantId, country: 'DE' });
      expect(me.body.user.roles).toEqual(['globalAdmin']);
      expect(me.body.memberships).toEqual([]);
      expect(me.body.permissions).toEqual(expect.arrayContaining(['users.read', 'users.manage', 'audit.read']));
    });
  });

  describe('personal access tokens', () => {
    it('authenticates with Bearer, lists without the secret, and stops working once revoked', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const created = await client.post('/v1/me/tokens', { name: 'CI', expiresInDays: 30 });
      expect(created.status).toBe(201);
      const token = created.body.token as string;
      expect(token).toMatch(/^ccp_/);
      const api = new Client(t.url);
      api.bearer = token;
      expect((await api.get('/v1/me')).status).toBe(200);
      // no CSRF for bearer calls
      expect((await api.patch('/v1/me', { displayName: 'Via token' })).status).toBe(200);
      const list = await client.get('/v1/me/tokens');
      expect(list.body.items).toHaveLength(1);
      expect(list.text).not.toContain(token);
      expect((await client.delete(`/v1/me/tokens/${created.body.id}`)).status).toBe(204);
      const after = await api.get('/v1/me');
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('unauthenticated');
    });

    it('rejects an unknown bearer token', async () => {
      const t = await target(kind);
      const api = new Client(t.url);
      api.bearer = 'ccp_not-a-real-token';
      expect((await api.get('/v1/me')).status).toBe(401);
    });
  });

  describe('user management (ENR-12)', () => {
    it('adds a user with a temporary password that must be changed at first sign-in', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const email = uniqueEmail('temp');
      const added = await client.post('/v1/users', { displayName: 'Temp User', email, roles: ['adminAgent'] });
      expect(added.status).toBe(201);
      const temporary = added.body.temporaryPassword as string;
      expect(temporary.length).toBeGreaterThanOrEqual(12);
      expect(added.body.user).toMatchObject({ email, roles: ['adminAgent'], mustChangePassword: true, state: 'active' });
      const user = new Client(t.url);
      expect((await user.signIn(email, temporary)).status).toBe(201);
      const blocked = await user.get('/v1/users');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('password_change_required');
      expect((await user.get('/v1/me')).body.user.mustChangePassword).toBe(true);
      const short = await user.post('/v1/me/password', { currentPassword: temporary, newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.errors![0].path).toBe('/newPassword');
      expect((await user.post('/v1/me/password', { currentPassword: temporary, newPassword: 'A-new-password-42' })).status).toBe(204);
      expect((await user.get('/v1/users')).status).toBe(200);
      const again = new Client(t.url);
      expect((await again.signIn(email, 'A-new-password-42')).status).toBe(201);
      expect((await again.signIn(email, temporary)).status).toBe(401);
    });

    it('lets only a global admin grant globalAdmin', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const manager = await addUser(t, client, ['userManagementAdmin']);
      const refused = await manager.client.post('/v1/users', { displayName: 'X', email: uniqueEmail(), roles: ['globalAdmin'], password: testPassword });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('global_admin_grant_forbidden');
      const colleague = await addUser(t, client, ['salesAgent']);
      const promote = await manager.client.patch(`/v1/users/${colleague.userId}`, { roles: ['globalAdmin'] });
      expect(promote.status).toBe(403);
      const byAdmin = await client.patch(`/v1/users/${colleague.userId}`, { roles: ['globalAdmin', 'salesAgent'] });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.roles).toEqual(['globalAdmin', 'salesAgent']);
    });

    it('keeps the last active global admin', async () => {
      const t = await target(kind);
      const { client, userId } = await signUp(t);
      const demote = await client.patch(`/v1/users/${userId}`, { roles: ['adminAgent'] });
      expect(demote.status).toBe(422);
      expect(demote.body.code).toBe('last_global_admin');
      const second = await addUser(t, client, ['globalAdmin']);
      const deactivateFirst = await second.client.patch(`/v1/users/${userId}`, { state: 'inactive' });
      expect(deactivateFirst.status).toBe(200);
      expect(deactivateFirst.body.state).toBe('inactive');
      // the deactivated admin's session ended, and it can no longer sign in
      expect((await client.get('/v1/me')).status).toBe(401);
      const lastOne = await second.client.patch(`/v1/users/${second.userId}`, { roles: ['adminAgent'] });
      expect(lastOne.body.code).toBe('last_global_admin');
    });

    it('refuses unknown roles naming the field', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const response = await client.post('/v1/users', { displayName: 'R', email: uniqueEmail(), roles: ['adminAgent', 'operatorAdmin'], password: testPassword });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: '/roles/1', code: 'role_invalid' })]);
    });

    it('honours If-Match on user changes', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const other = await addUser(t, client, ['helpdeskAgent']);
      const read = await client.get(`/v1/users/${other.userId}`);
      const etag = read.headers.get('etag')!;
      expect(etag).toBeTruthy();
      const first = await client.patch(`/v1/users/${other.userId}`, { displayName: 'Renamed' }, { headers: { 'if-match': etag } });
      expect(first.status).toBe(200);
      const stale = await client.patch(`/v1/users/${other.userId}`, { displayName: 'Again' }, { headers: { 'if-match': etag } });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');
    });

    it('pages through users with an opaque cursor', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      for (let i = 0; i < 3; i++) await addUser(t, client, ['salesAgent']);
      const first = await client.get('/v1/users?size=2');
      expect(first.body.totalCount).toBe(4);
      expect(first.body.items).toHaveLength(2);
      const second = await client.get<'/v1/users'>(first.body.links.next!.uri);
      expect(second.body.items).toHaveLength(2);
      expect(second.body.links.next).toBeUndefined();
      const ids = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
      expect(new Set(ids).size).toBe(4);
      const bad = await client.get('/v1/users?cursor=nonsense');
      expect(bad.status).toBe(400);
      expect(bad.body.errors![0].path).toBe('/query/cursor');
    });
  });

  describe('authorization of every identity route', () => {
    const everyone = partnerRoles;
    it('GET /v1/users', async () => {
      await expectAuthorization(await target(kind), { method: 'GET', path: () => '/v1/users', allowed: userManagers, otherTenant: 'own' });
    });
    it('POST /v1/users', async () => {
      await expectAuthorization(await target(kind), {
        method: 'POST',
        path: () => '/v1/users',
        // ACC-1: a role every user manager holds the permissions of (helpdeskAgent ⊆ each of theirs).
        body: () => ({ displayName: 'Added', email: uniqueEmail(), roles: ['helpdeskAgent'], password: testPassword }),
        allowed: userManagers,
        otherTenant: 'own',
      });
    });
    it('GET /v1/users/{id}', async () => {
      await expectAuthorization(await target(kind), { method: 'GET', path: (o) => `/v1/users/${o.admin.userId}`, allowed: userManagers, otherTenant: 'notFound' });
    });
    it('PATCH /v1/users/{id}', async () => {
      await expectAuthorization(await target(kind), {
        method: 'PATCH',
        // A non-admin user: only a global admin changes a global admin (ACC-1).
        path: async (o) => `/v1/users/${(await o.as.helpdeskAgent.get('/v1/me')).body.user.id}`,
        body: () => ({ displayName: 'Helpdesk User' }),
        allowed: userManagers,
        otherTenant: 'notFound',
      });
    });
    it('GET /v1/me, PATCH /v1/me, tokens and notifications: every signed-in user, on itself', async () => {
      const t = await target(kind);
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/me', allowed: everyone, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'PATCH', path: () => '/v1/me', body: () => ({ language: 'en' }), allowed: everyone, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/me/tokens', allowed: everyone, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/me/tokens', body: () => ({ name: 'x', expiresInDays: 1 }), allowed: everyone, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/me/notifications', allowed: everyone, otherTenant: 'own' });
    });
    it('DELETE /v1/me/tokens/{id}: only the user who owns the token; anyone else gets 404', async () => {
      const t = await target(kind);
      const owner = await roleFixture(t, 'owner');
      const other = await roleFixture(t, 'other');
      const created = await owner.admin.client.post('/v1/me/tokens', { name: 'mine', expiresInDays: 1 });
      const path = `/v1/me/tokens/${created.body.id}` as const;
      expect((await new Client(t.url).delete(path)).status).toBe(401);
      for (const role of partnerRoles.filter((r) => r !== 'globalAdmin')) expect((await owner.as[role].delete(path)).status).toBe(404);
      expect((await other.as.globalAdmin.delete(path)).status).toBe(404);
      expect((await owner.admin.client.delete(path)).status).toBe(204);
    });
    it('POST /v1/me/password and DELETE /v1/auth/sessions/current need a signed-in user', async () => {
      const t = await target(kind);
      const anonymous = new Client(t.url);
      expect((await anonymous.post('/v1/me/password', { currentPassword: 'a', newPassword: 'b' })).status).toBe(401);
      expect((await anonymous.delete('/v1/auth/sessions/current')).status).toBe(401);
    });
  });
});
