// App credentials through HTTP on every database: registration by a tenant's global admin only, with
// permissions it holds itself (ACC-1); secrets shown once, rotated two at a time and revoked; the
// OAuth 2.0 client credentials grant at POST /v1/oauth/token (form and JSON, Basic and body, RFC 6749
// §5.2 errors); the JWT accepted as a bearer token with exactly the app's permissions in its own tenant,
// refused when expired, forged, for another audience, or once the app is disabled or deleted; signing
// keys rotated and published at GET /v1/oauth/jwks; and the audit log naming the app.
import { sql } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, jwtVerify, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { appPermissions, permissionsOf } from '../../../platform/access.js';
import { sealer } from '../../../platform/auth/sealing.js';
import { expectAuthorization, roleFixture, type RoleFixture } from '../../../../test/helpers/authz.js';
import { connectedPartners, sharedCustomer } from '../../../../test/helpers/commerce.js';
import { adminAgentsGroup } from '../../../../test/helpers/groups.js';
import { addUser, Client, signUp, uniqueEmail } from '../../../../test/helpers/client.js';
import { target, targetKinds, type Target } from '../../../../test/helpers/server.js';
import type { Problem } from '../../../platform/contract.js';
import type { AppBody, OAuthProblem, RegisteredApp, TokenResponse } from './contract.js';

type AppPermission = AppBody['permissions'][number];

const formType = 'application/x-www-form-urlencoded';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const appsPath = (tenantId: string) => `/v1/tenants/${tenantId}/apps` as const;
/** What the token endpoint answers: a token, or an OAuth error on the problem document. */
type TokenAnswer = Partial<TokenResponse> & Partial<OAuthProblem>;

async function register(admin: Client, tenantId: string, permissions: AppPermission[], name = `App ${Math.random().toString(36).slice(2, 8)}`): Promise<RegisteredApp> {
  const created = await admin.request<RegisteredApp>('POST', appsPath(tenantId), { body: { name, permissions } });
  if (created.status !== 201) throw new Error(`registering an app: ${created.status} ${created.text}`);
  return created.body;
}

/** POST /v1/oauth/token as a form (what RFC 6749 asks for). */
function tokenRequest(t: Target, params: Record<string, string> | string, headers: Record<string, string> = {}) {
  return new Client(t.url).request<TokenAnswer>('POST', '/v1/oauth/token', { raw: typeof params === 'string' ? params : new URLSearchParams(params).toString(), headers: { 'content-type': formType, ...headers } });
}

async function accessToken(t: Target, app: { clientId: string; clientSecret: string }, scope?: string): Promise<string> {
  const response = await tokenRequest(t, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, { authorization: basic(app.clientId, app.clientSecret) });
  if (response.status !== 200) throw new Error(`token: ${response.status} ${response.text}`);
  return response.body.access_token!;
}

function asApp(t: Target, token: string): Client {
  const client = new Client(t.url);
  client.bearer = token;
  return client;
}

/** The key that signs now, opened as the server opens it (to sign tokens the server must refuse). */
async function currentSigningKey(t: Target) {
  const [row] = await query<{ kid: string; private_jwk_sealed: string }>(t.app.platform.db, sql`select kid, private_jwk_sealed from oauth_signing_keys where retired_at is null order by created_at desc limit 1`);
  const jwk = JSON.parse(sealer(t.app.platform.config.sessionSecret, 'oauth-signing-key').open(row!.private_jwk_sealed)) as JWK;
  return { kid: row!.kid, key: (await importJWK(jwk, 'ES256')) as CryptoKey };
}

describe.each(targetKinds())('apps on %s', (kind) => {
  describe('registration and secrets', () => {
    it('only a global admin of the tenant registers, reads, changes and deletes apps and their secrets; other tenants get 404', async () => {
      const t = await target(kind);
      const appOf = async (o: RoleFixture) => register(o.admin.client, o.tenantId, ['users.read']);
      const one = async (o: RoleFixture) => `${appsPath(o.tenantId)}/${(await appOf(o)).id}`;
      await expectAuthorization(t, { method: 'GET', path: (o) => appsPath(o.tenantId), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'POST', path: (o) => appsPath(o.tenantId), body: () => ({ name: 'Authorized', permissions: ['users.read'] }), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'GET', path: one, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'PATCH', path: one, body: () => ({ name: 'Renamed' }), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'DELETE', path: one, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'POST', path: (o) => one(o).then((p) => `${p}/secrets`), body: () => ({}), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, {
        method: 'DELETE',
        path: async (o) => {
          const app = await appOf(o);
          return `${appsPath(o.tenantId)}/${app.id}/secrets/${app.secrets[0]!.id}`;
        },
        allowed: ['globalAdmin'],
        otherTenant: 'notFound',
      });
      // A customer's global admin registers its own apps too.
      const customer = await signUp(t);
      expect((await customer.client.post(appsPath(customer.tenantId), { name: 'Customer app', permissions: ['users.read'] })).status).toBe(201);
    });

    it('ACC-1: an app gets only permissions the global admin holds itself; never apps.manage', async () => {
      const t = await target(kind);
      const owner = await roleFixture(t);
      const exceeding = await owner.admin.client.post(appsPath(owner.tenantId), { name: 'Too much', permissions: ['users.read', 'commerce.order'] });
      expect([exceeding.status, exceeding.body.code]).toEqual([403, 'app_permission_exceeds_own']);
      expect(exceeding.body.errors).toEqual([expect.objectContaining({ path: '/permissions/1', code: 'app_permission_exceeds_own' })]);
      const minting = await owner.admin.client.request<Problem>('POST', appsPath(owner.tenantId), { body: { name: 'Minting', permissions: ['apps.manage'] } });
      expect([minting.status, minting.body.errors![0].path]).toEqual([400, '/permissions/0']);
      const none = await owner.admin.client.post(appsPath(owner.tenantId), { name: 'Nothing', permissions: [] });
      expect([none.status, none.body.errors![0].path]).toEqual([400, '/permissions']);
      const app = await register(owner.admin.client, owner.tenantId, ['users.read']);
      const raised = await owner.admin.client.patch(`${appsPath(owner.tenantId)}/${app.id}`, { permissions: ['users.read', 'customers.create'] });
      expect([raised.status, raised.body.code]).toEqual([403, 'app_permission_exceeds_own']);
      expect((await owner.admin.client.get(`${appsPath(owner.tenantId)}/${app.id}`)).body.permissions).toEqual(['users.read']);
    });

    it('the secret is shown once: never again in a read, a list, a replay or the audit log', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const created = await client.post(appsPath(tenantId), { name: 'Billing export', permissions: ['commerce.read'] }, { headers: { 'idempotency-key': 'register-billing-export' } });
      expect(created.status).toBe(201);
      const { clientSecret, clientId, id } = created.body as RegisteredApp;
      expect(clientSecret).toMatch(/^ccs_[\w-]{43}$/);
      expect(clientId).toMatch(/^cca_/);
      expect(created.body.secrets).toEqual([expect.objectContaining({ prefix: clientSecret.slice(0, 8), lastUsedAt: null })]);
      const replay = await client.post(appsPath(tenantId), { name: 'Billing export', permissions: ['commerce.read'] }, { headers: { 'idempotency-key': 'register-billing-export' } });
      expect([replay.status, replay.body.id, replay.body.clientSecret]).toEqual([201, id, null]);
      const rotated = await client.post(`${appsPath(tenantId)}/${id}/secrets`, {});
      const list = await client.get(appsPath(tenantId));
      const reads = [list, await client.get(`${appsPath(tenantId)}/${id}`), await client.get('/v1/audit-records?size=100'), replay];
      const audit = JSON.stringify(await query(t.app.platform.db, sql`select row_to_json(a) as row from audit_records a where tenant_id = ${tenantId}`));
      for (const secret of [clientSecret, rotated.body.clientSecret]) {
        for (const read of reads) expect(read.text.includes(secret)).toBe(false);
        expect(audit.includes(secret)).toBe(false);
      }
      expect(list.body.items![0]).not.toHaveProperty('clientSecret');
    });

    it('secrets rotate two valid at a time; a revoked one gets no token and its tokens stop working', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, ['users.read']);
      const secretsPath = `${appsPath(tenantId)}/${app.id}/secrets` as const;
      const second = await client.post(secretsPath, { expiresInDays: 30 });
      expect(second.status).toBe(201);
      expect(new Date(second.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(30 * 86_400_000);
      const third = await client.post(secretsPath, {});
      expect([third.status, third.body.code]).toEqual([409, 'app_secret_limit']);
      // Both valid secrets get tokens.
      const oldToken = await accessToken(t, app);
      const newToken = await accessToken(t, { clientId: app.clientId, clientSecret: second.body.clientSecret });
      expect((await client.get(`${appsPath(tenantId)}/${app.id}`)).body.secrets.map((s: { lastUsedAt: string | null }) => s.lastUsedAt !== null)).toEqual([true, true]);
      // The old one is revoked: no more tokens, and the token it got stops on its next request.
      expect((await client.delete(`${secretsPath}/${app.secrets[0]!.id}`)).status).toBe(204);
      const refused = await tokenRequest(t, { grant_type: 'client_credentials' }, { authorization: basic(app.clientId, app.clientSecret) });
      expect([refused.status, refused.body.error]).toEqual([401, 'invalid_client']);
      expect((await asApp(t, oldToken).get('/v1/users')).status).toBe(401);
      expect((await asApp(t, newToken).get('/v1/users')).status).toBe(200);
      expect((await client.delete(`${secretsPath}/${app.secrets[0]!.id}`)).status).toBe(404);
      // Room for the next rotation.
      expect((await client.post(secretsPath, {})).status).toBe(201);
      expect((await client.get(`${appsPath(tenantId)}/${app.id}`)).body.secrets).toHaveLength(2);
    });
  });

  describe('POST /v1/oauth/token (RFC 6749 §4.4)', () => {
    it('a form with HTTP Basic, or client_id and client_secret in a form or JSON body; never cached', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, ['users.read', 'audit.read']);
      const viaBasic = await tokenRequest(t, 'grant_type=client_credentials', { authorization: basic(app.clientId, app.clientSecret) });
      expect(viaBasic.status, viaBasic.text).toBe(200);
      expect(viaBasic.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'users.read audit.read' });
      expect(viaBasic.headers.get('cache-control')).toBe('no-store');
      expect(viaBasic.headers.get('pragma')).toBe('no-cache');
      const viaForm = await tokenRequest(t, { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: 'audit.read', resource: 'ignored' });
      expect([viaForm.status, viaForm.body.scope]).toEqual([200, 'audit.read']);
      const viaJson = await new Client(t.url).post('/v1/oauth/token', { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret });
      expect(viaJson.status, viaJson.text).toBe(200);
    });

    it('refusals in the OAuth shape (RFC 6749 §5.2) on the problem document', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, ['users.read']);
      const auth = { authorization: basic(app.clientId, app.clientSecret) };
      const expectOAuth = (response: { status: number; body: any; headers: Headers }, status: number, error: string) => {
        expect([response.status, response.body.error], JSON.stringify(response.body)).toEqual([status, error]);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.body).toEqual(expect.objectContaining({ error_description: expect.any(String), code: expect.any(String), status, requestId: expect.any(String) }));
        expect(response.body.error_description).toBe(response.body.detail);
      };
      const missing = await tokenRequest(t, {}, auth);
      expectOAuth(missing, 400, 'invalid_request');
      expect(missing.body.errors![0].path).toBe('/grant_type');
      expectOAuth(await tokenRequest(t, { grant_type: 'password' }, auth), 400, 'unsupported_grant_type');
      expectOAuth(await tokenRequest(t, 'grant_type=client_credentials&grant_type=client_credentials', auth), 400, 'invalid_request');
      expectOAuth(await tokenRequest(t, { grant_type: 'client_credentials', client_id: app.clientId }, auth), 400, 'invalid_request');
      expectOAuth(await tokenRequest(t, { grant_type: 'client_credentials', scope: 'users.read users.manage' }, auth), 400, 'invalid_scope');
      const wrong = await tokenRequest(t, { grant_type: 'client_credentials' }, { authorization: basic(app.clientId, `${app.clientSecret}x`) });
      expectOAuth(wrong, 401, 'invalid_client');
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expectOAuth(await tokenRequest(t, { grant_type: 'client_credentials' }, { authorization: basic('cca_nobody', app.clientSecret) }), 401, 'invalid_client');
      expectOAuth(await tokenRequest(t, { grant_type: 'client_credentials' }), 401, 'invalid_client');
      expectOAuth(await tokenRequest(t, { grant_type: 'client_credentials' }, { authorization: 'Basic %%%' }), 401, 'invalid_client');
      const text = await new Client(t.url).request<TokenAnswer>('POST', '/v1/oauth/token', { raw: 'grant_type=client_credentials', headers: { 'content-type': 'text/plain', ...auth } });
      expectOAuth(text, 415, 'invalid_request');
      const french = await new Client(t.url).request<TokenAnswer>('POST', '/v1/oauth/token', { raw: 'grant_type=password', headers: { 'content-type': formType, 'accept-language': 'fr', ...auth } });
      expect(french.body.error_description).toMatch(/client_credentials/);
      expect(french.body.error_description).not.toBe((await tokenRequest(t, { grant_type: 'password' }, auth)).body.error_description);
    });
  });

  describe('the access token', () => {
    it("carries exactly the app's permissions, in its own tenant; routes acting on a signed-in user refuse it", async () => {
      const t = await target(kind);
      const owner = await roleFixture(t);
      const other = await signUp(t);
      const app = await register(owner.admin.client, owner.tenantId, ['users.read', 'audit.read'], 'Directory sync');
      const token = await accessToken(t, app);
      const claims = decodeJwt(token);
      expect(decodeProtectedHeader(token)).toEqual(expect.objectContaining({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) }));
      expect(claims).toEqual(expect.objectContaining({ iss: 'http://localhost:8080', aud: 'http://localhost:8080/v1', sub: app.id, tid: owner.tenantId, client_id: app.clientId, scope: 'users.read audit.read' }));
      expect(claims.exp! - claims.iat!).toBe(3600);
      const asIt = asApp(t, token);
      expect((await asIt.get('/v1/users')).status).toBe(200);
      expect((await asIt.get('/v1/audit-records')).status).toBe(200);
      expect((await asIt.get(`/v1/users/${owner.admin.userId}`)).body.email).toBe(owner.admin.email);
      // Nothing it was not given: not users.manage, not apps.manage, not another tenant.
      const adding = await asIt.post('/v1/users', { displayName: 'No', email: uniqueEmail('no'), roles: ['salesAgent'] });
      expect([adding.status, adding.body.code]).toEqual([403, 'forbidden']);
      expect((await asIt.get(appsPath(owner.tenantId))).status).toBe(403);
      expect((await asIt.get(`/v1/tenants/${other.tenantId}/users`)).status).toBe(404);
      for (const path of ['/v1/me', '/v1/me/tokens', '/v1/me/notifications'] as const) {
        const refused = await asIt.get(path);
        expect([refused.status, refused.body.code], path).toEqual([403, 'app_not_allowed']);
      }
      // A narrower scope gives less.
      const narrow = asApp(t, await accessToken(t, app, 'audit.read'));
      expect((await narrow.get('/v1/audit-records')).status).toBe(200);
      expect((await narrow.get('/v1/users')).status).toBe(403);
    });

    it('ACC-3, REL-4: an app never acts through delegated admin or admin access by its permissions alone', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties, { roles: ['userAdministrator'], durationDays: 365, autoExtend: false });
      // The reseller's admin reaches the customer's users through its assigned group; its app does not.
      expect((await parties.reseller.client.get(`/v1/customers/${customer.tenantId}/users`)).status).toBe(200);
      const registered = await register(parties.reseller.client, parties.reseller.tenantId, ['users.read', 'customers.read']);
      const resellerAppId = registered.id;
      const resellerApp = asApp(t, await accessToken(t, registered));
      expect((await resellerApp.get('/v1/users')).status).toBe(200);
      const delegated = await resellerApp.get(`/v1/customers/${customer.tenantId}/users`);
      expect([delegated.status, delegated.body.code]).toEqual([403, 'delegated_role_missing']);
      // ACC-3: put in the group assigned on the customer, the app acts there with the assignment's roles,
      // until it is taken out again (next request); another tenant's app is not a member to be.
      const groupId = await adminAgentsGroup(parties.reseller.client, parties.reseller.tenantId);
      const appMember = `/v1/tenants/${parties.reseller.tenantId}/security-groups/${groupId}/apps/${resellerAppId}` as const;
      const joined = await parties.reseller.client.put(appMember);
      expect([joined.status, joined.body.type, joined.body.id]).toEqual([200, 'app', resellerAppId]);
      expect((await resellerApp.get(`/v1/customers/${customer.tenantId}/users`)).status).toBe(200);
      const members = await parties.reseller.client.get(`/v1/tenants/${parties.reseller.tenantId}/security-groups/${groupId}/members`);
      expect(members.body.items.some((m: { type: string; id: string }) => m.type === 'app' && m.id === resellerAppId)).toBe(true);
      expect((await parties.reseller.client.delete(appMember)).status).toBe(204);
      const left = await resellerApp.get(`/v1/customers/${customer.tenantId}/users`);
      expect([left.status, left.body.code]).toEqual([403, 'delegated_role_missing']);
      const strangerApp = await register(parties.provider.client, parties.provider.tenantId, ['users.read']);
      expect((await parties.reseller.client.put(`/v1/tenants/${parties.reseller.tenantId}/security-groups/${groupId}/apps/${strangerApp.id}`)).status).toBe(404);
      // The provider's admin agent manages the reseller's users (REL-4 admin access); its app does not.
      expect((await parties.providerAgent.client.get(`/v1/tenants/${parties.reseller.tenantId}/users`)).status).toBe(200);
      const providerApp = asApp(t, await accessToken(t, await register(parties.provider.client, parties.provider.tenantId, ['users.read'])));
      expect((await providerApp.get(`/v1/tenants/${parties.reseller.tenantId}/users`)).status).toBe(403);
    });

    it('a disabled app, fewer permissions or a deleted app take effect on the next request', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, ['users.read', 'audit.read']);
      const appPath = `${appsPath(tenantId)}/${app.id}` as const;
      const asIt = asApp(t, await accessToken(t, app));
      expect((await asIt.get('/v1/users')).status).toBe(200);

      const read = await client.get(appPath);
      const disabled = await client.patch(appPath, { state: 'disabled' }, { headers: { 'if-match': read.headers.get('etag')! } });
      expect([disabled.status, disabled.body.state]).toEqual([200, 'disabled']);
      expect((await client.patch(appPath, { name: 'Stale' }, { headers: { 'if-match': read.headers.get('etag')! } })).status).toBe(412);
      expect((await asIt.get('/v1/users')).status).toBe(401);
      const refused = await tokenRequest(t, { grant_type: 'client_credentials' }, { authorization: basic(app.clientId, app.clientSecret) });
      expect([refused.status, refused.body.error]).toEqual([400, 'unauthorized_client']);

      expect((await client.patch(appPath, { state: 'active', permissions: ['audit.read'] })).status).toBe(200);
      expect((await asIt.get('/v1/audit-records')).status).toBe(200);
      expect((await asIt.get('/v1/users')).status).toBe(403);

      expect((await client.delete(appPath)).status).toBe(204);
      expect((await asIt.get('/v1/audit-records')).status).toBe(401);
      expect((await client.get(appPath)).status).toBe(404);
      expect((await client.patch(appPath, { state: 'active' })).status).toBe(404);
      expect((await client.get(appsPath(tenantId))).body.items.map((a: { id: string }) => a.id)).not.toContain(app.id);
      expect((await tokenRequest(t, { grant_type: 'client_credentials' }, { authorization: basic(app.clientId, app.clientSecret) })).body.error).toBe('invalid_client');
    });

    it('an expired, forged, unsigned, wrong-audience or wrong-issuer JWT is refused', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, ['users.read']);
      const claims = decodeJwt(await accessToken(t, app));
      const { kid, key } = await currentSigningKey(t);
      const now = Math.floor(Date.now() / 1000);
      const sign = (overrides: { aud?: string; iss?: string; exp?: number; iat?: number; typ?: string }, signingKey: CryptoKey = key, keyId = kid) =>
        new SignJWT({ tid: claims.tid, scope: claims.scope, secret_id: claims.secret_id, client_id: claims.client_id })
          .setProtectedHeader({ alg: 'ES256', kid: keyId, typ: overrides.typ ?? 'at+jwt' })
          .setIssuer(overrides.iss ?? claims.iss!)
          .setAudience(overrides.aud ?? (claims.aud as string))
          .setSubject(claims.sub!)
          .setJti(crypto.randomUUID())
          .setIssuedAt(overrides.iat ?? now)
          .setExpirationTime(overrides.exp ?? now + 600)
          .sign(signingKey);
      const status = async (token: string) => (await asApp(t, token).get('/v1/users')).status;
      expect(await status(await sign({}))).toBe(200); // the real key signs a token the server accepts
      expect(await status(await sign({ iat: now - 7200, exp: now - 3600 }))).toBe(401);
      expect(await status(await sign({ aud: 'https://api.example.com' }))).toBe(401);
      expect(await status(await sign({ iss: 'https://issuer.example.com' }))).toBe(401);
      expect(await status(await sign({ typ: 'JWT' }))).toBe(401);
      const forger = await generateKeyPair('ES256');
      expect(await status(await sign({}, forger.privateKey))).toBe(401);
      expect(await status(await sign({}, forger.privateKey, 'unknown-key'))).toBe(401);
      const unsigned = new UnsecuredJWT({ ...claims }).encode();
      expect(await status(unsigned)).toBe(401);
      const real = await accessToken(t, app);
      const [header, payload] = real.split('.');
      expect(await status(`${header}.${payload}.${Buffer.from('forged').toString('base64url')}`)).toBe(401);
      const unauthenticated = await asApp(t, `${header}.${payload}`).get('/v1/users');
      expect([unauthenticated.status, unauthenticated.body.code]).toEqual([401, 'unauthenticated']);
    });

    it('JWKS verifies the tokens; a rotated key keeps its tokens valid and stays published until they expired', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, ['users.read']);
      const verifyWithJwks = async (token: string) => {
        const jwks = (await new Client(t.url).get('/v1/oauth/jwks')).body;
        return jwtVerify(token, createLocalJWKSet(jwks), { issuer: 'http://localhost:8080', audience: 'http://localhost:8080/v1', algorithms: ['ES256'] });
      };
      const before = await accessToken(t, app);
      const jwksResponse = await new Client(t.url).get('/v1/oauth/jwks');
      expect(jwksResponse.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect(jwksResponse.body.keys[0]).not.toHaveProperty('d');
      expect((await verifyWithJwks(before)).payload.sub).toBe(app.id);

      // The current key reaches the end of its period: the next token is signed by a new one.
      const oldKid = decodeProtectedHeader(before).kid!;
      await t.app.platform.db.execute(sql`update oauth_signing_keys set created_at = created_at - interval '31 days' where kid = ${oldKid}`);
      const after = await accessToken(t, app);
      const newKid = decodeProtectedHeader(after).kid!;
      expect(newKid).not.toBe(oldKid);
      const kids = (await new Client(t.url).get('/v1/oauth/jwks')).body.keys.map((k: { kid: string }) => k.kid);
      expect(kids).toEqual(expect.arrayContaining([oldKid, newKid]));
      for (const token of [before, after]) {
        expect((await asApp(t, token).get('/v1/users')).status).toBe(200);
        expect((await verifyWithJwks(token)).payload.sub).toBe(app.id);
      }
      // Once the old key's last token has expired, it is no longer published.
      await t.app.platform.db.execute(sql`update oauth_signing_keys set retired_at = now() - interval '2 hours' where kid = ${oldKid}`);
      expect((await new Client(t.url).get('/v1/oauth/jwks')).body.keys.map((k: { kid: string }) => k.kid)).not.toContain(oldKid);
    });

    it('the audit log names the app as the actor', async () => {
      const t = await target(kind);
      const { client, tenantId } = await signUp(t);
      const app = await register(client, tenantId, appPermissions.filter((p) => [...permissionsOf(['salesAgent']), 'users.read', 'users.manage'].includes(p)), 'Onboarding robot');
      const asIt = asApp(t, await accessToken(t, app));
      const added = await asIt.post('/v1/users', { displayName: 'Added by robot', email: uniqueEmail('robot'), roles: ['salesAgent'] });
      expect(added.status, added.text).toBe(201);
      const records = (await client.get('/v1/audit-records?resourceType=user&action=user.created')).body.items!;
      expect(records.find((r: { resourceId: string | null }) => r.resourceId === added.body.user!.id)).toEqual(
        expect.objectContaining({ actorUserId: null, actorAppId: app.id, actorAppName: 'Onboarding robot', actorTenantId: tenantId }),
      );
      const issued = (await client.get('/v1/audit-records?action=app.tokenIssued')).body.items!;
      expect(issued[0]).toEqual(expect.objectContaining({ actorAppId: app.id, actorAppName: 'Onboarding robot', resourceId: app.id }));
      // A person's own records name the person, not an app.
      const registered = (await client.get('/v1/audit-records?action=app.created')).body.items;
      expect(registered[0]).toEqual(expect.objectContaining({ actorAppId: null, actorUserId: expect.any(String) }));
      // A user of the tenant who is no global admin cannot list its apps, even with a token of its own.
      const agent = await addUser(t, client, ['adminAgent']);
      expect((await agent.client.get(appsPath(tenantId))).status).toBe(403);
    });
  });
});
