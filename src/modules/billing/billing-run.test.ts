// The month-end billing run on a real database of its own (BIL-1, BIL-2, BIL-3): a period's charge
// lines become one document per tier, issuer, recipient and currency, numbered per issuer without gaps,
// taxed per line at the recipient's market rate, each line reconciling to its subscription and order;
// a closed period never changes and rerunning it does nothing. Time is the app instance's clock.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { addUser } from '../../../test/helpers/client.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../test/helpers/commerce.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

interface Doc {
  id: string;
  kind: string;
  tier: string;
  issuer_tenant_id: string;
  recipient_tenant_id: string;
  number: number;
  currency: string;
  line_count: number;
  subtotal: string;
  tax: string;
  total: string;
  tax_rate_bp: number;
  due_at: Date;
  issued_at: Date;
}

describe.each(targetKinds())('the month-end billing run on %s', (kind) => {
  it('BIL-1 BIL-2 BIL-3 documents at every tier, numbered without gaps, lines that reconcile, a closed period unchanged', async () => {
    let clock = new Date('2027-03-10T10:00:00.000Z');
    const t = await target(kind, { instance: 'billing', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    // The operator keeps the market's tax rate; a bad rate is refused naming the field, and changes nothing.
    const operator = await signInOperator(t);
    const badRate = await operator.put('/v1/operator/tax-rates/FR', { rate: '20.555' }, { headers: { 'accept-language': 'fr' } });
    expect(badRate.status).toBe(400);
    expect(badRate.headers.get('content-type')).toContain('application/problem+json');
    expect(badRate.body.errors?.[0]?.path).toBe('/rate');
    expect((await operator.put('/v1/operator/tax-rates/QQ', { rate: '5' })).status).toBe(404);
    expect((await operator.get('/v1/operator/tax-rates')).body.items.filter((r) => r.country === 'FR')).toEqual([]);
    const setRate = await operator.put('/v1/operator/tax-rates/FR', { rate: '20' });
    expect(setRate.status, setRate.text).toBe(200);
    expect(setRate.body).toMatchObject({ country: 'FR', rate: '20' });
    expect((await parties.reseller.client.put('/v1/operator/tax-rates/FR', { rate: '0' })).status).toBe(403);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(placed.status, placed.text).toBe(201);
    const orderId = placed.body.orders[0].id as string;

    // An open period is not closed.
    expect((await t.app.services.billing.closeDuePeriods()).filter((r) => r.closed)).toEqual([]);
    const march = { start: new Date('2027-03-01T00:00:00.000Z'), end: new Date('2027-04-01T00:00:00.000Z') };

    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    const docs = await query<Doc>(db, sql`select * from invoices where period_start = ${march.start}::timestamptz order by tier`);
    const operatorId = (await query<{ id: string }>(db, sql`select tenant_id as id from tenant_memberships where program = 'operator'`))[0]!.id;
    // BIL-1: the operator invoices the provider, the provider the reseller, the reseller its customer (a statement).
    expect(docs.map((d) => [d.tier, d.kind, d.issuer_tenant_id, d.recipient_tenant_id])).toEqual([
      ['customer', 'statement', parties.reseller.tenantId, customer.tenantId],
      ['provider', 'invoice', operatorId, parties.provider.tenantId],
      ['reseller', 'invoice', parties.provider.tenantId, parties.reseller.tenantId],
    ]);
    const charged = await query<{ provider: string; reseller: string; customer: string; n: number }>(
      db,
      sql`select sum(provider_amount)::text as provider, sum(reseller_amount)::text as reseller, sum(customer_amount)::text as customer, count(*)::int as n
          from charge_lines where created_at >= ${march.start}::timestamptz and created_at < ${march.end}::timestamptz`,
    );
    for (const d of docs) {
      // Each tier at its own amount; tax per line at the recipient's rate (FR 20 %), half to even; due in 30 days.
      expect(String(d.subtotal)).toBe(charged[0]![d.tier as 'provider' | 'reseller' | 'customer']);
      expect(d).toMatchObject({ currency: 'EUR', tax_rate_bp: 2000, line_count: charged[0]!.n });
      const lines = await query<{ amount: string; tax: string; total: string; unit_price: string; quantity: number; charged_days: number; period_days: number; line_number: number }>(
        db,
        sql`select amount::text, tax::text, total::text, unit_price::text, quantity, charged_days, period_days, line_number from invoice_lines where invoice_id = ${d.id} order by line_number`,
      );
      expect(lines.map((l) => l.line_number)).toEqual(lines.map((_, i) => i + 1));
      expect(lines.reduce((sum, l) => sum + BigInt(l.tax), 0n).toString()).toBe(String(d.tax));
      for (const l of lines) {
        expect(BigInt(l.tax)).toBe((BigInt(l.amount) * 2000n + 5000n) / 10000n - ((BigInt(l.amount) * 2000n) % 10000n === 5000n && ((BigInt(l.amount) * 2000n) / 10000n) % 2n === 0n ? 1n : 0n));
        expect(BigInt(l.total)).toBe(BigInt(l.amount) + BigInt(l.tax));
        if (l.charged_days === l.period_days) expect(BigInt(l.unit_price) * BigInt(l.quantity)).toBe(BigInt(l.amount));
      }
      expect(BigInt(d.total)).toBe(BigInt(d.subtotal) + BigInt(d.tax));
      expect(new Date(d.due_at).getTime() - new Date(d.issued_at).getTime()).toBe(30 * 86_400_000);
    }
    // BIL-3: every line names its customer, subscription, order, product, SKU, term, charge and PartnerID of record.
    const reseller = docs.find((d) => d.tier === 'reseller')!;
    const lines = await query<Record<string, unknown>>(db, sql`select * from invoice_lines where invoice_id = ${reseller.id} order by line_number`);
    const subscriptions = placed.body.orders[0].lineItems.map((l: { subscriptionId: string }) => l.subscriptionId);
    expect(lines.map((l) => l.subscription_id).sort()).toEqual([...subscriptions].sort());
    for (const l of lines) {
      expect(l).toMatchObject({ customer_tenant_id: customer.tenantId, order_id: orderId, charge_type: 'purchase', partner_id_on_record: parties.reseller.partnerId, currency: 'EUR', billing_cycle: 'monthly' });
      expect(typeof l.customer_name === 'string' && l.customer_name.length > 0).toBe(true);
      expect(typeof l.product_name === 'string' && l.product_name.length > 0).toBe(true);
      expect(['P1Y', 'P1M']).toContain(l.term_duration);
    }

    // Through the API: each tenant its own documents, received or issued, and their lines a page at a time.
    const received = await parties.reseller.client.get('/v1/invoices');
    expect(received.status, received.text).toBe(200);
    expect(received.body.items.map((i) => [i.tier, i.issuer.tenantId, i.number])).toEqual([['reseller', parties.provider.tenantId, 1]]);
    expect(received.body.items[0]).toMatchObject({ kind: 'invoice', currency: 'EUR', taxRate: '20', lineCount: 2, recipient: { tenantId: parties.reseller.tenantId, country: 'FR' } });
    expect(received.body.items[0]!.total).toMatch(/^\d+\.\d{2}$/);
    const issued = await parties.reseller.client.get('/v1/invoices?direction=issued');
    expect(issued.body.items.map((i) => [i.kind, i.recipient.tenantId])).toEqual([['statement', customer.tenantId]]);
    expect((await parties.provider.client.get('/v1/invoices')).body.items.map((i) => i.issuer.tenantId)).toEqual([operatorId]);
    expect((await customer.client.get('/v1/invoices')).body.items.map((i) => i.tier)).toEqual(['customer']);
    const firstPage = await parties.reseller.client.get(`/v1/invoices/${reseller.id}/lines?size=1`);
    expect(firstPage.status, firstPage.text).toBe(200);
    expect(firstPage.body).toMatchObject({ totalCount: 2, items: [{ lineNumber: 1, orderId, customerId: customer.tenantId, partnerIdOnRecord: parties.reseller.partnerId, currency: 'EUR' }] });
    const secondPage = await parties.reseller.client.get(firstPage.body.links.next!.uri as '/v1/invoices/{id}/lines');
    expect(secondPage.body.items.map((l) => l.lineNumber)).toEqual([2]);
    expect(secondPage.body.links.next).toBeUndefined();
    // Nobody else sees a document: not the customer (the reseller's invoice from its provider), not a stranger tenant's admin.
    expect((await customer.client.get(`/v1/invoices/${reseller.id}`)).status).toBe(404);
    expect((await customer.client.get(`/v1/invoices/${reseller.id}/lines`)).status).toBe(404);
    // A role without billing access is refused; a bad cursor is a problem naming the field.
    const sales = await addUser(t, parties.reseller.client, ['salesAgent']);
    const refused = await sales.client.get('/v1/invoices');
    expect(refused.status).toBe(403);
    const billingAdmin = await addUser(t, parties.reseller.client, ['billingAdmin']);
    expect((await billingAdmin.client.get(`/v1/invoices/${reseller.id}`)).body.number).toBe(1);
    const badCursor = await parties.reseller.client.get(`/v1/invoices/${reseller.id}/lines?cursor=nope`, { headers: { 'accept-language': 'fr' } });
    expect(badCursor.status).toBe(400);
    expect(badCursor.headers.get('content-type')).toContain('application/problem+json');
    expect(badCursor.body.errors?.[0]).toMatchObject({ path: '/query/cursor', code: 'cursor_invalid' });

    // Rerunning a closed period changes nothing.
    const before = await query<{ n: number; l: number }>(db, sql`select (select count(*)::int from invoices) as n, (select count(*)::int from invoice_lines) as l`);
    expect((await t.app.services.billing.closeBillingPeriod(march)).closed).toBe(false);
    expect(await t.app.services.billing.closeDuePeriods()).toEqual([]);
    expect(await query(db, sql`select (select count(*)::int from invoices) as n, (select count(*)::int from invoice_lines) as l`)).toEqual(before);

    // BIL-2: an issued document never changes.
    await expect(db.execute(sql`update invoices set total = total + 1 where id = ${reseller.id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from invoice_lines where invoice_id = ${reseller.id}`)).rejects.toThrow();

    // April: the yearly subscription's second period and the monthly one's renewal; numbers follow on per issuer without gaps.
    clock = new Date('2027-04-20T10:00:00.000Z');
    await t.app.services.commerce.runTermSweep();
    clock = new Date('2027-05-01T01:00:00.000Z');
    const april = await t.app.services.billing.closeDuePeriods();
    expect(april.map((r) => [r.periodStart.toISOString(), r.closed])).toEqual([['2027-04-01T00:00:00.000Z', true]]);
    const numbers = await query<{ issuer: string; numbers: number[] }>(db, sql`select issuer_tenant_id as issuer, array_agg(number order by number) as numbers from invoices group by 1`);
    expect(numbers.length).toBe(3);
    for (const n of numbers) expect(n.numbers).toEqual(n.numbers.map((_, i) => i + 1));
    expect(Math.max(...numbers.map((n) => n.numbers.length))).toBe(2);
    const sequences = await query<{ issuer: string; last: number }>(db, sql`select issuer_tenant_id as issuer, last_number as last from invoice_sequences`);
    expect(new Map(sequences.map((s) => [s.issuer, s.last]))).toEqual(new Map(numbers.map((n) => [n.issuer, n.numbers.length])));
  });
});
