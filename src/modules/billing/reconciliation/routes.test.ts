// Reconciliation exports through HTTP on each database (BIL-1, BIL-3): a closed period's lines, received
// or issued, exported by the durable job as CSV or JSON Lines, every line once with its amounts and
// IDs; 202 and a Location to poll; a download link that expires and names one export; every other
// tenant "not found"; roles without billing access refused; bad input and an open period refused
// changing nothing; a killed job's leftovers never under the final name, and a rerun writing the same
// file. Time is the app instance's clock; the job queue is driven by hand (drain).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { addUser, malformed, signUp, type Client } from '../../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../../test/helpers/commerce.js';
import { signInOperator } from '../../../../test/helpers/operator.js';
import { target, targetKinds, type Target } from '../../../../test/helpers/server.js';
import type { ReconciliationRow } from './contract.js';
import { exportMaxAttempts, exportQueue, reconciliationColumns } from './rules.js';

type Line = { lineNumber: number; customerId: string; orderId: string; subscriptionId: string; productId: string; skuId: string; chargeType: string; quantity: number; unitPrice: string; subtotal: string; taxTotal: string; total: string; currency: string; partnerIdOnRecord: string | null; chargeStartDate: string; chargeEndDate: string; chargeLineId: string };

async function counts(t: Target) {
  const [row] = await query<{ exports: number; jobs: number }>(
    t.app.platform.db,
    sql`select (select count(*)::int from reconciliation_exports) as exports, (select count(*)::int from jobs where queue = ${exportQueue}) as jobs`,
  );
  return row!;
}

/** A file as the browser downloads it (the test client would read JSON Lines as one JSON document). */
async function download(t: Target, client: Client, url: string) {
  const response = await fetch(`${t.url}${url}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every line of the documents the client's tenant received or issued (all its documents are of one period here). */
async function documentLines(client: Client, direction: 'received' | 'issued') {
  const invoices = await client.get(`/v1/invoices?direction=${direction}&size=500`);
  expect(invoices.status, invoices.text).toBe(200);
  const all: { invoice: (typeof invoices.body.items)[number]; line: Line }[] = [];
  for (const invoice of invoices.body.items) {
    const lines = await client.get(`/v1/invoices/${invoice.id}/lines?size=500`);
    for (const l of lines.body.items) all.push({ invoice, line: l });
  }
  return all;
}

/** The row reconciles to its line and document: the IDs, the amounts at the document's tier, the PartnerID of record. */
function expectRowsMatch(rows: Record<string, unknown>[], lines: Awaited<ReturnType<typeof documentLines>>, asText: boolean) {
  const key = (invoiceId: unknown, lineNumber: unknown) => `${String(invoiceId)}#${String(lineNumber)}`;
  expect(rows.length).toBe(lines.length);
  expect(new Set(rows.map((r) => key(r.invoiceId, r.lineNumber))).size).toBe(rows.length);
  const num = (n: number) => (asText ? String(n) : n);
  for (const { invoice, line: l } of lines) {
    const row = rows.find((r) => key(r.invoiceId, r.lineNumber) === key(invoice.id, l.lineNumber));
    expect(row, key(invoice.id, l.lineNumber)).toBeDefined();
    expect(row).toMatchObject({
      partnerId: invoice.recipient.tenantId,
      partnerName: invoice.recipient.name,
      issuerId: invoice.issuer.tenantId,
      issuerName: invoice.issuer.name,
      invoiceNumber: num(invoice.number),
      invoiceDate: invoice.issuedAt,
      tier: invoice.tier,
      documentType: invoice.kind,
      customerId: l.customerId,
      orderId: l.orderId,
      subscriptionId: l.subscriptionId,
      productId: l.productId,
      skuId: l.skuId,
      chargeId: l.chargeLineId,
      chargeType: l.chargeType,
      chargeStartDate: l.chargeStartDate,
      chargeEndDate: l.chargeEndDate,
      quantity: num(l.quantity),
      unitPrice: l.unitPrice,
      subtotal: l.subtotal,
      taxTotal: l.taxTotal,
      totalForCustomer: l.total,
      currency: l.currency,
      resellerMpnId: l.partnerIdOnRecord,
      mpnId: l.partnerIdOnRecord,
    });
    expect(String(row!.subtotal)).toMatch(/^-?\d+\.\d{2}$/);
    expect(new Date(String(row!.orderDate)).toISOString()).toBe(row!.orderDate);
  }
  // In (document ID, line number) order.
  const order = rows.map((r) => key(r.invoiceId, String(r.lineNumber).padStart(8, '0')));
  expect(order).toEqual([...order].sort());
}

describe.each(targetKinds())('reconciliation exports on %s', (kind) => {
  it('BIL-3 a closed period exported by the job as CSV and JSON Lines, every line once; links, tenants, roles and bad input', async () => {
    let clock = new Date('2027-03-10T10:00:00.000Z');
    const t = await target(kind, { instance: 'reconciliation', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const operator = await signInOperator(t);
    expect((await operator.put('/v1/operator/tax-rates/FR', { rate: '20' })).status).toBe(200);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(placed.status, placed.text).toBe(201);
    const reseller = parties.reseller.client;
    const base = '/v1/reconciliation-exports';

    // An open period is refused, naming the field, and nothing is queued.
    const before = await counts(t);
    const open = await reseller.post(base, { period: '2027-03', format: 'csv' }, { headers: { 'accept-language': 'fr' } });
    expect(open.status, open.text).toBe(422);
    expect(open.headers.get('content-type')).toContain('application/problem+json');
    expect(open.body).toMatchObject({ code: 'billing_period_open', errors: [{ path: '/period', code: 'billing_period_open' }] });
    expect(open.body.detail).toContain('2027-03');
    // Bad input: 400 problem+json naming the field, nothing created.
    for (const [body, field] of [
      [{ period: 'nope', format: 'csv' }, '/period'],
      [{ period: '2027-13', format: 'csv' }, '/period'],
      [{ period: '2027-03', format: 'xml' }, '/format'],
      [{ period: '2027-03', format: 'csv', direction: 'sideways' }, '/direction'],
      [{ format: 'csv' }, '/period'],
      [{ period: '2027-03', format: 'csv', extra: 1 }, '/extra'],
    ] as const) {
      const bad = await reseller.post(base, malformed(body));
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.body.code).toBe('validation_failed');
      expect(bad.body.errors!.map((e) => e.path), JSON.stringify(body)).toContain(field);
    }
    expect(await counts(t)).toEqual(before);

    // April: March is closed by the month-end run.
    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();

    // The reseller's received lines (its provider's invoice), as CSV; 202 and where to poll.
    const requested = await reseller.post(base, { period: '2027-03', format: 'csv' });
    expect(requested.status, requested.text).toBe(202);
    const location = requested.headers.get('location');
    expect(location).toBe(`${base}/${requested.body.id}`);
    expect(requested.body).toMatchObject({ period: '2027-03', format: 'csv', direction: 'received', status: 'queued', createdAt: clock.toISOString(), completedAt: null, rowCount: null });
    expect(requested.body.downloadUrl).toBeUndefined();
    // A minute later, its issued lines (the statement to its customer), as JSON Lines.
    clock = new Date('2027-04-01T00:31:00.000Z');
    const issuedRequest = await reseller.post(base, { period: '2027-03', format: 'jsonl', direction: 'issued' });
    expect(issuedRequest.status, issuedRequest.text).toBe(202);
    const queued = await reseller.get<'/v1/reconciliation-exports/{id}'>(location!);
    expect(queued.body).toMatchObject({ status: 'queued' });
    expect(queued.body.downloadUrl).toBeUndefined();

    await t.app.platform.jobs.drain();

    const polled = await reseller.get(`${base}/${requested.body.id}`);
    expect(polled.status, polled.text).toBe(200);
    const received = await documentLines(reseller, 'received');
    expect(received.length).toBe(2);
    expect(polled.body).toMatchObject({ status: 'succeeded', rowCount: received.length, completedAt: clock.toISOString() });
    expect(polled.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(polled.body.downloadExpiresAt!).getTime() - clock.getTime()).toBe(3_600_000);
    const downloadUrl = polled.body.downloadUrl!;
    expect(downloadUrl.startsWith(`${base}/${requested.body.id}/file?token=`)).toBe(true);

    const csvFile = await reseller.request<string>('GET', downloadUrl);
    expect(csvFile.status, csvFile.text).toBe(200);
    expect(csvFile.headers.get('content-type')).toContain('text/csv');
    expect(csvFile.headers.get('content-disposition')).toBe('attachment; filename="reconciliation-2027-03-received.csv"');
    expect(Number(csvFile.headers.get('content-length'))).toBe(polled.body.byteSize);
    expect(csvFile.text.split('\n')[0]).toBe(reconciliationColumns.join(','));
    const csvRows = parse(csvFile.text, { columns: true }) as Record<string, string>[];
    expectRowsMatch(csvRows, received, true);
    const operatorName = (await operator.get('/v1/me')).body.tenant.name as string;
    for (const row of csvRows) {
      expect(row).toMatchObject({ customerId: customer.tenantId, resellerMpnId: parties.reseller.partnerId, currency: 'EUR', tier: 'reseller', billingFrequency: 'monthly', skuName: 'E3', productName: product.name, publisherName: operatorName, customerCountry: 'FR', unitType: 'license' });
      expect(row.customerDomainName!.length).toBeGreaterThan(0);
      expect(['P1Y/monthly', 'P1M/monthly']).toContain(row.termAndBillingCycle);
    }

    const issued = await reseller.get(`${base}/${issuedRequest.body.id}`);
    expect(issued.body).toMatchObject({ status: 'succeeded', format: 'jsonl', direction: 'issued', rowCount: 2 });
    const jsonFile = await download(t, reseller, issued.body.downloadUrl!);
    expect(jsonFile.status, jsonFile.text).toBe(200);
    expect(jsonFile.headers.get('content-type')).toContain('application/x-ndjson');
    expect(jsonFile.headers.get('content-disposition')).toBe('attachment; filename="reconciliation-2027-03-issued.jsonl"');
    const jsonRows = jsonFile.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ReconciliationRow);
    expect(jsonFile.text.endsWith('\n')).toBe(true);
    for (const row of jsonRows) expect(Object.keys(row)).toEqual(reconciliationColumns);
    expectRowsMatch(jsonRows as unknown as Record<string, unknown>[], await documentLines(reseller, 'issued'), false);
    for (const row of jsonRows) expect(row).toMatchObject({ tier: 'customer', documentType: 'statement', partnerId: customer.tenantId, issuerId: parties.reseller.tenantId, customerCountry: 'FR' });

    // The list: the tenant's own exports, newest first, each succeeded one with its link.
    const listed = await reseller.get(`${base}?size=1`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.totalCount).toBe(2);
    expect(listed.body.items.map((e) => e.id)).toEqual([issuedRequest.body.id]);
    const next = await reseller.get<typeof base>(listed.body.links.next!.uri);
    expect(next.body.items.map((e) => e.id)).toEqual([requested.body.id]);
    expect(next.body.items[0]!.downloadUrl).toBeDefined();

    // A changed token, or one of another export, is refused.
    const token = new URL(downloadUrl, t.url).searchParams.get('token')!;
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const changed = await reseller.request<{ code: string }>('GET', `${base}/${requested.body.id}/file?token=${tampered}`);
    expect(changed.status).toBe(403);
    expect(changed.headers.get('content-type')).toContain('application/problem+json');
    expect(changed.body.code).toBe('export_link_invalid');
    const otherToken = new URL(issued.body.downloadUrl!, t.url).searchParams.get('token')!;
    expect((await reseller.request<{ code: string }>('GET', `${base}/${requested.body.id}/file?token=${otherToken}`)).body.code).toBe('export_link_invalid');
    expect((await reseller.request<{ code: string }>('GET', `${base}/${requested.body.id}/file?token=not-a-token`)).status).toBe(403);
    const noToken = await reseller.request<{ errors: { path: string }[] }>('GET', `${base}/${requested.body.id}/file`);
    expect(noToken.status).toBe(400);
    expect(noToken.body.errors.map((e) => e.path)).toContain('/query/token');

    // Another tenant: the export and its file are "not found", even with the link.
    const provider = parties.provider.client;
    expect((await provider.get(`${base}/${requested.body.id}`)).status).toBe(404);
    const stranger = await provider.request<{ code: string }>('GET', downloadUrl);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('not_found');
    expect((await provider.get(base)).body.items.map((e) => e.id)).not.toContain(requested.body.id);
    expect((await customer.client.get(`${base}/${requested.body.id}`)).status).toBe(404);

    // A role without billing access is refused everywhere; the billing admin gets through.
    const sales = await addUser(t, reseller, ['salesAgent']);
    for (const response of [
      await sales.client.post(base, { period: '2027-03', format: 'csv' }),
      await sales.client.get(base),
      await sales.client.get(`${base}/${requested.body.id}`),
      await sales.client.request<{ code: string }>('GET', downloadUrl),
    ]) {
      expect(response.status).toBe(403);
      expect((response.body as { code: string }).code).toBe('forbidden');
    }
    const billingAdmin = await addUser(t, reseller, ['billingAdmin']);
    expect((await billingAdmin.client.request('GET', downloadUrl)).status).toBe(200);

    // The link expires: an hour later it is refused (410); reading the export again gives a new one.
    clock = new Date(clock.getTime() + 3_600_000);
    const expired = await reseller.request<{ code: string }>('GET', downloadUrl);
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toContain('application/problem+json');
    expect(expired.body.code).toBe('export_link_expired');
    const renewed = await reseller.get(`${base}/${requested.body.id}`);
    const again = await reseller.request<string>('GET', renewed.body.downloadUrl!);
    expect(again.status).toBe(200);
    expect(again.text).toBe(csvFile.text);

    // A killed run leaves its temporary file only; the rerun of the job removes it and writes the same file.
    const exportsDir = path.join(t.dataDir, 'exports');
    const finalName = `${requested.body.id}.csv`;
    const original = readFileSync(path.join(exportsDir, finalName));
    rmSync(path.join(exportsDir, finalName));
    writeFileSync(path.join(exportsDir, `${finalName}.99999-1.partial`), 'partnerId,partner');
    await db.execute(sql`update reconciliation_exports set status = 'running', row_count = null, byte_size = null, sha256 = null, completed_at = null where id = ${requested.body.id}`);
    await db.transaction((tx) => t.app.platform.jobs.enqueue(tx, exportQueue, { exportId: requested.body.id }));
    await t.app.platform.jobs.drain();
    expect(readdirSync(exportsDir).filter((name) => name.startsWith(requested.body.id))).toEqual([finalName]);
    expect(readFileSync(path.join(exportsDir, finalName)).equals(original)).toBe(true);
    const rerun = await reseller.get(`${base}/${requested.body.id}`);
    expect(rerun.body).toMatchObject({ status: 'succeeded', sha256: polled.body.sha256, rowCount: 2, byteSize: polled.body.byteSize });
    // A job for an export that has succeeded changes nothing.
    await db.transaction((tx) => t.app.platform.jobs.enqueue(tx, exportQueue, { exportId: requested.body.id }));
    await t.app.platform.jobs.drain();
    expect((await reseller.get(`${base}/${requested.body.id}`)).body.completedAt).toBe(rerun.body.completedAt);

    // The audit log names the request.
    const audit = await reseller.get('/v1/audit-records?action=reconciliationExport.requested');
    expect(audit.body.items.map((r) => r.resourceId).sort()).toEqual([requested.body.id, issuedRequest.body.id].sort());
  });

  it('BIL-3 a document larger than a batch: every line once, in order, in batches', async () => {
    const clock = new Date('2027-06-15T12:00:00.000Z');
    const t = await target(kind, { instance: 'reconciliation-large', isolated: true, now: () => clock });
    const db = t.app.platform.db;
    const operator = await signInOperator(t);
    const operatorId = (await operator.get('/v1/me')).body.tenant.id as string;
    const recipient = await signUp(t, { organizationName: 'Large Provider', country: 'FR' });
    // A closed May with one document of 12,345 lines (more than two batches), written as the month-end run writes them.
    const lines = 12_345;
    const may = { start: '2027-05-01T00:00:00.000Z', end: '2027-06-01T00:00:00.000Z' };
    await db.execute(sql`insert into billing_runs (period_start, period_end, documents, lines, closed_at) values (${may.start}::timestamptz, ${may.end}::timestamptz, 1, ${lines}, ${may.end}::timestamptz)`);
    const [invoice] = await query<{ id: string }>(
      db,
      sql`insert into invoices (kind, tier, issuer_tenant_id, recipient_tenant_id, number, period_start, period_end, currency, issuer_name, recipient_name, recipient_country,
            tax_rate_bp, line_count, subtotal, tax, total, issued_at, due_at)
          values ('invoice', 'provider', ${operatorId}, ${recipient.tenantId}, 1, ${may.start}::timestamptz, ${may.end}::timestamptz, 'JPY', 'Operator', 'Large Provider', 'FR',
            0, ${lines}, ${(lines * (lines + 1)) / 2}, 0, ${(lines * (lines + 1)) / 2}, ${may.end}::timestamptz, ${may.end}::timestamptz + interval '30 days')
          returning id`,
    );
    await db.execute(sql`
      insert into invoice_lines (invoice_id, line_number, charge_line_id, customer_tenant_id, customer_name, subscription_id, subscription_name, order_id, offer_id,
        product_name, sku_id, term_duration, billing_cycle, charge_type, charge_start, charge_end, quantity, charged_days, period_days, unit_price, amount, tax, total, currency, partner_id_on_record)
      select ${invoice!.id}, n, gen_random_uuid(), ${recipient.tenantId}, '=Customer ' || n, gen_random_uuid(), 'Seats ' || n, gen_random_uuid(), gen_random_uuid(),
        'Product', 'E3', 'P1M', 'monthly', 'purchase', ${may.start}::timestamptz, ${may.end}::timestamptz, 1, 31, 31, n, n, 0, n, 'JPY', null
      from generate_series(1, ${lines}) as n`);

    const requested = await recipient.client.post('/v1/reconciliation-exports', { period: '2027-05', format: 'csv' });
    expect(requested.status, requested.text).toBe(202);
    await t.app.platform.jobs.drain();
    const done = await recipient.client.get(`/v1/reconciliation-exports/${requested.body.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', rowCount: lines });
    const file = await recipient.client.request<string>('GET', done.body.downloadUrl!);
    const rows = parse(file.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.lineNumber))).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
    expect(rows.every((r, i) => r.subtotal === String(i + 1) && r.invoiceId === invoice!.id && r.issuerId === operatorId && r.partnerId === recipient.tenantId)).toBe(true);
    // What the charge line would have said is empty when there is none; a name a spreadsheet would run is neutralized (MKP-5).
    expect(rows[0]).toMatchObject({ orderDate: '', resellerMpnId: '', customerName: "'=Customer 1", subtotal: '1', effectiveUnitPrice: '1', currency: 'JPY', publisherName: '' });
    // Nobody else sees it; the issuer's own export of issued documents holds it too.
    const issued = await operator.post('/v1/reconciliation-exports', { period: '2027-05', format: 'jsonl', direction: 'issued' });
    expect(issued.status, issued.text).toBe(202);
    await t.app.platform.jobs.drain();
    expect((await operator.get(`/v1/reconciliation-exports/${issued.body.id}`)).body).toMatchObject({ status: 'succeeded', rowCount: lines });
    expect((await operator.get(`/v1/reconciliation-exports/${requested.body.id}`)).status).toBe(404);

    // A file that cannot be written: each attempt fails (retried with backoff), then the export is failed, with no link.
    const doomed = await recipient.client.post('/v1/reconciliation-exports', { period: '2027-05', format: 'jsonl' });
    expect(doomed.status, doomed.text).toBe(202);
    const blocker = path.join(t.dataDir, 'exports', `${doomed.body.id}.jsonl`);
    mkdirSync(blocker, { recursive: true });
    writeFileSync(path.join(blocker, 'in-the-way'), '');
    for (let attempt = 1; attempt <= exportMaxAttempts; attempt++) {
      await t.app.platform.jobs.drain();
      const seen = await recipient.client.get(`/v1/reconciliation-exports/${doomed.body.id}`);
      expect(seen.body.status, `after attempt ${attempt}`).toBe(attempt < exportMaxAttempts ? 'running' : 'failed');
      await db.execute(sql`update jobs set run_at = now() where queue = ${exportQueue} and status = 'queued'`);
    }
    const failed = await recipient.client.get(`/v1/reconciliation-exports/${doomed.body.id}`);
    expect(failed.body).toMatchObject({ status: 'failed', rowCount: null, completedAt: clock.toISOString() });
    expect(failed.body.downloadUrl).toBeUndefined();
    const [job] = await query<{ status: string; attempts: number }>(db, sql`select status, attempts from jobs where queue = ${exportQueue} and payload->>'exportId' = ${doomed.body.id}`);
    expect(job).toEqual({ status: 'failed', attempts: exportMaxAttempts });
    expect(readdirSync(path.join(t.dataDir, 'exports')).filter((name) => name.startsWith(doomed.body.id))).toEqual([`${doomed.body.id}.jsonl`]);
  });
});
