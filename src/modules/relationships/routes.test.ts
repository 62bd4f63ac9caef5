// Markets and provider ↔ reseller relationships through HTTP on a real database, rule by rule
// (MKT-1 … MKT-5, REL-1 … REL-6, REL-8), with the authorization helper on every route.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { partnerRoles } from '../../platform/access.js';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser, Client, signUp, testPassword, uniqueEmail } from '../../../test/helpers/client.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner, type Partner } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';

function tokenOf(link: string) {
  return link.slice(link.lastIndexOf('/') + 1);
}

async function invite(t: Target, provider: Partner) {
  const created = await provider.client.post('/v1/reseller-invitations', {});
  if (created.status !== 201) throw new Error(`invite: ${created.text}`);
  return { id: created.body.id, link: created.body.link!, token: tokenOf(created.body.link!), draft: created.body.draftEmail };
}

async function connect(t: Target, provider: Partner, reseller: Partner) {
  const invitation = await invite(t, provider);
  const accepted = await reseller.client.post(`/v1/invitations/reseller/${invitation.token}/accept`, { confirm: true });
  if (accepted.status !== 201) throw new Error(`accept: ${accepted.text}`);
  return accepted.body.id as string;
}

describe.each(targetKinds())('markets and relationships on %s', (kind) => {
  describe('markets (MKT-1 … MKT-5)', () => {
    it('lists the regions with their countries, currencies and names in the caller language', async () => {
      const t = await target(kind);
      const { client } = await signUp(t);
      const markets = await client.get('/v1/markets', { headers: { 'accept-language': 'zh-TW' } });
      expect(markets.status).toBe(200);
      expect(markets.body.items.length).toBeGreaterThanOrEqual(15);
      const europe = markets.body.items.find((r: { id: string }) => r.id === 'europe');
      expect(europe!.countries.find((c: { country: string }) => c.country === 'FR')).toEqual({ country: 'FR', name: '法國', regionId: 'europe', currency: 'EUR' });
      expect(markets.body.items.reduce((n: number, r: { countries: unknown[] }) => n + r.countries.length, 0)).toBeGreaterThanOrEqual(243);
      const us = await client.get('/v1/markets/US', { headers: { 'accept-language': 'fr' } });
      expect(us.body).toEqual({ country: 'US', name: 'États-Unis', regionId: 'united_states', currency: 'USD' });
      expect((await client.get('/v1/markets/XX')).status).toBe(404);
    });

    it('the operator adds or moves a country and changes its currency, audited; partners cannot', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const added = await operator.put('/v1/operator/markets/EH', { regionId: 'europe', currency: 'EUR' });
      expect(added.status).toBe(200);
      const moved = await operator.put('/v1/operator/markets/EH', { regionId: 'africa', currency: 'USD' });
      expect(moved.body).toMatchObject({ country: 'EH', regionId: 'africa', currency: 'USD' });
      const records = await operator.get('/v1/audit-records?resourceType=market');
      expect(records.body.items.slice(0, 2).map((r: { action: string }) => r.action)).toEqual(['market.updated', 'market.created']);
      expect((await operator.put('/v1/operator/markets/EH', { regionId: 'atlantis', currency: 'EUR' })).body.errors![0]).toMatchObject({ path: '/regionId', code: 'region_unknown' });
      expect((await operator.put('/v1/operator/markets/EH', { regionId: 'africa', currency: 'euro' })).status).toBe(400);
      expect((await operator.put('/v1/operator/markets/ZZ', { regionId: 'africa', currency: 'USD' })).status).toBe(400);
      const { client } = await signUp(t);
      expect((await client.put('/v1/operator/markets/EH', { regionId: 'europe', currency: 'EUR' })).status).toBe(403);
    });
  });

  describe('REL-1 provider directory', () => {
    it("lists active providers serving the region of the partner's legal country, filterable", async () => {
      const t = await target(kind);
      const fr = await enrollPartner(t, { program: 'indirectProvider', country: 'FR', organizationName: 'Directory Provider FR' });
      const de = await enrollPartner(t, { program: 'indirectProvider', country: 'DE' });
      const us = await enrollPartner(t, { program: 'indirectProvider', country: 'US' });
      const pending = await enrollPartner(t, { program: 'indirectProvider', country: 'FR', stage: 'inReview' });
      const reseller = await enrollPartner(t, { country: 'FR', stage: 'verified' });
      const mine = await reseller.client.get('/v1/providers?size=500');
      const ids = mine.body.items.map((p: { tenantId: string }) => p.tenantId);
      expect(ids).toEqual(expect.arrayContaining([fr.tenantId, de.tenantId]));
      expect(ids).not.toContain(us.tenantId);
      expect(ids).not.toContain(pending.tenantId);
      const entry = mine.body.items.find((p: { tenantId: string }) => p.tenantId === fr.tenantId);
      expect(entry).toMatchObject({ country: 'FR', region: 'europe', servicesOffered: ['technicalTraining', 'customerSupport'], supportEmail: `support@${fr.domain}`, website: `https://www.${fr.domain}` });
      const inUs = await reseller.client.get('/v1/providers?country=US&size=500');
      expect(inUs.body.items.map((p: { tenantId: string }) => p.tenantId)).toContain(us.tenantId);
      expect(inUs.body.items.every((p) => p.region === 'united_states')).toBe(true);
      const byName = await reseller.client.get(`/v1/providers?q=${encodeURIComponent(fr.domain)}`);
      expect(byName.body.items.map((p: { tenantId: string }) => p.tenantId)).toEqual([fr.tenantId]);
      const byService = await reseller.client.get('/v1/providers?service=financingAndCredit&size=500');
      expect(byService.body.items.map((p: { tenantId: string }) => p.tenantId)).not.toContain(fr.tenantId);
      expect((await reseller.client.get('/v1/providers?service=pizza')).status).toBe(400);
    });
  });

  describe('REL-2 invitations', () => {
    it('a personalized single-use link and an editable draft; sending refuses a body without the link', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const created = await provider.client.post('/v1/reseller-invitations', { email: 'owner@reseller.example.com', locale: 'fr' });
      expect(created.status).toBe(201);
      expect(created.body.link).toMatch(/^http:\/\/localhost:8080\/invitations\/reseller\/cri_[\w-]{43}$/); // 256 random bits
      expect(created.body).toMatchObject({ status: 'pending', email: 'owner@reseller.example.com', locale: 'fr' });
      expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
      expect(created.body.draftEmail!.body).toContain(created.body.link);
      expect(created.body.draftEmail!.subject).toMatch(/vous invite/);
      const stored = await query<{ token_hash: string }>(t.app.platform.db, sql`select token_hash from reseller_invitations where id = ${created.body.id}`);
      expect(stored[0]!.token_hash).not.toContain(tokenOf(created.body.link!));
      const missing = await provider.client.post(`/v1/reseller-invitations/${created.body.id}/send`, { to: 'owner@reseller.example.com', subject: 'Hi', body: 'Link removed by mistake' });
      expect(missing.status).toBe(422);
      expect(missing.body.code).toBe('invitation_link_missing');
      const edited = `Bonjour Claire,\n\nVoici notre lien : ${created.body.link}\n\nÀ bientôt`;
      const sent = await provider.client.post(`/v1/reseller-invitations/${created.body.id}/send`, { to: 'claire@reseller.example.com', subject: 'Travaillons ensemble', body: edited });
      expect(sent.status).toBe(200);
      expect(sent.body.sentAt).toBeTruthy();
      const [mail] = await query<{ subject: string; text_body: string }>(t.app.platform.db, sql`select subject, text_body from mail_outbox where to_address = 'claire@reseller.example.com' order by created_at desc limit 1`);
      expect(mail).toEqual({ subject: 'Travaillons ensemble', text_body: edited });
      const audit = await provider.client.get('/v1/audit-records?resourceType=resellerInvitation&size=50');
      expect(audit.text).not.toContain(tokenOf(created.body.link!));
    });

    it('only an active provider invites; statuses pending, accepted, revoked, expired; wrong, reused, expired and revoked tokens', async () => {
      const t = await target(kind);
      const notProvider = await enrollPartner(t, { country: 'FR' });
      const refused = await notProvider.client.post('/v1/reseller-invitations', {});
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('not_an_active_provider');
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const reseller = await enrollPartner(t, { country: 'FR' });
      const anonymous = new Client(t.url);
      expect((await anonymous.get('/v1/invitations/reseller/cri_wrong')).status).toBe(404);
      const used = await invite(t, provider);
      const preview = await anonymous.get(`/v1/invitations/reseller/${used.token}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ provider: { tenantId: provider.tenantId, country: 'FR', region: 'europe', servicesOffered: ['technicalTraining', 'customerSupport'] }, grants: ['submitOrdersForYourCustomers', 'addSubscriptionsForYourCustomers', 'adminAccessToYourTenant'] });
      expect((await reseller.client.post(`/v1/invitations/reseller/${used.token}/accept`, { confirm: true })).status).toBe(201);
      const reused = await anonymous.get(`/v1/invitations/reseller/${used.token}`);
      expect([reused.status, reused.body.code]).toEqual([410, 'invitation_used']);
      const other = await enrollPartner(t, { country: 'DE' });
      expect((await other.client.post(`/v1/invitations/reseller/${used.token}/accept`, { confirm: true })).body.code).toBe('invitation_used');
      const revoked = await invite(t, provider);
      expect((await provider.client.delete(`/v1/reseller-invitations/${revoked.id}`)).status).toBe(204);
      expect((await anonymous.get(`/v1/invitations/reseller/${revoked.token}`)).body.code).toBe('invitation_revoked');
      expect((await other.client.post(`/v1/invitations/reseller/${revoked.token}/accept`, { confirm: true })).status).toBe(410);
      const expired = await invite(t, provider);
      await t.app.platform.db.execute(sql`update reseller_invitations set expires_at = now() - interval '1 second' where id = ${expired.id}`);
      expect((await anonymous.get(`/v1/invitations/reseller/${expired.token}`)).body.code).toBe('invitation_expired');
      const pending = await invite(t, provider);
      const statuses: Record<string, string> = {};
      for (const status of ['pending', 'accepted', 'revoked', 'expired']) {
        const list = await provider.client.get(`/v1/reseller-invitations?status=${status}`);
        for (const item of list.body.items) statuses[item.id] = item.status;
      }
      expect(statuses).toEqual({ [used.id]: 'accepted', [revoked.id]: 'revoked', [expired.id]: 'expired', [pending.id]: 'pending' });
    });
  });

  describe('REL-3, REL-4, REL-6 authorize indirect provider', () => {
    it('needs the confirmation, a global admin or admin agent, an enrolled reseller, one region', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const reseller = await enrollPartner(t, { country: 'DE' });
      const { token } = await invite(t, provider);
      const unticked = await reseller.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: false });
      expect([unticked.status, unticked.body.code]).toEqual([422, 'confirmation_required']);
      const sales = await addUser(t, reseller.client, ['salesAgent']);
      expect((await sales.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true })).status).toBe(403);
      const inReview = await enrollPartner(t, { country: 'FR', stage: 'inReview' });
      const notEnrolled = await inReview.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true });
      expect([notEnrolled.status, notEnrolled.body.code]).toEqual([422, 'not_enrolled_reseller']);
      const plain = await signUp(t);
      expect((await plain.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true })).body.code).toBe('not_enrolled_reseller');
      const american = await enrollPartner(t, { country: 'US' });
      const mismatch = await american.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true });
      expect([mismatch.status, mismatch.body.code]).toEqual([422, 'region_mismatch']); // MKT-2
      const agent = await addUser(t, reseller.client, ['adminAgent']);
      const accepted = await agent.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ providerTenantId: provider.tenantId, resellerTenantId: reseller.tenantId, state: 'active', adminAccess: 'granted' });
      const again = await invite(t, provider);
      const twice = await reseller.client.post(`/v1/invitations/reseller/${again.token}/accept`, { confirm: true });
      expect([twice.status, twice.body.code]).toEqual([409, 'already_authorized']);
      // both sides were told
      await t.app.platform.jobs.drain();
      const mails = await query<{ to_address: string }>(t.app.platform.db, sql`select to_address from mail_outbox where template = 'relationshipCreated' and created_at > now() - interval '1 minute'`);
      expect(mails.map((m) => m.to_address)).toEqual(expect.arrayContaining([provider.email, agent.email]));
    });

    it('REL-6: a provider that also joined the reseller program cannot authorize itself, nor be invited by itself', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const resellerProgram = await provider.client.post('/v1/enrollments', { program: 'indirectReseller' });
      expect((await provider.client.post(`/v1/enrollments/${resellerProgram.body.id}/submit`)).body.status).toBe('active'); // ENR-13
      const { id, token, draft } = await invite(t, provider);
      const self = await provider.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true });
      expect([self.status, self.body.code]).toEqual([422, 'self_relationship']);
      const agent = await addUser(t, provider.client, ['adminAgent']);
      expect((await agent.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true })).body.code).toBe('self_relationship');
      const named = await provider.client.post('/v1/reseller-invitations', { email: agent.email });
      expect([named.status, named.body.code, named.body.errors?.[0]?.path]).toEqual([422, 'self_relationship', '/email']);
      const sent = await provider.client.post(`/v1/reseller-invitations/${id}/send`, { to: provider.email, subject: 'Hi', body: draft!.body });
      expect([sent.status, sent.body.code, sent.body.errors?.[0]?.path]).toEqual([422, 'self_relationship', '/to']);
      const [rows] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from partner_relationships where provider_tenant_id = ${provider.tenantId} or reseller_tenant_id = ${provider.tenantId}`);
      expect(rows!.n).toBe(0);
      expect((await new Client(t.url).get(`/v1/invitations/reseller/${token}`)).body.provider.tenantId).toBe(provider.tenantId); // still pending
      // As a reseller it may still authorize another provider; an invitation to someone else's address is made.
      const other = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      expect((await provider.client.post(`/v1/invitations/reseller/${(await invite(t, other)).token}/accept`, { confirm: true })).status).toBe(201);
      expect((await provider.client.post('/v1/reseller-invitations', { email: other.email })).status).toBe(201);
    });

    it('REL-5 each side lists the other; a foreign tenant sees nothing', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'US' });
      const reseller = await enrollPartner(t, { country: 'US' });
      const id = await connect(t, provider, reseller);
      const providers = await reseller.client.get('/v1/relationships?relationshipType=IsIndirectResellerOf');
      expect(providers.body.items).toEqual([expect.objectContaining({ id, partnerTenantId: provider.tenantId, partnerId: provider.partnerId, country: 'US', relationshipType: 'IsIndirectResellerOf', adminAccess: 'granted', state: 'active' })]);
      const resellers = await provider.client.get('/v1/relationships?relationshipType=IsIndirectCloudSolutionProviderOf');
      expect(resellers.body.items).toEqual([expect.objectContaining({ id, partnerTenantId: reseller.tenantId, partnerId: reseller.partnerId, relationshipType: 'IsIndirectCloudSolutionProviderOf' })]);
      expect(resellers.body.totalCount).toBe(1);
      // An old cursor past the last relationship: an empty page, the total still there.
      const pastEnd = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
      expect((await provider.client.get(`/v1/relationships?cursor=${pastEnd}`)).body).toMatchObject({ items: [], totalCount: 1 });
      const stranger = await enrollPartner(t, { country: 'US' });
      expect((await stranger.client.get('/v1/relationships')).body.items).toEqual([]);
      expect((await stranger.client.get(`/v1/relationships/${id}`)).status).toBe(404);
      expect((await stranger.client.delete(`/v1/relationships/${id}`)).status).toBe(404);
      expect((await stranger.client.get('/v1/reseller-invitations')).body.items).toEqual([]);
      const { id: invitationId } = await invite(t, provider);
      expect((await stranger.client.delete(`/v1/reseller-invitations/${invitationId}`)).status).toBe(404);
    });

    it("REL-4 the provider's admin agents manage the reseller's users until the reseller removes admin access", async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const reseller = await enrollPartner(t, { country: 'FR' });
      const id = await connect(t, provider, reseller);
      const agent = await addUser(t, provider.client, ['adminAgent']);
      const sales = await addUser(t, provider.client, ['salesAgent']);
      const path = `/v1/tenants/${reseller.tenantId}/users` as const;
      const listed = await agent.client.get(path);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((u: { email: string }) => u.email)).toContain(reseller.email);
      const added = await agent.client.post(path, { displayName: 'Added by provider', email: uniqueEmail('onbehalf'), roles: ['helpdeskAgent'], password: testPassword });
      expect(added.status).toBe(201);
      const patched = await agent.client.patch(`${path}/${added.body.user.id}`, { roles: ['salesAgent'] });
      expect(patched.body.roles).toEqual(['salesAgent']);
      expect((await agent.client.patch(`${path}/${added.body.user.id}`, { roles: ['globalAdmin'] })).status).toBe(403);
      const audit = await reseller.client.get('/v1/audit-records?action=user.created');
      expect(audit.body.items.find((r) => r.resourceId === added.body.user.id)).toMatchObject({ tenantId: reseller.tenantId, actorTenantId: provider.tenantId, actorUserId: agent.userId });
      // The provider's own audit list holds what its users did in the reseller's tenant, counted in its total.
      const mine = await provider.client.get('/v1/audit-records?action=user.created&size=1');
      expect(mine.body.items).toEqual([expect.objectContaining({ resourceId: added.body.user.id, tenantId: reseller.tenantId, actorTenantId: provider.tenantId })]);
      expect(mine.body.totalCount).toBe((await provider.client.get('/v1/audit-records?action=user.created&size=100')).body.items.length);
      expect((await sales.client.get(path)).status).toBe(403);
      // A tenant it has no relationship with is not its to know.
      expect((await provider.client.get(`/v1/tenants/${(await enrollPartner(t, { country: 'FR' })).tenantId}/users`)).status).toBe(404);
      const resellerAgent = await addUser(t, reseller.client, ['adminAgent']);
      expect((await resellerAgent.client.delete(`/v1/relationships/${id}/admin-access`)).status).toBe(403);
      expect((await provider.client.delete(`/v1/relationships/${id}/admin-access`)).status).toBe(403);
      expect((await reseller.client.delete(`/v1/relationships/${id}/admin-access`)).status).toBe(204);
      expect((await agent.client.get(path)).status).toBe(403);
      expect((await agent.client.post(path, { displayName: 'Late', email: uniqueEmail(), roles: ['salesAgent'], password: testPassword })).status).toBe(403);
      const relationship = await reseller.client.get(`/v1/relationships/${id}`);
      expect(relationship.body).toMatchObject({ state: 'active', adminAccess: 'removed' });
    });

    it('REL-8 either side ends the relationship; the other side is emailed; it can start again', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'DE' });
      const reseller = await enrollPartner(t, { country: 'FR' });
      const id = await connect(t, provider, reseller);
      expect((await provider.client.delete(`/v1/relationships/${id}`)).status).toBe(204);
      expect((await reseller.client.get('/v1/relationships')).body.items).toEqual([]);
      expect((await reseller.client.delete(`/v1/relationships/${id}`)).body.code).toBe('relationship_ended');
      const [mail] = await query<{ subject: string }>(t.app.platform.db, sql`select subject from mail_outbox where template = 'relationshipEnded' and to_address = ${reseller.email}`);
      expect(mail!.subject).toMatch(/ended the relationship with/);
      const again = await connect(t, provider, reseller);
      expect(again).not.toBe(id);
      expect((await reseller.client.delete(`/v1/relationships/${again}`)).status).toBe(204);
    });

    it('50 simultaneous accepts of one invitation: exactly one relationship and one audit record', async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const reseller = await enrollPartner(t, { country: 'FR' });
      const { token } = await invite(t, provider);
      const results = await Promise.all(Array.from({ length: 50 }, () => reseller.client.post(`/v1/invitations/reseller/${token}/accept`, { confirm: true })));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.every((s) => s === 201 || s === 410 || s === 409)).toBe(true);
      const [counts] = await query<{ relationships: number; audits: number }>(
        t.app.platform.db,
        sql`select (select count(*)::int from partner_relationships where provider_tenant_id = ${provider.tenantId} and reseller_tenant_id = ${reseller.tenantId}) as relationships,
                   (select count(*)::int from audit_records where action = 'relationship.created' and tenant_id = ${reseller.tenantId}) as audits`,
      );
      expect(counts).toEqual({ relationships: 1, audits: 1 });
    });
  });

  describe('authorization of every relationships route', () => {
    it('reads for every partner role, changes for global admins and admin agents', async () => {
      const t = await target(kind);
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/relationships', allowed: partnerRoles, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/reseller-invitations', allowed: partnerRoles, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/providers', allowed: partnerRoles, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/markets', allowed: partnerRoles, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/markets/FR', allowed: partnerRoles, otherTenant: 'own' });
      // The fixture tenant is no provider: allowed roles reach the rule (422), the others are refused first.
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/reseller-invitations', body: () => ({}), allowed: ['globalAdmin', 'adminAgent'], otherTenant: 'own' });
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const { token } = await invite(t, provider);
      // The fixture tenant is not an enrolled reseller: allowed roles reach that rule (422).
      await expectAuthorization(t, { method: 'POST', path: () => `/v1/invitations/reseller/${token}/accept`, body: () => ({ confirm: true }), allowed: ['globalAdmin', 'adminAgent'], otherTenant: 'own' });
    });

    it("another tenant's relationships and invitations are not found", async () => {
      const t = await target(kind);
      const provider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
      const reseller = await enrollPartner(t, { country: 'FR' });
      const relationshipId = await connect(t, provider, reseller);
      const { id: invitationId } = await invite(t, provider);
      const stranger = await signUp(t);
      for (const [method, path, body] of [
        ['GET', `/v1/relationships/${relationshipId}`, undefined],
        ['DELETE', `/v1/relationships/${relationshipId}`, undefined],
        ['DELETE', `/v1/relationships/${relationshipId}/admin-access`, undefined],
        ['DELETE', `/v1/reseller-invitations/${invitationId}`, undefined],
        ['POST', `/v1/reseller-invitations/${invitationId}/send`, { to: 'a@b.example.com', subject: 's', body: 'b' }],
      ] as const) {
        expect((await stranger.client.request(method, path, body ? { body } : {})).status, `${method} ${path}`).toBe(404);
        expect((await new Client(t.url).request(method, path, body ? { body } : {})).status, `${method} ${path} anonymous`).toBe(401);
      }
    });
  });
});
