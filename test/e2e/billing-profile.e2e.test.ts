// Billing profiles in a real browser (BIL-1): a provider, a reseller and their shared customer on an app
// instance whose clock the test holds; the provider's admin agent orders for the customer in March. The
// reseller's billing admin opens Billing profile, which invites it to set one (the API answers 404 until
// then, and the page logs no error of its own for it), sets its legal name, tax ID, address and billing
// e-mail (a tax ID the server refuses is shown at its field first, and nothing is saved), and sees the
// profile as the API has it. The provider sets its own through the API. March then closes: the invoice
// the reseller received shows both parties' legal names, addresses and tax IDs in its header, and the
// statement it issued to its customer, who set none, shows no profile for the customer. The pages and
// the form fit a phone's width. Every figure expected is read from the API.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingProfile, Invoice } from '../../src/modules/billing/contract.js';
import { addUser } from '../helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer, type Parties } from '../helpers/commerce.js';
import { ensureWebBuilt, target, type Target } from '../helpers/server.js';
import { browserSuiteSkipped, openPortal, type PortalBrowser } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('billing profiles in Chromium', () => {
  let clock = new Date('2027-03-10T10:00:00.000Z');
  let t: Target;
  let browser: PortalBrowser;
  let parties: Parties;
  let billingAdmin: Awaited<ReturnType<typeof addUser>>;
  let profile: BillingProfile;
  let received: Invoice;
  let statement: Invoice;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await target('pglite', { instance: 'billing-profile-e2e', isolated: true, now: () => clock });
    await t.app.platform.db.execute(sql`insert into tax_rates (country, rate_bp) values ('FR', 2000) on conflict (country) do update set rate_bp = 2000`);
    const product = await ensureProduct(t, { markets: ['FR'] });
    parties = await connectedPartners(t, 'FR');
    const customer = await sharedCustomer(t, parties);
    const march = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(march.status, march.text).toBe(201);

    billingAdmin = await addUser(t, parties.reseller.client, ['billingAdmin']);
    expect((await billingAdmin.client.get('/v1/billing-profile')).status).toBe(404);
    browser = await openPortal(t.url, { locale: 'en-US' });
    await browser.signIn(billingAdmin.email, billingAdmin.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** True when the page's main column scrolls sideways (its content is wider than the column). */
  const overflowsSideways = () => browser.page.getByTestId('main-content').evaluate((main) => main.scrollWidth > main.clientWidth + 1);

  const setTest = "set: the reseller's billing admin is invited to set its profile, a bad tax ID is refused at its field, and the page shows the profile saved";
  it(setTest, async () => {
    const { page } = browser;
    await browser.runTest(setTest, async () => {
      const logged = browser.consoleErrors.length;
      await page.getByTestId('nav-billing-profile').click();
      await page.getByTestId('billing-profile-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/billing/profile');
      expect(await page.getByTestId('page-title').textContent()).toBe('Billing profile');

      // None set yet (the API's 404): an invitation, no error.
      await page.getByTestId('billing-profile-missing').waitFor();
      expect(await page.getByTestId('billing-profile-missing').textContent()).toContain('No billing profile yet');
      expect(await page.getByTestId('billing-profile-load-error').count()).toBe(0);
      // Chromium itself reports the refused request; the portal adds no error of its own.
      expect(browser.consoleErrors.slice(logged).filter((line) => !line.startsWith('Failed to load resource'))).toEqual([]);

      await page.getByTestId('billing-profile-set').click();
      const form = page.getByTestId('billing-profile-form');
      await form.waitFor();
      // The address starts in the tenant's country.
      expect(await form.getByTestId('billing-profile-address-country').inputValue()).toBe('France');

      // Saving with nothing filled in is stopped at the required fields.
      const legalName = form.getByTestId('billing-profile-legal-name-input');
      await form.getByTestId('billing-profile-save').click();
      await expect.poll(() => legalName.getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByTestId('billing-profile-address-addressLine1').getAttribute('aria-invalid')).toBe('true');

      await legalName.fill('Revendeur Exemple SAS');
      const taxId = form.getByTestId('billing-profile-tax-id-input');
      await taxId.fill('<x>');
      await form.getByTestId('billing-profile-address-addressLine1').fill('1 rue de Rivoli');
      await form.getByTestId('billing-profile-address-city').fill('Paris');
      await form.getByTestId('billing-profile-address-postalCode').fill('75001');
      await form.getByTestId('billing-profile-email-input').fill('factures@example.fr');

      // The server refuses the tax ID: shown at its field, the other fields as they were, nothing saved.
      await form.getByTestId('billing-profile-save').click();
      await expect.poll(() => taxId.getAttribute('aria-invalid')).toBe('true');
      expect(await legalName.getAttribute('aria-invalid')).not.toBe('true');
      expect(await form.getByTestId('billing-profile-error').getAttribute('data-code')).toBe('validation_failed');
      expect((await billingAdmin.client.get('/v1/billing-profile')).status).toBe(404);

      await taxId.fill('FR 12 345678901');
      await form.getByTestId('billing-profile-save').click();
      await form.waitFor({ state: 'detached' });
      expect(await page.getByTestId('billing-profile-saved').textContent()).toContain('is saved');

      // The page shows the profile as the API has it.
      const read = await billingAdmin.client.get('/v1/billing-profile');
      expect(read.status, read.text).toBe(200);
      profile = read.body as BillingProfile;
      expect(profile).toMatchObject({
        tenantId: parties.reseller.tenantId,
        legalName: 'Revendeur Exemple SAS',
        address: { addressLine1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' },
        email: 'factures@example.fr',
      });
      const details = page.getByTestId('billing-profile-details');
      expect(await details.getByTestId('billing-profile-legal-name').textContent()).toBe(profile.legalName);
      expect(await details.getByTestId('billing-profile-tax-id').textContent()).toBe(profile.taxId);
      expect(await details.getByTestId('billing-profile-address').textContent()).toBe(`1 rue de Rivoli75001 ParisFrance`);
      expect(await details.getByTestId('billing-profile-email').textContent()).toBe('factures@example.fr');
      expect(await page.getByTestId('billing-profile-missing').count()).toBe(0);

      // Editing starts from the profile as it is; cancelling leaves it.
      await page.getByTestId('billing-profile-edit').click();
      await form.waitFor();
      expect(await form.getByTestId('billing-profile-tax-id-input').inputValue()).toBe(profile.taxId);
      expect(await form.getByTestId('billing-profile-address-city').inputValue()).toBe('Paris');
      await form.getByTestId('billing-profile-cancel').click();
      await form.waitFor({ state: 'detached' });
      expect(await details.getByTestId('billing-profile-tax-id').textContent()).toBe(profile.taxId);
    });
  }, 120_000);

  const invoiceTest = "invoice: after March closes, the invoice the reseller received shows both parties' profiles, its statement to its customer none for the customer";
  it(invoiceTest, async () => {
    const { page } = browser;
    await browser.runTest(invoiceTest, async () => {
      const providerProfile = { legalName: 'Fournisseur Exemple SA', taxId: 'FR98765432109', address: { addressLine1: '5 avenue de l’Opéra', city: 'Paris', postalCode: '75002', country: 'FR' } };
      const set = await parties.provider.client.put('/v1/billing-profile', providerProfile);
      expect(set.status, set.text).toBe(200);

      // March closes with both profiles set.
      clock = new Date('2027-04-01T00:30:00.000Z');
      await t.app.services.billing.closeDuePeriods();
      clock = new Date('2027-04-02T09:00:00.000Z');
      const invoices = await billingAdmin.client.get('/v1/invoices?direction=received');
      expect(invoices.status, invoices.text).toBe(200);
      expect(invoices.body.items).toHaveLength(1);
      received = invoices.body.items[0] as Invoice;
      expect(received.recipient.billingProfile).toMatchObject({ legalName: profile.legalName, taxId: profile.taxId });
      expect(received.issuer.billingProfile).toMatchObject({ legalName: providerProfile.legalName, taxId: providerProfile.taxId });

      await page.goto(`${t.url}/invoices/${received.id}`);
      const header = page.getByTestId('invoice-header');
      await header.waitFor();
      expect(await header.getByTestId('invoice-recipient').textContent()).toBe(received.recipient.name);
      expect(await header.getByTestId('invoice-recipient-tax-id').textContent()).toBe(`Tax ID: ${profile.taxId}`);
      expect(await header.getByTestId('invoice-recipient-address').textContent()).toBe('1 rue de Rivoli75001 ParisFrance');
      if (received.recipient.name !== profile.legalName) {
        expect(await header.getByTestId('invoice-recipient-legal-name').textContent()).toBe(profile.legalName);
      }
      expect(await header.getByTestId('invoice-issuer').textContent()).toBe(received.issuer.name);
      expect(await header.getByTestId('invoice-issuer-tax-id').textContent()).toBe(`Tax ID: ${providerProfile.taxId}`);
      expect(await header.getByTestId('invoice-issuer-address').textContent()).toBe('5 avenue de l’Opéra75002 ParisFrance');

      // The reseller's statement to its customer: the reseller's profile as issuer, none for the customer.
      const issued = await billingAdmin.client.get('/v1/invoices?direction=issued');
      expect(issued.body.items).toHaveLength(1);
      statement = issued.body.items[0] as Invoice;
      expect([statement.kind, statement.recipient.billingProfile]).toEqual(['statement', null]);
      await page.goto(`${t.url}/invoices/${statement.id}`);
      await expect.poll(() => header.getAttribute('data-kind')).toBe('statement');
      expect(await header.getByTestId('invoice-issuer-tax-id').textContent()).toBe(`Tax ID: ${profile.taxId}`);
      expect(await header.getByTestId('invoice-recipient').textContent()).toBe(statement.recipient.name);
      expect(await header.getByTestId('invoice-recipient-profile').count()).toBe(0);
    });
  }, 180_000);

  const phoneTest = 'at phone width: the billing profile page, its form and the invoice header fit the column';
  it(phoneTest, async () => {
    const { page } = browser;
    await browser.runTest(phoneTest, async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        await page.goto(`${t.url}/billing/profile`);
        await page.getByTestId('billing-profile-details').waitFor();
        expect(await overflowsSideways()).toBe(false);
        await page.getByTestId('billing-profile-edit').click();
        await page.getByTestId('billing-profile-form').waitFor();
        expect(await overflowsSideways()).toBe(false);
        await page.getByTestId('billing-profile-cancel').click();
        await page.goto(`${t.url}/invoices/${received.id}`);
        await page.getByTestId('invoice-recipient-profile').waitFor();
        expect(await overflowsSideways()).toBe(false);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  }, 120_000);
});
