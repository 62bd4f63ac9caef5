// Single sign-on through HTTP on a real database, against a real OpenID Connect provider
// (oidc-provider, in this process on an ephemeral port) and a real DNS server (dns2, UDP on
// loopback; the app's DNS_SERVERS points at it): the connection (global admins only, the client
// secret write-only), domains claimed with a DNS TXT record (ACC-5), discovery through the outbound
// guard, and the whole authorization-code + PKCE sign-in, browser-style, with each way it is refused.
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
import { startDnsServer, type TestDns } from '../../../../test/helpers/dns.js';
import { target, targetKinds, type Target, type TargetKind } from '../../../../test/helpers/server.js';

const clientId = 'channel-center';
const clientSecret = `idp-secret-${randomBytes(12).toString('hex')}`;
/** Where the test servers send the browser back (PUBLIC_URL of the test servers + the callback path). */
const callbackUrl = 'http://localhost:8080/v1/sso/callback';

let issuer: string;
let idpServer: http.Server;
/** Requests the provider received (to prove the outbound guard refused before connecting). */
let idpRequests = 0;
/** Accounts the provider refuses to vouch for (email_verified: false). */
const unverified = new Set<string>();
let dns: TestDns;

beforeAll(async () => {
  dns = await startDnsServer();
  idpServer = http.createServer();
  idpServer.on('request', () => idpRequests++);
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
  await dns.close();
});

/** The app with its DNS on the test's DNS server; outside production, loopback providers are reached. */
function sso(kind: TargetKind) {
  return target(kind, { instance: 'sso-dns', env: { DNS_SERVERS: dns.server } });
}

/** The same with the outbound guard as in production: no loopback, private or link-local address. */
function guarded(kind: TargetKind) {
  return target(kind, { instance: 'sso-guarded', env: { DNS_SERVERS: dns.server, OUTBOUND_ALLOW_PRIVATE: '0' } });
}

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

function connection(overrides: Record<string, unknown> = {}) {
  return { issuer, clientId, clientSecret, ...overrides };
}

const domainsPath = (org: { tenantId: string }) => `/v1/tenants/${org.tenantId}/identity-provider/domains` as const;

/** ACC-5: claims the domain, publishes its TXT record on the test DNS server and verifies it. */
async function verifiedDomain(org: Org, domain = org.domain) {
  const claimed = await org.admin.post(domainsPath(org), { domain });
  expect([200, 201], claimed.text).toContain(claimed.status);
  publish(claimed.body.record);
  const verified = await org.admin.post(`${domainsPath(org)}/${domain}/verify`, {});
  expect(verified.status, verified.text).toBe(200);
  expect(verified.body.status).toBe('verified');
  return verified.body;
}

/** Publishes a TXT record on the test DNS server (beside any already there). */
function publish(record: { name: string; value: string }) {
  dns.txt.set(record.name, [...(dns.txt.get(record.name) ?? []), record.value]);
}

/** A connected identity provider whose users at the org's domain sign in through it. */
async function connectedWithDomain(org: Org) {
  const connected = await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection());
  expect(connected.status, connected.text).toBe(201);
  await verifiedDomain(org);
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

/** A loopback server answering every request with a redirect to the provider's discovery document. */
async function redirectingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => response.writeHead(302, { location: `${issuer}/.well-known/openid-configuration` }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const rand = () => randomBytes(4).toString('hex');

describe.each(targetKinds())('single sign-on on %s', (kind) => {
  describe('the identity provider connection', () => {
    it('a global admin connects the provider after discovery; the client secret is never returned nor audited', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider` as const;
      expect((await org.admin.get(path)).status).toBe(404);

      const created = await org.admin.put(path, connection());
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ issuer, clientId, clientSecretSet: true, domains: [] });
      await verifiedDomain(org);
      const read = await org.admin.get(path);
      expect(read.status).toBe(200);
      expect(read.body.domains).toEqual([org.domain]);
      const etag = read.headers.get('etag')!;

      // Editing without a secret keeps the stored one; a stale If-Match is refused.
      const edited = await org.admin.put(path, { issuer, clientId }, { headers: { 'if-match': etag } });
      expect(edited.status, edited.text).toBe(200);
      expect(edited.body.domains).toEqual([org.domain]);
      const stale = await org.admin.put(path, { issuer, clientId }, { headers: { 'if-match': etag } });
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

    it('an issuer that cannot be discovered saves nothing, with one answer whatever went wrong (422 identity_provider_discovery_failed)', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider` as const;
      const redirecting = await redirectingServer();
      try {
        const requestsBefore = idpRequests;
        const cases = {
          nothingListening: 'http://127.0.0.1:9/nobody',
          notAProvider: `${issuer}/not-an-issuer`,
          redirect: redirecting.url,
        };
        const details = new Set<string>();
        for (const [label, candidate] of Object.entries(cases)) {
          const response = await org.admin.put(path, connection({ issuer: candidate }));
          expect(response.status, `${label}: ${response.text}`).toBe(422);
          expect(response.body.code).toBe('identity_provider_discovery_failed');
          details.add(response.body.detail!.replace(candidate, '<issuer>'));
        }
        // The same words for "nothing there", "an HTTP service that is not a provider" and a redirect.
        expect([...details]).toEqual(['The identity provider at <issuer> could not be discovered. Check the issuer URL; nothing was saved.']);
        // The redirect was not followed: the provider it points at got no request from it.
        expect(idpRequests - requestsBefore).toBe(1); // the not-an-issuer case only
      } finally {
        await redirecting.close();
      }
      expect((await org.admin.get(path)).status).toBe(404);
    });

    it('refuses an issuer that is not https, a first connection without a secret, and domains in the connection (they are claimed on their own)', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider` as const;
      const insecure = await org.admin.put(path, connection({ issuer: 'http://idp.example.com' }));
      expect(insecure.status).toBe(400);
      expect(insecure.body.errors).toEqual([expect.objectContaining({ path: '/issuer', code: 'issuer_not_https' })]);
      const noSecret = await org.admin.put(path, { issuer, clientId });
      expect(noSecret.status).toBe(400);
      expect(noSecret.body.errors).toEqual([expect.objectContaining({ path: '/clientSecret', code: 'required' })]);
      const withDomains = await org.admin.put(path, connection({ domains: [org.domain] }));
      expect(withDomains.status).toBe(400);
      expect(withDomains.body.errors).toEqual([expect.objectContaining({ path: '/domains' })]);
      expect((await org.admin.get(path)).status).toBe(404);
    });

    it('with the outbound guard as in production, discovery reaches no loopback, private or metadata address: the same 422 for each, before any connection', async () => {
      const t = await guarded(kind);
      const org = await organization(t);
      const path = `/v1/tenants/${org.tenantId}/identity-provider` as const;
      const privateName = `idp-${rand()}.private.example.test`;
      const metadataName = `idp-${rand()}.metadata.example.test`;
      dns.a.set(privateName, ['10.0.0.1']);
      dns.a.set(metadataName, ['169.254.169.254']);
      const requestsBefore = idpRequests;
      const cases = {
        // A real provider listens there: only the guard stands in the way.
        loopback: issuer,
        localhost: issuer.replace('127.0.0.1', 'localhost'),
        privateAddress: `https://${privateName}`,
        metadataService: `https://${metadataName}/latest/meta-data`,
      };
      const details = new Set<string>();
      for (const [label, candidate] of Object.entries(cases)) {
        const response = await org.admin.put(path, connection({ issuer: candidate }));
        expect(response.status, `${label}: ${response.text}`).toBe(422);
        expect(response.body.code).toBe('identity_provider_discovery_failed');
        details.add(response.body.detail!.replace(candidate, '<issuer>'));
      }
      expect(details.size).toBe(1);
      expect(idpRequests).toBe(requestsBefore);
      // The names were resolved through DNS_SERVERS (and refused there, before connecting).
      expect(dns.asked).toEqual(expect.arrayContaining([privateName, metadataName]));
      expect((await org.admin.get(path)).status).toBe(404);
    });

    it('only a global admin sees or changes the connection (403 for other roles, 404 from another tenant)', async () => {
      const t = await sso(kind);
      const path = (o: { tenantId: string }) => `/v1/tenants/${o.tenantId}/identity-provider` as const;
      const body = () => connection();
      await expectAuthorization(t, { method: 'PUT', path, body, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'GET', path, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'DELETE', path, allowed: ['globalAdmin'], otherTenant: 'notFound' });
    });
  });

  describe('domains claimed with a DNS TXT record (ACC-5)', () => {
    it('ACC-5: a claimed domain signs nothing in and blocks no password until its TXT record is found', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const alice = await addUserAt(org, 'alice', ['adminAgent']);
      expect((await org.admin.put(`/v1/tenants/${org.tenantId}/identity-provider`, connection())).status).toBe(201);

      const claimed = await org.admin.post(domainsPath(org), { domain: org.domain.toUpperCase() });
      expect(claimed.status, claimed.text).toBe(201);
      expect(claimed.body).toMatchObject({ domain: org.domain, status: 'pending', verifiedAt: null, record: { type: 'TXT', name: `_channelcenter-verification.${org.domain}` } });
      expect(claimed.body.record.value).toMatch(/^channel-center-verification=[0-9a-f]{64}$/);

      // Claimed, not verified: no single sign-on, password sign-in as before.
      expect((await start(t, alice.email)).body.code).toBe('sso_not_configured');
      expect((await new Client(t.url).signIn(alice.email, testPassword)).status).toBe(201);

      // No record, then a record with another token: refused, nothing changes.
      const verifyPath = `${domainsPath(org)}/${org.domain}/verify` as const;
      const missing = await org.admin.post(verifyPath, {});
      expect(missing.status).toBe(422);
      expect(missing.body.code).toBe('domain_verification_failed');
      expect(missing.body.detail).toContain(claimed.body.record.name);
      dns.txt.set(claimed.body.record.name, [`channel-center-verification=${'0'.repeat(64)}`, 'v=spf1 -all']);
      expect((await org.admin.post(verifyPath, {})).body.code).toBe('domain_verification_failed');
      expect((await org.admin.get(domainsPath(org))).body.items).toEqual([expect.objectContaining({ domain: org.domain, status: 'pending' })]);
      expect((await start(t, alice.email)).status).toBe(404);

      // Published: verified, and the domain signs in through the provider.
      publish(claimed.body.record);
      const verified = await org.admin.post(verifyPath, {});
      expect(verified.status, verified.text).toBe(200);
      expect(verified.body).toMatchObject({ domain: org.domain, status: 'verified', record: claimed.body.record });
      expect(Date.parse(verified.body.verifiedAt!)).not.toBeNaN();
      expect(dns.asked).toContain(claimed.body.record.name);
      expect((await start(t, alice.email)).status).toBe(200);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).body.code).toBe('sso_required');
      expect((await org.admin.get(`/v1/tenants/${org.tenantId}/identity-provider`)).body.domains).toEqual([org.domain]);

      const audit = await org.admin.get('/v1/audit-records?size=100');
      const actions = audit.body.items.map((r: { action: string }) => r.action);
      expect(actions.filter((a: string) => a === 'identityProvider.domainClaimed')).toHaveLength(1);
      // The failed attempts changed nothing and recorded nothing.
      expect(actions.filter((a: string) => a === 'identityProvider.domainVerified')).toHaveLength(1);
    });

    it("ACC-5: a squatter's claim neither blocks the real owner nor receives its users, and the owner's verification drops it", async () => {
      const t = await sso(kind);
      const owner = await organization(t);
      const alice = await addUserAt(owner, 'alice');

      // A fresh tenant with one user at the owner's domain claims it for its own provider.
      const squatterEmail = `squatter-${rand()}@${owner.domain}`;
      const squatterAdmin = new Client(t.url);
      const made = await squatterAdmin.post('/v1/tenants', { organizationName: 'Squatter', country: 'FR', admin: { displayName: 'Squatter', email: squatterEmail, password: testPassword } });
      expect(made.status, made.text).toBe(201);
      expect((await squatterAdmin.signIn(squatterEmail, testPassword)).status).toBe(201);
      const squatter: Org = { domain: owner.domain, tenantId: made.body.tenant.id, admin: squatterAdmin, adminEmail: squatterEmail };
      expect((await squatter.admin.put(`/v1/tenants/${squatter.tenantId}/identity-provider`, connection())).status).toBe(201);
      const squatterClaim = await squatter.admin.post(domainsPath(squatter), { domain: owner.domain });
      expect(squatterClaim.status).toBe(201);
      expect((await squatter.admin.post(`${domainsPath(squatter)}/${owner.domain}/verify`, {})).body.code).toBe('domain_verification_failed');
      // The owner's users are not sent to the squatter's login page.
      expect((await start(t, alice.email)).body.code).toBe('sso_not_configured');

      // The owner connects and claims the same domain: no 409.
      expect((await owner.admin.put(`/v1/tenants/${owner.tenantId}/identity-provider`, connection())).status).toBe(201);
      const ownerClaim = await owner.admin.post(domainsPath(owner), { domain: owner.domain });
      expect(ownerClaim.status, ownerClaim.text).toBe(201);
      // Each tenant has its own token: the owner's record proves nothing for the squatter.
      expect(ownerClaim.body.record.value).not.toBe(squatterClaim.body.record.value);
      publish(ownerClaim.body.record);
      expect((await squatter.admin.post(`${domainsPath(squatter)}/${owner.domain}/verify`, {})).body.code).toBe('domain_verification_failed');
      const verified = await owner.admin.post(`${domainsPath(owner)}/${owner.domain}/verify`, {});
      expect(verified.status, verified.text).toBe(200);

      // The squatter's claim is gone (recorded in its own log, without who proved control), and it cannot claim again.
      expect((await squatter.admin.get(domainsPath(squatter))).body.items).toEqual([]);
      const squatterAudit = await squatter.admin.get('/v1/audit-records?size=100');
      const dropped = squatterAudit.body.items.find((r: { action: string }) => r.action === 'identityProvider.domainClaimDropped');
      expect(dropped).toMatchObject({ actorUserId: null });
      const again = await squatter.admin.post(domainsPath(squatter), { domain: owner.domain });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('identity_provider_domain_taken');

      // The owner's user signs in through the owner's provider, into the owner's tenant.
      const result = await signInThroughProvider(t, alice.email);
      expect(result.location).toBe('/');
      const browser = new Client(t.url);
      browser.cookie = result.session;
      expect((await browser.get('/v1/me')).body.tenant.id).toBe(owner.tenantId);
    });

    it('ACC-5: bad domains are 400; claiming again answers the same claim; verifying is repeatable; an unknown claim is 404', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const webmail = await org.admin.post(domainsPath(org), { domain: 'gmail.com' });
      expect(webmail.status).toBe(400);
      expect(webmail.body.errors).toEqual([expect.objectContaining({ path: '/domain', code: 'webmail_domain' })]);
      const invalid = await org.admin.post(domainsPath(org), { domain: 'not a domain' });
      expect(invalid.body.errors).toEqual([expect.objectContaining({ path: '/domain', code: 'domain_invalid' })]);

      const first = await org.admin.post(domainsPath(org), { domain: org.domain });
      expect(first.status).toBe(201);
      const second = await org.admin.post(domainsPath(org), { domain: `${org.domain}.` });
      expect(second.status).toBe(200);
      expect(second.body.record).toEqual(first.body.record);
      await verifiedDomain(org);
      const repeated = await org.admin.post(`${domainsPath(org)}/${org.domain}/verify`, {});
      expect(repeated.status).toBe(200);
      expect(repeated.body.status).toBe('verified');
      const unknown = await org.admin.post(`${domainsPath(org)}/unknown-${rand()}.example.com/verify`, {});
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('not_found');
    });

    it('ACC-5: removing the connection keeps the verification; removing the domain ends its single sign-on', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const alice = await addUserAt(org, 'alice', ['adminAgent']);
      const providerPath = `/v1/tenants/${org.tenantId}/identity-provider` as const;
      await connectedWithDomain(org);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).body.code).toBe('sso_required');

      expect((await org.admin.delete(providerPath)).status).toBe(204);
      expect((await org.admin.get(domainsPath(org))).body.items).toEqual([expect.objectContaining({ domain: org.domain, status: 'verified' })]);
      expect((await start(t, alice.email)).status).toBe(404);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).status).toBe(201);

      const reconnected = await org.admin.put(providerPath, connection());
      expect(reconnected.status).toBe(201);
      expect(reconnected.body.domains).toEqual([org.domain]);
      expect((await start(t, alice.email)).status).toBe(200);

      expect((await org.admin.delete(`${domainsPath(org)}/${org.domain}`)).status).toBe(204);
      expect((await start(t, alice.email)).status).toBe(404);
      expect((await org.admin.get(providerPath)).body.domains).toEqual([]);
      expect((await org.admin.get(domainsPath(org))).body.items).toEqual([]);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).status).toBe(201);
      expect((await org.admin.delete(`${domainsPath(org)}/${org.domain}`)).status).toBe(404);
      const audit = await org.admin.get('/v1/audit-records?size=100');
      expect(audit.body.items.map((r: { action: string }) => r.action)).toContain('identityProvider.domainRemoved');
    });

    it('ACC-5: only a global admin lists, claims, verifies or removes domains (403 for other roles, 404 from another tenant)', async () => {
      const t = await sso(kind);
      const owner = await roleFixture(t, 'owner');
      const claim = async () => {
        const domain = `authz-${rand()}.example.com`;
        expect((await owner.admin.client.post(domainsPath(owner), { domain })).status).toBe(201);
        return domain;
      };
      const listed = domainsPath;
      await expectAuthorization(t, { method: 'GET', path: listed, allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'POST', path: listed, body: () => ({ domain: `authz-${rand()}.example.com` }), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      const pending = await claim();
      await expectAuthorization(t, { method: 'POST', path: (o) => `${domainsPath(o)}/${pending}/verify`, body: () => ({}), allowed: ['globalAdmin'], otherTenant: 'notFound' });
      await expectAuthorization(t, { method: 'DELETE', path: async (o) => `${domainsPath(o)}/${await claim()}`, allowed: ['globalAdmin'], otherTenant: 'notFound' });
    });
  });

  describe('signing in through the provider', () => {
    it('a user of the domain signs in: session cookie, /v1/me, audit record of the SSO sign-in', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      await connectedWithDomain(org);
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
      const record = audit.body.items.find((r) => r.action === 'session.createdViaSso' && r.actorUserId === alice.userId);
      expect(record).toBeDefined();
      expect(audit.text).not.toContain(clientSecret);
    });

    it('an account at a domain the connection does not have is refused (sso_email_domain_mismatch)', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      await connectedWithDomain(org);
      const alice = await addUserAt(org, 'alice');
      const result = await signInThroughProvider(t, alice.email, 'mallory@elsewhere.example.net');
      expect(result.status).toBe(302);
      expect(result.location).toBe('/signin?ssoError=sso_email_domain_mismatch');
      expect(result.session).toBeUndefined();
    });

    it('an email the organization has no user for is refused (sso_user_unknown), and no user is created', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      await connectedWithDomain(org);
      const stranger = `stranger@${org.domain}`;
      const result = await signInThroughProvider(t, stranger);
      expect(result.location).toBe('/signin?ssoError=sso_user_unknown');
      expect(result.session).toBeUndefined();
      const users = await org.admin.get(`/v1/users?q=${encodeURIComponent('stranger')}`);
      expect(users.body.items).toEqual([]);
    });

    it('an email the provider marks unverified is refused (sso_email_unverified)', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      await connectedWithDomain(org);
      const bob = await addUserAt(org, 'bob');
      unverified.add(bob.email);
      const result = await signInThroughProvider(t, bob.email);
      expect(result.location).toBe('/signin?ssoError=sso_email_unverified');
    });

    it('a tampered state, a missing browser cookie and a replayed callback are refused (sso_state_invalid)', async () => {
      const t = await sso(kind);
      const org = await organization(t);
      await connectedWithDomain(org);
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
      const t = await target(kind, { instance: 'sso-logged', env: { LOG_LEVEL: 'debug', DNS_SERVERS: dns.server }, logStream });
      const org = await organization(t);
      await connectedWithDomain(org);
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
      const t = await sso(kind);
      const response = await new Client(t.url).post('/v1/sso/start', { email: `someone@no-sso-${randomBytes(3).toString('hex')}.example.org` });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('sso_not_configured');
    });

    it("the domain's users no longer sign in with a password (403 sso_required); the global admin still does", async () => {
      const t = await sso(kind);
      const org = await organization(t);
      const alice = await addUserAt(org, 'alice', ['adminAgent']);
      expect((await new Client(t.url).signIn(alice.email, testPassword)).status).toBe(201);
      await connectedWithDomain(org);

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
