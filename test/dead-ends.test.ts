// What the portal's normal navigation asks the API, answered without errors: resources not created yet
// (legal and support profiles, PartnerID, identity provider, billing profile) are 204 for a caller that
// asks with whenAbsent=noContent and stay 404 for everyone else; the session probe answers 200 whether
// anyone is signed in or not. And the delegated-admin request mail names the roles in the reader's
// language, and every audit action the code writes has a name in the portal.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { connectedPartners, sharedCustomer } from './helpers/commerce.js';
import { Client, signUp, testPassword } from './helpers/client.js';
import { legalProfileBody, samples } from './helpers/partners.js';
import { target, targetKinds } from './helpers/server.js';

describe.each(targetKinds())('dead ends on %s', (kind) => {
  it('a resource not created yet: 204 with whenAbsent=noContent, 404 by default, 200 once it exists', async () => {
    const t = await target(kind);
    const partner = await signUp(t);
    const c = partner.client;
    const paths = ['/v1/profiles/legalbusiness', '/v1/profiles/support', '/v1/profiles/partner-id', `/v1/tenants/${partner.tenantId}/identity-provider`, '/v1/billing-profile'];
    for (const resource of paths) {
      const absent = await c.get(`${resource}?whenAbsent=noContent`);
      expect([resource, absent.status, absent.text]).toEqual([resource, 204, '']);
      const notFound = await c.request<{ code?: string }>('GET', resource);
      expect([resource, notFound.status, notFound.body.code]).toEqual([resource, 404, 'not_found']);
      expect((await c.get(`${resource}?whenAbsent=notFound`)).status).toBe(404);
      expect((await c.get(`${resource}?whenAbsent=maybe`)).status).toBe(400);
    }
    // Another tenant's connection is not found however the caller asks (its absence reveals nothing either way).
    const other = await signUp(t);
    expect((await c.get(`/v1/tenants/${other.tenantId}/identity-provider?whenAbsent=noContent`)).status).toBe(404);

    const domain = `absent-${Date.now().toString(36)}.example.com`;
    expect((await c.put('/v1/profiles/legalbusiness', legalProfileBody('FR', domain))).status).toBe(200);
    expect((await c.put('/v1/profiles/support', { email: `support@${domain}`, phone: samples.FR!.phone, website: `https://www.${domain}` })).status).toBe(200);
    const location = await c.post('/v1/profiles/locations', { country: 'FR', address: samples.FR!.address });
    expect((await c.put('/v1/profiles/partner-id', { partnerId: location.body.partnerId })).status).toBe(200);
    expect((await c.put('/v1/billing-profile', { legalName: 'Absent SAS', address: samples.FR!.address })).status).toBe(200);
    for (const resource of paths.filter((p) => !p.endsWith('/identity-provider'))) {
      const present = await c.get(`${resource}?whenAbsent=noContent`);
      expect([resource, present.status]).toEqual([resource, 200]);
      expect(present.body).toEqual((await c.get(resource)).body);
    }
    const legal = await c.get('/v1/profiles/legalbusiness?whenAbsent=noContent');
    expect(legal.headers.get('etag')).toBeTruthy();
    expect(legal.body.legalName).toBe(legalProfileBody('FR', domain).legalName);
  });

  it('the session probe answers 200 for anyone: signed out, signed in (as GET /v1/me), with a token, with a stale cookie', async () => {
    const t = await target(kind);
    const anonymous = await new Client(t.url).get('/v1/auth/session');
    expect([anonymous.status, anonymous.body]).toEqual([200, { signedIn: false, me: null }]);

    const admin = await signUp(t);
    const probe = await admin.client.get('/v1/auth/session');
    expect(probe.status).toBe(200);
    expect(probe.body.signedIn).toBe(true);
    const me = await admin.client.get('/v1/me');
    expect(probe.body.me).toEqual(me.body);
    expect(probe.body.me!.csrfToken).toBe(admin.client.csrfToken);

    const token = await admin.client.post('/v1/me/tokens', { name: 'probe', expiresInDays: 1 });
    const bearer = new Client(t.url);
    bearer.bearer = token.body.token;
    const byToken = await bearer.get('/v1/auth/session');
    expect([byToken.body.signedIn, byToken.body.me?.user.id]).toEqual([true, admin.userId]);

    // Signed out: the cookie names no session any more.
    const cookie = admin.client.cookie!;
    expect((await admin.client.delete('/v1/auth/sessions/current')).status).toBe(204);
    const stale = new Client(t.url);
    stale.cookie = cookie;
    expect((await stale.get('/v1/auth/session')).body).toEqual({ signedIn: false, me: null });
    expect((await stale.get('/v1/me')).status).toBe(401);
    // Signed in again: the probe follows the new session.
    const again = new Client(t.url);
    expect((await again.signIn(admin.email, testPassword)).status).toBe(201);
    expect((await again.get('/v1/auth/session')).body.signedIn).toBe(true);
  });

  it('the delegated-admin request mail names the roles in the recipient’s language, never their codes', async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    expect((await customer.client.patch('/v1/me', { language: 'fr' })).status).toBe(200);
    const requested = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, {
      roles: ['userAdministrator', 'licenseAdministrator'],
      durationDays: 90,
      autoExtend: false,
    });
    expect(requested.status, requested.text).toBe(201);
    const [mail] = await query<{ text_body: string; html_body: string }>(
      t.app.platform.db,
      sql`select text_body, html_body from mail_outbox where template = 'delegatedAdminRequest' and to_address = ${customer.email} order by created_at desc limit 1`,
    );
    expect(mail!.text_body).toContain('Administrateur des utilisateurs et Administrateur des licences');
    expect(mail!.text_body).not.toMatch(/userAdministrator|licenseAdministrator/);
    expect(mail!.html_body).not.toMatch(/userAdministrator|licenseAdministrator/);
  });
});

describe('audit action names', () => {
  /** Every action code the server writes as a literal (`action: 'user.updated'`, ternaries included), with the computed families listed. */
  function writtenActions(): Set<string> {
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
          for (const line of readFileSync(file, 'utf8').split('\n')) {
            const at = line.search(/\baction: /);
            if (at < 0) continue;
            for (const match of line.slice(at, at + 200).matchAll(/'([a-z][A-Za-z]*\.[a-z][A-Za-z]*)'/g)) found.add(match[1]!);
          }
        }
      }
    };
    walk(path.resolve('src'));
    // Written with a computed part: enrollment.<status>, supportRequest.<status>, delegatedAdmin.<status>, <invitation>.<step>, offer edits.
    for (const status of ['emailVerificationPending', 'inReview', 'actionRequired', 'verified', 'active', 'rejected', 'suspended']) found.add(`enrollment.${status}`);
    for (const status of ['resolved', 'declined']) found.add(`supportRequest.${status}`);
    for (const status of ['approvalPending', 'active']) found.add(`delegatedAdmin.${status}`);
    for (const kind of ['resellerInvitation', 'customerInvitation']) for (const step of ['created', 'sent', 'revoked']) found.add(`${kind}.${step}`);
    for (const edit of ['listingUpdated', 'plansUpdated']) found.add(`offer.${edit}`);
    return found;
  }

  it('every action the server writes has a name in the portal, in every language', () => {
    const names = (locale: string) => JSON.parse(readFileSync(path.resolve(`web/src/i18n/auditLog/${locale}.json`), 'utf8')).auditLog.actions as Record<string, Record<string, string>>;
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(100);
    for (const locale of ['en', 'fr', 'zh-Hans', 'zh-Hant', 'id']) {
      const catalogue = names(locale);
      const missing = [...written].filter((action) => {
        const [resource, verb] = action.split('.') as [string, string];
        return !catalogue[resource]?.[verb];
      });
      expect(missing, `actions with no name in web/src/i18n/auditLog/${locale}.json`).toEqual([]);
    }
  });
});
