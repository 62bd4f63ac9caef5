// The portal in a real browser, the way a person uses it: create a work account, sign in, add a
// user (and see the temporary password once), switch the language to French, sign out.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('portal in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });

  const testName = 'portal: sign up, sign in, add a user, switch to French, sign out';
  it(testName, async () => {
    const { page } = portal.browser;
    const run = randomBytes(4).toString('hex');
    const adminEmail = `admin-${run}@contoso-${run}.com`;
    const adminPassword = `Correct-Horse-${run}-Battery`;
    const newUserEmail = `agent-${run}@contoso-${run}.com`;

    await portal.browser.runTest(testName, async () => {
      // Create a work account through the sign-up page.
      await page.goto(`${portal.server.url}/signin`);
      await page.getByTestId('sign-in-page').waitFor();
      await page.getByTestId('sign-up-link').click();
      await page.getByTestId('sign-up-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/signup');

      await page.getByTestId('sign-up-organization').fill(`Contoso ${run}`);
      const country = page.getByTestId('sign-up-country');
      await country.click();
      await country.fill('');
      await country.pressSequentially('Franc');
      await page.getByTestId('country-option-FR').click();
      expect(await country.inputValue()).toBe('France');
      await page.getByTestId('sign-up-display-name').fill('Ada Admin');
      await page.getByTestId('sign-up-email').fill(adminEmail);
      await page.getByTestId('sign-up-password').fill(adminPassword);
      await page.getByTestId('sign-up-submit').click();

      // The account exists and its admin is signed in with it. ACC-4: a partner's global admin adds a
      // second factor first (an authenticator app here), then lands on home.
      await portal.browser.finishSignIn(adminEmail);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByTestId('top-bar-user-name').textContent()).toBe('Ada Admin');
      expect(await page.getByTestId('home-tenant-name').textContent()).toBe(`Contoso ${run}`);
      // A global admin sees every area.
      for (const item of ['nav-home', 'nav-users', 'nav-profile', 'nav-audit', 'nav-notifications']) {
        await page.getByTestId(item).waitFor();
      }

      // User management: the admin is listed; add a user with the admin agent role.
      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-page').waitFor();
      await page.getByTestId(`user-row-${adminEmail}`).waitFor();
      await page.getByTestId('add-user-button').click();
      await page.getByTestId('add-user-dialog').waitFor();
      await page.getByTestId('add-user-display-name').fill('Alan Agent');
      await page.getByTestId('add-user-email').fill(newUserEmail);
      await page.getByTestId('add-user-role-adminAgent').check();
      await page.getByTestId('add-user-submit').click();

      // The temporary password is shown once, with a copy button.
      const temporaryPassword = page.getByTestId('temporary-password');
      await temporaryPassword.waitFor();
      expect(((await temporaryPassword.textContent()) ?? '').trim().length).toBeGreaterThanOrEqual(12);
      await page.getByTestId('temporary-password-copy').waitFor();
      await page.getByTestId('add-user-done').click();
      await page.getByTestId('add-user-dialog').waitFor({ state: 'detached' });
      const row = page.getByTestId(`user-row-${newUserEmail}`);
      await row.waitFor();
      expect(await row.textContent()).toContain('Admin agent');

      // Profile: switch the language to French; the UI follows at once.
      await page.getByTestId('nav-profile').click();
      await page.getByTestId('profile-page').waitFor();
      await page.getByTestId('profile-language').click();
      await page.getByTestId('profile-language-fr').click();
      await page.getByTestId('nav-users').getByText('Gestion des utilisateurs', { exact: true }).waitFor();
      await page.getByTestId('page-title').getByText('Profil', { exact: true }).waitFor();
      expect(await page.getByTestId('sign-out-button').textContent()).toBe('Se déconnecter');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

      // The choice is saved on the account: it survives a reload.
      await page.reload();
      await page.getByTestId('profile-page').waitFor();
      await page.getByTestId('nav-users').getByText('Gestion des utilisateurs', { exact: true }).waitFor();

      // Sign out: back on the (French) sign-in page.
      await page.getByTestId('sign-out-button').click();
      await page.getByTestId('sign-in-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');
      await page.getByRole('heading', { name: 'Se connecter' }).waitFor();

      // Signed out for real: a protected page sends the person back to sign in.
      await page.goto(`${portal.server.url}/account/users`);
      await page.getByTestId('sign-in-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/signin');

    });
  }, 120_000);
});
