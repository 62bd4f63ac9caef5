// The term through HTTP on a real database (TRM-1, TRM-2): a subscription's term starts at purchase and
// commits to its end; cancellation is possible for 168 hours from the term's start and refused after,
// with its own code and an answer that says when the term ends. Time is the app instance's clock.
import { describe, expect, it } from 'vitest';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../test/helpers/commerce.js';
import { target, targetKinds } from '../../../test/helpers/server.js';


describe.each(targetKinds())('subscription terms on %s', (kind) => {
  it('TRM-1 term start and commitment end; TRM-2 cancellation within 168 hours, refused after with the term end', async () => {
    let clock = new Date('2027-01-31T10:00:00.000Z');
    const t = await target(kind, { instance: 'terms', now: () => clock });
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { termDuration: 'P1M', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { termDuration: 'P1Y', billingCycle: 'annual' }),
    ]);
    expect(placed.status, placed.text).toBe(201);
    const listed = await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`);
    expect(listed.status, listed.text).toBe(200);
    const items = listed.body.items;
    const monthly = items.find((s) => s.termDuration === 'P1M')!;
    const yearly = items.find((s) => s.termDuration === 'P1Y')!;
    // A month from 31 January ends on the last day of February; a year a year later.
    expect(monthly).toMatchObject({ termStartAt: '2027-01-31T10:00:00.000Z', commitmentEndAt: '2027-02-28T10:00:00.000Z', cancellableUntil: '2027-02-07T10:00:00.000Z' });
    expect(yearly).toMatchObject({ termStartAt: '2027-01-31T10:00:00.000Z', commitmentEndAt: '2028-01-31T10:00:00.000Z', cancellableUntil: '2027-02-07T10:00:00.000Z' });

    // One millisecond before the window closes: cancelled.
    clock = new Date('2027-02-07T09:59:59.999Z');
    const cancelled = await parties.provider.client.post(`/v1/customers/${customer.tenantId}/subscriptions/${monthly.id}/cancel`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    // At the moment it closes: refused, the subscription unchanged, the answer naming the term's end (in the caller's language).
    clock = new Date('2027-02-07T10:00:00.000Z');
    const refused = await parties.provider.client.post(`/v1/customers/${customer.tenantId}/subscriptions/${yearly.id}/cancel`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('cancellation_window_closed');
    expect(refused.body.detail).toContain('2028-01-31');
    expect(refused.body.detail).toContain('2027-02-07T10:00:00.000Z');
    const french = await parties.provider.client.post(`/v1/customers/${customer.tenantId}/subscriptions/${yearly.id}/cancel`, undefined, { headers: { 'accept-language': 'fr' } });
    expect(french.body.detail).toContain('renouvellement automatique');
    const still = await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions/${yearly.id}`);
    expect(still.body.status).toBe('active');
    // Turning auto-renew off stays possible: the way to stop the term from renewing.
    const noRenew = await parties.provider.client.patch(`/v1/customers/${customer.tenantId}/subscriptions/${yearly.id}`, { autoRenewEnabled: false });
    expect(noRenew.status, noRenew.text).toBe(200);
    expect(noRenew.body).toMatchObject({ autoRenewEnabled: false, status: 'active' });
  });
});
