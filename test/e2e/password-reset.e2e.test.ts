// A forgotten password in a real browser: from the sign-in page, ask for a link, open the delivered
// mail's single-use link, choose a new password, and sign in with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type SignedUp } from '../helpers/client.js';
import { startServer } from '../helpers/server.js';
import { browserSuiteSkipped, launchBrowser, type Browser } from './browser.js';
import { linkInMail, withScreenshot } from './mail.js';

describe.skipIf(browserSuiteSkipped())('forgotten password in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let account: SignedUp;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    account = await signUp(server.target);
    browser = await launchBrowser();
    browser.page.on('pageerror', (error) => errors.push(error.message));
    browser.page.on('response', (response) => {
      if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const testName = 'password reset: request a link, open it from the mail, choose a new password, sign in';
  it(testName, async () => {
    const { page } = browser;
    await withScreenshot(
      page,
      testName,
      async () => {
        await page.goto(`${server.url}/signin`);
        await page.getByTestId('forgot-password-link').click();
        await page.getByTestId('reset-password-page').waitFor();
        await page.getByTestId('reset-password-email').fill(account.email);
        await page.getByTestId('reset-password-request').click();
        await page.getByTestId('reset-password-sent').waitFor();

        const link = await linkInMail(server.mailDir, account.email, /http:\/\/localhost:8080\/reset-password\?token=[\w-]+/, () => server.target.app.platform.jobs.drain());
        await page.goto(`${server.url}${link.pathname}${link.search}`);
        await page.getByTestId('reset-password-new').fill('A-fresh-password-2026');
        await page.getByTestId('reset-password-confirm').fill('A-fresh-password-2026');
        await page.getByTestId('reset-password-submit').click();
        await page.getByTestId('reset-password-done').waitFor();

        await page.getByTestId('reset-password-back').click();
        await page.getByTestId('sign-in-email').fill(account.email);
        await page.getByTestId('sign-in-password').fill('A-fresh-password-2026');
        await page.getByTestId('sign-in-submit').click();
        await page.getByTestId('home-page').waitFor();
        expect(errors).toEqual([]);
      },
      () => errors,
    );
  });
});
