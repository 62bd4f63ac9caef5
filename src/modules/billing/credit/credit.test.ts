// Credit between the tiers, payments, credit notes, aging and unbilled charges on a real database of its
// own (BIL-2, BIL-3, BIL-4). Time is the app instance's clock, moved through one month-end and past a due
// date; every amount is read back from the charge lines the orders wrote.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { formatAmount } from '../../../platform/money.js';
import { addUser, signUp, type Client } from '../../../../test/helpers/client.js';
import { signInOperator } from '../../../../test/helpers/operator.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../../test/helpers/commerce.js';
import { pdfTextRuns } from '../../../../test/helpers/pdf.js';
import { target, targetKinds } from '../../../../test/helpers/server.js';

const eur = (minor: number) => formatAmount(minor, 'EUR');

describe.each(targetKinds())('credit and payments on %s', (kind) => {
  it('BIL-4 BIL-2 BIL-3 BIL-1 credit limits refuse orders over them, overdue invoices block orders until paid, payments and credit notes settle documents, aging and unbilled charges', async () => {
    let clock = new Date('2027-03-10T10:00:00.000Z');
    const t = await target(kind, { instance: 'credit', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const operator = await signInOperator(t);
    expect((await operator.put('/v1/operator/tax-rates/FR', { rate: '20' })).status).toBe(200);
    const provider = parties.provider.client;
    const reseller = parties.reseller.tenantId;
    const terms = `/v1/credit-terms/${reseller}` as const;
    const buy = (quantity: number) => order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity, termDuration: 'P1M', billingCycle: 'monthly' })]);
    const counts = async () => (await query<{ o: number; c: number }>(db, sql`select (select count(*)::int from orders) as o, (select count(*)::int from charge_lines) as c`))[0]!;

    // Bad terms change nothing: too many decimals (in the caller's language), a tenant that is not a buyer, a role without billing.manage.
    const precise = await provider.put(terms, { currency: 'EUR', creditLimit: '100.001' }, { headers: { 'accept-language': 'fr' } });
    expect(precise.status, precise.text).toBe(400);
    expect(precise.headers.get('content-type')).toContain('application/problem+json');
    expect(precise.body.errors?.[0]).toMatchObject({ path: '/creditLimit', code: 'amount_too_precise' });
    expect(precise.body.errors?.[0]?.message).toContain('EUR');
    const stranger = await signUp(t, { country: 'FR' });
    const notBuyer = await provider.put(`/v1/credit-terms/${stranger.tenantId}`, { currency: 'EUR', creditLimit: '10' });
    expect([notBuyer.status, notBuyer.body.code]).toEqual([422, 'not_a_buyer']);
    expect((await parties.reseller.client.put(`/v1/credit-terms/${parties.provider.tenantId}`, { currency: 'EUR' })).body.code).toBe('not_a_buyer');
    const sales = await addUser(t, provider, ['salesAgent']);
    expect((await sales.client.put(terms, { currency: 'EUR', creditLimit: '10' })).status).toBe(403);
    const billingAdmin = await addUser(t, provider, ['billingAdmin']);
    expect((await provider.get(terms)).status).toBe(404);
    expect(await query(db, sql`select * from credit_terms`)).toEqual([]);

    // A first order under a generous limit; its reseller amount is what the exposure holds.
    const set = await billingAdmin.client.put(terms, { currency: 'EUR', creditLimit: '100000', paymentTermDays: 15, graceDays: 5 });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ currency: 'EUR', creditLimit: '100000.00', paymentTermDays: 15, graceDays: 5, exposure: '0.00', availableCredit: '100000.00', overdueCount: 0 });
    const first = await buy(2);
    expect(first.status, first.text).toBe(201);
    const [{ amount: perOrder }] = await query<{ amount: string }>(db, sql`select reseller_amount::text as amount from charge_lines`) as [{ amount: string }];
    const a = Number(perOrder);
    expect(a).toBeGreaterThan(0);
    expect((await provider.get(terms)).body).toMatchObject({ exposure: eur(a), availableCredit: eur(10_000_000 - a) });
    // The reseller sees the terms it was given.
    expect((await parties.reseller.client.get('/v1/credit-terms?direction=received')).body.items.map((i) => [i.seller.tenantId, i.exposure])).toEqual([[parties.provider.tenantId, eur(a)]]);

    // BIL-4: an order that would go over the limit is refused with the credit available, and writes nothing.
    const half = Math.floor(a / 2);
    expect((await provider.put(terms, { currency: 'EUR', creditLimit: eur(a + half), paymentTermDays: 15, graceDays: 5 })).status).toBe(200);
    const before = await counts();
    const over = await buy(2);
    expect(over.status, over.text).toBe(422);
    expect(over.body).toMatchObject({ code: 'credit_limit_exceeded', availableCredit: eur(half), creditLimit: eur(a + half), currency: 'EUR' });
    expect(await counts()).toEqual(before);
    // A seat increase is an order too: refused over the limit, the quantity unchanged.
    const subscriptionId = first.body.orders[0].lineItems[0].subscriptionId as string;
    const sub = `/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}` as const;
    const more = await provider.patch(sub, { quantity: 4 });
    expect([more.status, more.body.code]).toEqual([422, 'credit_limit_exceeded']);
    expect((await provider.get(sub)).body.quantity).toBe(2);
    expect(await counts()).toEqual(before);
    // One seat fits under the limit (half an order's amount left).
    const one = await provider.patch(sub, { quantity: 3 });
    expect(one.status, one.text).toBe(200);
    // Without a limit the order goes through.
    expect((await provider.put(terms, { currency: 'EUR', creditLimit: null, paymentTermDays: 15, graceDays: 5 })).body).toMatchObject({ creditLimit: null, availableCredit: null });
    expect((await buy(1)).status).toBe(201);

    // The operator limits the provider: the provider's cost counts against it.
    expect((await operator.put(`/v1/credit-terms/${reseller}`, { currency: 'EUR', creditLimit: '0' })).body.code).toBe('not_a_buyer');
    expect((await operator.put(`/v1/credit-terms/${parties.provider.tenantId}`, { currency: 'EUR', creditLimit: '0' })).status).toBe(200);
    const byOperator = await buy(1);
    expect(byOperator.body).toMatchObject({ code: 'credit_limit_exceeded', availableCredit: '0.00' });
    expect((await operator.put(`/v1/credit-terms/${parties.provider.tenantId}`, { currency: 'EUR', creditLimit: null })).status).toBe(200);

    // BIL-1: billing profiles (legal name, tax ID, address) go onto the documents issued after them; bad ones change nothing.
    const profile = { legalName: 'Revendeur SAS', taxId: 'fr 12 345678901', address: { addressLine1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' }, email: 'billing@example.fr' };
    const badTaxId = await parties.reseller.client.put('/v1/billing-profile', { ...profile, taxId: '<script>' }, { headers: { 'accept-language': 'fr' } });
    expect([badTaxId.status, badTaxId.body.errors?.[0]?.path]).toEqual([400, '/taxId']);
    expect((await parties.reseller.client.put('/v1/billing-profile', { ...profile, address: { ...profile.address, country: 'QQ' } })).status).toBe(400);
    expect((await parties.reseller.client.get('/v1/billing-profile')).status).toBe(404);
    expect((await sales.client.put('/v1/billing-profile', profile)).status).toBe(403);
    const setProfile = await parties.reseller.client.put('/v1/billing-profile', profile);
    expect(setProfile.status, setProfile.text).toBe(200);
    expect(setProfile.body).toMatchObject({ tenantId: reseller, legalName: 'Revendeur SAS', taxId: 'FR 12 345678901', address: profile.address });
    expect((await provider.put('/v1/billing-profile', { legalName: 'Fournisseur SA', taxId: 'FR98765432109', address: profile.address })).status).toBe(200);

    // March closes: the reseller's invoice is due on the provider's payment terms (15 days).
    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    // BIL-1: the closed months, and the one accruing.
    const periods = await parties.reseller.client.get('/v1/billing-periods');
    expect(periods.status, periods.text).toBe(200);
    expect(periods.body).toMatchObject({ openPeriod: '2027-04', items: [{ period: '2027-03', periodStart: '2027-03-01T00:00:00.000Z', documents: 3 }] });
    const invoices = await parties.reseller.client.get('/v1/invoices');
    const invoice = invoices.body.items[0]!;
    expect(invoice).toMatchObject({ tier: 'reseller', status: 'open', amountPaid: '0.00', amountCredited: '0.00', balance: invoice.total });
    expect(new Date(invoice.dueAt).getTime() - new Date(invoice.issuedAt).getTime()).toBe(15 * 86_400_000);
    expect(invoice.recipient.billingProfile).toMatchObject({ legalName: 'Revendeur SAS', taxId: 'FR 12 345678901', address: { city: 'Paris' } });
    expect(invoice.issuer.billingProfile).toMatchObject({ legalName: 'Fournisseur SA', taxId: 'FR98765432109' });
    // The operator set none: its invoice to the provider shows no profile for it, the provider's for the provider.
    const fromOperator = (await provider.get('/v1/invoices')).body.items[0]!;
    expect([fromOperator.issuer.billingProfile, fromOperator.recipient.billingProfile?.taxId]).toEqual([null, 'FR98765432109']);
    // The PDF shows both tax IDs.
    const pdf = await fetch(`${t.url}/v1/invoices/${invoice.id}/pdf`, { headers: { cookie: parties.reseller.client.cookie ?? '' } });
    expect(pdf.status).toBe(200);
    const runs = pdfTextRuns(Buffer.from(await pdf.arrayBuffer())).join('\n');
    expect(runs).toContain('FR 12 345678901');
    expect(runs).toContain('FR98765432109');
    // A later change shows on later documents only.
    expect((await parties.reseller.client.put('/v1/billing-profile', { ...profile, taxId: null })).body.taxId).toBeNull();
    expect((await parties.reseller.client.get(`/v1/invoices/${invoice.id}`)).body.recipient.billingProfile?.taxId).toBe('FR 12 345678901');
    const total = Math.round(Number(invoice.total) * 100);
    const pay = `/v1/invoices/${invoice.id}/payments` as const;

    // Payments: the issuer records them (partial ones add up), never above the balance; the recipient reads them only.
    expect((await parties.reseller.client.post(pay, { amount: '1.00', paidOn: '2027-04-02', reference: 'R-1' })).status).toBe(403);
    expect((await stranger.client.get(pay)).status).toBe(404);
    const tooPrecise = await provider.post(pay, { amount: '1.001', paidOn: '2027-04-02', reference: 'R-1' });
    expect([tooPrecise.status, tooPrecise.body.errors?.[0]?.path]).toEqual([400, '/amount']);
    const tooMuch = await provider.post(pay, { amount: eur(total + 1), paidOn: '2027-04-02', reference: 'R-1' });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'payment_exceeds_balance']);
    const partial = await billingAdmin.client.post(pay, { amount: '10.00', paidOn: '2027-04-02', reference: 'WIRE-0402' });
    expect(partial.status, partial.text).toBe(201);
    expect(partial.body).toMatchObject({ amount: '10.00', currency: 'EUR', paidOn: '2027-04-02', reference: 'WIRE-0402' });
    expect((await parties.reseller.client.get(pay)).body.items.map((p) => p.reference)).toEqual(['WIRE-0402']);
    expect((await parties.reseller.client.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({ amountPaid: '10.00', balance: eur(total - 1000), status: 'open' });

    // BIL-4: past its due date and the grace, the unpaid invoice blocks the reseller's orders, and ages.
    clock = new Date('2027-04-22T10:00:00.000Z');
    const blocked = await buy(1);
    expect(blocked.status, blocked.text).toBe(422);
    expect(blocked.body).toMatchObject({ code: 'invoice_overdue', invoiceId: invoice.id });
    expect((await parties.reseller.client.get(`/v1/invoices/${invoice.id}`)).body.status).toBe('overdue');
    expect((await provider.get(terms)).body.overdueCount).toBe(1);
    const aging = await provider.get('/v1/aging');
    expect(aging.status, aging.text).toBe(200);
    expect(aging.body.items).toEqual([
      { tenantId: reseller, name: invoice.recipient.name, currency: 'EUR', current: '0.00', days1to30: eur(total - 1000), days31to60: '0.00', days61to90: '0.00', over90: '0.00', total: eur(total - 1000), openDocuments: 1 },
    ]);
    expect((await parties.reseller.client.get('/v1/aging?direction=received')).body.items.map((r) => [r.tenantId, r.days1to30])).toEqual([[parties.provider.tenantId, eur(total - 1000)]]);
    // Paid in full, the reseller orders again.
    expect((await provider.post(pay, { amount: eur(total - 1000), paidOn: '2027-04-22', reference: 'WIRE-0422' })).status).toBe(201);
    expect((await parties.reseller.client.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({ balance: '0.00', status: 'paid' });
    const april = await buy(1);
    expect(april.status, april.text).toBe(201);
    // April's renewals accrue too.
    await t.app.services.commerce.runTermSweep();
    expect((await provider.get('/v1/aging')).body.items).toEqual([]);

    // BIL-2: credit notes, numbered after the issuer's last number, never beyond a line's amount.
    const notes = `/v1/invoices/${invoice.id}/credit-notes` as const;
    const lines = (await provider.get(`/v1/invoices/${invoice.id}/lines`)).body.items;
    const firstLine = Math.round(Number(lines[0]!.subtotal) * 100);
    const beyond = await provider.post(notes, { reason: 'Goodwill', lines: [{ lineNumber: 1, amount: eur(firstLine + 1) }] }, { headers: { 'accept-language': 'fr' } });
    expect(beyond.status, beyond.text).toBe(400);
    expect(beyond.body.errors?.[0]).toMatchObject({ path: '/lines/0/amount', code: 'credit_exceeds_line' });
    expect((await provider.post(notes, { reason: 'x', lines: [{ lineNumber: 99 }] })).body.errors?.[0]).toMatchObject({ path: '/lines/0/lineNumber', code: 'line_not_creditable' });
    expect((await parties.reseller.client.post(notes, { reason: 'mine' })).status).toBe(403);
    // A line number beyond what the database holds is bad input, answered 400, never a server error.
    expect((await provider.post(notes, { reason: 'x', lines: [{ lineNumber: 3_000_000_000 }] })).status).toBe(400);
    const partialNote = await provider.post(notes, { reason: 'Goodwill', lines: [{ lineNumber: 1, amount: '5.00' }] });
    expect(partialNote.status, partialNote.text).toBe(201);
    expect(partialNote.body).toMatchObject({ kind: 'creditNote', number: 2, correctsInvoiceId: invoice.id, reason: 'Goodwill', subtotal: '-5.00', tax: '-1.00', total: '-6.00', status: 'issued', lineCount: 1 });
    const noteLines = (await parties.reseller.client.get(`/v1/invoices/${partialNote.body.id}/lines`)).body.items;
    expect(noteLines).toMatchObject([{ lineNumber: 1, correctsLineNumber: 1, subtotal: '-5.00', taxTotal: '-1.00', total: '-6.00', subscriptionId: lines[0]!.subscriptionId }]);
    const rest = await provider.post(notes, { reason: 'Cancelled order' });
    expect(rest.status, rest.text).toBe(201);
    expect(rest.body.number).toBe(3);
    expect(Math.round(Number(rest.body.subtotal) * 100)).toBe(-(Math.round(Number(invoice.subtotal) * 100) - 500));
    expect((await provider.post(notes, { reason: 'Again' })).body.code).toBe('nothing_to_credit');
    expect((await provider.post(`/v1/invoices/${rest.body.id}/payments`, { amount: '1.00', paidOn: '2027-04-22', reference: 'x' })).body.code).toBe('invoice_not_payable');
    const settled = (await parties.reseller.client.get(`/v1/invoices/${invoice.id}`)).body;
    expect(settled.amountCredited).toBe(eur(-Math.round(Number(partialNote.body.total) * 100) - Math.round(Number(rest.body.total) * 100)));
    expect(Number(settled.balance)).toBeLessThan(0);
    expect((await parties.reseller.client.get('/v1/invoices')).body.items.filter((i) => i.kind === 'creditNote').length).toBe(2);
    const numbers = await query<{ n: number[] }>(db, sql`select array_agg(number order by number) as n from invoices where issuer_tenant_id = ${parties.provider.tenantId}::uuid`);
    expect(numbers[0]!.n).toEqual([1, 2, 3]);

    // BIL-3: the open period's charges, accruing, at each tier's amount (March's are invoiced, not listed).
    const check = async (client: Client, direction: 'received' | 'issued', tier: string) => {
      const page = await client.get(`/v1/unbilled-charges?direction=${direction}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      for (const c of page.body.items) {
        expect(c.tier).toBe(tier);
        expect(new Date(c.ratedAt).getTime()).toBeGreaterThanOrEqual(Date.parse('2027-04-01T00:00:00.000Z'));
        expect(c).toMatchObject({ customerId: customer.tenantId, partnerIdOnRecord: parties.reseller.partnerId, currency: 'EUR' });
      }
      return page.body.items;
    };
    const resellerOwes = await check(parties.reseller.client, 'received', 'reseller');
    const [aprilLine] = await query<{ id: string; reseller: string; customer: string; provider: string }>(
      db,
      sql`select id, reseller_amount::text as reseller, customer_amount::text as customer, provider_amount::text as provider from charge_lines where order_id = ${april.body.orders[0].id}::uuid`,
    );
    expect(resellerOwes.find((c) => c.chargeLineId === aprilLine!.id)?.subtotal).toBe(eur(Number(aprilLine!.reseller)));
    expect((await check(provider, 'issued', 'reseller')).map((c) => c.chargeLineId)).toEqual(resellerOwes.map((c) => c.chargeLineId));
    expect((await check(provider, 'received', 'provider')).find((c) => c.chargeLineId === aprilLine!.id)?.subtotal).toBe(eur(Number(aprilLine!.provider)));
    expect((await check(customer.client, 'received', 'customer')).find((c) => c.chargeLineId === aprilLine!.id)?.subtotal).toBe(eur(Number(aprilLine!.customer)));
    const paged = await parties.reseller.client.get('/v1/unbilled-charges?size=1');
    expect(paged.body.items.length).toBe(1);
    const next = await parties.reseller.client.get(paged.body.links.next!.uri as '/v1/unbilled-charges');
    expect(next.body.items[0]?.chargeLineId).toBe(resellerOwes[1]?.chargeLineId);
    expect((await parties.reseller.client.get('/v1/unbilled-charges?cursor=nope')).body.errors?.[0]).toMatchObject({ path: '/query/cursor', code: 'cursor_invalid' });
    expect((await stranger.client.get('/v1/unbilled-charges')).body.items).toEqual([]);
  });

});

// PGlite has one connection: checkouts there never run in parallel, so this runs where they do.
describe.each(targetKinds().filter((k) => k === 'postgres'))('credit under load on %s', (kind) => {
  it('BIL-4 under load the limit holds exactly: parallel checkouts cannot overshoot it', async () => {
    const t = await target(kind, { instance: 'credit-load', isolated: true });
    const db = t.app.platform.db;
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const agent = parties.providerAgent.client;
    const lineOf = () => line(product.e3, parties.reseller.partnerId, { quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' });
    expect((await order(agent, customer.tenantId, [lineOf()])).status).toBe(201);
    const [{ amount }] = (await query<{ amount: string }>(db, sql`select reseller_amount::text as amount from charge_lines`)) as [{ amount: string }];
    const a = Number(amount);
    // Room for exactly two more orders of the same amount.
    const limit = a + 2 * a + Math.floor(a / 2);
    expect((await parties.provider.client.put(`/v1/credit-terms/${parties.reseller.tenantId}`, { currency: 'EUR', creditLimit: eur(limit) })).status).toBe(200);
    const carts = await Promise.all(Array.from({ length: 8 }, () => agent.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [lineOf()] })));
    const results = await Promise.all(carts.map((cart) => agent.post(`/v1/customers/${customer.tenantId}/carts/${cart.body.id}/checkout`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 422, 422, 422, 422, 422, 422]);
    for (const r of results.filter((x) => x.status === 422)) expect(r.body.code).toBe('credit_limit_exceeded');
    const [{ sum }] = (await query<{ sum: string }>(db, sql`select sum(reseller_amount)::text as sum from charge_lines`)) as [{ sum: string }];
    expect(Number(sum)).toBe(3 * a);
    expect(Number(sum)).toBeLessThanOrEqual(limit);
  });
});
