// Concurrency on PostgreSQL (real parallel transactions): each race ends with exactly one winner and
// consistent data. (Reseller invitations, enrollment decisions, checkouts with one Idempotency-Key and
// license assignments have their races in their own suites.)
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { signUp } from './helpers/client.js';
import { acceptCustomerAgreement, connectedPartners, ensureProduct, line, tokenOf } from './helpers/commerce.js';
import { signInOperator } from './helpers/operator.js';
import { enrolledPublisher, enrollPartner } from './helpers/partners.js';
import { target, targetKinds } from './helpers/server.js';

describe.skipIf(!targetKinds().includes('postgres'))('concurrency on PostgreSQL', () => {
  it('30 parallel accepts of one customer invitation: one set of relationships', async () => {
    const t = await target('postgres');
    const parties = await connectedPartners(t);
    const invitation = await parties.reseller.client.post('/v1/customer-invitations', { type: 'resellerAndProvider', providerRelationshipId: parties.relationshipId });
    const customer = await signUp(t, { country: 'FR' });
    const token = tokenOf(invitation.body.link);
    await acceptCustomerAgreement(t, customer, token);
    const results = await Promise.all(Array.from({ length: 30 }, () => customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 410)).toBe(true);
    const [row] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from customer_relationships where customer_tenant_id = ${customer.tenantId}`);
    expect(row!.n).toBe(2);
  });

  it('20 parallel checkouts of one cart without an Idempotency-Key: one order', async () => {
    const t = await target('postgres');
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const invitation = await parties.reseller.client.post('/v1/customer-invitations', { type: 'resellerAndProvider', providerRelationshipId: parties.relationshipId });
    const customer = await signUp(t, { country: 'FR' });
    await acceptCustomerAgreement(t, customer, tokenOf(invitation.body.link));
    await customer.client.post(`/v1/invitations/customer/${tokenOf(invitation.body.link)}/accept`, { confirm: true });
    const cart = await parties.providerAgent.client.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(product.e3, parties.reseller.partnerId)] });
    const results = await Promise.all(Array.from({ length: 20 }, () => parties.providerAgent.client.post(`/v1/customers/${customer.tenantId}/carts/${cart.body.id}/checkout`)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.orders[0]?.id)).size).toBe(1);
    const [counts] = await query<{ orders: number; subscriptions: number }>(
      t.app.platform.db,
      sql`select (select count(*)::int from orders where customer_tenant_id = ${customer.tenantId}) as orders, (select count(*)::int from subscriptions where customer_tenant_id = ${customer.tenantId}) as subscriptions`,
    );
    expect(counts).toEqual({ orders: 1, subscriptions: 1 });
  });

  it('10 parallel audience edits with one ETag: one wins, the others get 412', async () => {
    const t = await target('postgres');
    const publisher = await enrolledPublisher(t);
    const offer = await publisher.client.post('/v1/offers', { type: 'saas', name: 'Race' });
    const resellers = await Promise.all([enrollPartner(t, { country: 'US' }), enrollPartner(t, { country: 'US' })]);
    const etag = (await publisher.client.get(`/v1/offers/${offer.body.id}/csp-audience`)).headers.get('etag')!;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        publisher.client.put(`/v1/offers/${offer.body.id}/csp-audience`, { mode: 'selected', partnerTenantIds: [resellers[i % 2]!.tenantId] }, { headers: { 'if-match': etag } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(9);
  });

  it('parallel resolutions of one support request: one applies or declines, the others get 409', async () => {
    const t = await target('postgres');
    const partner = await enrollPartner(t, { stage: 'inReview' });
    await t.app.platform.db.execute(sql`update enrollments set review_started_at = now() - interval '15 days' where id = ${partner.enrollmentId}`);
    const request = await partner.client.post(`/v1/enrollments/${partner.enrollmentId}/escalations`, {});
    const operator = await signInOperator(t);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => operator.post(`/v1/operator/support-requests/${request.body.id}/resolution`, { action: i % 2 ? 'apply' : 'decline', reason: `Decision ${i}` })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'support_request_closed')).toBe(true);
    const [row] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from audit_records where resource_id = ${request.body.id} and action like 'supportRequest.%' and action <> 'supportRequest.created'`);
    expect(row!.n).toBe(1);
  });
});
