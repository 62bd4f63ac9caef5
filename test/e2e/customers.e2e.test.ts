// Customers and commerce in a real browser, in French (CUS-2, CUS-3, CUS-4, ORD-2 … ORD-4): a
// reseller connected to its indirect provider invites a new customer together with that provider,
// asking for delegated admin roles, and has Channel Center send the draft; the customer opens the
// delivered link, creates its work account from the page, signs in, accepts the customer agreement
// and the relationship; the provider's admin agent orders for it through the cart; the reseller then
// assigns a license to the customer's admin.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectedPartners, ensureProduct, type Parties } from '../helpers/commerce.js';
import { assignAdminAgents } from '../helpers/groups.js';
import { signInOperator } from '../helpers/operator.js';
import { browserSuiteSkipped, usePortal } from './browser.js';
import { linkInMail } from './mail.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('customers and commerce in Chromium', () => {
  const portal = usePortal({ locale: 'fr-FR' });
  let parties: Parties;
  let product: Awaited<ReturnType<typeof ensureProduct>>;

  beforeAll(async () => {
    // An active provider and reseller in France, connected (REL-3), with a provider admin agent; a
    // product sold in France; a current customer agreement (CUS-3 asks for it first).
    parties = await connectedPartners(portal.server.target, 'FR');
    product = await ensureProduct(portal.server.target, { markets: ['FR', 'DE', 'US'] });
    const operator = await signInOperator(portal.server.target);
    const current = await operator.get('/v1/agreements?type=customerAgreement');
    if (!current.body.items.some((item: { current: boolean }) => item.current)) {
      const published = await operator.post('/v1/operator/agreements', {
        type: 'customerAgreement',
        version: 'test-customer-2026',
        language: 'en',
        title: 'Customer Agreement',
        body: '# Customer Agreement\n\nThe customer agrees to the cloud services terms.',
      });
      if (published.status !== 201) throw new Error(`customer agreement: ${published.text}`);
    }
    for (const client of [parties.reseller.client, parties.providerAgent.client]) {
      const changed = await client.patch('/v1/me', { language: 'fr' });
      if (changed.status !== 200) throw new Error(`language: ${changed.text}`);
    }
  });

  const testName = 'customers: a reseller and its provider invite a new customer, who signs up and accepts; the provider orders, the reseller assigns a license';
  it(testName, async () => {
    const { page } = portal.browser;
    const { reseller, provider, providerAgent } = parties;
    const run = randomBytes(4).toString('hex');
    const customerOrganization = `Boulangerie ${run}`;
    const customerEmail = `admin@boulangerie-${run}.example.com`;
    const customerPassword = `Pain-Au-Levain-${run}-2026`;

    await portal.browser.runTest(testName, async () => {
      // REL-7, CUS-2: from the Indirect providers page, the reseller invites a new customer to a
      // relationship with both at once, asking for delegated admin roles.
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-indirect-providers').click();
      await page.getByTestId(`provider-row-${provider.tenantId}`).waitFor();
      await page.getByTestId(`invite-customer-${provider.tenantId}`).click();
      await page.getByTestId('invite-customer-dialog').waitFor();
      expect(await page.getByTestId('invite-customer-type-resellerAndProvider').isChecked()).toBe(true);
      expect(await page.getByTestId('invite-customer-provider').textContent()).toContain((await provider.client.get('/v1/me')).body.tenant.name);
      await page.getByTestId('invite-customer-delegated').check();
      // Auto-extend is not allowed with the global administrator role (the switch turns off).
      await page.getByTestId('invite-customer-role-globalAdministrator').check();
      expect(await page.getByTestId('invite-customer-auto-extend').isDisabled()).toBe(true);
      await page.getByTestId('invite-customer-role-globalAdministrator').uncheck();
      expect(await page.getByTestId('invite-customer-role-userAdministrator').isChecked()).toBe(true);
      expect(await page.getByTestId('invite-customer-role-licenseAdministrator').isChecked()).toBe(true);
      await page.getByTestId('invite-customer-create').click();

      const link = (await page.getByTestId('customer-invitation-link').textContent()) ?? '';
      expect(link).toMatch(/^http:\/\/localhost:8080\/invitations\/customer\/[\w-]+$/);
      expect(await page.getByTestId('customer-invitation-body').inputValue()).toContain(link);
      await page.getByTestId('customer-invitation-to').fill(customerEmail);
      await page.getByTestId('customer-invitation-send').click();
      await page.getByTestId('customer-invitation-sent').waitFor();
      await page.getByTestId('invite-customer-close').click();
      await page.getByTestId('invite-customer-dialog').waitFor({ state: 'detached' });
      await portal.browser.signOut();

      // CUS-3: the customer opens the delivered link, reads who asks for what, and creates its work
      // account from the page.
      const mailed = await linkInMail(portal.server.mailDir, customerEmail, /https?:\/\/[^\s"'<>]+\/invitations\/customer\/[\w-]+/, () =>
        portal.server.target.app.platform.jobs.drain(),
      );
      expect(mailed.href).toBe(link);
      await page.goto(`${portal.server.url}${mailed.pathname}`);
      await page.getByTestId('customer-invitation-page').waitFor();
      expect(await page.getByTestId('customer-invitation-reseller-name').textContent()).toBe((await reseller.client.get('/v1/me')).body.tenant.name);
      await page.getByTestId('customer-invitation-provider').waitFor();
      expect(await page.getByTestId('customer-invitation-reseller-can-manageLicenses').textContent()).toBe('Attribuer des licences à vos utilisateurs');
      expect(await page.getByTestId('customer-invitation-delegated').textContent()).toContain('Administrateur des licences');
      await page.getByTestId('invitation-sign-up').click();
      await page.getByTestId('sign-up-page').waitFor();
      await page.getByTestId('sign-up-organization').fill(customerOrganization);
      expect(await page.getByTestId('sign-up-country').inputValue()).toBe('France');
      await page.getByTestId('sign-up-display-name').fill('Marie Dupont');
      await page.getByTestId('sign-up-email').fill(customerEmail);
      await page.getByTestId('sign-up-password').fill(customerPassword);
      await page.getByTestId('sign-up-submit').click();
      // Signed in with the new account at once, and back on the invitation.
      await portal.browser.finishSignIn(customerEmail, 'customer-invitation-page');

      // Back on the invitation: first the customer agreement, then the relationship.
      await page.getByTestId('customer-invitation-page').waitFor();
      await page.getByTestId('customer-agreement-form').waitFor();
      expect(await page.getByTestId('customer-invitation-accept').isDisabled()).toBe(true);
      expect(await page.getByTestId('customer-agreement-first-name').inputValue()).toBe('Marie');
      expect(await page.getByTestId('customer-agreement-email').inputValue()).toBe(customerEmail);
      await page.getByTestId('customer-agreement-confirm').check();
      await page.getByTestId('customer-agreement-accept').click();
      await page.getByTestId('customer-agreement-accepted').waitFor();
      expect(await page.getByTestId('customer-invitation-accept').isDisabled()).toBe(true);
      await page.getByTestId('customer-invitation-confirm').check();
      await page.getByTestId('customer-invitation-accept').click();
      await page.getByTestId('customer-invitation-accepted').waitFor();

      // Its partners: the reseller (with the delegated admin roles) and the provider.
      await page.getByTestId('customer-invitation-continue').click();
      await page.getByTestId('partner-relationships-page').waitFor();
      const resellerRow = page.getByTestId(`partner-relationship-${reseller.tenantId}`);
      await resellerRow.waitFor();
      expect(await resellerRow.textContent()).toContain('Administrateur des utilisateurs');
      await page.getByTestId(`partner-relationship-${provider.tenantId}`).waitFor();
      await page.getByTestId('nav-customer-subscriptions').waitFor();
      const customerTenantId = (await page.evaluate(async () => (await (await fetch('/v1/me')).json()).tenant.id)) as string;
      await portal.browser.signOut();

      // ORD-2: the provider's admin agent orders for the customer through the cart, naming the
      // reseller of record (its PartnerID); prices in the customer's market currency.
      await portal.browser.signIn(providerAgent.email, providerAgent.password);
      await page.getByTestId('nav-customers').click();
      await page.getByTestId('customers-page').waitFor();
      await page.getByTestId(`customer-row-${customerTenantId}`).waitFor();
      await page.getByTestId(`order-for-${customerTenantId}`).click();
      await page.getByTestId('checkout-page').waitFor();
      await page.getByTestId('checkout-line-0-offer').click();
      await page.getByTestId(`checkout-offer-${product.e3}`).click();
      await page.getByTestId('checkout-line-0-term').click();
      await page.getByTestId('checkout-term-P1Y').click();
      await page.getByTestId('checkout-line-0-cycle').click();
      await page.getByTestId('checkout-cycle-annual').click();
      const quantity = page.getByTestId('checkout-line-0-quantity');
      await quantity.fill('5');
      await quantity.press('Tab');
      expect(await page.getByTestId('checkout-line-0-reseller').textContent()).toContain(reseller.partnerId);
      expect((await page.getByTestId('checkout-total').textContent())?.replace(/\s/g, ' ')).toBe('Total estimé : 160,00 €');
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      const orderLine = page.getByTestId('order-line-1');
      expect(await orderLine.textContent()).toContain(reseller.partnerId);
      expect(await orderLine.textContent()).toContain('E3');
      await portal.browser.signOut();

      // ORD-4: the reseller sees the new subscription and assigns a license to the customer's admin
      // (delegated license administrator, through its "Admin agents" group's access assignment, ACC-3).
      await assignAdminAgents(reseller, customerTenantId);
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${customerTenantId}`).click();
      await page.getByTestId(`customer-details-${customerTenantId}`).waitFor();
      const subscriptions = page.getByTestId(`subscriptions-table-${customerTenantId}`);
      await subscriptions.waitFor();
      expect(await subscriptions.getByTestId('subscription-licenses').textContent()).toBe('0 sur 5 attribuées');
      expect(await subscriptions.getByTestId('subscription-status').getAttribute('data-status')).toBe('active');
      await page.getByTestId(`customer-user-row-${customerEmail}`).waitFor();
      await page.getByTestId(`assign-license-${customerEmail}`).click();
      await page.getByTestId('assign-license-dialog').waitFor();
      await page.getByTestId('assign-license-subscription').click();
      await page.locator('[data-testid^="assign-license-option-"]').first().click();
      await page.getByTestId('assign-license-submit').click();
      await page.getByTestId('assign-license-dialog').waitFor({ state: 'detached' });
      await page.getByTestId(`user-licenses-${customerEmail}`).waitFor();
      expect(await page.getByTestId(`user-licenses-${customerEmail}`).textContent()).toContain('E3');
      await subscriptions.getByText('1 sur 5 attribuées').waitFor();

    });
  }, 240_000);
});
