// The operator's support-request queue and the partner picker's filters through HTTP on a real
// database (MKP-3, MKP-9): each queued request names its tenant, its offer and the partners a requested
// change removes, read with the queue in one statement; the competencies and skills the active CSP
// resellers name are the picker's choices.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { RequestBody, SignedUp } from '../../../test/helpers/client.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrolledPublisher, enrollPartner, type Partner } from '../../../test/helpers/partners.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

const listing = {
  summary: 'Field service scheduling',
  description: 'Schedules technicians.',
  supportContact: { email: 'support@isv.example.com', phone: '+1 425 555 0100', url: 'https://isv.example.com/support' },
  cspMaterials: { salesMaterialsUrl: 'https://isv.example.com/partners/kit', channelContact: { name: 'Channel Team', email: 'channel@isv.example.com', phone: '+1 425 555 0101' } },
};
const plans: RequestBody<'/v1/offers/{id}/plans', 'put'> = [{ planId: 'standard', name: 'Standard', licenseModel: 'payg', termDurations: ['P1Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 10 }], markets: ['FR'] }];

/** A live offer open to these partners. */
async function liveOffer(publisher: SignedUp, name: string, partners: Partner[]) {
  const created = await publisher.client.post('/v1/offers', { type: 'saas', name });
  const id = created.body.id as string;
  const withPlans = await publisher.client.put(`/v1/offers/${id}/plans`, plans, { headers: { 'if-match': created.headers.get('etag')! } });
  await publisher.client.put(`/v1/offers/${id}/listing`, listing, { headers: { 'if-match': withPlans.headers.get('etag')! } });
  const audience = await publisher.client.get(`/v1/offers/${id}/csp-audience`);
  await publisher.client.put(`/v1/offers/${id}/csp-audience`, { mode: 'selected', partnerTenantIds: partners.map((p) => p.tenantId) }, { headers: { 'if-match': audience.headers.get('etag')! } });
  const published = await publisher.client.post(`/v1/offers/${id}/publish`);
  if (published.status !== 200) throw new Error(`publish: ${published.text}`);
  return id;
}

describe.each(targetKinds())('support-request queue and partner filters on %s', (kind) => {
  it('MKP-9 the queue names each request: the tenant that asked, the offer, and the partners to remove (by legal name, in the order asked); an escalation names its tenant only', async () => {
    const t = await target(kind);
    const operator = await signInOperator(t);
    const publisher = await enrolledPublisher(t);
    const first = await enrollPartner(t, { country: 'FR', organizationName: 'Queue First Reseller' });
    const second = await enrollPartner(t, { country: 'FR', organizationName: 'Queue Second Reseller' });
    const offerId = await liveOffer(publisher, `Queue Offer ${Date.now()}`, [first, second]);
    const opened = await publisher.client.post('/v1/support-requests', {
      productVersion: 'Live offer management',
      category: { offerId },
      problemType: 'Update existing offer',
      title: 'De-authorize CSP',
      details: 'Remove two partners.',
      requestedChange: { removePartnerTenantIds: [second.tenantId, first.tenantId] },
    });
    expect(opened.status, opened.text).toBe(201);
    const overdue = await enrollPartner(t, { stage: 'inReview', organizationName: 'Queue Escalating Reseller' });
    // Eight business days and more in review: the applicant may escalate (ENR-6).
    await t.app.platform.db.execute(sql`update enrollments set review_started_at = now() - interval '15 days' where id = ${overdue.enrollmentId}`);
    const escalated = await overdue.client.post(`/v1/enrollments/${overdue.enrollmentId}/escalations`, { details: 'Please look.' });
    expect(escalated.status, escalated.text).toBe(201);

    const queue = await operator.get('/v1/operator/support-requests?status=open');
    expect(queue.status, queue.text).toBe(200);
    const publisherName = (await publisher.client.get('/v1/me')).body.tenant.name;
    const request = queue.body.items.find((r) => r.id === opened.body.id)!;
    expect(request).toMatchObject({
      tenantId: publisher.tenantId,
      tenantName: publisherName,
      offerName: expect.stringMatching(/^Queue Offer /),
      partners: [
        { tenantId: second.tenantId, name: `Legal ${second.domain}` },
        { tenantId: first.tenantId, name: `Legal ${first.domain}` },
      ],
    });
    const escalation = queue.body.items.find((r) => r.id === escalated.body.id)!;
    expect(escalation).toMatchObject({ kind: 'accountVerification', tenantId: overdue.tenantId, tenantName: 'Queue Escalating Reseller', offerName: null, partners: [] });
    // The requester's own list keeps its shape.
    const own = await publisher.client.get('/v1/support-requests');
    expect(own.body.items[0]).not.toHaveProperty('tenantName');
  });

  it('MKP-3 the search filters list the competencies and skills active CSP resellers name, alphabetically, each once; publishers and the operator read them, nobody else', async () => {
    const t = await target(kind);
    const publisher = await enrolledPublisher(t);
    const run = Date.now().toString(36);
    const reseller = await enrollPartner(t, { country: 'DE' });
    const another = await enrollPartner(t, { country: 'FR' });
    const notYet = await enrollPartner(t, { country: 'FR', stage: 'inReview' });
    await reseller.client.put('/v1/profiles/attributes', { competencies: [`Security ${run}`, `Analytics ${run}`], skills: [`Sentinel ${run}`], servicesOffered: [] });
    await another.client.put('/v1/profiles/attributes', { competencies: [`Security ${run}`], skills: [`Fabric ${run}`], servicesOffered: [] });
    await notYet.client.put('/v1/profiles/attributes', { competencies: [`Unvetted ${run}`], skills: [], servicesOffered: [] });

    const filters = await publisher.client.get('/v1/partners/search-filters');
    expect(filters.status, filters.text).toBe(200);
    const ours = (values: string[]) => values.filter((value) => value.endsWith(run));
    expect(ours(filters.body.competencies)).toEqual([`Analytics ${run}`, `Security ${run}`]);
    expect(ours(filters.body.skills)).toEqual([`Fabric ${run}`, `Sentinel ${run}`]);
    expect([...filters.body.competencies].sort()).toEqual(filters.body.competencies);
    // Each value finds the partners that name it.
    const found = await publisher.client.get(`/v1/partners/search?competency=${encodeURIComponent(`Security ${run}`)}`);
    expect(found.body.items.map((p) => p.tenantId).sort()).toEqual([reseller.tenantId, another.tenantId].sort());

    expect((await (await signInOperator(t)).get('/v1/partners/search-filters')).status).toBe(200);
    // Like the search: a tenant that is no publisher is refused.
    const search = await reseller.client.get('/v1/partners/search?q=x');
    const refused = await reseller.client.get('/v1/partners/search-filters');
    expect([refused.status, refused.body.code]).toEqual([search.status, 'not_a_publisher']);
  });
});

