// Credit, payments, credit notes, aging and unbilled charges in a real browser (BIL-2, BIL-3, BIL-4): a
// provider, a reseller and their shared customer on an app instance whose clock the test holds; the
// provider's admin agent orders for the customer in March, the clock moves into April, the month is
// closed and another order accrues in the open period; the operator gives the provider credit terms.
// The provider's billing admin sets a credit limit for its reseller on the Credit page (a limit too
// precise for the currency refused at its field) and sees the reseller's exposure and the credit left,
// and on the Received tab the operator's terms; records a partial payment against its invoice to the
// reseller and sees the balance fall; corrects one line of it with a credit note, which the invoice list
// shows and which names the document it corrects; opens Aging (the invoice's balance, not yet due, and
// the totals) and Unbilled charges (April's order, received and issued). The pages fit a phone's width.
// The operator then gives its provider new terms from the same page; and with no credit left, the
// provider's admin agent checking out for the customer is shown the server's reason. Every figure
// expected is read from the API.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/index.js';
import type { Invoice } from '../../src/modules/billing/contract.js';
import { addUser, testPassword } from '../helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from '../helpers/commerce.js';
import { operatorEmail, signInOperator } from '../helpers/operator.js';
import { ensureWebBuilt, target, type Target } from '../helpers/server.js';
import { browserSuiteSkipped, openPortal, type PortalBrowser } from './browser.js';

const skip = browserSuiteSkipped();
const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const euros = (amount: string) => nbsp(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number));
/** Cents of an amount with two decimals, exactly (test arithmetic on the API's decimal strings). */
const cents = (amount: string) => {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -value : value;
};
const amountOf = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

describe.skipIf(skip)('credit, payments, credit notes, aging and unbilled charges in Chromium', () => {
  let clock = new Date('2027-03-10T10:00:00.000Z');
  let t: Target;
  let browser: PortalBrowser;
  let parties: Parties;
  let billingAdmin: Awaited<ReturnType<typeof addUser>>;
  let invoice: Invoice;
  let aprilOrderId: string;
  let e3: string;
  let customerTenantId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await target('pglite', { instance: 'credit-e2e', isolated: true, now: () => clock });
    await t.app.platform.db.execute(sql`insert into tax_rates (country, rate_bp) values ('FR', 2000) on conflict (country) do update set rate_bp = 2000`);
    const product = await ensureProduct(t, { markets: ['FR'] });
    e3 = product.e3;
    parties = await connectedPartners(t, 'FR');
    const customer = await sharedCustomer(t, parties);
    customerTenantId = customer.tenantId;
    const march = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(march.status, march.text).toBe(201);

    // March closes; April's first order accrues in the open period.
    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    clock = new Date('2027-04-02T09:00:00.000Z');
    const april = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' })]);
    expect(april.status, april.text).toBe(201);
    aprilOrderId = april.body.orders[0].id as string;

    // The operator gives the provider terms: the provider's Received tab shows them.
    const operator = await signInOperator(t);
    const given = await operator.put(`/v1/credit-terms/${parties.provider.tenantId}`, { currency: 'EUR', creditLimit: '500000', paymentTermDays: 45, graceDays: 15 });
    expect(given.status, given.text).toBe(200);

    billingAdmin = await addUser(t, parties.provider.client, ['billingAdmin']);
    const issued = await billingAdmin.client.get('/v1/invoices?direction=issued');
    expect(issued.status, issued.text).toBe(200);
    expect(issued.body.items).toHaveLength(1);
    invoice = issued.body.items[0]! as Invoice;
    expect(invoice).toMatchObject({ kind: 'invoice', tier: 'reseller', status: 'open', recipient: { tenantId: parties.reseller.tenantId }, amountPaid: '0.00' });
    expect(invoice.lineCount).toBeGreaterThan(1);

    browser = await openPortal(t.url, { locale: 'en-US' });
    await browser.signIn(billingAdmin.email, billingAdmin.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** True when the page's main column scrolls sideways (its content is wider than the column). */
  const overflowsSideways = () => browser.page.getByTestId('main-content').evaluate((main) => main.scrollWidth > main.clientWidth + 1);
  const readInvoice = async (id: string) => (await billingAdmin.client.get(`/v1/invoices/${id}`)).body as Invoice;

  const creditTest = 'credit: the billing admin sets a limit for its reseller (a too precise one refused at its field), sees the exposure, and the terms it received';
  it(creditTest, async () => {
    const { page } = browser;
    await browser.runTest(creditTest, async () => {
      await page.getByTestId('nav-billing-credit').click();
      await page.getByTestId('credit-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/billing/credit');
      expect(await page.getByTestId('page-title').textContent()).toBe('Credit');
      expect(await page.getByTestId('credit-tab-issued').getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('credit-issued').getByTestId('credit-terms-empty').isVisible()).toBe(true);

      // The dialog: the buyer among the provider's resellers, the currency of its market.
      await page.getByTestId('credit-terms-set').click();
      const dialog = page.getByTestId('credit-terms-dialog');
      await dialog.waitFor();
      const buyer = dialog.getByTestId('credit-terms-buyer');
      const options = await buyer.locator('option:not([disabled])').evaluateAll((items) => items.map((item) => [(item as HTMLOptionElement).value, item.textContent]));
      expect(options).toEqual([[parties.reseller.tenantId, expect.any(String)]]);
      // Saving without a buyer is stopped at its field.
      await dialog.getByTestId('credit-terms-save').click();
      await expect.poll(() => buyer.getAttribute('aria-invalid')).toBe('true');
      await buyer.selectOption(parties.reseller.tenantId);
      expect(await dialog.getByTestId('credit-terms-currency').inputValue()).toBe('EUR');
      expect(await dialog.getByTestId('credit-terms-payment-days').inputValue()).toBe('30');
      expect(await dialog.getByTestId('credit-terms-grace-days').inputValue()).toBe('10');

      // The server refuses a limit with more decimals than the euro has: shown at the limit's field.
      const limit = dialog.getByTestId('credit-terms-limit');
      await limit.fill('25000.001');
      await dialog.getByTestId('credit-terms-save').click();
      await expect.poll(() => limit.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('EUR has 2 decimals');
      expect(await dialog.getByTestId('credit-terms-error').getAttribute('data-code')).toBe('validation_failed');
      expect((await billingAdmin.client.get(`/v1/credit-terms/${parties.reseller.tenantId}`)).status).toBe(404);

      await limit.fill('25000');
      await dialog.getByTestId('credit-terms-payment-days').fill('15');
      await dialog.getByTestId('credit-terms-grace-days').fill('5');
      await dialog.getByTestId('credit-terms-save').click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId('credit-terms-saved').textContent()).toContain('are saved');

      // The row: the limit set, and the exposure and credit left as the API has them.
      const terms = await billingAdmin.client.get(`/v1/credit-terms/${parties.reseller.tenantId}`);
      expect(terms.status, terms.text).toBe(200);
      expect(terms.body).toMatchObject({ currency: 'EUR', creditLimit: '25000.00', paymentTermDays: 15, graceDays: 5, overdueCount: 0 });
      expect(cents(terms.body.exposure)).toBeGreaterThan(cents(invoice.balance));
      const row = page.getByTestId(`credit-row-${parties.reseller.tenantId}`);
      await row.waitFor();
      expect(await row.getByTestId('credit-party').textContent()).toBe(invoice.recipient.name);
      expect(await row.getByTestId('credit-currency').textContent()).toBe('EUR');
      expect(nbsp(await row.getByTestId('credit-limit').textContent())).toBe(euros('25000.00'));
      expect(nbsp(await row.getByTestId('credit-exposure').textContent())).toBe(euros(terms.body.exposure));
      expect(nbsp(await row.getByTestId('credit-available').textContent())).toBe(euros(terms.body.availableCredit!));
      expect(await row.getByTestId('credit-payment-days').textContent()).toBe('15');
      expect(await row.getByTestId('credit-grace-days').textContent()).toBe('5');
      expect(await row.getByTestId('credit-overdue').textContent()).toBe('0');

      // Editing starts from the terms as they are.
      await row.getByTestId(`credit-edit-${parties.reseller.tenantId}`).click();
      await dialog.waitFor();
      expect(await dialog.getByTestId('credit-terms-buyer-name').textContent()).toBe(invoice.recipient.name);
      expect(await dialog.getByTestId('credit-terms-limit').inputValue()).toBe('25000.00');
      expect(await dialog.getByTestId('credit-terms-payment-days').inputValue()).toBe('15');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });

      // Received: what the operator gives the provider.
      const received = await billingAdmin.client.get('/v1/credit-terms?direction=received');
      expect(received.body.items).toHaveLength(1);
      const fromOperator = received.body.items[0]!;
      await page.getByTestId('credit-tab-received').click();
      expect(new URL(page.url()).searchParams.get('direction')).toBe('received');
      const receivedRow = page.getByTestId('credit-received').getByTestId(`credit-row-${fromOperator.seller.tenantId}`);
      await receivedRow.waitFor();
      expect(await receivedRow.getByTestId('credit-party').textContent()).toBe(fromOperator.seller.name);
      expect(nbsp(await receivedRow.getByTestId('credit-limit').textContent())).toBe(euros('500000.00'));
      expect(nbsp(await receivedRow.getByTestId('credit-exposure').textContent())).toBe(euros(fromOperator.exposure));
      expect(await receivedRow.getByTestId('credit-payment-days').textContent()).toBe('45');
      expect(await page.getByTestId('credit-terms-set').count()).toBe(0);
    });
  }, 120_000);

  const paymentTest = "payment: the billing admin records a partial payment against its invoice to the reseller and sees the balance fall";
  it(paymentTest, async () => {
    const { page } = browser;
    await browser.runTest(paymentTest, async () => {
      await page.goto(`${t.url}/invoices?direction=issued`);
      const listRow = page.getByTestId('invoices-issued').getByTestId(`invoice-row-${invoice.id}`);
      await listRow.waitFor();
      expect(await listRow.getByTestId('invoice-status').textContent()).toBe('Open');
      expect(nbsp(await listRow.getByTestId('invoice-balance').textContent())).toBe(euros(invoice.balance));
      await listRow.getByTestId(`invoice-open-${invoice.id}`).click();
      const header = page.getByTestId('invoice-header');
      await header.waitFor();
      expect(await header.getByTestId('invoice-status').textContent()).toBe('Open');
      expect(nbsp(await header.getByTestId('invoice-amount-paid').textContent())).toBe(euros('0.00'));
      expect(nbsp(await header.getByTestId('invoice-balance').textContent())).toBe(euros(invoice.balance));
      expect(await page.getByTestId('invoice-payments-empty').textContent()).toBe('No payments recorded yet.');

      await page.getByTestId('record-payment').click();
      const dialog = page.getByTestId('record-payment-dialog');
      await dialog.waitFor();
      const amount = dialog.getByTestId('payment-amount');
      expect(await amount.inputValue()).toBe(invoice.balance);
      // More than the balance: refused at the amount's field.
      await amount.fill(amountOf(cents(invoice.balance) + 1));
      await dialog.getByTestId('payment-paid-on').fill('2027-04-02');
      await dialog.getByTestId('payment-reference').fill('WIRE-0402');
      await dialog.getByTestId('record-payment-submit').click();
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByTestId('record-payment-error').getAttribute('data-code')).toBe('payment_exceeds_balance');

      await amount.fill('10.00');
      await dialog.getByTestId('record-payment-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('payment-recorded').waitFor();

      // The balance falls by the payment, as the API has it.
      const paid = await readInvoice(invoice.id);
      expect(paid).toMatchObject({ amountPaid: '10.00', status: 'open', balance: amountOf(cents(invoice.balance) - 1000) });
      await expect.poll(async () => nbsp(await header.getByTestId('invoice-balance').textContent())).toBe(euros(paid.balance));
      expect(nbsp(await header.getByTestId('invoice-amount-paid').textContent())).toBe(euros('10.00'));
      const payments = await billingAdmin.client.get(`/v1/invoices/${invoice.id}/payments`);
      expect(payments.body.items).toHaveLength(1);
      const payment = payments.body.items[0]!;
      const paymentRow = page.getByTestId(`payment-row-${payment.id}`);
      await paymentRow.waitFor();
      expect(await paymentRow.getByTestId('payment-paid-on').textContent()).toBe('April 2, 2027');
      expect(nbsp(await paymentRow.getByTestId('payment-amount').textContent())).toBe(euros('10.00'));
      expect(await paymentRow.getByTestId('payment-reference').textContent()).toBe('WIRE-0402');
      invoice = paid;
    });
  }, 120_000);

  const creditNoteTest = 'credit note: the billing admin credits part of one line, sees it listed as a credit note naming the invoice it corrects, and the balance fall';
  it(creditNoteTest, async () => {
    const { page } = browser;
    await browser.runTest(creditNoteTest, async () => {
      await page.goto(`${t.url}/invoices/${invoice.id}`);
      await page.getByTestId('invoice-header').waitFor();
      await page.getByTestId('issue-credit-note').click();
      const dialog = page.getByTestId('credit-note-dialog');
      await dialog.waitFor();
      await dialog.getByTestId('credit-note-reason').fill('Goodwill for the outage');
      await dialog.getByTestId('credit-note-scope-lines').check();
      await dialog.getByTestId('credit-note-lines').waitFor();
      expect(await dialog.getByTestId('credit-note-lines').locator('li').count()).toBe(invoice.lineCount);
      await dialog.getByTestId('credit-note-line-1-choose').check();
      const lineAmount = dialog.getByTestId('credit-note-line-1-amount');
      // More than the line: refused at the line's amount.
      const lines = await billingAdmin.client.get(`/v1/invoices/${invoice.id}/lines`);
      const first = lines.body.items.find((item: { lineNumber: number }) => item.lineNumber === 1)!;
      await lineAmount.fill(amountOf(cents(first.subtotal) + 1));
      await dialog.getByTestId('credit-note-submit').click();
      await expect.poll(() => lineAmount.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('left to credit');

      await lineAmount.fill('5.00');
      await dialog.getByTestId('credit-note-submit').click();
      await dialog.waitFor({ state: 'detached' });

      // The credit note, as the API lists it.
      const issued = await billingAdmin.client.get('/v1/invoices?direction=issued');
      const notes = (issued.body.items as Invoice[]).filter((item) => item.kind === 'creditNote');
      expect(notes).toHaveLength(1);
      const note = notes[0]!;
      expect(note).toMatchObject({ correctsInvoiceId: invoice.id, reason: 'Goodwill for the outage', subtotal: '-5.00', status: 'issued', lineCount: 1 });
      expect(await page.getByTestId('credit-note-issued').textContent()).toContain(`Credit note ${note.number} has been issued.`);

      // The invoice: credited and its balance lower, as the API has them.
      const corrected = await readInvoice(invoice.id);
      expect(corrected.amountCredited).toBe(amountOf(-cents(note.total)));
      expect(corrected.balance).toBe(amountOf(cents(invoice.balance) + cents(note.total)));
      const header = page.getByTestId('invoice-header');
      await expect.poll(async () => nbsp(await header.getByTestId('invoice-balance').textContent())).toBe(euros(corrected.balance));
      expect(nbsp(await header.getByTestId('invoice-amount-credited').textContent())).toBe(euros(corrected.amountCredited));

      // Listed among the issued documents, labelled as a credit note.
      await page.goto(`${t.url}/invoices?direction=issued`);
      const noteRow = page.getByTestId('invoices-issued').getByTestId(`invoice-row-${note.id}`);
      await noteRow.waitFor();
      expect(await noteRow.getAttribute('data-kind')).toBe('creditNote');
      expect(await noteRow.getByTestId('invoice-kind').textContent()).toBe('Credit note');
      expect(await noteRow.getByTestId('invoice-status').textContent()).toBe('Issued');
      expect(nbsp(await noteRow.getByTestId('invoice-total').textContent())).toBe(euros(note.total));

      // It opens on the document it corrects, its reason and the line it credits.
      await noteRow.getByTestId(`invoice-open-${note.id}`).click();
      const noteHeader = page.getByTestId('invoice-header');
      await expect.poll(() => noteHeader.getAttribute('data-kind')).toBe('creditNote');
      expect(await noteHeader.getByTestId('invoice-kind').textContent()).toBe('Credit note');
      expect(await noteHeader.getByTestId('invoice-reason').textContent()).toBe('Goodwill for the outage');
      const link = noteHeader.getByTestId('invoice-corrects-link');
      await expect.poll(() => link.textContent()).toBe(`Invoice ${invoice.number}`);
      expect(await page.getByTestId('invoice-line-1').getByTestId('line-corrects').textContent()).toBe('1');
      expect(nbsp(await page.getByTestId('invoice-line-1').getByTestId('line-amount').textContent())).toBe(euros('-5.00'));
      expect(await page.getByTestId('record-payment').count()).toBe(0);
      expect(await page.getByTestId('issue-credit-note').count()).toBe(0);
      await link.click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/invoices/${invoice.id}`);
      invoice = corrected;
    });
  }, 120_000);

  const agingTest = "aging and unbilled charges: the reseller's balance not yet due with the euro totals; April's order received and issued";
  it(agingTest, async () => {
    const { page } = browser;
    await browser.runTest(agingTest, async () => {
      await page.getByTestId('nav-billing-aging').click();
      await page.getByTestId('aging-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/billing/aging');
      const aging = await billingAdmin.client.get('/v1/aging');
      expect(aging.status, aging.text).toBe(200);
      expect(aging.body.items).toHaveLength(1);
      const owed = aging.body.items[0]!;
      expect(owed).toMatchObject({ tenantId: parties.reseller.tenantId, currency: 'EUR', current: invoice.balance, total: invoice.balance, openDocuments: 1 });
      const row = page.getByTestId('aging-issued').getByTestId(`aging-row-${parties.reseller.tenantId}-EUR`);
      await row.waitFor();
      expect(await row.getByTestId('aging-party').textContent()).toBe(owed.name);
      expect(nbsp(await row.getByTestId('aging-current').textContent())).toBe(euros(owed.current));
      expect(nbsp(await row.getByTestId('aging-days1to30').textContent())).toBe(euros(owed.days1to30));
      expect(nbsp(await row.getByTestId('aging-over90').textContent())).toBe(euros(owed.over90));
      expect(nbsp(await row.getByTestId('aging-total').textContent())).toBe(euros(owed.total));
      expect(await row.getByTestId('aging-open-documents').textContent()).toBe('1');
      const totals = page.getByTestId('aging-total-EUR');
      expect(await totals.getByTestId('aging-party').textContent()).toBe('Total, EUR');
      expect(nbsp(await totals.getByTestId('aging-total').textContent())).toBe(euros(owed.total));
      // What the provider owes the operator: nothing is invoiced to it in this test's months but March's.
      const owing = await billingAdmin.client.get('/v1/aging?direction=received');
      await page.getByTestId('aging-tab-received').click();
      await page.getByTestId('aging-received').waitFor();
      await expect.poll(() => page.getByTestId('aging-received').locator('[data-testid^="aging-row-"]').count()).toBe(owing.body.items.length);
      // The counterparty opens the documents of its direction.
      await page.getByTestId('aging-tab-issued').click();
      await page.getByTestId(`aging-open-${parties.reseller.tenantId}`).click();
      await page.getByTestId('invoices-page').waitFor();
      expect(new URL(page.url()).searchParams.get('direction')).toBe('issued');

      // Unbilled charges: April's order, at the provider's cost (received) and the reseller's price (issued).
      await page.getByTestId('nav-billing-unbilled').click();
      await page.getByTestId('unbilled-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/billing/unbilled');
      const [charge] = await query<{ id: string }>(t.app.platform.db, sql`select id::text as id from charge_lines where order_id = ${aprilOrderId}::uuid`);
      const toBeInvoiced = await billingAdmin.client.get('/v1/unbilled-charges?direction=received');
      expect(toBeInvoiced.status, toBeInvoiced.text).toBe(200);
      expect(toBeInvoiced.body.items.length).toBeGreaterThan(0);
      const receivedRows = page.getByTestId('unbilled-received').getByTestId('unbilled-table').locator('tbody tr');
      await expect.poll(() => receivedRows.count()).toBe(toBeInvoiced.body.items.length);
      const mine = toBeInvoiced.body.items.find((item: { chargeLineId: string }) => item.chargeLineId === charge!.id)!;
      const receivedRow = page.getByTestId('unbilled-received').getByTestId(`unbilled-row-${mine.chargeLineId}`);
      expect(await receivedRow.getByTestId('unbilled-customer').textContent()).toBe(mine.customerName);
      expect(await receivedRow.getByTestId('unbilled-product').textContent()).toContain(mine.productName);
      expect(await receivedRow.getByTestId('unbilled-charge-type').textContent()).toBe('Purchase');
      expect(await receivedRow.getByTestId('unbilled-quantity').textContent()).toBe('1');
      expect(nbsp(await receivedRow.getByTestId('unbilled-unit-price').textContent())).toBe(euros(mine.unitPrice));
      expect(nbsp(await receivedRow.getByTestId('unbilled-subtotal').textContent())).toBe(euros(mine.subtotal));
      expect(await receivedRow.getByTestId('unbilled-tier').textContent()).toBe('Provider cost');

      const toInvoice = await billingAdmin.client.get('/v1/unbilled-charges?direction=issued');
      await page.getByTestId('unbilled-tab-issued').click();
      const issuedRows = page.getByTestId('unbilled-issued').getByTestId('unbilled-table').locator('tbody tr');
      await expect.poll(() => issuedRows.count()).toBe(toInvoice.body.items.length);
      const theirs = toInvoice.body.items.find((item: { chargeLineId: string }) => item.chargeLineId === charge!.id)!;
      const issuedRow = page.getByTestId('unbilled-issued').getByTestId(`unbilled-row-${theirs.chargeLineId}`);
      expect(nbsp(await issuedRow.getByTestId('unbilled-subtotal').textContent())).toBe(euros(theirs.subtotal));
      expect(await issuedRow.getByTestId('unbilled-tier').textContent()).toBe('Reseller price');
    });
  }, 120_000);

  const phoneTest = 'at phone width: the credit, aging, unbilled charges and invoice pages and the credit dialog fit the column';
  it(phoneTest, async () => {
    const { page } = browser;
    await browser.runTest(phoneTest, async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        for (const [path, ready] of [
          ['/billing/credit', 'credit-terms-table'],
          ['/billing/aging', 'aging-table'],
          ['/billing/unbilled', 'unbilled-table'],
          [`/invoices/${invoice.id}`, 'invoice-payments'],
        ] as const) {
          await page.goto(`${t.url}${path}`);
          await page.getByTestId(ready).waitFor();
          expect(await overflowsSideways(), path).toBe(false);
        }
        await page.goto(`${t.url}/billing/credit`);
        await page.getByTestId('credit-terms-set').click();
        const surface = page.getByTestId('credit-terms-dialog');
        await surface.waitFor();
        const box = (await surface.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        await surface.getByRole('button', { name: 'Cancel' }).click();
        await page.goto(`${t.url}/invoices/${invoice.id}`);
        await page.getByTestId('issue-credit-note').click();
        const note = page.getByTestId('credit-note-dialog');
        await note.waitFor();
        const noteBox = (await note.boundingBox())!;
        expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(390);
        await note.getByRole('button', { name: 'Cancel' }).click();
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  }, 120_000);

  const operatorTest = "operator: gives its provider new terms from the Credit page, the buyer picked among its active providers";
  it(operatorTest, async () => {
    const { page } = browser;
    await browser.runTest(operatorTest, async () => {
      await browser.signOut();
      await browser.signIn(operatorEmail, testPassword);
      await page.getByTestId('nav-billing-credit').click();
      await page.getByTestId('credit-page').waitFor();
      // The operator gives credit and receives none: one view, no tabs.
      expect(await page.getByTestId('credit-tabs').count()).toBe(0);
      const row = page.getByTestId('credit-issued').getByTestId(`credit-row-${parties.provider.tenantId}`);
      await row.waitFor();
      expect(nbsp(await row.getByTestId('credit-limit').textContent())).toBe(euros('500000.00'));

      await page.getByTestId('credit-terms-set').click();
      const dialog = page.getByTestId('credit-terms-dialog');
      await dialog.waitFor();
      const buyer = dialog.getByTestId('credit-terms-buyer');
      const values = await buyer.locator('option:not([disabled])').evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value));
      expect(values).toContain(parties.provider.tenantId);
      expect(values).not.toContain(parties.reseller.tenantId);
      // A buyer with terms starts from them.
      await buyer.selectOption(parties.provider.tenantId);
      expect(await dialog.getByTestId('credit-terms-limit').inputValue()).toBe('500000.00');
      expect(await dialog.getByTestId('credit-terms-payment-days').inputValue()).toBe('45');
      await dialog.getByTestId('credit-terms-limit').fill('');
      await dialog.getByTestId('credit-terms-save').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(async () => row.getByTestId('credit-limit').textContent()).toBe('No limit');
      expect(await row.getByTestId('credit-available').textContent()).toBe('No limit');
      const operator = await signInOperator(t);
      expect((await operator.get(`/v1/credit-terms/${parties.provider.tenantId}`)).body).toMatchObject({ creditLimit: null, availableCredit: null, paymentTermDays: 45, graceDays: 15 });
    });
  }, 120_000);

  const checkoutTest = "checkout over the limit: the provider's admin agent is shown the server's reason and nothing is ordered";
  it(checkoutTest, async () => {
    const { page } = browser;
    await browser.runTest(checkoutTest, async () => {
      // The reseller's limit at its exposure: no credit is left for another order.
      const now = await billingAdmin.client.get(`/v1/credit-terms/${parties.reseller.tenantId}`);
      const limited = await billingAdmin.client.put(`/v1/credit-terms/${parties.reseller.tenantId}`, { currency: 'EUR', creditLimit: now.body.exposure, paymentTermDays: 15, graceDays: 5 });
      expect(limited.body).toMatchObject({ availableCredit: '0.00' });
      // The server's reason for the same order, which changes nothing.
      const refused = await order(parties.providerAgent.client, customerTenantId, [line(e3, parties.reseller.partnerId, { quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' })]);
      expect([refused.status, refused.body.code]).toEqual([422, 'credit_limit_exceeded']);
      const subscriptions = async () => (await parties.providerAgent.client.get(`/v1/customers/${customerTenantId}/subscriptions`)).body.items.length;
      const before = await subscriptions();

      await browser.signOut();
      await browser.signIn(parties.providerAgent.email, parties.providerAgent.password);
      await page.goto(`${t.url}/customers/${customerTenantId}/order`);
      await page.getByTestId('checkout-form').waitFor();
      await page.getByTestId('checkout-line-0-offer').click();
      await page.getByTestId(`checkout-offer-${e3}`).click();
      await page.getByTestId('checkout-submit').click();
      const bar = page.locator('[data-testid="checkout-refused"][data-code="credit_limit_exceeded"]');
      await bar.waitFor();
      expect(nbsp(await bar.textContent())).toContain(nbsp(refused.body.detail!));
      expect(await subscriptions()).toBe(before);
    });
  }, 120_000);
});
