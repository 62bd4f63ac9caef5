// Provider ↔ reseller in a real browser, in French (REL-2 … REL-5, REL-4 admin access): an active
// indirect provider requests a reseller relationship and has Channel Center send the draft email; the
// reseller opens the delivered link, signs in, ticks the box and authorizes the provider; each side
// lists the other; the reseller removes the provider's admin access, and the provider's admin agent
// is then refused on the reseller's users.
import { beforeAll, describe, expect, it } from 'vitest';
import { enrollPartner, type Partner } from '../helpers/partners.js';
import { browserSuiteSkipped, usePortal } from './browser.js';
import { linkInMail } from './mail.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('provider ↔ reseller in Chromium', () => {
  const portal = usePortal({ locale: 'fr-FR' });
  let provider: Partner;
  let reseller: Partner;

  beforeAll(async () => {
    // Both partners are active in France, prepared through the API; both work in French.
    provider = await enrollPartner(portal.server.target, { program: 'indirectProvider', country: 'FR', stage: 'active', organizationName: `Distribution Azur ${Date.now()}` });
    reseller = await enrollPartner(portal.server.target, { program: 'indirectReseller', country: 'FR', stage: 'active', organizationName: `Conseil Lumière ${Date.now()}` });
    for (const partner of [provider, reseller]) {
      const changed = await partner.client.patch('/v1/me', { language: 'fr' });
      if (changed.status !== 200) throw new Error(`language: ${changed.text}`);
    }
    // ENR-11: the provider's global admin is also its admin agent (REL-4 "Manage users").
    const roles = await provider.client.patch(`/v1/users/${provider.userId}`, { roles: ['globalAdmin', 'adminAgent'] });
    if (roles.status !== 200) throw new Error(`roles: ${roles.text}`);
  });

  const testName = 'relationships: a French provider invites a reseller by email, the reseller authorizes it, then removes its admin access';
  it(testName, async () => {
    const { page } = portal.browser;

    await portal.browser.runTest(testName, async () => {
      // The provider requests a reseller relationship: a link and an editable draft email.
      await portal.browser.signIn(provider.email, provider.password);
      await page.getByTestId('nav-indirect-resellers').getByText('Revendeurs indirects', { exact: true }).waitFor();
      expect(await page.getByTestId('nav-indirect-providers').count()).toBe(0); // reseller pages are for resellers
      await page.getByTestId('nav-indirect-resellers').click();
      await page.getByTestId('indirect-resellers-page').waitFor();
      await page.getByTestId('resellers-empty').waitFor();
      await page.getByTestId('request-reseller-button').click();
      await page.getByTestId('request-reseller-dialog').waitFor();
      await page.getByTestId('request-reseller-create').click();

      const link = (await page.getByTestId('reseller-invitation-link').textContent()) ?? '';
      expect(link).toMatch(/^http:\/\/localhost:8080\/invitations\/reseller\/[\w-]+$/);
      const body = page.getByTestId('reseller-invitation-body');
      expect(await body.inputValue()).toContain(link);
      expect(await page.getByTestId('reseller-invitation-subject').inputValue()).not.toBe('');
      // "Open in email" is a mailto: link with the subject and the body.
      const mailto = (await page.getByTestId('reseller-invitation-mailto').getAttribute('href')) ?? '';
      expect(mailto.startsWith('mailto:?subject=')).toBe(true);
      expect(decodeURIComponent(mailto)).toContain(link);

      // The link must stay in the body: the API's refusal is shown next to the body.
      const draft = await body.inputValue();
      await page.getByTestId('reseller-invitation-to').fill(reseller.email);
      await body.fill('Bonjour, rejoignez-nous.');
      await page.getByTestId('reseller-invitation-send').click();
      const bodyError = page.getByTestId('reseller-invitation-error-body');
      await bodyError.waitFor();
      expect(await bodyError.textContent()).toContain('lien');
      expect(await page.getByTestId('reseller-invitation-sent').count()).toBe(0);

      // With the link back in (and a personal word), Channel Center sends it.
      await body.fill(`${draft}\n\nÀ bientôt !`);
      await page.getByTestId('reseller-invitation-send').click();
      await page.getByTestId('reseller-invitation-sent').waitFor();
      expect(await page.getByTestId('reseller-invitation-sent').textContent()).toContain(reseller.email);
      await page.getByTestId('request-reseller-close').click();
      await page.getByTestId('request-reseller-dialog').waitFor({ state: 'detached' });
      const pending = page.getByTestId('reseller-invitations-table');
      await pending.getByText(reseller.email).waitFor();
      await portal.browser.signOut();

      // The reseller opens the link from the delivered mail (its origin is the configured PUBLIC_URL;
      // the test server listens elsewhere) before signing in: the page says who asks for what.
      const mailed = await linkInMail(portal.server.mailDir, reseller.email, /https?:\/\/[^\s"'<>]+\/invitations\/reseller\/[\w-]+/, () =>
        portal.server.target.app.platform.jobs.drain(),
      );
      expect(mailed.origin).toBe('http://localhost:8080');
      expect(mailed.href).toBe(link);
      await page.goto(`${portal.server.url}${mailed.pathname}`);
      await page.getByTestId('reseller-invitation-page').waitFor();
      const providerName = (await page.getByTestId('reseller-invitation-provider').textContent()) ?? '';
      expect(providerName).toContain('Distribution Azur');
      expect(await page.getByTestId('reseller-invitation-country').textContent()).toBe('France');
      expect(await page.getByTestId('reseller-invitation-region').textContent()).toBe('Europe');
      expect(await page.getByTestId('reseller-invitation-grant-submitOrdersForYourCustomers').textContent()).toBe('Passer des commandes pour vos clients');
      expect(await page.getByTestId('reseller-invitation-grant-adminAccessToYourTenant').textContent()).toContain('Accès administrateur');
      expect(await page.getByTestId('reseller-invitation-service-technicalTraining').textContent()).toBe('Formation technique');

      // Sign in from the page and come back to it.
      await page.getByTestId('invitation-sign-in').click();
      await page.getByTestId('sign-in-page').waitFor();
      await page.getByTestId('sign-in-email').fill(reseller.email);
      await page.getByTestId('sign-in-password').fill(reseller.password);
      await page.getByTestId('sign-in-submit').click();
      await portal.browser.finishSignIn(reseller.email, 'reseller-invitation-page');
      await page.getByTestId('invitation-signed-in').waitFor();

      // Nothing happens without the box ticked (REL-3).
      const authorize = page.getByTestId('reseller-invitation-authorize');
      expect(await authorize.isDisabled()).toBe(true);
      await page.getByTestId('reseller-invitation-confirm').check();
      expect(await authorize.isDisabled()).toBe(false);
      await authorize.click();
      await page.getByTestId('reseller-invitation-accepted').waitFor();

      // REL-5: the provider is on the reseller's Indirect providers page, with admin access.
      await page.getByTestId('reseller-invitation-continue').click();
      await page.getByTestId('indirect-providers-page').waitFor();
      const providerRow = page.getByTestId(`provider-row-${provider.tenantId}`);
      await providerRow.waitFor();
      expect(await providerRow.getByTestId('provider-name').textContent()).toBe(providerName);
      const access = page.getByTestId(`provider-admin-access-${provider.tenantId}`);
      expect(await access.getAttribute('data-state')).toBe('granted');
      expect(await access.textContent()).toBe('Accès administrateur accordé');
      await portal.browser.signOut();

      // ... and the reseller on the provider's Indirect resellers page; its admin agent manages the
      // reseller's users.
      await portal.browser.signIn(provider.email, provider.password);
      await page.getByTestId('nav-indirect-resellers').click();
      const resellerRow = page.getByTestId(`reseller-row-${reseller.tenantId}`);
      await resellerRow.waitFor();
      expect(await resellerRow.getByTestId('reseller-name').textContent()).toContain('Conseil Lumière');
      expect(await resellerRow.textContent()).toContain(reseller.partnerId);
      expect(await page.getByTestId('reseller-invitations-empty').count()).toBe(1); // the invitation was used
      await page.getByTestId(`manage-users-${reseller.tenantId}`).click();
      await page.getByTestId('reseller-users-page').waitFor();
      await page.getByTestId(`reseller-user-row-${reseller.email}`).waitFor();
      await portal.browser.signOut();

      // REL-4: the reseller's global admin removes the provider's admin access; the relationship stays.
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-indirect-providers').click();
      await page.getByTestId(`remove-admin-access-${provider.tenantId}`).click();
      await page.getByTestId('remove-admin-access-dialog').waitFor();
      await page.getByTestId('remove-admin-access-dialog-confirm').click();
      await page.getByTestId('remove-admin-access-dialog').waitFor({ state: 'detached' });
      await page.locator(`[data-testid="provider-admin-access-${provider.tenantId}"][data-state="removed"]`).waitFor();
      expect(await page.getByTestId(`provider-admin-access-${provider.tenantId}`).textContent()).toBe('Accès administrateur retiré');
      expect(await page.getByTestId(`remove-admin-access-${provider.tenantId}`).count()).toBe(0);
      await portal.browser.signOut();

      // The provider's admin agent is now refused on the reseller's users, and told why.
      await portal.browser.signIn(provider.email, provider.password);
      await page.getByTestId('nav-indirect-resellers').click();
      await page.locator(`[data-testid="reseller-admin-access-${reseller.tenantId}"][data-state="removed"]`).waitFor();
      await page.getByTestId(`manage-users-${reseller.tenantId}`).click();
      const refused = page.getByTestId('reseller-users-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('Vous ne pouvez pas gérer les utilisateurs de ce revendeur');
      expect(await page.getByTestId('reseller-users-table').count()).toBe(0);
      expect(await page.getByTestId('reseller-users-add').count()).toBe(0);

    });
  }, 180_000);
});
