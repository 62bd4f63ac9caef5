// A closed period's documents as their readers get them, through HTTP on each database (BIL-1, BIL-3):
// - GET /v1/invoices/{id}/pdf: exactly whoever may read the document (its issuer and its recipient with
//   billing.read; anyone else "not found", a role without billing access 403), in the asked language or
//   the caller's, a PDF whose header and lines read back; a document of thousands of lines over many
//   pages, read in batches;
// - invoice-ready notices: the one job the month-end run enqueues mails each document's recipient's
//   billing and global admins in their languages (written as .eml files, listed as their portal
//   notifications, linking to the document in the portal), exactly once however often the job runs.
// Time is the app instance's clock; the job queue is driven by hand (drain).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { addUser, Client, signUp } from '../../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../../test/helpers/commerce.js';
import { signInOperator } from '../../../../test/helpers/operator.js';
import { pdfPageCount, pdfTextRuns } from '../../../../test/helpers/pdf.js';
import { target, targetKinds, type Target } from '../../../../test/helpers/server.js';
import { pdfLinesPerBatch } from '../operations/get-invoice-pdf.js';
import { invoiceNoticeQueue } from '../rules.js';

/** A PDF as the browser downloads it. */
async function download(t: Target, client: Client, url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}${url}`, { headers: { ...(client.cookie ? { cookie: client.cookie } : {}), ...headers } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) as { code: string } };
}

interface Mail {
  to: string[];
  subject: string;
  text: string;
  language: string;
}

/** The delivered invoice-ready mails in the instance's mail folder (one .eml file per message). */
async function deliveredNotices(t: Target): Promise<Mail[]> {
  const files = readdirSync(t.mailDir).filter((name) => name.endsWith('.eml'));
  const mails: Mail[] = [];
  for (const name of files) {
    const parsed = await simpleParser(readFileSync(path.join(t.mailDir, name)));
    const list = ([] as AddressObject[]).concat(parsed.to ?? []);
    const mail = { to: list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())), subject: parsed.subject ?? '', text: parsed.text ?? '', language: String(parsed.headers.get('content-language') ?? '') };
    if (mail.text.includes('/invoices/')) mails.push(mail);
  }
  return mails;
}

async function outboxCount(t: Target): Promise<number> {
  const [row] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from mail_outbox where template = 'invoiceReady'`);
  return row!.n;
}

describe.each(targetKinds())('invoice documents on %s', (kind) => {
  it('BIL-1 BIL-3 a document as PDF for its issuer and its recipient only, in the asked or the caller’s language; invoice-ready notices once', async () => {
    let clock = new Date('2027-03-10T10:00:00.000Z');
    const t = await target(kind, { instance: 'invoice-documents', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const operator = await signInOperator(t);
    expect((await operator.put('/v1/operator/tax-rates/FR', { rate: '20' })).status).toBe(200);
    // Who hears about the reseller's invoice: its global admin (French) and its billing admin (Traditional
    // Chinese); not its sales agent. The customer's global admin reads Indonesian; the provider's English.
    expect((await parties.reseller.client.patch('/v1/me', { language: 'fr' })).status).toBe(200);
    const billingAdmin = await addUser(t, parties.reseller.client, ['billingAdmin']);
    expect((await billingAdmin.client.patch('/v1/me', { language: 'zh-Hant' })).status).toBe(200);
    const sales = await addUser(t, parties.reseller.client, ['salesAgent']);
    expect((await customer.client.patch('/v1/me', { language: 'id' })).status).toBe(200);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(placed.status, placed.text).toBe(201);

    // April: the month-end run closes March and enqueues one notice job, in its own transaction.
    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    const jobs = await query<{ payload: Record<string, unknown>; status: string }>(db, sql`select payload, status from jobs where queue = ${invoiceNoticeQueue}`);
    expect(jobs).toEqual([{ payload: { periodStart: '2027-03-01T00:00:00.000Z', issuedAt: clock.toISOString() }, status: 'queued' }]);
    expect(await outboxCount(t)).toBe(0);

    const received = (await parties.reseller.client.get('/v1/invoices')).body.items;
    expect(received.map((i) => [i.kind, i.tier])).toEqual([['invoice', 'reseller']]);
    const invoice = received[0]!;
    const statement = (await parties.reseller.client.get('/v1/invoices?direction=issued')).body.items[0]!;
    const providerInvoice = (await parties.provider.client.get('/v1/invoices')).body.items[0]!;
    const lines = (await parties.reseller.client.get(`/v1/invoices/${invoice.id}/lines`)).body.items;
    const pdfPath = `/v1/invoices/${invoice.id}/pdf`;

    // The recipient, in the language it asks for by Accept-Language (as the portal sends its user's).
    const french = await download(t, parties.reseller.client, pdfPath, { 'accept-language': 'fr' });
    expect(french.status, french.body.toString()).toBe(200);
    expect(french.headers.get('content-type')).toBe('application/pdf');
    expect(french.headers.get('content-disposition')).toBe(`attachment; filename="invoice-${invoice.number}.pdf"`);
    expect(french.headers.get('cache-control')).toBe('private, no-store');
    expect(french.body.subarray(0, 5).toString()).toBe('%PDF-');
    const frenchText = pdfTextRuns(french.body);
    expect(frenchText).toEqual(
      expect.arrayContaining([`Facture ${invoice.number}`, 'Émis par', invoice.issuer.name, 'Émis pour', invoice.recipient.name, 'Pays: France', 'mars 2027', '1 avril 2027', '1 mai 2027', 'TVA (20 %)']),
    );
    // The header's amounts are the invoice view's, exact, with the currency's decimals (written the French way).
    const fr = (amount: string) => amount.replace(/\B(?=(\d{3})+(?!\d))/g, ' ').replace('.', ',');
    expect(frenchText).toEqual(expect.arrayContaining([`${fr(invoice.subtotal)} EUR`, `${fr(invoice.tax)} EUR`, `${fr(invoice.total)} EUR`]));
    // BIL-3: every line with its customer, subscription, product and SKU, charge, period, quantity and amounts.
    for (const l of lines) {
      expect(frenchText).toEqual(
        expect.arrayContaining([
          l.customerName,
          l.subscriptionDescription,
          `${l.productName} (${l.skuId})`,
          'Achat',
          `${l.chargeStartDate.slice(0, 10)} – ${l.chargeEndDate.slice(0, 10)}`,
          fr(l.unitPrice),
          fr(l.subtotal),
          fr(l.taxTotal),
          fr(l.total),
        ]),
      );
    }
    // ?lang= wins over Accept-Language; without either, English.
    const chinese = await download(t, parties.reseller.client, `${pdfPath}?lang=zh-Hans`, { 'accept-language': 'fr' });
    expect(chinese.status).toBe(200);
    expect(pdfTextRuns(chinese.body)).toEqual(expect.arrayContaining([`发票 ${invoice.number}`, '开具方', '2027年3月', '购买']));
    expect(pdfTextRuns((await download(t, parties.reseller.client, pdfPath)).body)).toContain(`Invoice ${invoice.number}`);
    // The issuer reads it too, and its billing admin; the reseller's statement is titled as one.
    expect((await download(t, parties.provider.client, `${pdfPath}?lang=id`)).status).toBe(200);
    expect((await download(t, billingAdmin.client, pdfPath)).status).toBe(200);
    const statementPdf = await download(t, customer.client, `/v1/invoices/${statement.id}/pdf?lang=id`);
    expect(statementPdf.status).toBe(200);
    expect(statementPdf.headers.get('content-disposition')).toBe(`attachment; filename="statement-${statement.number}.pdf"`);
    expect(pdfTextRuns(statementPdf.body)).toContain(`Laporan tagihan ${statement.number}`);
    expect((await download(t, operator, `/v1/invoices/${providerInvoice.id}/pdf`)).status).toBe(200);

    // Exactly who may GET the document: anyone else is told it does not exist, as GET /v1/invoices/{id} tells them.
    for (const stranger of [customer.client, operator, (await signUp(t)).client]) {
      expect((await stranger.get(`/v1/invoices/${invoice.id}`)).status).toBe(404);
      const refused = await download(t, stranger, pdfPath);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.json().code).toBe('not_found');
    }
    const noAccess = await download(t, sales.client, pdfPath);
    expect(noAccess.status).toBe(403);
    expect(noAccess.json().code).toBe('forbidden');
    expect((await download(t, parties.reseller.client, '/v1/invoices/00000000-0000-4000-8000-000000000000/pdf')).status).toBe(404);
    const badLanguage = await parties.reseller.client.request<{ errors: { path: string }[] }>('GET', `${pdfPath}?lang=de`);
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.errors.map((e) => e.path)).toContain('/query/lang');
    expect((await download(t, new Client(t.url), pdfPath)).status).toBe(401);

    // The notice job: each document's recipient's billing and global admins, each in their language.
    await t.app.platform.jobs.drain();
    const [noticed] = await query<{ n: number }>(db, sql`select count(*)::int as n from invoice_notices`);
    expect(noticed!.n).toBe(3);
    const mails = await deliveredNotices(t);
    const to = (email: string) => mails.filter((m) => m.to.includes(email.toLowerCase()));
    expect(to(parties.reseller.email)).toHaveLength(1);
    expect(to(parties.reseller.email)[0]).toMatchObject({ language: 'fr', subject: `Document disponible : Facture ${invoice.number} de ${invoice.issuer.name}` });
    expect(to(parties.reseller.email)[0]!.text).toContain(`http://localhost:8080/invoices/${invoice.id}`);
    expect(to(parties.reseller.email)[0]!.text).toContain(`${fr(invoice.total)} EUR`);
    expect(to(billingAdmin.email)).toHaveLength(1);
    expect(to(billingAdmin.email)[0]).toMatchObject({ language: 'zh-Hant', subject: `${invoice.issuer.name} 的發票 ${invoice.number} 已就緒` });
    expect(to(billingAdmin.email)[0]!.text).toContain('期間：2027年3月');
    expect(to(sales.email)).toEqual([]);
    expect(to(customer.email)).toHaveLength(1);
    expect(to(customer.email)[0]).toMatchObject({ language: 'id', subject: `Laporan tagihan ${statement.number} dari ${statement.issuer.name} sudah tersedia` });
    expect(to(customer.email)[0]!.text).toContain(`http://localhost:8080/invoices/${statement.id}`);
    expect(to(parties.provider.email)).toHaveLength(1);
    expect(to(parties.provider.email)[0]).toMatchObject({ language: 'en', subject: `Invoice ${providerInvoice.number} from ${providerInvoice.issuer.name} is ready` });
    // The provider's admin agent holds neither role; the operator only issued.
    expect(to(parties.providerAgent.email)).toEqual([]);
    // The same message is the admin's portal notification, linking to the document.
    const notifications = await billingAdmin.client.get('/v1/me/notifications');
    expect(notifications.status).toBe(200);
    const notice = notifications.body.items.find((n) => n.text.includes(`/invoices/${invoice.id}`));
    expect(notice).toMatchObject({ subject: to(billingAdmin.email)[0]!.subject, to: billingAdmin.email, status: 'sent' });

    // Run again — the job enqueued anew, and the operation called directly: nothing is sent twice.
    const sent = await outboxCount(t);
    expect(sent).toBe(4);
    await db.transaction((tx) => t.app.platform.jobs.enqueue(tx, invoiceNoticeQueue, jobs[0]!.payload));
    await t.app.platform.jobs.drain();
    expect(await t.app.services.billing.sendInvoiceNotices(jobs[0]!.payload)).toBe(0);
    await t.app.platform.jobs.drain();
    expect(await outboxCount(t)).toBe(sent);
    expect(await deliveredNotices(t)).toHaveLength(mails.length);
    // A batch that never committed (its notice row absent, as after a crash inside it) is sent by the rerun, alone.
    await db.execute(sql`delete from invoice_notices where invoice_id = ${statement.id}`);
    expect(await t.app.services.billing.sendInvoiceNotices(jobs[0]!.payload)).toBe(1);
    await t.app.platform.jobs.drain();
    expect(await outboxCount(t)).toBe(sent + 1);
    expect((await deliveredNotices(t)).filter((m) => m.to.includes(customer.email.toLowerCase()))).toHaveLength(2);
    // Two runs at once, with every notice owed again: each document's is sent by one of them only.
    await db.execute(sql`delete from invoice_notices`);
    const together = await Promise.all([t.app.services.billing.sendInvoiceNotices(jobs[0]!.payload), t.app.services.billing.sendInvoiceNotices(jobs[0]!.payload)]);
    expect(together[0] + together[1]).toBe(3);
    expect(await outboxCount(t)).toBe(2 * sent + 1);
    // A payload that names nothing does nothing.
    expect(await t.app.services.billing.sendInvoiceNotices({ periodStart: 'nope' })).toBe(0);
    // A rerun of the closed period enqueues no second job.
    expect((await t.app.services.billing.closeBillingPeriod({ start: new Date('2027-03-01T00:00:00.000Z'), end: new Date('2027-04-01T00:00:00.000Z') })).closed).toBe(false);
    expect((await query<{ n: number }>(db, sql`select count(*)::int as n from jobs where queue = ${invoiceNoticeQueue}`))[0]!.n).toBe(2);
  });

  it('BIL-3 a document of thousands of lines: every line, in order, over many pages, read in batches', async () => {
    const clock = new Date('2027-06-15T12:00:00.000Z');
    const t = await target(kind, { instance: 'invoice-documents-large', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const operator = await signInOperator(t);
    const operatorId = (await operator.get('/v1/me')).body.tenant.id as string;
    const recipient = await signUp(t, { organizationName: 'Large Provider', country: 'FR' });
    // A closed May with one document of more lines than several batches, written as the month-end run writes them.
    const count = 2 * pdfLinesPerBatch + 345;
    const may = { start: '2027-05-01T00:00:00.000Z', end: '2027-06-01T00:00:00.000Z' };
    const total = (1000 * count * (count + 1)) / 2;
    await db.execute(sql`insert into billing_runs (period_start, period_end, documents, lines, closed_at) values (${may.start}::timestamptz, ${may.end}::timestamptz, 1, ${count}, ${may.end}::timestamptz)`);
    const [invoice] = await query<{ id: string }>(
      db,
      sql`insert into invoices (kind, tier, issuer_tenant_id, recipient_tenant_id, number, period_start, period_end, currency, issuer_name, recipient_name, recipient_country,
            tax_rate_bp, line_count, subtotal, tax, total, issued_at, due_at)
          values ('invoice', 'provider', ${operatorId}, ${recipient.tenantId}, 1, ${may.start}::timestamptz, ${may.end}::timestamptz, 'JPY', 'Operator', 'Large Provider', 'FR',
            0, ${count}, ${total}, 0, ${total}, ${may.end}::timestamptz, ${may.end}::timestamptz + interval '30 days')
          returning id`,
    );
    await db.execute(sql`
      insert into invoice_lines (invoice_id, line_number, charge_line_id, customer_tenant_id, customer_name, subscription_id, subscription_name, order_id, offer_id,
        product_name, sku_id, term_duration, billing_cycle, charge_type, charge_start, charge_end, quantity, charged_days, period_days, unit_price, amount, tax, total, currency, partner_id_on_record)
      select ${invoice!.id}, n, gen_random_uuid(), ${recipient.tenantId}, case when n = 1 then '東京商事株式会社' else 'Customer ' || n end, gen_random_uuid(), 'Seats ' || n, gen_random_uuid(), gen_random_uuid(),
        'Product', 'E3', 'P1M', 'monthly', 'cycleFee', ${may.start}::timestamptz, ${may.end}::timestamptz, 1, 31, 31, n * 1000, n * 1000, 0, n * 1000, 'JPY', null
      from generate_series(1, ${count}) as n`);

    const pdf = await download(t, recipient.client, `/v1/invoices/${invoice!.id}/pdf`);
    expect(pdf.status, pdf.body.toString().slice(0, 200)).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPageCount(pdf.body);
    expect(pages).toBeGreaterThan(count / 50);
    const text = pdfTextRuns(pdf.body);
    // Every line once, in order, its amount in whole yen (JPY has no minor unit) grouped in thousands; a
    // name in another script shown in a font that has it.
    expect(text.filter((r) => r.startsWith('Customer ') || r === '東京商事株式会社')).toEqual(Array.from({ length: count }, (_, i) => (i === 0 ? '東京商事株式会社' : `Customer ${i + 1}`)));
    expect(text).toEqual(expect.arrayContaining(['1,000', `${(count * 1000).toLocaleString('en')}`, `${total.toLocaleString('en')} JPY`, 'Billing period fee', 'Country: France']));
    expect(text.filter((r) => r === 'Customer')).toHaveLength(pages);
    // Nobody else reads it.
    expect((await download(t, (await signUp(t)).client, `/v1/invoices/${invoice!.id}/pdf`)).status).toBe(404);
  });
});
