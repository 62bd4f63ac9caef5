// Customers, delegated admin, catalog, checkout, subscriptions and licenses through HTTP on a real
// database, rule by rule (CUS-1 … CUS-7, REL-7, ORD-1 … ORD-5, MKT-3, MKT-4).
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { partnerRoles } from '../../platform/access.js';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser, Client, signUp, testPassword, uniqueEmail, type ApiResponse, type RequestBody } from '../../../test/helpers/client.js';
import { connectedPartners, customerAccepts, ensureProduct, line, order, sharedCustomer, tokenOf, type CartLine } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner } from '../../../test/helpers/partners.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

describe.each(targetKinds())('customers and commerce on %s', (kind) => {
  describe('customer invitations (CUS-1, CUS-2, CUS-3, MKT-3)', () => {
    it('CUS-1 a reseller-only request; CUS-3 the customer global admin reviews and accepts', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const sales = await addUser(t, parties.reseller.client, ['salesAgent']);
      const created = await sales.client.post('/v1/customer-invitations', { type: 'resellerOnly', email: 'it@customer.example.com', locale: 'fr' });
      expect(created.status).toBe(201);
      expect(created.body.link).toMatch(/^http:\/\/localhost:8080\/invitations\/customer\/cci_[\w-]{43}$/);
      expect(created.body.draftEmail!.body).toContain(created.body.link);
      const token = tokenOf(created.body.link);
      const described = await new Client(t.url).get(`/v1/invitations/customer/${token}`);
      expect(described.body).toMatchObject({ type: 'resellerOnly', reseller: { tenantId: parties.reseller.tenantId }, provider: null });
      const customer = await signUp(t, { country: 'FR' });
      const user = await addUser(t, customer.client, ['userManagementAdmin']);
      expect((await user.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true })).status).toBe(403);
      expect((await customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: false })).body.code).toBe('confirmation_required');
      const accepted = await customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true });
      expect(accepted.status).toBe(201);
      expect(accepted.body.relationships).toEqual([expect.objectContaining({ partnerTenantId: parties.reseller.tenantId, role: 'reseller' })]);
      expect((await customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true })).body.code).toBe('invitation_used');
      const list = await parties.reseller.client.get('/v1/customers');
      expect(list.body.items.map((c: { id: string }) => c.id)).toContain(customer.tenantId);
      expect((await parties.provider.client.get('/v1/customers')).body.items.map((c: { id: string }) => c.id)).not.toContain(customer.tenantId);
    });

    it('CUS-2 one link creates the reseller and the provider relationships at once; REL-7 shared customers', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const refused = await parties.reseller.client.post('/v1/customer-invitations', { type: 'resellerAndProvider' });
      expect(refused.body.errors![0].path).toBe('/providerRelationshipId');
      const foreign = await connectedPartners(t);
      expect((await parties.reseller.client.post('/v1/customer-invitations', { type: 'resellerAndProvider', providerRelationshipId: foreign.relationshipId })).body.code).toBe('provider_relationship_invalid');
      const customer = await sharedCustomer(t, parties);
      const detail = await parties.reseller.client.get(`/v1/customers/${customer.tenantId}`);
      expect(detail.body.relationships).toEqual(expect.arrayContaining([{ partnerTenantId: parties.reseller.tenantId, role: 'reseller' }, { partnerTenantId: parties.provider.tenantId, role: 'provider' }]));
      const byReseller = await parties.provider.client.get(`/v1/customers?resellerTenantId=${parties.reseller.tenantId}`);
      expect(byReseller.body.items.map((c: { id: string }) => c.id)).toEqual([customer.tenantId]);
      const shared = await parties.reseller.client.get(`/v1/relationships/${parties.relationshipId}/customers`);
      expect(shared.body.items.map((c: { id: string }) => c.id)).toEqual([customer.tenantId]);
      const stranger = await enrollPartner(t, { country: 'FR' });
      expect((await stranger.client.get(`/v1/customers/${customer.tenantId}`)).status).toBe(404);
      expect((await stranger.client.get('/v1/customers')).body.items).toEqual([]);
    });

    it('CUS-4 a partner lists its customers by name, page by page, with the total, which follows a removal (CUS-7)', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customers = [];
      for (let i = 0; i < 5; i++) customers.push(await sharedCustomer(t, parties));
      const walk = async (client: Client) => {
        const names: string[] = [];
        let uri: string | undefined = '/v1/customers?size=2';
        let total = -1;
        while (uri) {
          const page: ApiResponse<'/v1/customers'> = await client.get<'/v1/customers'>(uri);
          total = page.body.totalCount;
          // Timestamps written by PostgreSQL read exactly as Date#toISOString writes them.
          for (const item of page.body.items) expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);
          names.push(...page.body.items.map((c) => c.companyName));
          uri = page.body.links.next?.uri;
        }
        return { names, total };
      };
      const before = await walk(parties.reseller.client);
      expect(before.total).toBe(5);
      expect(before.names).toHaveLength(5);
      expect(before.names).toEqual([...before.names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect((await walk(parties.provider.client)).total).toBe(5);
      expect((await parties.reseller.client.delete(`/v1/customers/${customers[0]!.tenantId}/relationship`)).status).toBe(204);
      const after = await walk(parties.reseller.client);
      expect(after.total).toBe(4);
      expect(after.names).toHaveLength(4);
      expect((await walk(parties.provider.client)).total).toBe(5);
      // A cursor past the last name: the empty page still carries the total, with or without a filter.
      const pastEnd = Buffer.from(JSON.stringify(['\uffff', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
      expect((await parties.reseller.client.get(`/v1/customers?size=2&cursor=${pastEnd}`)).body).toMatchObject({ items: [], totalCount: 4 });
      expect((await parties.provider.client.get(`/v1/customers?size=2&resellerTenantId=${parties.reseller.tenantId}&cursor=${pastEnd}`)).body).toMatchObject({ items: [], totalCount: 5 });
    });

    it('refuses a partner tenant, a customer in another region, and one without the customer agreement', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const invite = async () => tokenOf((await parties.reseller.client.post('/v1/customer-invitations', { type: 'resellerOnly' })).body.link);
      const partner = await enrollPartner(t, { country: 'FR' });
      expect((await partner.client.post(`/v1/invitations/customer/${await invite()}/accept`, { confirm: true })).body.code).toBe('not_a_customer_tenant');
      const american = await signUp(t, { country: 'US' });
      const mismatch = await american.client.post(`/v1/invitations/customer/${await invite()}/accept`, { confirm: true });
      expect([mismatch.status, mismatch.body.code]).toEqual([422, 'region_mismatch']); // MKT-3
      const operator = await signInOperator(t);
      const agreement = await operator.post('/v1/operator/agreements', { type: 'customerAgreement', version: `c-${Date.now()}`, language: 'en', title: 'Customer Agreement', body: 'Terms.' });
      const token = await invite();
      const customer = await signUp(t, { country: 'DE' });
      expect((await customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true })).body.code).toBe('customer_agreement_required');
      expect((await new Client(t.url).get(`/v1/invitations/customer/${token}`)).body.customerAgreementTemplateId).toBe(agreement.body.templateId);
      expect((await customer.client.post(`/v1/agreements/${agreement.body.templateId}/acceptances`, { primaryContact: { firstName: 'A', lastName: 'B', email: customer.email } })).status).toBe(201);
      expect((await customer.client.post(`/v1/invitations/customer/${token}/accept`, { confirm: true })).status).toBe(201);
    });
  });

  describe('CUS-5 the provider creates a customer for a reseller', () => {
    it('a new tenant whose admin has a temporary password, related to both', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const email = uniqueEmail('newcustomer');
      const body: RequestBody<'/v1/customers', 'post'> = {
        resellerTenantId: parties.reseller.tenantId,
        companyName: 'Café Martin',
        country: 'FR',
        billingProfile: { firstName: 'Léa', lastName: 'Martin', email, address: { addressLine1: '3 rue Oberkampf', city: 'Paris', postalCode: '75011', country: 'FR' }, language: 'fr' },
        admin: { firstName: 'Léa', lastName: 'Martin', email },
      };
      expect((await parties.provider.client.post('/v1/customers', body)).status).toBe(403); // global admin is not an admin agent
      const created = await parties.providerAgent.client.post('/v1/customers', body);
      expect(created.status).toBe(201);
      expect(created.body.admin.temporaryPassword.length).toBeGreaterThanOrEqual(12);
      const admin = new Client(t.url);
      expect((await admin.signIn(email, created.body.admin.temporaryPassword)).status).toBe(201);
      expect((await admin.get('/v1/me')).body.user.mustChangePassword).toBe(true);
      const unrelated = await enrollPartner(t, { country: 'FR' });
      expect((await parties.providerAgent.client.post('/v1/customers', { ...body, resellerTenantId: unrelated.tenantId, admin: { ...body.admin, email: uniqueEmail() } })).body.code).toBe('provider_not_authorized_by_reseller');
      expect((await parties.reseller.client.get(`/v1/customers/${created.body.customer.id}`)).body.relationships).toHaveLength(2);
    });
  });

  describe('delegated admin, granular and time-bound', () => {
    it('roles from the invitation; partner users act only within them; the customer terminates', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties, { roles: ['userAdministrator'], durationDays: 30, autoExtend: true });
      const dars = await parties.reseller.client.get(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`);
      expect(dars.body.items[0]).toMatchObject({ roles: ['userAdministrator'], status: 'active', autoExtend: true });
      expect(Date.parse(dars.body.items[0].endsAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
      const users = await parties.reseller.client.get(`/v1/customers/${customer.tenantId}/users`);
      expect(users.status).toBe(200);
      expect(users.body.items.map((u: { email: string }) => u.email)).toContain(customer.email);
      const added = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/users`, { displayName: 'By partner', email: uniqueEmail(), roles: [], password: testPassword });
      expect(added.status).toBe(201);
      // the provider holds no delegated role on this customer
      const providerTry = await parties.provider.client.get(`/v1/customers/${customer.tenantId}/users`);
      expect([providerTry.status, providerTry.body.code]).toEqual([403, 'delegated_role_missing']);
      const partners = await customer.client.get('/v1/partner-relationships');
      const resellerEntry = partners.body.items.find((p: { partnerTenantId: string }) => p.partnerTenantId === parties.reseller.tenantId);
      expect(resellerEntry!.delegatedAdmin[0].roles).toEqual(['userAdministrator']);
      expect((await customer.client.delete(`/v1/partner-relationships/${resellerEntry!.id}/delegated-admin`)).status).toBe(204);
      expect((await parties.reseller.client.get(`/v1/customers/${customer.tenantId}/users`)).body.code).toBe('delegated_role_missing');
    });

    it('requested later: pending until the customer global admin approves through the emailed link', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const bad = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles: ['globalAdministrator'], durationDays: 90, autoExtend: true });
      expect(bad.body.errors![0]).toMatchObject({ path: '/autoExtend', code: 'auto_extend_not_allowed' });
      expect((await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles: ['userAdministrator'], durationDays: 731, autoExtend: false })).status).toBe(400);
      const requested = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles: ['licenseAdministrator'], durationDays: 90, autoExtend: false });
      expect(requested.body.status).toBe('approvalPending');
      const [mail] = await query<{ text_body: string }>(t.app.platform.db, sql`select text_body from mail_outbox where template = 'delegatedAdminRequest' and to_address = ${customer.email}`);
      const token = /token=([\w-]+)/.exec(mail!.text_body)![1]!;
      expect((await parties.reseller.client.post('/v1/delegated-admin-approvals', { token })).status).toBe(404); // not its tenant
      const approved = await customer.client.post('/v1/delegated-admin-approvals', { token });
      expect(approved.body).toMatchObject({ status: 'active', roles: ['licenseAdministrator'] });
    });

    it('expiry and auto-extension with an injected clock', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const extending = await sharedCustomer(t, parties, { roles: ['userAdministrator'], durationDays: 10, autoExtend: true });
      const expiring = await sharedCustomer(t, parties, { roles: ['userAdministrator'], durationDays: 10, autoExtend: false });
      const inEleven = new Date(Date.now() + 11 * 86_400_000);
      await t.app.services.customers.sweepDelegatedAdmin(inEleven);
      const [extended] = (await parties.reseller.client.get(`/v1/customers/${extending.tenantId}/delegated-admin-relationships`)).body.items;
      expect(extended.status).toBe('active');
      expect(Date.parse(extended.endsAt!) - Date.now()).toBeGreaterThan(189 * 86_400_000);
      const [expired] = (await parties.reseller.client.get(`/v1/customers/${expiring.tenantId}/delegated-admin-relationships`)).body.items;
      expect(expired.status).toBe('expired');
    });
  });

  describe('catalog (ORD-1, MKT-4)', () => {
    it("lists what sells in a country, in its market's currency", async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const { client } = await signUp(t);
      const fr = await client.get(`/v1/catalog/offers?country=FR&${product.q}`);
      expect(fr.body.currency).toBe('EUR');
      // PRC-4: a tenant that buys through a partner sees what sells, not the channel's prices.
      expect(fr.body.audience).toBe('none');
      expect(fr.body.items.find((i: { catalogItemId: string }) => i.catalogItemId === product.e3)).toMatchObject({ prices: [], currency: 'EUR', termDurations: ['P1M', 'P1Y'] });
      const operator = await signInOperator(t);
      const us = await operator.get(`/v1/catalog/offers?country=US&${product.q}`);
      expect(us.body.audience).toBe('operator');
      // One price per term and billing cycle pair the SKU is sold with (a P1M term monthly only); no price list lists this product: its own price.
      expect(us.body.items.find((i: { catalogItemId: string }) => i.catalogItemId === product.e3)).toMatchObject({
        currency: 'USD',
        prices: [
          { audience: 'operator', termDuration: 'P1M', billingCycle: 'monthly', listPrice: '36.00', providerCost: '36.00' },
          { audience: 'operator', termDuration: 'P1Y', billingCycle: 'monthly', listPrice: '36.00', providerCost: '36.00' },
          { audience: 'operator', termDuration: 'P1Y', billingCycle: 'annual', listPrice: '36.00', providerCost: '36.00' },
        ],
      });
      const jp = await client.get(`/v1/catalog/offers?country=JP&${product.q}`);
      expect(jp.body.items.some((i: { offerId: string }) => i.offerId === product.productId)).toBe(false);
      expect((await client.post('/v1/operator/products', { name: 'X', description: '', skus: [], markets: ['FR'] })).status).toBe(403);
    });
  });

  describe('catalog pages (ORD-1)', () => {
    it('a page of products at a time by name, filtered by name, with the next page linked', async () => {
      const t = await target(kind);
      const prefix = `Paged ${Math.random().toString(36).slice(2, 8)}`;
      const made = [];
      for (const name of ['C', 'A', 'B']) made.push(await ensureProduct(t, { name: `${prefix} ${name}` }));
      const operator = await signInOperator(t);
      const first = await operator.get(`/v1/catalog/offers?country=FR&q=${encodeURIComponent(prefix.toUpperCase())}&size=2`);
      expect(first.status, first.text).toBe(200);
      // Two products of two SKUs each, by name; the third on the next page.
      expect(first.body.items.map((i: { name: string; skuId: string }) => `${i.name}:${i.skuId}`)).toEqual([`${prefix} A:E3`, `${prefix} A:E5`, `${prefix} B:E3`, `${prefix} B:E5`]);
      const next = first.body.links.next!.uri;
      expect(next).toContain('cursor=');
      const second = await operator.get(`/v1/catalog/offers?${next.slice(next.indexOf('?') + 1)}`);
      expect(second.body.items.map((i: { name: string }) => i.name)).toEqual([`${prefix} C`, `${prefix} C`]);
      expect(second.body.links.next).toBeUndefined();
      const bad = await operator.get('/v1/catalog/offers?country=FR&cursor=not-a-cursor');
      expect([bad.status, bad.body.errors?.[0]?.path, bad.body.errors?.[0]?.code]).toEqual([400, '/query/cursor', 'cursor_invalid']);
    });
  });

  describe('checkout (ORD-2, ORD-3, CUS-6, ORD-4, ORD-5)', () => {
    it('places an order naming the reseller of record; subscriptions are visible to provider, reseller and customer', async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const placed = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId), line(product.e5, parties.reseller.partnerId, { quantity: 2, termDuration: 'P3Y' })]);
      expect(placed.status).toBe(201);
      expect(placed.body.orderErrors).toEqual([]);
      const [placedOrder] = placed.body.orders;
      expect(placedOrder).toMatchObject({ status: 'completed', currency: 'EUR', resellerTenantId: parties.reseller.tenantId });
      expect(placedOrder.lineItems.map((l: { partnerIdOnRecord: string }) => l.partnerIdOnRecord)).toEqual([parties.reseller.partnerId, parties.reseller.partnerId]);
      expect(placedOrder.lineItems[0].partnerIdOnRecord).not.toBe(parties.provider.partnerId);
      for (const client of [parties.provider.client, parties.reseller.client, customer.client]) {
        const subs = await client.get(`/v1/customers/${customer.tenantId}/subscriptions`);
        expect(subs.body.items.map((s: { quantity: number; status: string }) => [s.quantity, s.status]).sort()).toEqual([[2, 'active'], [5, 'active']]);
        expect(subs.body.totalCount).toBe(2);
        // An old cursor past the last subscription: an empty page, the total still there.
        const pastEnd = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
        expect((await client.get(`/v1/customers/${customer.tenantId}/subscriptions?cursor=${pastEnd}`)).body).toMatchObject({ items: [], totalCount: 2 });
        expect((await client.get(`/v1/customers/${customer.tenantId}/orders/${placedOrder.id}`)).status).toBe(200);
      }
      const stranger = await enrollPartner(t, { country: 'FR' });
      expect((await stranger.client.get(`/v1/customers/${customer.tenantId}/subscriptions`)).status).toBe(404);
      expect((await stranger.client.get(`/v1/customers/${customer.tenantId}/orders/${placedOrder.id}`)).status).toBe(404);
    });

    describe('each precondition refuses with its own code', () => {
      const refusal = async (setup: (ctx: Awaited<ReturnType<typeof base>>) => Promise<CartLine[]>, code: string) => {
        const ctx = await base();
        const lines = await setup(ctx);
        const response = await order(ctx.parties.providerAgent.client, ctx.customer.tenantId, lines);
        expect(response.status, response.text).toBe(422);
        expect(response.body.code).toBe(code);
        expect(response.body.errors![0]).toMatchObject({ path: '/lineItems/0', code, message: response.body.detail });
        expect((await ctx.customer.client.get(`/v1/customers/${ctx.customer.tenantId}/subscriptions`)).body.items).toEqual([]);
      };
      const base = async () => {
        const t = await target(kind);
        const product = await ensureProduct(t);
        const parties = await connectedPartners(t);
        const customer = await sharedCustomer(t, parties);
        return { t, product, parties, customer };
      };

      it('provider_not_active', () =>
        refusal(async ({ t, product, parties }) => {
          await t.app.platform.db.execute(sql`update enrollments set status = 'suspended' where tenant_id = ${parties.provider.tenantId}`);
          return [line(product.e3, parties.reseller.partnerId)];
        }, 'provider_not_active'));
      it('reseller_not_found', () => refusal(async ({ product }) => [line(product.e3, '999999999')], 'reseller_not_found'));
      it('reseller_not_active', () =>
        refusal(async ({ t, product, parties }) => {
          await t.app.platform.db.execute(sql`update enrollments set status = 'suspended' where tenant_id = ${parties.reseller.tenantId}`);
          return [line(product.e3, parties.reseller.partnerId)];
        }, 'reseller_not_active'));
      it('reseller_agreement_not_accepted', () =>
        refusal(async ({ t, product, parties }) => {
          await t.app.platform.db.execute(sql`delete from agreement_acceptances where tenant_id = ${parties.reseller.tenantId}`);
          return [line(product.e3, parties.reseller.partnerId)];
        }, 'reseller_agreement_not_accepted'));
      it('partner_id_not_associated', () =>
        refusal(async ({ product, parties }) => {
          const other = await parties.reseller.client.post('/v1/profiles/locations', { country: 'DE', address: { addressLine1: 'Marienplatz 8', city: 'München', postalCode: '80331', country: 'DE' } });
          return [line(product.e3, other.body.partnerId)];
        }, 'partner_id_not_associated'));
      it('provider_not_authorized_by_reseller', () =>
        refusal(async ({ t, product }) => [line(product.e3, (await enrollPartner(t, { country: 'FR' })).partnerId)], 'provider_not_authorized_by_reseller'));
      it('CUS-6: without its own relationship with the customer the provider cannot even open a cart (not found)', async () => {
        const { t, product, parties, customer } = await base();
        await t.app.platform.db.execute(sql`update customer_relationships set state = 'removed' where customer_tenant_id = ${customer.tenantId} and partner_tenant_id = ${parties.provider.tenantId}`);
        const cart = await parties.providerAgent.client.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(product.e3, parties.reseller.partnerId)] });
        expect(cart.status).toBe(404);
        expect(cart.body.code).toBe('not_found');
      });
      it('no_reseller_customer_relationship', () =>
        refusal(async ({ t, product, parties }) => {
          const second = await enrollPartner(t, { country: 'FR' });
          const invitation = await parties.provider.client.post('/v1/reseller-invitations', {});
          await second.client.post(`/v1/invitations/reseller/${tokenOf(invitation.body.link)}/accept`, { confirm: true });
          return [line(product.e3, second.partnerId)];
        }, 'no_reseller_customer_relationship'));
      it('region_mismatch', () =>
        refusal(async ({ t, product, parties, customer }) => {
          // The customer's market moved: its tenant country is now in another region.
          await t.app.platform.db.execute(sql`update tenants set country = 'US' where id = ${customer.tenantId}`);
          return [line(product.e3, parties.reseller.partnerId)];
        }, 'region_mismatch'));
      it('offer_not_available_in_market', () =>
        refusal(async ({ t, parties }) => [line((await ensureProduct(t, { markets: ['JP'] })).e3, parties.reseller.partnerId)], 'offer_not_available_in_market'));
      it('invalid_term_or_cycle', () => refusal(async ({ product, parties }) => [line(product.e5, parties.reseller.partnerId, { termDuration: 'P1M', billingCycle: 'monthly' })], 'invalid_term_or_cycle'));
      it('offer_not_available_in_market for a catalog item ID that is no product ID', () =>
        refusal(async ({ parties }) => [line('------------------------------------:E3', parties.reseller.partnerId)], 'offer_not_available_in_market'));
      it('invalid_quantity', () => refusal(async ({ product, parties }) => [line(product.e3, parties.reseller.partnerId, { quantity: 0 })], 'invalid_quantity'));

      it('a cart with a good and a bad line orders the good one and reports the other', async () => {
        const { product, parties, customer } = await base();
        const response = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId), line(product.e3, parties.reseller.partnerId, { quantity: -1 })]);
        expect(response.status).toBe(201);
        expect(response.body.orders[0].lineItems).toHaveLength(1);
        expect(response.body.orderErrors).toEqual([{ lineItemNumber: 2, code: 'invalid_quantity' }]);
      });
    });

    it('checkout twice, or 20 times at once with one Idempotency-Key: one order', async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const cart = await parties.providerAgent.client.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(product.e3, parties.reseller.partnerId)] });
      const path = `/v1/customers/${customer.tenantId}/carts/${cart.body.id}/checkout` as const;
      const results = await Promise.all(Array.from({ length: 20 }, () => parties.providerAgent.client.post(path, undefined, { headers: { 'idempotency-key': 'checkout-once' } })));
      expect(results.every((r) => r.status === 201)).toBe(true);
      expect(new Set(results.map((r) => r.body.orders[0].id)).size).toBe(1);
      const orders = await parties.provider.client.get(`/v1/customers/${customer.tenantId}/orders`);
      expect(orders.body.totalCount).toBe(1);
    });
  });

  describe('subscriptions and licenses (ORD-4, CUS-7)', () => {
    it('assign up to the quantity; lowering below the assigned count is refused; suspend, reactivate, cancel', async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties, { roles: ['licenseAdministrator', 'userAdministrator'], durationDays: 60, autoExtend: false });
      const placed = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 2 })]);
      const subscriptionId = placed.body.orders[0].lineItems[0].subscriptionId;
      const people = [customer.userId, (await addUser(t, customer.client, [])).userId, (await addUser(t, customer.client, [])).userId];
      const path = (userId: string) => `/v1/customers/${customer.tenantId}/users/${userId}/licenses` as const;
      expect((await parties.reseller.client.post(path(people[0]!), { subscriptionId })).status).toBe(201); // partner with licenseAdministrator
      expect((await customer.client.post(path(people[1]!), { subscriptionId })).status).toBe(201); // the customer itself
      const full = await customer.client.post(path(people[2]!), { subscriptionId });
      expect([full.status, full.body.code]).toEqual([409, 'no_licenses_available']);
      expect((await parties.provider.client.post(path(people[2]!), { subscriptionId })).body.code).toBe('delegated_role_missing');
      const subPath = `/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}` as const;
      expect((await parties.provider.client.patch(subPath, { quantity: 1 })).body.code).toBe('licenses_assigned');
      const resellerAgent = await addUser(t, parties.reseller.client, ['adminAgent']);
      expect((await resellerAgent.client.patch(subPath, { quantity: 3 })).body.quantity).toBe(3);
      expect((await resellerAgent.client.patch(subPath, { status: 'suspended' })).status).toBe(403);
      // CUS-7: the relationship stays while subscriptions are active
      expect((await parties.reseller.client.delete(`/v1/customers/${customer.tenantId}/relationship`)).body.code).toBe('subscriptions_not_suspended');
      expect((await parties.provider.client.patch(subPath, { status: 'suspended' })).body.status).toBe('suspended');
      expect((await customer.client.post(path(people[2]!), { subscriptionId })).body.code).toBe('subscription_not_active');
      expect((await parties.provider.client.patch(subPath, { status: 'active' })).body.status).toBe('active');
      const licenses = await customer.client.get(path(people[0]!));
      expect(licenses.body.items.map((l: { subscriptionId: string }) => l.subscriptionId)).toEqual([subscriptionId]);
      expect((await parties.provider.client.post(`${subPath}/cancel`)).body.status).toBe('cancelled');
      expect((await parties.reseller.client.delete(`/v1/customers/${customer.tenantId}/relationship`)).status).toBe(204);
    });

    it('50 simultaneous license assignments on a quantity of 10: exactly 10', async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const placed = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 10 })]);
      const subscriptionId = placed.body.orders[0].lineItems[0].subscriptionId;
      const users: string[] = [];
      for (let i = 0; i < 50; i++) {
        const created = await customer.client.post('/v1/users', { displayName: `User ${i}`, email: uniqueEmail('lic'), roles: [], password: testPassword });
        users.push(created.body.user.id);
      }
      const results = await Promise.all(users.map((userId) => customer.client.post(`/v1/customers/${customer.tenantId}/users/${userId}/licenses`, { subscriptionId })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      expect(results.filter((r) => r.status === 409)).toHaveLength(40);
      const [count] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from license_assignments where subscription_id = ${subscriptionId}`);
      expect(count!.n).toBe(10);
    });
  });

  describe('ORD-3 on every change: adding seats and reactivating are orders (item 6)', () => {
    const subscribed = async (quantity = 5) => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const placed = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity })]);
      const subscriptionId: string = placed.body.orders[0].lineItems[0].subscriptionId;
      const path = `/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}` as const;
      const current = async () => (await parties.provider.client.get(path)).body as { quantity: number; status: string };
      return { t, product, parties, customer, path, current };
    };
    const refused = (response: { status: number; body: any }, status: number, code: string, field: string) => {
      expect([response.status, response.body.code]).toEqual([status, code]);
      expect(response.body.errors[0]).toMatchObject({ path: field, code });
    };

    it('ORD-3 after the reseller ends its relationship with the provider (REL-8): no seats added, no reactivation; reductions, suspension and cancellation stay possible', async () => {
      const { t, parties, path, current } = await subscribed(5);
      const resellerAgent = await addUser(t, parties.reseller.client, ['adminAgent']);
      expect((await parties.reseller.client.delete(`/v1/relationships/${parties.relationshipId}`)).status).toBe(204);
      refused(await parties.provider.client.patch(path, { quantity: 500 }), 422, 'provider_not_authorized_by_reseller', '/quantity');
      refused(await resellerAgent.client.patch(path, { quantity: 6 }), 422, 'provider_not_authorized_by_reseller', '/quantity');
      expect(await current()).toMatchObject({ quantity: 5, status: 'active' });
      expect((await parties.provider.client.patch(path, { quantity: 3 })).body.quantity).toBe(3);
      expect((await parties.provider.client.patch(path, { autoRenewEnabled: false })).body.autoRenewEnabled).toBe(false);
      expect((await parties.provider.client.patch(path, { status: 'suspended' })).body.status).toBe('suspended');
      refused(await parties.provider.client.patch(path, { status: 'active' }), 422, 'provider_not_authorized_by_reseller', '/status');
      expect(await current()).toMatchObject({ quantity: 3, status: 'suspended' });
      expect((await parties.provider.client.post(`${path}/cancel`)).body.status).toBe('cancelled');
    });

    it('ORD-3 after the reseller leaves the customer (CUS-7): reactivation is refused with no_reseller_customer_relationship; cancellation stays possible', async () => {
      const { parties, customer, path, current } = await subscribed(1);
      expect((await parties.provider.client.patch(path, { status: 'suspended' })).body.status).toBe('suspended');
      expect((await parties.reseller.client.delete(`/v1/customers/${customer.tenantId}/relationship`)).status).toBe(204);
      refused(await parties.provider.client.patch(path, { status: 'active' }), 422, 'no_reseller_customer_relationship', '/status');
      refused(await parties.provider.client.patch(path, { status: 'active', quantity: 500 }), 422, 'no_reseller_customer_relationship', '/quantity');
      expect(await current()).toMatchObject({ quantity: 1, status: 'suspended' });
      expect((await parties.provider.client.post(`${path}/cancel`)).body.status).toBe('cancelled');
    });

    it('ORD-3 a provider that is no longer active adds no seats (provider_not_active) and still removes them', async () => {
      const { t, parties, path, current } = await subscribed(5);
      await t.app.platform.db.execute(sql`update enrollments set status = 'suspended' where tenant_id = ${parties.provider.tenantId}`);
      refused(await parties.provider.client.patch(path, { quantity: 6 }), 422, 'provider_not_active', '/quantity');
      expect((await parties.provider.client.patch(path, { quantity: 4 })).body.quantity).toBe(4);
      expect(await current()).toMatchObject({ quantity: 4, status: 'active' });
    });

    it('ORD-4 no seat change on a suspended subscription (subscription_suspended); reactivating with new seats, preconditions holding, applies both', async () => {
      const { parties, path, current } = await subscribed(5);
      refused(await parties.provider.client.patch(path, { status: 'suspended', quantity: 4 }), 409, 'subscription_suspended', '/quantity');
      expect(await current()).toMatchObject({ quantity: 5, status: 'active' });
      expect((await parties.provider.client.patch(path, { status: 'suspended' })).body.status).toBe('suspended');
      refused(await parties.provider.client.patch(path, { quantity: 4 }), 409, 'subscription_suspended', '/quantity');
      refused(await parties.provider.client.patch(path, { quantity: 500 }), 409, 'subscription_suspended', '/quantity');
      expect(await current()).toMatchObject({ quantity: 5, status: 'suspended' });
      expect(await (await parties.provider.client.patch(path, { status: 'active', quantity: 7 })).body).toMatchObject({ quantity: 7, status: 'active' });
      expect((await parties.provider.client.patch(path, { quantity: 500 })).body.quantity).toBe(500);
    });

    it('ORD-3 term and billing cycle as a pair: a P1M term billed annually is refused in the cart and at checkout', async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const agent = parties.providerAgent.client;
      const carts = `/v1/customers/${customer.tenantId}/carts` as const;
      const unpaired = line(product.e3, parties.reseller.partnerId, { termDuration: 'P1M', billingCycle: 'annual' });
      const created = await agent.post(carts, { lineItems: [unpaired] });
      refused(created, 422, 'billing_cycle_not_allowed_for_term', '/lineItems/0/billingCycle');
      const [written] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from carts where customer_tenant_id = ${customer.tenantId}`);
      expect(written!.n).toBe(0);
      const cart = await agent.post(carts, { lineItems: [line(product.e3, parties.reseller.partnerId, { termDuration: 'P1M', billingCycle: 'monthly' })] });
      expect(cart.status).toBe(201);
      refused(await agent.put(`${carts}/${cart.body.id}`, { lineItems: [line(product.e3, parties.reseller.partnerId), unpaired] }), 422, 'billing_cycle_not_allowed_for_term', '/lineItems/1/billingCycle');
      expect((await agent.get(`${carts}/${cart.body.id}`)).body.lineItems).toEqual([expect.objectContaining({ termDuration: 'P1M', billingCycle: 'monthly' })]);
      // A cart written before the rule holds such a line: checkout refuses it too.
      await t.app.platform.db.execute(sql`update carts set line_items = jsonb_set(line_items, '{0,billingCycle}', '"annual"') where id = ${cart.body.id}`);
      const checkout = await agent.post(`${carts}/${cart.body.id}/checkout`);
      refused(checkout, 422, 'billing_cycle_not_allowed_for_term', '/lineItems/0');
      expect((await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`)).body.items).toEqual([]);
    });
  });

  describe('authorization of customer and commerce routes', () => {
    it('who may invite, list, create customers and order', async () => {
      const t = await target(kind);
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/customers', allowed: partnerRoles, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/customer-invitations', allowed: partnerRoles, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/partner-relationships', allowed: partnerRoles, otherTenant: 'own' });
      // The fixture tenant is no active reseller: allowed roles reach that rule (422).
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/customer-invitations', body: () => ({ type: 'resellerOnly' }), allowed: ['globalAdmin', 'adminAgent', 'salesAgent'], otherTenant: 'own' });
      await expectAuthorization(t, {
        method: 'POST',
        path: () => '/v1/customers',
        body: () => ({ resellerTenantId: '00000000-0000-4000-8000-000000000000', companyName: 'X', country: 'FR', billingProfile: { firstName: 'a', lastName: 'b', email: 'a@b.example.com', address: { addressLine1: '1 x', city: 'P', country: 'FR' }, language: 'fr' }, admin: { firstName: 'a', lastName: 'b', email: uniqueEmail() } }),
        allowed: ['adminAgent'],
        otherTenant: 'own',
      });
    });

    it("another tenant's customer data is not found", async () => {
      const t = await target(kind);
      const product = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const placed = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId)]);
      const subscriptionId = placed.body.orders[0].lineItems[0].subscriptionId;
      const stranger = await connectedPartners(t);
      for (const [method, path, body] of [
        ['GET', `/v1/customers/${customer.tenantId}`, undefined],
        ['GET', `/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}`, undefined],
        ['PATCH', `/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}`, { quantity: 1 }],
        ['GET', `/v1/customers/${customer.tenantId}/delegated-admin-relationships`, undefined],
        ['DELETE', `/v1/customers/${customer.tenantId}/relationship`, undefined],
        ['GET', `/v1/relationships/${parties.relationshipId}/customers`, undefined],
        // CUS-6: nor can a stranger open a cart for it (nothing is written into the customer's tenant).
        ['POST', `/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(product.e3, stranger.reseller.partnerId)] }],
      ] as const) {
        const response = await stranger.providerAgent.client.request(method, path, body ? { body } : {});
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    });
  });
});
