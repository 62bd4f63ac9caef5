// A forgotten password in a real browser: from the sign-in page, ask for a link, open the delivered
// mail's single-use link, choose a new password, and sign in with it.
import { beforeAll, describe, it } from 'vitest';
import { signUp, type SignedUp } from '../helpers/client.js';
import { browserSuiteSkipped, usePortal } from './browser.js';
import { linkInMail } from './mail.js';

describe.skipIf(browserSuiteSkipped())('forgotten password in Chromium', () => {
  const portal = usePortal();
  let account: SignedUp;

  beforeAll(async () => {
    account = await signUp(portal.server.target);
  });

  const testName = 'password reset: request a link, open it from the mail, choose a new password, sign in';
  it(testName, async () => {
    const { page } = portal.browser;
    await portal.browser.runTest(testName, async () => {
      await page.goto(`${portal.server.url}/signin`);
      await page.getByTestId('forgot-password-link').click();
      await page.getByTestId('reset-password-page').waitFor();
      await page.getByTestId('reset-password-email').fill(account.email);
      await page.getByTestId('reset-password-request').click();
      await page.getByTestId('reset-password-sent').waitFor();

      const link = await linkInMail(portal.server.mailDir, account.email, /http:\/\/localhost:8080\/reset-password\?token=[\w-]+/, () => portal.server.target.app.platform.jobs.drain());
      await page.goto(`${portal.server.url}${link.pathname}${link.search}`);
      await page.getByTestId('reset-password-new').fill('A-fresh-password-2026');
      await page.getByTestId('reset-password-confirm').fill('A-fresh-password-2026');
      await page.getByTestId('reset-password-submit').click();
      await page.getByTestId('reset-password-done').waitFor();

      await page.getByTestId('reset-password-back').click();
      await page.getByTestId('sign-in-email').fill(account.email);
      await page.getByTestId('sign-in-password').fill('A-fresh-password-2026');
      await page.getByTestId('sign-in-submit').click();
      await portal.browser.finishSignIn(account.email);
    });
  });
});
