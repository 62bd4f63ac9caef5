// Marketplace through HTTP on a real database: offers, the CSP reseller audience, partner search,
// CSV, the resale lock, support requests, storefront and partner view (MKP-1 … MKP-11, ORD-5).
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser, Client, signUp, type Problem, type RequestBody, type SignedUp } from '../../../test/helpers/client.js';
import { connectedPartners, line, order, sharedCustomer, tokenOf } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner, type Partner } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';

async function makePublisher(t: Target): Promise<SignedUp> {
  const publisher = await signUp(t, { country: 'US' });
  const agreements = await publisher.client.get('/v1/agreements?type=publisherAgreement');
  const current = agreements.body.items.find((a: { current: boolean }) => a.current);
  if (current) {
    const before = await publisher.client.post('/v1/publisher/enrollment');
    expect(before.body.code).toBe('publisher_agreement_required');
    await publisher.client.post(`/v1/agreements/${current.templateId}/acceptances`, { primaryContact: { firstName: 'P', lastName: 'O', email: publisher.email } });
  }
  const enrolled = await publisher.client.post('/v1/publisher/enrollment');
  expect(enrolled.status).toBe(200);
  return publisher;
}

const listing = {
  summary: 'Field service scheduling',
  description: 'Schedules technicians.',
  supportContact: { email: 'support@isv.example.com', phone: '+1 425 555 0100', url: 'https://isv.example.com/support' },
  cspMaterials: { salesMaterialsUrl: 'https://isv.example.com/partners/kit', channelContact: { name: 'Channel Team', email: 'channel@isv.example.com', phone: '+1 425 555 0101' } },
};
const plans: RequestBody<'/v1/offers/{id}/plans', 'put'> = [{ planId: 'standard', name: 'Standard', licenseModel: 'payg', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 10 }, { currency: 'USD', unitPrice: 11 }], markets: ['FR', 'DE', 'US'] }];

async function draftOffer(publisher: SignedUp, type: RequestBody<'/v1/offers', 'post'>['type'] = 'saas') {
  const created = await publisher.client.post('/v1/offers', { type, name: `Offer ${Date.now()}` });
  let etag = created.headers.get('etag')!;
  const withPlans = await publisher.client.put(`/v1/offers/${created.body.id}/plans`, plans, { headers: { 'if-match': etag } });
  etag = withPlans.headers.get('etag')!;
  const withListing = await publisher.client.put(`/v1/offers/${created.body.id}/listing`, listing, { headers: { 'if-match': etag } });
  return { id: created.body.id as string, etag: withListing.headers.get('etag')! };
}

async function setAudience(publisher: SignedUp, id: string, mode: RequestBody<'/v1/offers/{id}/csp-audience', 'put'>['mode'], partners: Partner[]) {
  const current = await publisher.client.get(`/v1/offers/${id}/csp-audience`);
  return publisher.client.put(`/v1/offers/${id}/csp-audience`, { mode, partnerTenantIds: partners.map((p) => p.tenantId) }, { headers: { 'if-match': current.headers.get('etag')! } });
}

describe.each(targetKinds())('marketplace on %s', (kind) => {
  it('publisher enrollment, offer defaults (MKP-1), ETags and publishing with every missing item listed', async () => {
    const t = await target(kind);
    const notYet = await signUp(t);
    expect((await notYet.client.post('/v1/offers', { type: 'saas', name: 'X' })).body.code).toBe('not_a_publisher');
    const publisher = await makePublisher(t);
    const container = await publisher.client.post('/v1/offers', { type: 'container', name: 'Container' });
    expect(container.body.draft.audienceMode).toBe('all');
    const vm = await publisher.client.post('/v1/offers', { type: 'virtualMachine', name: 'VM' });
    expect(vm.body.draft.audienceMode).toBe('none');
    const byol = await publisher.client.put(`/v1/offers/${vm.body.id}/plans`, [{ ...plans[0], licenseModel: 'byol' }]);
    expect(byol.body.draft.audienceMode).toBe('all');
    const saas = await publisher.client.post('/v1/offers', { type: 'saas', name: 'SaaS' });
    expect(saas.body.draft.audienceMode).toBe('none');
    const incomplete = await publisher.client.post(`/v1/offers/${saas.body.id}/publish`);
    expect([incomplete.status, incomplete.body.code]).toEqual([422, 'offer_incomplete']);
    expect(incomplete.body.errors!.map((e: { path: string }) => e.path)).toEqual(['/listing', '/plans']);
    const etag = saas.headers.get('etag')!;
    expect((await publisher.client.put(`/v1/offers/${saas.body.id}/plans`, plans, { headers: { 'if-match': etag } })).status).toBe(200);
    const stale = await publisher.client.put(`/v1/offers/${saas.body.id}/listing`, listing, { headers: { 'if-match': etag } });
    expect([stale.status, stale.body.code]).toEqual([412, 'precondition_failed']);
  });

  it('MKP-3 partner search by name fragment (any case), tenant ID, country, competency and skill', async () => {
    const t = await target(kind);
    const publisher = await makePublisher(t);
    const reseller = await enrollPartner(t, { country: 'DE', organizationName: 'Search Target' });
    const fragment = reseller.domain.slice(8, 16).toUpperCase();
    const byName = await publisher.client.get(`/v1/partners/search?q=${fragment}`);
    expect(byName.body.items.map((p: { tenantId: string }) => p.tenantId)).toEqual([reseller.tenantId]);
    expect((await publisher.client.get(`/v1/partners/search?tenantId=${reseller.tenantId}`)).body.items).toEqual([expect.objectContaining({ tenantId: reseller.tenantId, country: 'DE' })]);
    await reseller.client.put('/v1/profiles/attributes', { competencies: ['Security'], skills: ['Sentinel'], servicesOffered: [] });
    expect((await publisher.client.get(`/v1/partners/search?q=${fragment}&country=DE&competency=Security&skill=Sentinel`)).body.items).toHaveLength(1);
    expect((await publisher.client.get(`/v1/partners/search?q=${fragment}&country=FR`)).body.items).toHaveLength(0);
    // The search follows a change of attributes at once.
    await reseller.client.put('/v1/profiles/attributes', { competencies: ['Analytics'], skills: [], servicesOffered: [] });
    expect((await publisher.client.get(`/v1/partners/search?q=${fragment}&competency=Security`)).body.items).toHaveLength(0);
    expect((await publisher.client.get(`/v1/partners/search?q=${fragment}&competency=Analytics`)).body.items).toEqual([expect.objectContaining({ tenantId: reseller.tenantId, competencies: ['Analytics'], skills: [] })]);
    const pending = await enrollPartner(t, { stage: 'inReview' });
    expect((await publisher.client.get(`/v1/partners/search?tenantId=${pending.tenantId}`)).body.items).toEqual([]);
  });

  it('the audience, resale through the catalog, the resale lock and support requests (MKP-2 … MKP-10, ORD-5)', async () => {
    const t = await target(kind);
    const publisher = await makePublisher(t);
    const parties = await connectedPartners(t);
    const second = await enrollPartner(t, { country: 'FR' });
    const outsider = await enrollPartner(t, { country: 'FR' });
    const offer = await draftOffer(publisher);
    const notReseller = await signUp(t);
    const refused = await publisher.client.put(`/v1/offers/${offer.id}/csp-audience`, { mode: 'selected', partnerTenantIds: [notReseller.tenantId] }, { headers: { 'if-match': offer.etag } });
    expect([refused.status, refused.body.code]).toEqual([422, 'not_a_csp_reseller']);
    expect((await setAudience(publisher, offer.id, 'selected', [parties.reseller, second])).status).toBe(200);
    const published = await publisher.client.post(`/v1/offers/${offer.id}/publish`);
    expect(published.status).toBe(200);
    const audience = await publisher.client.get(`/v1/offers/${offer.id}/csp-audience`);
    expect(audience.body.live!.mode).toBe('selected');
    expect(audience.body.live!.partners.map((p: { tenantId: string }) => p.tenantId).sort()).toEqual([parties.reseller.tenantId, second.tenantId].sort());

    // MKP-10: resellers in the audience see the materials; the public storefront never does.
    const seen = await parties.reseller.client.get('/v1/csp/offers');
    expect(seen.body.items.find((o) => o.id === offer.id)!.cspMaterials).toEqual(listing.cspMaterials);
    expect((await outsider.client.get('/v1/csp/offers')).body.items.some((o: { id: string }) => o.id === offer.id)).toBe(false);
    const storefront = await new Client(t.url).get('/v1/storefront/offers?country=FR');
    expect(storefront.body.items.some((o: { id: string }) => o.id === offer.id)).toBe(true);
    expect(storefront.text).not.toContain('channel@isv.example.com');
    expect(storefront.text).not.toContain('salesMaterialsUrl');
    // Only offers with a plan sold in the asked market.
    const elsewhere = await new Client(t.url).get('/v1/storefront/offers?country=JP');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.items.some((o: { id: string }) => o.id === offer.id)).toBe(false);

    // ORD-3 / ORD-5: the catalog sells it through an audience member only, and stamps the first resale.
    const customer = await sharedCustomer(t, parties);
    const catalogItem = `${offer.id}:standard`;
    expect((await order(parties.providerAgent.client, customer.tenantId, [line(catalogItem, parties.reseller.partnerId)])).status).toBe(201);
    const invitation = await parties.provider.client.post('/v1/reseller-invitations', {});
    await outsider.client.post(`/v1/invitations/reseller/${tokenOf(invitation.body.link)}/accept`, { confirm: true });
    const invited = await outsider.client.post('/v1/customer-invitations', { type: 'resellerOnly' });
    await customer.client.post(`/v1/invitations/customer/${tokenOf(invited.body.link)}/accept`, { confirm: true });
    const outside = await order(parties.providerAgent.client, customer.tenantId, [line(catalogItem, outsider.partnerId)]);
    expect(outside.body.code).toBe('reseller_not_in_csp_audience');
    const stamped = await publisher.client.get(`/v1/offers/${offer.id}/csp-audience`);
    expect(stamped.body.live!.partners.find((p) => p.tenantId === parties.reseller.tenantId)!.resoldAt).toBeTruthy();

    // MKP-7: never de-authorize a partner that has resold; removing another needs a support request.
    await setAudience(publisher, offer.id, 'selected', [second]);
    const lock = await publisher.client.post(`/v1/offers/${offer.id}/csp-audience/sync`);
    expect([lock.status, lock.body.code]).toEqual([422, 'partner_has_resold']);
    await setAudience(publisher, offer.id, 'selected', [parties.reseller]);
    const needsRequest = await publisher.client.post(`/v1/offers/${offer.id}/csp-audience/sync`);
    expect([needsRequest.status, needsRequest.body.code]).toEqual([409, 'support_request_required']);
    // MKP-4: adding partners to a live list is self-service
    await setAudience(publisher, offer.id, 'selected', [parties.reseller, second, outsider]);
    expect((await publisher.client.post(`/v1/offers/${offer.id}/csp-audience/sync`)).status).toBe(200);

    // MKP-9: support requests, applied or declined by the operator with the rules checked again.
    const operator = await signInOperator(t);
    const toNone = await publisher.client.post('/v1/support-requests', {
      productVersion: 'Live offer management',
      category: { offerId: offer.id },
      problemType: 'Update existing offer',
      title: 'De-authorize CSP',
      details: 'Stop reselling through partners.',
      requestedChange: { mode: 'none' },
    });
    expect([toNone.status, toNone.body.code]).toEqual([422, 'partner_has_resold']); // MKP-8: selected → none only if none resold
    const toAll = await publisher.client.post('/v1/support-requests', {
      productVersion: 'Live offer management',
      category: { offerId: offer.id },
      problemType: 'Update existing offer',
      title: 'De-authorize CSP',
      details: 'Open to any partner.',
      requestedChange: { mode: 'all' },
    });
    expect(toAll.status).toBe(201);
    const declined = await operator.post(`/v1/operator/support-requests/${toAll.body.id}/resolution`, { action: 'decline', reason: 'Keep the selected partners.' });
    expect(declined.body.status).toBe('declined');
    const [mail] = await query<{ text_body: string }>(t.app.platform.db, sql`select text_body from mail_outbox where template = 'supportRequestResolved' and to_address = ${publisher.email}`);
    expect(mail!.text_body).toContain('Keep the selected partners.');
    const removeSecond = await publisher.client.post('/v1/support-requests', {
      productVersion: 'Live offer management',
      category: { offerId: offer.id },
      problemType: 'Update existing offer',
      title: 'De-authorize CSP',
      details: 'Remove one partner.',
      requestedChange: { removePartnerTenantIds: [second.tenantId] },
    });
    expect((await operator.post(`/v1/operator/support-requests/${removeSecond.body.id}/resolution`, { action: 'apply', reason: 'OK' })).body.status).toBe('resolved');
    const after = await publisher.client.get(`/v1/offers/${offer.id}/csp-audience`);
    expect(after.body.live!.partners.map((p: { tenantId: string }) => p.tenantId)).not.toContain(second.tenantId);
    expect((await operator.post(`/v1/operator/support-requests/${removeSecond.body.id}/resolution`, { action: 'apply', reason: 'Again' })).body.code).toBe('support_request_closed');
    expect((await publisher.client.get('/v1/support-requests')).body.items.map((r: { status: string }) => r.status).sort()).toEqual(['declined', 'resolved']);
  });

  it('MKP-8 none → selected is self-service on a live offer; all → none needs a support request', async () => {
    const t = await target(kind);
    const publisher = await makePublisher(t);
    const reseller = await enrollPartner(t, { country: 'US' });
    const offer = await draftOffer(publisher);
    await publisher.client.post(`/v1/offers/${offer.id}/publish`);
    await setAudience(publisher, offer.id, 'selected', [reseller]);
    expect((await publisher.client.post(`/v1/offers/${offer.id}/csp-audience/sync`)).status).toBe(200);
    const container = await draftOffer(publisher, 'container');
    await publisher.client.post(`/v1/offers/${container.id}/publish`);
    expect((await reseller.client.get('/v1/csp/offers')).body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([offer.id, container.id]));
    await setAudience(publisher, container.id, 'none', []);
    expect((await publisher.client.post(`/v1/offers/${container.id}/csp-audience/sync`)).body.code).toBe('support_request_required');
  });

  it('MKP-7, MKP-8 a support request to move to no partners or to remove a partner that has resold is refused when opened and when applied (item 8)', async () => {
    const t = await target(kind);
    const publisher = await makePublisher(t);
    const operator = await signInOperator(t);
    const parties = await connectedPartners(t);
    const second = await enrollPartner(t, { country: 'FR' });
    const customer = await sharedCustomer(t, parties);
    const request = (offerId: string, requestedChange: Record<string, unknown>) =>
      publisher.client.post('/v1/support-requests', { productVersion: 'Live offer management', category: { offerId }, problemType: 'Update existing offer', title: 'De-authorize CSP', details: 'Change the audience.', requestedChange });
    const refused = (response: { status: number; body: any }, path: string) => {
      expect([response.status, response.body.code]).toEqual([422, 'partner_has_resold']);
      expect(response.body.errors).toEqual([expect.objectContaining({ path, code: 'partner_has_resold' })]);
    };
    const resell = async (offerId: string) => expect((await order(parties.providerAgent.client, customer.tenantId, [line(`${offerId}:standard`, parties.reseller.partnerId)])).status).toBe(201);
    const liveMode = async (offerId: string) => (await publisher.client.get(`/v1/offers/${offerId}/csp-audience`)).body.live!;

    // MKP-8 option 1 (any partner) → option 3 (no partners): only while no partner has resold.
    const open = await draftOffer(publisher);
    await setAudience(publisher, open.id, 'all', []);
    expect((await publisher.client.post(`/v1/offers/${open.id}/publish`)).status).toBe(200);
    const early = await request(open.id, { mode: 'none' });
    expect(early.status).toBe(201); // nobody has resold yet
    await resell(open.id);
    refused(await request(open.id, { mode: 'none' }), '/requestedChange/mode');
    const applied = await operator.post(`/v1/operator/support-requests/${early.body.id}/resolution`, { action: 'apply', reason: 'Requested' });
    expect([applied.status, applied.body.code]).toEqual([422, 'partner_has_resold']);
    expect((await liveMode(open.id)).mode).toBe('all');
    expect((await operator.get(`/v1/operator/support-requests?status=open`)).body.items.map((r: { id: string }) => r.id)).toContain(early.body.id);

    // MKP-7 removing a partner that has resold: refused when the request is opened, and when applied.
    const selected = await draftOffer(publisher);
    await setAudience(publisher, selected.id, 'selected', [parties.reseller, second]);
    expect((await publisher.client.post(`/v1/offers/${selected.id}/publish`)).status).toBe(200);
    const before = await request(selected.id, { removePartnerTenantIds: [parties.reseller.tenantId] });
    expect(before.status).toBe(201);
    await resell(selected.id);
    refused(await request(selected.id, { removePartnerTenantIds: [second.tenantId, parties.reseller.tenantId.toUpperCase()] }), '/requestedChange/removePartnerTenantIds/1');
    refused(await request(selected.id, { mode: 'none' }), '/requestedChange/mode');
    expect((await operator.post(`/v1/operator/support-requests/${before.body.id}/resolution`, { action: 'apply', reason: 'Requested' })).body.code).toBe('partner_has_resold');
    expect((await liveMode(selected.id)).partners.map((p: { tenantId: string }) => p.tenantId).sort()).toEqual([parties.reseller.tenantId, second.tenantId].sort());
    // A partner that has not resold is still removed by support request (MKP-7).
    expect((await request(selected.id, { removePartnerTenantIds: [second.tenantId] })).status).toBe(201);
  });

  it('MKP-5 export to CSV and import into another offer: all rows or none, each bad row reported', async () => {
    const t = await target(kind);
    const publisher = await makePublisher(t);
    const a = await enrollPartner(t, { country: 'FR', organizationName: '=HYPERLINK("x")' });
    const b = await enrollPartner(t, { country: 'DE' });
    const source = await draftOffer(publisher);
    await setAudience(publisher, source.id, 'selected', [a, b]);
    const exported = await publisher.client.get(`/v1/offers/${source.id}/csp-audience/export`);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.text.split('\n')[0]).toBe('tenantId,name,country');
    expect(exported.text).toContain(a.tenantId);
    expect(exported.text).not.toMatch(/\n[^,]*,=/); // formula neutralized
    const target2 = await draftOffer(publisher);
    const notReseller = await signUp(t);
    const bad = `tenantId,name,country\n${a.tenantId},A,FR\nnot-a-uuid,X,FR\n${a.tenantId},A,FR\n${notReseller.tenantId},N,FR\n00000000-0000-4000-8000-000000000001,U,FR\n`;
    const refused = await publisher.client.request<Problem>('POST', `/v1/offers/${target2.id}/csp-audience/import`, { raw: bad, headers: { 'content-type': 'text/csv' } });
    expect([refused.status, refused.body.code]).toEqual([400, 'audience_import_invalid']);
    expect(refused.body.errors!.map((e) => `${e.path}:${e.code}`)).toEqual(['/rows/3:malformed', '/rows/4:duplicate', '/rows/5:not_a_csp_reseller', '/rows/6:unknown_tenant']);
    expect((await publisher.client.get(`/v1/offers/${target2.id}/csp-audience`)).body.draft.partners).toEqual([]);
    const imported = await publisher.client.request('POST', `/v1/offers/${target2.id}/csp-audience/import`, { raw: exported.text, headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toEqual({ imported: 2 });
    const audience = await publisher.client.get(`/v1/offers/${target2.id}/csp-audience`);
    expect(audience.body.draft.mode).toBe('selected');
    expect(audience.body.draft.partners.map((p: { tenantId: string }) => p.tenantId).sort()).toEqual([a.tenantId, b.tenantId].sort());
  });

  it('authorization: publisher roles manage offers; others are refused; another publisher sees nothing', async () => {
    const t = await target(kind);
    const publisher = await makePublisher(t);
    const offer = await draftOffer(publisher);
    const developer = await addUser(t, publisher.client, ['developer']);
    expect((await developer.client.get(`/v1/offers/${offer.id}`)).status).toBe(200);
    expect((await developer.client.post(`/v1/offers/${offer.id}/publish`)).status).toBe(403);
    const sales = await addUser(t, publisher.client, ['salesAgent']);
    expect((await sales.client.get('/v1/offers')).status).toBe(403);
    const other = await makePublisher(t);
    for (const [method, path] of [
      ['GET', `/v1/offers/${offer.id}`],
      ['GET', `/v1/offers/${offer.id}/csp-audience`],
      ['POST', `/v1/offers/${offer.id}/publish`],
      ['GET', `/v1/offers/${offer.id}/csp-audience/export`],
    ] as const) {
      expect((await other.client.request(method, path)).status, path).toBe(404);
      expect((await new Client(t.url).request(method, path)).status, path).toBe(401);
    }
    await expectAuthorization(t, { method: 'GET', path: () => '/v1/csp/offers', allowed: ['globalAdmin', 'userManagementAdmin', 'billingAdmin', 'adminAgent', 'salesAgent', 'helpdeskAgent'], otherTenant: 'own' });
    await expectAuthorization(t, { method: 'GET', path: () => '/v1/operator/support-requests', allowed: [], otherTenant: 'own' });
  });
});
