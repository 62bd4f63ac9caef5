// The Invoices pages in a real browser (BIL-1, BIL-3): a provider, a reseller and their shared customer
// on an app instance whose clock the test holds; the provider's admin agent orders for the customer in
// March, the clock moves into April and the month is closed. Signed in as the reseller, the Received tab
// lists the provider's invoice, which opens on its header and lines; the Issued tab lists the reseller's
// statement to its customer.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../src/modules/billing/contract.js';
import type { SignedUp } from '../helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from '../helpers/commerce.js';
import { ensureWebBuilt, target, type Target } from '../helpers/server.js';
import { browserSuiteSkipped, openPortal, type PortalBrowser } from './browser.js';

const skip = browserSuiteSkipped();
const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const euros = (amount: string) => nbsp(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number));
const longDate = (value: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));

describe.skipIf(skip)('invoices in Chromium', () => {
  let clock = new Date('2027-03-10T10:00:00.000Z');
  let t: Target;
  let browser: PortalBrowser;
  let parties: Parties;
  let customer: SignedUp;
  let received: Invoice;
  let issued: Invoice;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await target('pglite', { instance: 'invoices-e2e', isolated: true, now: () => clock });
    await t.app.platform.db.execute(sql`insert into tax_rates (country, rate_bp) values ('FR', 2000) on conflict (country) do update set rate_bp = 2000`);
    const product = await ensureProduct(t, { markets: ['FR'] });
    parties = await connectedPartners(t, 'FR');
    customer = await sharedCustomer(t, parties);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(placed.status, placed.text).toBe(201);

    // The month closes: the provider's invoice to the reseller, the reseller's statement to its customer.
    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    const receivedList = await parties.reseller.client.get('/v1/invoices');
    expect(receivedList.status, receivedList.text).toBe(200);
    expect(receivedList.body.items).toHaveLength(1);
    received = receivedList.body.items[0]! as Invoice;
    const issuedList = await parties.reseller.client.get('/v1/invoices?direction=issued');
    expect(issuedList.body.items).toHaveLength(1);
    issued = issuedList.body.items[0]! as Invoice;

    browser = await openPortal(t.url, { locale: 'en-US' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  const testName = 'invoices: the received invoice from the provider with its lines, the statement issued to the customer';
  it(testName, async () => {
    const { page } = browser;
    await browser.runTest(testName, async () => {
      await browser.signIn(parties.reseller.email, parties.reseller.password);
      await page.getByTestId('nav-invoices').click();
      await page.getByTestId('invoices-page').waitFor();

      // Received: the provider's invoice for March.
      const receivedRow = page.getByTestId('invoices-received').getByTestId(`invoice-row-${received.id}`);
      await receivedRow.waitFor();
      expect(await page.getByTestId('invoices-received').getByTestId('invoices-table').locator('tbody tr').count()).toBe(1);
      expect(received).toMatchObject({ kind: 'invoice', tier: 'reseller', issuer: { tenantId: parties.provider.tenantId }, recipient: { tenantId: parties.reseller.tenantId } });
      expect(await receivedRow.getByTestId('invoice-number').textContent()).toBe(String(received.number));
      expect(await receivedRow.getByTestId('invoice-kind').textContent()).toBe('Invoice');
      expect(await receivedRow.getByTestId('invoice-party').textContent()).toBe(received.issuer.name);
      expect(await receivedRow.getByTestId('invoice-period').textContent()).toBe('March 2027');
      expect(nbsp(await receivedRow.getByTestId('invoice-total').textContent())).toBe(euros(received.total));
      expect(await receivedRow.getByTestId('invoice-due').textContent()).toBe(longDate(received.dueAt));

      // It opens on its header and its lines.
      await receivedRow.getByTestId(`invoice-open-${received.id}`).click();
      await page.getByTestId('invoice-page').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/invoices/${received.id}`);
      const header = page.getByTestId('invoice-header');
      await header.waitFor();
      expect(await header.getByTestId('invoice-issuer').textContent()).toBe(received.issuer.name);
      expect(await header.getByTestId('invoice-recipient').textContent()).toBe(received.recipient.name);
      expect(await header.getByTestId('invoice-period').textContent()).toBe('March 2027');
      expect(await header.getByTestId('invoice-issued').textContent()).toBe(longDate(received.issuedAt));
      expect(await header.getByTestId('invoice-due').textContent()).toBe(longDate(received.dueAt));
      expect(nbsp(await header.getByTestId('invoice-subtotal').textContent())).toBe(euros(received.subtotal));
      expect(nbsp(await header.getByTestId('invoice-tax').textContent())).toBe(euros(received.tax));
      expect(await header.getByText('Tax (20 %)').count()).toBe(1);
      expect(nbsp(await header.getByTestId('invoice-total').textContent())).toBe(euros(received.total));

      const lines = page.getByTestId('invoice-lines');
      await lines.waitFor();
      expect(await lines.locator('tbody tr').count()).toBe(received.lineCount);
      const first = page.getByTestId('invoice-line-1');
      expect(await first.getByTestId('line-number').textContent()).toBe('1');
      expect(await first.getByTestId('line-customer').textContent()).toBeTruthy();
      expect(await first.getByTestId('line-product').textContent()).toContain('E3');
      expect(await first.getByTestId('line-charge-type').textContent()).toBe('Purchase');
      const apiLines = await parties.reseller.client.get(`/v1/invoices/${received.id}/lines`);
      expect(apiLines.status, apiLines.text).toBe(200);
      for (const apiLine of apiLines.body.items) {
        const row = page.getByTestId(`invoice-line-${apiLine.lineNumber}`);
        expect(await row.getByTestId('line-customer').textContent()).toBe(apiLine.customerName);
        expect(await row.getByTestId('line-quantity').textContent()).toBe(String(apiLine.quantity));
        expect(nbsp(await row.getByTestId('line-unit-price').textContent())).toBe(euros(apiLine.unitPrice));
        expect(nbsp(await row.getByTestId('line-amount').textContent())).toBe(euros(apiLine.subtotal));
        expect(nbsp(await row.getByTestId('line-tax').textContent())).toBe(euros(apiLine.taxTotal));
        expect(nbsp(await row.getByTestId('line-total').textContent())).toBe(euros(apiLine.total));
      }

      // Issued: the reseller's statement to its customer.
      await page.getByTestId('invoice-back').click();
      await page.getByTestId('invoices-page').waitFor();
      await page.getByTestId('invoices-tab-issued').click();
      const issuedRow = page.getByTestId('invoices-issued').getByTestId(`invoice-row-${issued.id}`);
      await issuedRow.waitFor();
      expect(issued).toMatchObject({ kind: 'statement', tier: 'customer', recipient: { tenantId: customer.tenantId } });
      expect(await issuedRow.getByTestId('invoice-kind').textContent()).toBe('Statement');
      expect(await issuedRow.getByTestId('invoice-party').textContent()).toBe(issued.recipient.name);
      expect(await issuedRow.getByTestId('invoice-period').textContent()).toBe('March 2027');
      expect(nbsp(await issuedRow.getByTestId('invoice-total').textContent())).toBe(euros(issued.total));
      expect(new URL(page.url()).searchParams.get('direction')).toBe('issued');
    });
  }, 120_000);
});
