// Partner suspension through HTTP on a real database: the operator suspends a vetted partner with a
// reason and reinstates it (audited, mailed); while suspended the partner signs no new relationship,
// does not transact, and is found neither in the provider directory nor in partner search.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { operatorRoles } from '../../platform/access.js';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser, signUp, uniqueEmail } from '../../../test/helpers/client.js';
import { acceptCustomerAgreement, connectedPartners, customerAccepts, ensureProduct, line, order, sharedCustomer, tokenOf } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrolledPublisher, enrollPartner, type Partner } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';

const reason = 'Unpaid invoices for three months.';

async function mailsTo(t: Target, email: string, template: string) {
  return query<{ subject: string; text_body: string; locale: string }>(
    t.app.platform.db,
    sql`select subject, text_body, locale from mail_outbox where to_address = ${email} and template = ${template} order by created_at`,
  );
}

async function suspend(t: Target, partner: Partner) {
  const operator = await signInOperator(t);
  const response = await operator.post(`/v1/operator/partners/${partner.tenantId}/suspension`, { reason });
  if (response.status !== 200) throw new Error(`suspend: ${response.text}`);
  return response;
}

async function reinstate(t: Target, partner: Partner) {
  const operator = await signInOperator(t);
  const response = await operator.post(`/v1/operator/partners/${partner.tenantId}/reinstatement`, { reason: 'Invoices paid.' });
  if (response.status !== 200) throw new Error(`reinstate: ${response.text}`);
  return response;
}

describe.each(targetKinds())('partner suspension on %s', (kind) => {
  it('partner suspension: the operator suspends with a reason and reinstates to where the partner was; audited and mailed to the primary contact', async () => {
    const t = await target(kind);
    const partner = await enrollPartner(t, { country: 'FR' });
    expect((await partner.client.patch('/v1/me', { language: 'fr' })).status).toBe(200);
    const operator = await signInOperator(t);
    const path = `/v1/operator/partners/${partner.tenantId}/suspension` as const;

    const noReason = await operator.post(path, { reason: '   ' });
    expect([noReason.status, noReason.body.errors?.[0]?.path]).toEqual([400, '/reason']);
    expect((await operator.post(`/v1/operator/partners/${randomUUID()}/suspension`, { reason })).status).toBe(404);
    expect((await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`)).body.status).toBe('active');

    const suspended = await operator.post(path, { reason });
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.body).toMatchObject({ tenantId: partner.tenantId, enrollments: [{ id: partner.enrollmentId, status: 'suspended', decisionReason: reason }] });
    const again = await operator.post(path, { reason });
    expect([again.status, again.body.code]).toEqual([409, 'invalid_transition']);
    // A suspension is lifted only by reinstatement, not by approving the enrollment again.
    const approved = await operator.post(`/v1/operator/enrollments/${partner.enrollmentId}/decisions`, { decision: 'approve' });
    expect([approved.status, approved.body.code]).toEqual([409, 'invalid_transition']);
    expect((await partner.client.get(`/v1/enrollments/${partner.enrollmentId}`)).body).toMatchObject({ status: 'suspended', decisionReason: reason });
    expect((await partner.client.get('/v1/me')).body.memberships).toEqual([{ program: 'indirectReseller', status: 'suspended' }]);

    const audit = await operator.get(`/v1/audit-records?tenantId=${partner.tenantId}&action=enrollment.suspended`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ resourceId: partner.enrollmentId, before: { status: 'active' }, after: expect.objectContaining({ status: 'suspended', decisionReason: reason }) }),
    ]);
    const [suspensionMail] = await mailsTo(t, partner.contactEmail, 'partnerSuspended');
    expect(suspensionMail).toMatchObject({ locale: 'fr', subject: expect.stringContaining('est suspendu') });
    expect(suspensionMail!.text_body).toContain(`Motif : ${reason}`);
    // One mail for the suspension, not the per-status one (ENR-7) as well.
    expect((await mailsTo(t, partner.contactEmail, 'enrollmentStatus')).some((m) => m.subject.includes('Suspendu'))).toBe(false);

    const back = await operator.post(`/v1/operator/partners/${partner.tenantId}/reinstatement`, { reason: 'Invoices paid.' });
    expect(back.status, back.text).toBe(200);
    expect(back.body.enrollments).toEqual([expect.objectContaining({ id: partner.enrollmentId, status: 'active', decisionReason: 'Invoices paid.' })]);
    const twice = await operator.post(`/v1/operator/partners/${partner.tenantId}/reinstatement`, { reason: 'Again.' });
    expect([twice.status, twice.body.code]).toEqual([409, 'invalid_transition']);
    expect((await partner.client.get('/v1/profiles/program-information')).body.programs).toEqual([expect.objectContaining({ program: 'indirectReseller', status: 'active' })]);
    const [reinstatedMail] = await mailsTo(t, partner.contactEmail, 'partnerReinstated');
    expect(reinstatedMail).toMatchObject({ locale: 'fr', subject: expect.stringContaining('rétabli') });
    expect(reinstatedMail!.text_body).toContain('Actif');
    const reinstatedAudit = await partner.client.get('/v1/audit-records?action=enrollment.active');
    expect(reinstatedAudit.body.items[0]).toMatchObject({ resourceId: partner.enrollmentId, tenantId: partner.tenantId, before: { status: 'suspended' } });
    expect(reinstatedAudit.body.items[0].actorTenantId).not.toBe(partner.tenantId);
  });

  it('partner suspension: a verified partner is reinstated as verified; every program of a partner is suspended together; an applicant in review cannot be suspended', async () => {
    const t = await target(kind);
    const verified = await enrollPartner(t, { stage: 'verified' });
    await suspend(t, verified);
    expect((await reinstate(t, verified)).body.enrollments[0].status).toBe('verified');

    const both = await enrollPartner(t, { program: 'indirectProvider' });
    const resellerProgram = await both.client.post('/v1/enrollments', { program: 'indirectReseller' });
    expect((await both.client.post(`/v1/enrollments/${resellerProgram.body.id}/submit`)).body.status).toBe('active'); // ENR-13
    const suspended = await suspend(t, both);
    expect(suspended.body.enrollments.map((e: { status: string }) => e.status)).toEqual(['suspended', 'suspended']);
    expect(await mailsTo(t, both.contactEmail, 'partnerSuspended')).toHaveLength(1);
    expect((await reinstate(t, both)).body.enrollments.map((e: { status: string }) => e.status)).toEqual(['active', 'active']);

    const inReview = await enrollPartner(t, { stage: 'inReview' });
    const operator = await signInOperator(t);
    const refused = await operator.post(`/v1/operator/partners/${inReview.tenantId}/suspension`, { reason });
    expect([refused.status, refused.body.code]).toEqual([409, 'invalid_transition']);
    expect((await inReview.client.get(`/v1/enrollments/${inReview.enrollmentId}`)).body.status).toBe('inReview');
  });

  it('partner suspension: a suspended provider invites nobody, its pending invitations cannot be accepted, it is not in the directory and it does not transact', async () => {
    const t = await target(kind);
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const { provider, providerAgent } = parties;
    const pending = await provider.client.post('/v1/reseller-invitations', {});
    const newcomer = await enrollPartner(t, { country: 'FR' });
    const inDirectory = async () => (await newcomer.client.get(`/v1/providers?q=${encodeURIComponent(provider.domain)}`)).body.items.map((p: { tenantId: string }) => p.tenantId);
    expect(await inDirectory()).toEqual([provider.tenantId]);

    await suspend(t, provider);
    const invite = await provider.client.post('/v1/reseller-invitations', {});
    expect([invite.status, invite.body.code]).toEqual([422, 'partner_suspended']);
    const accept = await newcomer.client.post(`/v1/invitations/reseller/${tokenOf(pending.body.link)}/accept`, { confirm: true });
    expect([accept.status, accept.body.code]).toEqual([422, 'partner_suspended']);
    expect(await inDirectory()).toEqual([]);
    const checkout = await order(providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId)]);
    expect([checkout.status, checkout.body.code]).toEqual([422, 'provider_not_active']);
    const email = uniqueEmail('suspended-provider');
    const created = await providerAgent.client.post('/v1/customers', {
      resellerTenantId: parties.reseller.tenantId,
      companyName: 'Blocked SARL',
      country: 'FR',
      billingProfile: { firstName: 'A', lastName: 'B', email, address: { addressLine1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' }, language: 'fr' },
      admin: { firstName: 'A', lastName: 'B', email },
    });
    expect([created.status, created.body.code]).toEqual([422, 'provider_not_active']);
    const [relationships] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from partner_relationships where provider_tenant_id = ${provider.tenantId}`);
    expect(relationships!.n).toBe(1);

    await reinstate(t, provider);
    expect(await inDirectory()).toEqual([provider.tenantId]);
    expect((await newcomer.client.post(`/v1/invitations/reseller/${tokenOf(pending.body.link)}/accept`, { confirm: true })).status).toBe(201);
    expect((await order(providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId)])).status).toBe(201);
  });

  it('partner suspension: a suspended reseller authorizes no provider, is not invited, is not found in partner search and is not ordered for', async () => {
    const t = await target(kind);
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const { reseller, providerAgent } = parties;
    const publisher = await enrolledPublisher(t);
    const found = async () => (await publisher.client.get(`/v1/partners/search?tenantId=${reseller.tenantId}`)).body.items.map((p: { tenantId: string }) => p.tenantId);
    expect(await found()).toEqual([reseller.tenantId]);
    const otherProvider = await enrollPartner(t, { program: 'indirectProvider', country: 'FR' });
    const pending = await otherProvider.client.post('/v1/reseller-invitations', {});
    const customerPending = await reseller.client.post('/v1/customer-invitations', { type: 'resellerOnly' });
    expect(customerPending.status).toBe(201);

    await suspend(t, reseller);
    expect(await found()).toEqual([]);
    // Its pending customer invitation cannot be accepted while it is suspended.
    const newcomer = await signUp(t, { country: 'FR' });
    await acceptCustomerAgreement(t, newcomer, tokenOf(customerPending.body.link));
    const refused = await newcomer.client.post(`/v1/invitations/customer/${tokenOf(customerPending.body.link)}/accept`, { confirm: true });
    expect([refused.status, refused.body.code]).toEqual([422, 'partner_suspended']);
    const named = await otherProvider.client.post('/v1/reseller-invitations', { email: reseller.email });
    expect([named.status, named.body.code, named.body.errors?.[0]?.path]).toEqual([422, 'partner_suspended', '/email']);
    const sent = await otherProvider.client.post(`/v1/reseller-invitations/${pending.body.id}/send`, { to: reseller.email, subject: 'Hello', body: pending.body.draftEmail!.body });
    expect([sent.status, sent.body.code, sent.body.errors?.[0]?.path]).toEqual([422, 'partner_suspended', '/to']);
    const accept = await reseller.client.post(`/v1/invitations/reseller/${tokenOf(pending.body.link)}/accept`, { confirm: true });
    expect([accept.status, accept.body.code]).toEqual([422, 'partner_suspended']);
    const customerInvite = await reseller.client.post('/v1/customer-invitations', { type: 'resellerOnly' });
    expect([customerInvite.status, customerInvite.body.code]).toEqual([422, 'reseller_not_active']);
    const checkout = await order(providerAgent.client, customer.tenantId, [line(product.e3, reseller.partnerId)]);
    expect([checkout.status, checkout.body.code]).toEqual([422, 'reseller_not_active']);
    const email = uniqueEmail('for-suspended');
    const created = await providerAgent.client.post('/v1/customers', {
      resellerTenantId: reseller.tenantId,
      companyName: 'Blocked SAS',
      country: 'FR',
      billingProfile: { firstName: 'A', lastName: 'B', email, address: { addressLine1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' }, language: 'fr' },
      admin: { firstName: 'A', lastName: 'B', email },
    });
    expect([created.status, created.body.code]).toEqual([422, 'partner_suspended']);

    await reinstate(t, reseller);
    expect(await found()).toEqual([reseller.tenantId]);
    expect((await reseller.client.post(`/v1/invitations/reseller/${tokenOf(pending.body.link)}/accept`, { confirm: true })).status).toBe(201);
    await customerAccepts(t, tokenOf(customerPending.body.link));
    expect((await order(providerAgent.client, customer.tenantId, [line(product.e3, reseller.partnerId)])).status).toBe(201);
  });

  it('partner suspension: only operator admins and reviewers suspend and reinstate; partners are refused', async () => {
    const t = await target(kind);
    const partner = await enrollPartner(t, { country: 'FR' });
    const operator = await signInOperator(t);
    for (const route of ['suspension', 'reinstatement']) {
      await expectAuthorization(t, { method: 'POST', path: () => `/v1/operator/partners/${partner.tenantId}/${route}`, body: () => ({ reason }), allowed: [], otherTenant: 'own' });
    }
    for (const role of operatorRoles) {
      const user = await addUser(t, operator, [role]);
      const suspended = await user.client.post(`/v1/operator/partners/${partner.tenantId}/suspension`, { reason });
      expect(suspended.status, role).toBe(role === 'supportEngineer' ? 403 : 200);
      if (suspended.status === 200) expect((await user.client.post(`/v1/operator/partners/${partner.tenantId}/reinstatement`, { reason: 'Resolved.' })).status, role).toBe(200);
    }
  });
});
