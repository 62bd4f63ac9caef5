// The billing area in a real browser, as a reseller's billing admin uses it (BIL-1, BIL-3): a provider,
// a reseller and their shared customer on an app instance whose clock the test holds; the provider's
// admin agent orders for the customer in March, the clock moves into April and the month is closed.
// The billing admin finds the billing category in the navigation; its home shows March's totals, received
// and issued, as a chart and as figures that open their lists, at desktop and at phone width. On the
// reconciliation page a month that is not closed is refused next to its field; March's export starts
// queued, is followed until it has succeeded (the test runs the job queue) and downloads as CSV with
// the file's header and one line per invoice line. An invoice's PDF link answers a PDF.
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../src/modules/billing/contract.js';
import { reconciliationColumns } from '../../src/modules/billing/reconciliation/rules.js';
import { addUser, type SignedUp } from '../helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from '../helpers/commerce.js';
import { ensureWebBuilt, target, type Target } from '../helpers/server.js';
import { browserSuiteSkipped, openPortal, type PortalBrowser } from './browser.js';

const skip = browserSuiteSkipped();
const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const euros = (amount: string) => nbsp(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(amount as unknown as number));

describe.skipIf(skip)('the billing area in Chromium', () => {
  let clock = new Date('2027-03-10T10:00:00.000Z');
  let t: Target;
  let browser: PortalBrowser;
  let parties: Parties;
  let billingAdmin: SignedUp;
  let received: Invoice;
  let issued: Invoice;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await target('pglite', { instance: 'billing-e2e', isolated: true, now: () => clock });
    await t.app.platform.db.execute(sql`insert into tax_rates (country, rate_bp) values ('FR', 2000) on conflict (country) do update set rate_bp = 2000`);
    const product = await ensureProduct(t, { markets: ['FR'] });
    parties = await connectedPartners(t, 'FR');
    const customer = await sharedCustomer(t, parties);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(placed.status, placed.text).toBe(201);

    // March closes: the provider's invoice to the reseller, the reseller's statement to its customer.
    clock = new Date('2027-04-01T00:30:00.000Z');
    await t.app.services.billing.closeDuePeriods();
    billingAdmin = await addUser(t, parties.reseller.client, ['billingAdmin']);
    const receivedList = await billingAdmin.client.get('/v1/invoices');
    expect(receivedList.status, receivedList.text).toBe(200);
    expect(receivedList.body.items).toHaveLength(1);
    received = receivedList.body.items[0]! as Invoice;
    const issuedList = await billingAdmin.client.get('/v1/invoices?direction=issued');
    expect(issuedList.body.items).toHaveLength(1);
    issued = issuedList.body.items[0]! as Invoice;

    browser = await openPortal(t.url, { locale: 'en-US' });
    await browser.signIn(billingAdmin.email, billingAdmin.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** True when the page's main column scrolls sideways (its content is wider than the column). */
  const overflowsSideways = () => browser.page.getByTestId('main-content').evaluate((main) => main.scrollWidth > main.clientWidth + 1);

  const homeTest = "billing home: March's totals as a chart, each figure opening its list, at desktop and phone width";
  it(homeTest, async () => {
    const { page } = browser;
    await browser.runTest(homeTest, async () => {
      // The billing category holds the billing pages.
      const category = page.getByTestId('left-nav');
      await category.getByTestId('nav-billing').waitFor();
      expect(await category.getByTestId('nav-invoices').isVisible()).toBe(true);
      expect(await category.getByTestId('nav-reconciliation-exports').isVisible()).toBe(true);
      await category.getByTestId('nav-billing-home').click();
      await page.getByTestId('billing-home-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/billing');
      expect(await page.getByTestId('page-title').textContent()).toBe('Billing overview');

      // One currency, its heading, its figures for March and its chart: one group of two bars.
      const euro = page.getByTestId('billing-currency-EUR');
      await euro.waitFor();
      expect(await euro.getByRole('heading', { level: 2 }).textContent()).toBe('Euro (EUR)');
      const receivedFigure = euro.getByTestId('billing-figure-received-EUR');
      const issuedFigure = euro.getByTestId('billing-figure-issued-EUR');
      expect(await receivedFigure.textContent()).toContain('Received for March 2027');
      expect(nbsp(await receivedFigure.getByTestId('figure-amount').textContent())).toBe(euros(received.total));
      expect(await receivedFigure.getByTestId('figure-count').textContent()).toBe('Documents: 1');
      expect(await issuedFigure.textContent()).toContain('Issued for March 2027');
      expect(nbsp(await issuedFigure.getByTestId('figure-amount').textContent())).toBe(euros(issued.total));
      const chart = euro.getByTestId('billing-chart-EUR');
      const svg = chart.locator('svg[role="region"]');
      await svg.waitFor();
      expect(await svg.getAttribute('aria-label')).toBe('Totals by month, Euro (EUR)');
      const bars = chart.locator('rect[role="option"]');
      await expect.poll(() => bars.count()).toBe(2);
      expect(await bars.nth(0).getAttribute('aria-label')).toBe(`Received, March 2027: ${new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(received.total as unknown as number)}`);
      expect(await chart.getByText('Issued', { exact: true }).count()).toBeGreaterThan(0);
      // The same months as a table.
      const march = euro.getByTestId('billing-month-2027-03');
      expect(nbsp(await march.getByTestId('month-received').textContent())).toBe(euros(received.total));
      expect(nbsp(await march.getByTestId('month-issued').textContent())).toBe(euros(issued.total));
      expect(await overflowsSideways()).toBe(false);

      // Each figure opens its list.
      await receivedFigure.click();
      await page.getByTestId('invoices-page').waitFor();
      await page.getByTestId('invoices-received').getByTestId(`invoice-row-${received.id}`).waitFor();
      await page.goBack();
      await page.getByTestId('billing-home-page').waitFor();
      await page.getByTestId('billing-figure-issued-EUR').click();
      await page.getByTestId('invoices-issued').getByTestId(`invoice-row-${issued.id}`).waitFor();
      expect(new URL(page.url()).searchParams.get('direction')).toBe('issued');

      // At phone width (the navigation starts closed there): the chart and the figures fit the column.
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.goto(`${t.url}/billing`);
        await page.getByTestId('billing-chart-EUR').locator('svg[role="region"]').waitFor();
        expect(await page.getByTestId('left-nav').isVisible()).toBe(false);
        expect(await overflowsSideways()).toBe(false);
        const width = await page.getByTestId('billing-chart-EUR').locator('svg[role="region"]').evaluate((element) => element.getBoundingClientRect().width);
        expect(width).toBeLessThanOrEqual(390);
        await page.goto(`${t.url}/billing/reconciliation`);
        await page.getByTestId('reconciliation-form').waitFor();
        expect(await overflowsSideways()).toBe(false);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  }, 120_000);

  const exportTest = 'reconciliation export: an open month refused at its field; March started, followed until ready, downloaded as CSV';
  it(exportTest, async () => {
    const { page } = browser;
    await browser.runTest(exportTest, async () => {
      await page.goto(`${t.url}/billing`);
      await page.getByTestId('nav-reconciliation-exports').click();
      await page.getByTestId('reconciliation-page').waitFor();
      expect(await page.getByTestId('reconciliation-empty').textContent()).toBe('No exports yet.');

      // The month with documents is offered first; a month the run has not closed is refused next to its field.
      const period = page.getByTestId('reconciliation-period');
      await expect.poll(() => period.inputValue()).toBe('2027-03');
      const months = await period.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(months[0]).toBe('2027-03');
      expect(await period.locator('option').first().textContent()).toBe('March 2027');
      const open = months.find((month) => month !== '2027-03')!;
      await period.selectOption(open);
      await page.getByTestId('reconciliation-start').click();
      await expect.poll(() => period.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('reconciliation-form').textContent()).toContain('is not closed yet');
      expect(await page.getByTestId('reconciliation-empty').count()).toBe(1);

      // March, received documents, CSV: queued at first.
      await period.selectOption('2027-03');
      expect(await page.getByTestId('reconciliation-direction-received').isChecked()).toBe(true);
      expect(await page.getByTestId('reconciliation-format-csv').isChecked()).toBe(true);
      await page.getByTestId('reconciliation-start').click();
      expect(await page.getByTestId('reconciliation-started').textContent()).toContain('The export of March 2027 (Received, CSV) has started');
      expect(await period.getAttribute('aria-invalid')).not.toBe('true');
      const row = page.locator('[data-testid^="export-row-"]');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      const id = (await row.first().getAttribute('data-testid'))!.slice('export-row-'.length);
      const listed = await billingAdmin.client.get('/v1/reconciliation-exports');
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
      expect(listed.body.items[0]).toMatchObject({ period: '2027-03', format: 'csv', direction: 'received', status: 'queued' });
      expect(await row.first().getAttribute('data-status')).toBe('queued');
      expect(await row.first().getByTestId('export-status').textContent()).toBe('Queued');
      expect(await row.first().getByTestId('export-period').textContent()).toBe('March 2027');
      expect(await page.getByTestId(`export-download-${id}`).count()).toBe(0);

      // The job runs; the page, reading the list again while it is in progress, shows it ready.
      await t.app.platform.jobs.drain();
      const ready = page.locator(`[data-testid="export-row-${id}"][data-status="succeeded"]`);
      await ready.waitFor();
      expect(await ready.getByTestId('export-status').textContent()).toBe('Ready');
      expect(await ready.getByTestId('export-rows').textContent()).toBe(String(received.lineCount));

      // The file: the header of the reconciliation row, then one line per line of the invoice.
      const download = page.getByTestId(`export-download-${id}`);
      expect(await download.getAttribute('aria-label')).toBe('Download the export of March 2027 (Received, CSV)');
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toBe('reconciliation-2027-03-received.csv');
      const csv = await readFile((await file.path())!, 'utf8');
      expect(csv.startsWith(`${reconciliationColumns.join(',')}\n`)).toBe(true);
      const lines = csv.trimEnd().split('\n');
      expect(lines).toHaveLength(received.lineCount + 1);
      expect(lines.slice(1).every((text) => text.includes(received.id))).toBe(true);
    });
  }, 120_000);

  const pdfTest = "invoice PDF: the detail page's link, in the portal's language, answers a PDF";
  it(pdfTest, async () => {
    const { page } = browser;
    await browser.runTest(pdfTest, async () => {
      await page.goto(`${t.url}/invoices/${received.id}`);
      await page.getByTestId('invoice-header').waitFor();
      const link = page.getByTestId('invoice-pdf');
      expect(await link.textContent()).toBe('Download PDF');
      const href = (await link.getAttribute('href'))!;
      const url = new URL(href, t.url);
      expect(url.pathname).toBe(`/v1/invoices/${received.id}/pdf`);
      expect(url.searchParams.get('lang')).toBe('en');
      // Asked with the page's session, as the link is followed.
      const answer = await page.request.get(url.toString());
      expect(answer.status(), await answer.text()).toBe(200);
      expect(answer.headers()['content-type']).toMatch(/^application\/pdf/);
      const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const pdf = await readFile((await file.path())!);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  }, 120_000);
});
