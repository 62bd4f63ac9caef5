// Commerce's service on a real database: its required hooks (missing wiring fails at start-up and never
// allows), and what it offers the marketplace instead of its tables (the products of live offers, the
// resale stamps of ORD-5 / MKP-7).
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../platform/audit.js';
import type { RequestBody } from '../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../test/helpers/commerce.js';
import { enrolledPublisher } from '../../../test/helpers/partners.js';
import { target, targetKinds } from '../../../test/helpers/server.js';
import { products } from './schema.js';
import { commerceService } from './service.js';

describe.each(targetKinds())('commerce service on %s', (kind) => {
  it('ORD-3 without the CSP audience check commerce neither starts nor checks out (no "allow" default)', async () => {
    const t = await target(kind);
    const { platform, services } = t.app;
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const { e3 } = await ensureProduct(t);
    const agent = parties.providerAgent.client;
    const cart = await agent.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(e3, parties.reseller.partnerId)] });
    expect(cart.status).toBe(201);
    // A commerce service nobody gave the marketplace's check to.
    const unwired = commerceService(platform, services);
    const ctx: RequestContext = { actor: await services.identity.actorOf(parties.providerAgent.userId), requestId: 'unwired', ip: '127.0.0.1', locale: 'en' };
    await expect(unwired.checkout(ctx, customer.tenantId, cart.body.id)).rejects.toThrow(/CSP audience check/);
    expect(() => unwired.assertWired()).toThrow(/CSP audience check/);
    // Nothing was written: the wired app checks the same cart out.
    const done = await agent.post(`/v1/customers/${customer.tenantId}/carts/${cart.body.id}/checkout`);
    expect([done.status, done.body.orders?.length]).toEqual([201, 1]);
    // The app's own commerce was wired when it was built.
    expect(() => services.commerce.assertWired()).not.toThrow();
  });

  it('ORD-5, MKP-7 the marketplace reads resale stamps and writes its products through commerce', async () => {
    const t = await target(kind);
    const { db } = t.app.platform;
    const { commerce } = t.app.services;
    const publisher = await enrolledPublisher(t);
    const created = await publisher.client.post('/v1/offers', { type: 'saas', name: `Resold offer ${Date.now()}` });
    const offerId: string = created.body.id;
    const plans: RequestBody<'/v1/offers/{id}/plans', 'put'> = [{ planId: 'standard', name: 'Standard', licenseModel: 'payg', termDurations: ['P1Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 10 }], markets: ['FR'] }];
    const listing = {
      summary: 'Scheduling',
      description: 'Schedules technicians.',
      supportContact: { email: 'support@isv.example.com', phone: '+1 425 555 0100', url: 'https://isv.example.com/support' },
      cspMaterials: { salesMaterialsUrl: 'https://isv.example.com/partners/kit', channelContact: { name: 'Channel Team', email: 'channel@isv.example.com', phone: '+1 425 555 0101' } },
    };
    let etag = created.headers.get('etag')!;
    etag = (await publisher.client.put(`/v1/offers/${offerId}/plans`, plans, { headers: { 'if-match': etag } })).headers.get('etag')!;
    etag = (await publisher.client.put(`/v1/offers/${offerId}/listing`, listing, { headers: { 'if-match': etag } })).headers.get('etag')!;
    expect((await publisher.client.put(`/v1/offers/${offerId}/csp-audience`, { mode: 'all', partnerTenantIds: [] }, { headers: { 'if-match': etag } })).status).toBe(200);
    expect((await publisher.client.post(`/v1/offers/${offerId}/publish`)).status).toBe(200);

    const parties = await connectedPartners(t);
    const other = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    expect([...(await commerce.resellersWhoResold(db, offerId))]).toEqual([]);
    expect((await order(parties.providerAgent.client, customer.tenantId, [line(`${offerId}:standard`, parties.reseller.partnerId)])).status).toBe(201);
    expect([...(await commerce.resellersWhoResold(db, offerId))]).toEqual([parties.reseller.tenantId]);
    // The same inside a transaction, on its handle.
    expect([...(await t.app.platform.transaction((tx) => commerce.resellersWhoResold(tx, offerId)))]).toEqual([parties.reseller.tenantId]);
    const resoldAt = (reseller: string) =>
      db
        .select({ at: commerce.resoldAtOf(products.id, sql`${reseller}::uuid`) })
        .from(products)
        .where(eq(products.id, offerId));
    const [stamped] = await resoldAt(parties.reseller.tenantId);
    expect(stamped!.at).toBeInstanceOf(Date);
    expect(await resoldAt(other.reseller.tenantId)).toEqual([{ at: null }]);

    // A live offer's product, changed the way publishing writes it: the catalog sells the new plans where they are sold.
    await t.app.platform.transaction((tx) =>
      commerce.upsertMarketplaceProduct(tx, {
        id: offerId,
        publisherTenantId: publisher.tenantId,
        offerType: 'saas',
        name: 'Renamed offer',
        description: 'Scheduling',
        skus: [{ skuId: 'premium', name: 'Premium', termDurations: ['P1Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 20 }] }],
        markets: ['DE'],
      }),
    );
    const inGermany = (await parties.provider.client.get('/v1/catalog/offers?country=DE&q=Renamed%20offer&size=500')).body.items.filter((i: { offerId: string }) => i.offerId === offerId);
    expect(inGermany).toEqual([expect.objectContaining({ catalogItemId: `${offerId}:premium`, source: 'marketplace', name: 'Renamed offer', currency: 'EUR' })]);
    // PRC-4: the provider sees its cost of the publisher's plan price (no partner discount set: the list price).
    expect(inGermany[0].prices).toEqual([{ audience: 'provider', termDuration: 'P1Y', billingCycle: 'annual', listPrice: '20.00', providerCost: '20.00' }]);
    const inFrance = (await parties.provider.client.get('/v1/catalog/offers?country=FR&q=Renamed%20offer&size=500')).body.items.filter((i: { offerId: string }) => i.offerId === offerId);
    expect(inFrance).toEqual([]);
    const [row] = await db.select().from(products).where(eq(products.id, offerId));
    expect([row!.source, row!.publisherTenantId]).toEqual(['marketplace', publisher.tenantId]);
  });
});
