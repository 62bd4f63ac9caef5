// App credentials in a real browser: a global admin opens Apps under Account settings, registers an app
// with the permission picker, copies its client ID and secret (shown once), gets a token with them,
// rotates the secret, revokes the old one, disables and deletes the app; the audit log names the app.
import { describe, expect, it } from 'vitest';
import { Client, signUp, testPassword } from '../helpers/client.js';
import { nextTotpCode } from '../helpers/mfa.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('apps in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });

  const testName = 'apps: register with permissions, the secret shown once, a token with it, rotate, revoke, disable, delete; the audit log names the app';
  it(testName, async () => {
    const { page } = portal.browser;
    await portal.browser.runTest(testName, async () => {
      const { url, target } = portal.server;
      const admin = await signUp(target, { organizationName: 'Northwind Integrations' });
      const token = (clientId: string, clientSecret: string) =>
        new Client(url).request<{ access_token?: string; error?: string }>('POST', '/v1/oauth/token', {
          raw: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });

      // The admin signs in with its password and an authenticator code, and finds Apps under Account settings.
      await page.goto(`${url}/signin`);
      await page.getByTestId('sign-in-email').fill(admin.email);
      await page.getByTestId('sign-in-password').fill(testPassword);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('second-step').waitFor();
      await page.getByTestId('second-step-code').fill(nextTotpCode(url, admin.email)!);
      await page.getByTestId('second-step-submit').click();
      await page.getByTestId('home-page').waitFor();
      // (Account settings stands open.)
      await page.getByTestId('nav-account-settings').waitFor();
      await page.getByTestId('nav-apps').click();
      await page.getByTestId('apps-table').waitFor();

      // Registering: a name and the permissions, chosen among the admin's own.
      await page.getByTestId('register-app').click();
      await page.getByTestId('app-dialog').waitFor();
      expect(await page.getByTestId('app-permission-apps.manage').count()).toBe(0);
      expect(await page.getByTestId('app-permission-commerce.order').count()).toBe(0);
      await page.getByTestId('app-dialog-submit').click();
      await page.getByText('Choose at least one permission.').waitFor();
      await page.getByTestId('app-name').fill('Directory sync');
      await page.getByTestId('app-permission-users.read').check();
      await page.getByTestId('app-dialog-submit').click();
      const clientId = (await page.getByTestId('app-client-id').textContent())!.trim();
      const secret = (await page.getByTestId('app-client-secret').textContent())!.trim();
      expect(clientId).toMatch(/^cca_/);
      expect(secret).toMatch(/^ccs_/);
      await page.getByTestId('app-client-secret-copy').waitFor();
      await page.getByTestId('app-dialog-done').click();
      await page.getByTestId('app-dialog').waitFor({ state: 'detached' });
      const row = page.locator('[data-app="Directory sync"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('users.read');
      // Shown once: the page no longer holds the secret, and it works.
      expect(await page.content()).not.toContain(secret);
      expect((await token(clientId, secret)).status).toBe(200);
      await page.reload();
      await row.getByText('last used', { exact: false }).waitFor();

      // Rotating: a second secret, shown once; then the first is revoked and gets no more tokens.
      await page.getByTestId('new-secret-Directory sync').click();
      await page.getByTestId('new-secret-dialog').waitFor();
      const rotated = (await page.getByTestId('app-client-secret').textContent())!.trim();
      expect(rotated).not.toBe(secret);
      await page.getByTestId('new-secret-done').click();
      await page.getByTestId(`app-secret-${rotated.slice(0, 8)}`).waitFor();
      await page.getByTestId(`revoke-secret-${secret.slice(0, 8)}`).click();
      await page.getByTestId('revoke-secret-dialog-confirm').click();
      await page.getByTestId(`app-secret-${secret.slice(0, 8)}`).waitFor({ state: 'detached' });
      expect((await token(clientId, secret)).body.error).toBe('invalid_client');
      expect((await token(clientId, rotated)).status).toBe(200);

      // Disabled, it gets no token; deleted, it is gone.
      await page.getByTestId('toggle-app-Directory sync').click();
      await page.getByTestId('app-state-Directory sync').getByText('Disabled').waitFor();
      expect((await token(clientId, rotated)).body.error).toBe('unauthorized_client');
      await page.getByTestId('delete-app-Directory sync').click();
      await page.getByTestId('delete-app-dialog-confirm').click();
      await row.waitFor({ state: 'detached' });
      await page.getByText('No apps yet.', { exact: false }).waitFor();

      // The audit log names the app for the tokens it got.
      await page.goto(`${url}/audit`);
      await page.getByTestId('audit-table').waitFor();
      await page.getByTestId('audit-action').fill('app.tokenIssued');
      await page.getByTestId('audit-apply').click();
      await page.getByTestId('audit-actor-app').first().waitFor();
      expect(await page.getByTestId('audit-actor-app').first().textContent()).toBe('Directory sync');
    });
  });
});
