// Single sign-on through HTTP on a real database, against a real OpenID Connect provider
// (oidc-provider, in this process on an ephemeral port): the connection (global admins only, the
// client secret write-only), and the whole authorization-code + PKCE sign-in, browser-style, with
// each way it is refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { expectAuthorization, roleFixture } from '../../../../test/helpers/authz.js';
import { Client, testPassword } from '../../../../test/helpers/client.js';
import { target, targetKinds, type Target } from '../../../../test/helpers/server.js';
import { emailDomain } from './rules.js';

const clientId = 'channel-center';
const clientSecret = `idp-secret-${randomBytes(12).toString('hex')}`;
/** Where the test servers send the browser back (PUBLIC_URL of the test servers + the callback path). */
const callbackUrl = 'http://localhost:8080/v1/sso/callback';

let issuer: string;
let idpServer: http.Server;
/** Accounts the provider refuses to vouch for (email_verified: false). */
const unverified = new Set<string>();

beforeAll(async () => {
  idpServer = http.createServer();
  await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [callbackUrl], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    pkce: { required: () => true },
    // The account ID is the login typed on the provider's sign-in form: an email address.
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: !unverified.has(id) }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-test-cookie-key'] },
  });
  idpServer.on('request', provider.callback());
});

afterAll(async () => {
  await new Promise((resolve) => idpServer.close(resolve));
});

/** A browser's cookies for one origin (enough for the provider's interaction cookies). */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/**
 * Signs in at the provider as `login`, following its redirects and submitting its forms like a
 * browser, until it sends the browser back to Channel Center: returns that callback URL.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let next: { url: string; method: 'GET' | 'POST'; body?: string } = { url: authorizationUrl, method: 'GET' };
  for (let step = 0; step < 12; step++) {
    const response = await fetch(next.url, {
      method: next.method,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(next.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: next.body,
    });
    jar.take(response);
    const location = response.headers.get('location');
    if (location) {
      const url = new URL(location, next.url);
      if (url.href.startsWith(callbackUrl)) return url;
      next = { url: url.href, method: 'GET' };
      continue;
    }
    const html = await response.text();
    const form = html.match(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/);
    if (!form) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 500)}`);
    const fields = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?[^>]*>/g)) fields.set(input[1]!, input[2] ?? '');
    if (fields.has('login')) fields.set('login', login);
    if (fields.has('password')) fields.set('password', 'any-password');
    next = { url: new URL(form[1]!.replace(/&amp;/g, '&'), next.url).href, method: 'POST', body: fields.toString() };
  }
  throw new Error('the provider never sent the browser back');
}

/** The callback as the test server sees it (PUBLIC_URL names another port). */
function onTestServer(t: Target, callback: URL): string {
  return `${t.url}${callback.pathname}${callback.search}`;
}

interface Org {
  domain: string;
  tenantId: string;
  admin: Client;
  adminEmail: string;
}

/** A tenant whose users are at a domain of its own, with its global admin signed in. */
async function organization(t: Target): Promise<Org> {
  const domain = `sso-${randomBytes(4).toString('hex')}.example.com`;
  const adminEmail = `admin@${domain}`;
  const admin = new Client(t.url);
  const created = await admin.post('/v1/tenants', { organizationName: 'Contoso SSO', country: 'FR', admin: { displayName: 'Admin', email: adminEmail, password: testPassword } });
  expect(created.status, created.text).toBe(201);
  expect((await admin.signIn(adminEmail, testPassword)).status).toBe(201);
  return { domain, tenantId: created.body.tenant.id, admin, adminEmail };
}

async function addUserAt(org: Org, local: string, roles: string[] = ['salesAgent']) {
  const email = `${local}@${org.domain}`;
  const added = await org.admin.post('/v1/users', { displayName: local, email, roles, password: testPassword });
  expect(added.status, added.text).toBe(201);
  return { email, userId: added.body.user.id as string };
}

function connection(domains: string[], overrides: Record<string, unknown> = {}) {
  return { issuer, clientId, clientSecret, domains, ...overrides };
}

/** Starts a sign-in as a browser would: the authorization URL and the cookie that binds it. */
async function start(t: Target, email: string) {
  const response = await fetch(`${t.url}/v1/sso/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  const body = (await response.json()) as { authorizationUrl?: string; code?: string };
  const browserCookie = response.headers.getSetCookie().find((c) => c.startsWith('cc_sso='))?.split(';')[0];
  return { status: response.status, body, browserCookie };
}

async function callback(t: Target, url: string, browserCookie: string | undefined) {
  const response = await fetch(url, { redirect: 'manual', headers: browserCookie ? { cookie: browserCookie } : {} });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('cc_session='))?.split(';')[0];
  return { status: response.status, location: response.headers.get('location') ?? '', session };
}

/** The whole sign-in for `email`, logging in at the provider as `login` (the same by default). */
async function signInThroughProvider(t: Target, email: string, login = email) {
  const started = await start(t, email);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const back = await signInAtProvider(started.body.authorizationUrl!, login);
  return callback(t, onTestServer(t, back), started.browserCookie);
}

describe.each(targetKinds())('single sign-on on %s', (kind) => {
  describe('the identity provider connection', () => {
    it('a global admin connects the provider after discovery; the client secret is never returned nor audited', async () => {
      const t = await target(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider`;
      expect((await org.admin.get(path)).status).toBe(404);

      const created = await org.admin.put(path, connection([org.domain.toUpperCase()]));
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ issuer, clientId, clientSecretSet: true, domains: [org.domain] });
      const read = await org.admin.get(path);
      expect(read.status).toBe(200);
      expect(read.body.domains).toEqual([org.domain]);
      const etag = read.headers.get('etag')!;

      // Editing without a secret keeps the stored one; a stale If-Match is refused.
      const edited = await org.admin.put(path, { issuer, clientId, domains: [org.domain] }, { headers: { 'if-match': etag } });
      expect(edited.status, edited.text).toBe(200);
      const stale = await org.admin.put(path, { issuer, clientId, domains: [org.domain] }, { headers: { 'if-match': etag } });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');

      const audit = await org.admin.get('/v1/audit-records?size=100');
      const actions = audit.body.items.map((r: { action: string }) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['identityProvider.created', 'identityProvider.updated']));
      for (const text of [created.text, read.text, edited.text, stale.text, audit.text]) expect(text).not.toContain(clientSecret);
      const [stored] = await query<{ sealed: string }>(t.app.platform.db, sql`select client_secret_sealed as sealed from identity_providers where tenant_id = ${org.tenantId}`);
      expect(stored!.sealed).not.toContain(clientSecret);

      const removed = await org.admin.delete(path);
      expect(removed.status).toBe(204);
      expect((await org.admin.get(path)).status).toBe(404);
      const afterRemoval = await org.admin.get('/v1/audit-records?size=100');
      expect(afterRemoval.body.items.map((r: { action: string }) => r.action)).toContain('identityProvider.deleted');
      expect(afterRemoval.text).not.toContain(clientSecret);
    });

    it('an issuer that cannot be discovered saves nothing (422 identity_provider_discovery_failed)', async () => {
      const t = await target(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider`;
      const unreachable = await org.admin.put(path, connection([org.domain], { issuer: 'http://127.0.0.1:9/nobody' }));
      expect(unreachable.status).toBe(422);
      expect(unreachable.body.code).toBe('identity_provider_discovery_failed');
      const notAnIssuer = await org.admin.put(path, connection([org.domain], { issuer: `${issuer}/not-an-issuer` }));
      expect(notAnIssuer.body.code).toBe('identity_provider_discovery_failed');
      expect((await org.admin.get(path)).status).toBe(404);
    });

    it('refuses an issuer that is not https, invalid or web-mail domains, and domains none of its users are at', async () => {
      const t = await target(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider`;
      const insecure = await org.admin.put(path, connection([org.domain], { issuer: 'http://idp.example.com' }));
      expect(insecure.status).toBe(400);
      expect(insecure.body.errors).toEqual([expect.objectContaining({ path: '/issuer', code: 'issuer_not_https' })]);
      const domains = await org.admin.put(path, connection([org.domain, 'not a domain', 'gmail.com', 'fabrikam.example.com']));
      expect(domains.status).toBe(400);
      expect(domains.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/domains/1 domain_invalid', '/domains/2 webmail_domain', '/domains/3 domain_not_in_tenant']);
      const noSecret = await org.admin.put(path, { issuer, clientId, domains: [org.domain] });
      expect(noSecret.status).toBe(400);
      expect(noSecret.body.errors).toEqual([expect.objectContaining({ path: '/clientSecret', code: 'required' })]);
    });

    it("a domain signs in through one tenant's provider only (409 identity_provider_domain_taken)", async () => {
      const t = await target(kind);
      const first = await organization(t);
      expect((await first.admin.put(`/v1/tenants/${first.tenantId}/identity-provider`, connection([first.domain]))).status).toBe(201);
      // Another tenant whose admin is at the same domain cannot claim it.
      const email = `other-admin-${randomBytes(3).toString('hex')}@${first.domain}`;
      const second = new Client(t.url);
      const created = await second.post('/v1/tenants', { organizationName: 'Second', country: 'FR', admin: { displayName: 'Second', email, password: testPassword } });
      expect((await second.signIn(email, testPassword)).status).toBe(201);
      const taken = await second.put(`/v1/tenants/${created.body.tenant.id}/identity-provider`, connection([first.domain]));
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('identity_provider_domain_taken');
    });

    it('only a global admin sees or changes the connection (403 for other roles, 404 from another tenant)', async () => {
      const t = await target(kind);
      const owner = await roleFixture(t, 'owner');
      const path = (o: { tenantId: string }) => `/v1/tenants/${o.tenantId}/identity-provider`;
      const body = () => connection([emailDomain(owner.admin.email)]);
      await expectAuthorization(t, { method: 'PUT', path, body, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'GET', path, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'DELETE', path, allowed: ['globalAdmin'], otherTenant: 'notFound' });
    });
  });

  describe('signing in through the provider', () => {
    it('a user of the domain signs in: session cookie, /v1/me, audit record of the SSO sign-in', async () => {
      const t = await target(kind);
      const org = await organization(t);
      expect((await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]))).status).toBe(201);
      const alice = await addUserAt(org, 'alice');

      const result = await signInThroughProvider(t, alice.email);
      expect(result.status).toBe(302);
      expect(result.location).toBe('/');
      expect(result.session).toMatch(/^cc_session=ccs_/);

      const browser = new Client(t.url);
      browser.cookie = result.session;
      const me = await browser.get('/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.user).toMatchObject({ id: alice.userId, email: alice.email });
      expect(me.body.tenant.id).toBe(org.tenantId);

      const audit = await org.admin.get('/v1/audit-records?size=100');
      const record = audit.body.items.find((r: { action: string; actorUserId: string }) => r.action === 'session.createdViaSso' && r.actorUserId === alice.userId);
      expect(record).toBeDefined();
      expect(audit.text).not.toContain(clientSecret);
    });

    it('an account at a domain the connection does not have is refused (sso_email_domain_mismatch)', async () => {
      const t = await target(kind);
      const org = await organization(t);
      await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]));
      const alice = await addUserAt(org, 'alice');
      const result = await signInThroughProvider(t, alice.email, 'mallory@elsewhere.example.net');
      expect(result.status).toBe(302);
      expect(result.location).toBe('/signin?ssoError=sso_email_domain_mismatch');
      expect(result.session).toBeUndefined();
    });

    it('an email the organization has no user for is refused (sso_user_unknown), and no user is created', async () => {
      const t = await target(kind);
      const org = await organization(t);
      await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]));
      const stranger = `stranger@${org.domain}`;
      const result = await signInThroughProvider(t, stranger);
      expect(result.location).toBe('/signin?ssoError=sso_user_unknown');
      expect(result.session).toBeUndefined();
      const users = await org.admin.get(`/v1/users?q=${encodeURIComponent('stranger')}`);
      expect(users.body.items).toEqual([]);
    });

    it('an email the provider marks unverified is refused (sso_email_unverified)', async () => {
      const t = await target(kind);
      const org = await organization(t);
      await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]));
      const bob = await addUserAt(org, 'bob');
      unverified.add(bob.email);
      const result = await signInThroughProvider(t, bob.email);
      expect(result.location).toBe('/signin?ssoError=sso_email_unverified');
    });

    it('a tampered state, a missing browser cookie and a replayed callback are refused (sso_state_invalid)', async () => {
      const t = await target(kind);
      const org = await organization(t);
      await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]));
      const alice = await addUserAt(org, 'alice');

      const started = await start(t, alice.email);
      const back = await signInAtProvider(started.body.authorizationUrl!, alice.email);
      const tampered = new URL(onTestServer(t, back));
      tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
      const refused = await callback(t, tampered.href, started.browserCookie);
      expect(refused.location).toBe('/signin?ssoError=sso_state_invalid');
      expect(refused.session).toBeUndefined();

      const otherBrowser = await callback(t, onTestServer(t, back), 'cc_sso=ccb_someone-else');
      expect(otherBrowser.location).toBe('/signin?ssoError=sso_state_invalid');

      // Each started sign-in is taken once: the refusal above used it up.
      const replay = await callback(t, onTestServer(t, back), started.browserCookie);
      expect(replay.location).toBe('/signin?ssoError=sso_state_invalid');
      expect(replay.session).toBeUndefined();
    });

    it('the client secret, the authorization code and the session never appear in the logs', async () => {
      const lines: string[] = [];
      const logStream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const t = await target(kind, { instance: 'sso-logged', env: { LOG_LEVEL: 'debug' }, logStream });
      const org = await organization(t);
      expect((await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]))).status).toBe(201);
      const alice = await addUserAt(org, 'alice');
      const started = await start(t, alice.email);
      const back = await signInAtProvider(started.body.authorizationUrl!, alice.email);
      const signedIn = await callback(t, onTestServer(t, back), started.browserCookie);
      expect(signedIn.location).toBe('/');
      // A code exchanged twice is refused by the provider: that refusal is logged, without the code.
      const again = await start(t, alice.email);
      const backAgain = await signInAtProvider(again.body.authorizationUrl!, alice.email);
      const reused = new URL(onTestServer(t, backAgain));
      reused.searchParams.set('code', back.searchParams.get('code')!);
      expect((await callback(t, reused.href, again.browserCookie)).location).toBe('/signin?ssoError=sso_token_invalid');

      const log = lines.join('');
      expect(log).toContain('/v1/sso/callback');
      for (const secret of [clientSecret, back.searchParams.get('code')!, backAgain.searchParams.get('code')!, signedIn.session!.split('=')[1]!, started.browserCookie!.split('=')[1]!]) {
        expect(log.includes(secret), 'a secret in the logs').toBe(false);
      }
    });

    it('an email whose domain has no connection is told so (404 sso_not_configured)', async () => {
      const t = await target(kind);
      const response = await new Client(t.url).post('/v1/sso/start', { email: `someone@no-sso-${randomBytes(3).toString('hex')}.example.org` });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('sso_not_configured');
    });

    it("the domain's users no longer sign in with a password (403 sso_required); the global admin still does", async () => {
      const t = await target(kind);
      const org = await organization(t);
      const alice = await addUserAt(org, 'alice', ['adminAgent']);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).status).toBe(201);
      await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection([org.domain]));

      const refused = await new Client(t.url).signIn(alice.email, testPassword);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('sso_required');
      const wrongPassword = await new Client(t.url).signIn(alice.email, 'not-the-password');
      expect(wrongPassword.body.code).toBe('invalid_credentials');
      expect((await new Client(t.url).signIn(org.adminEmail, testPassword)).status).toBe(201);

      await org.admin.delete(`/v1/tenants/${org.tenantId}/identity-provider`);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).status).toBe(201);
    });
  });
});
