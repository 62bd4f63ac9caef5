// Dead ends of the portal, walked in a real browser: a new work account is signed in at once and its
// home page invites it to enroll; normal navigation (sign-up, home, enrollment, the profile pages,
// sign-out, sign-in) leaves the console clean; the mail view makes links clickable and keeps an unread
// state (with the navigation's badge) across reloads and devices; the audit log names its actions in the
// reader's language, filters by who, what, which resource and when, and exports what it shows as CSV;
// the delegated-admin request mail names the roles.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Client, addUser, signUp, testPassword } from '../helpers/client.js';
import { connectedPartners, sharedCustomer } from '../helpers/commerce.js';
import { legalProfileBody, samples } from '../helpers/partners.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

/**
 * Everything that would show in the browser's console or network log as a problem: console errors and
 * warnings, uncaught exceptions, answers of 400 and above, and requests that failed (other than those
 * the page itself cancelled on leaving).
 */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed ${request.method()} ${request.url()}: ${reason}`);
  });
  return problems;
}

describe.skipIf(skip)('dead ends in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });

  /** A fresh start: no session, on the sign-in page. */
  async function signedOut(page: Page) {
    await portal.browser.context.clearCookies();
    await page.goto(`${portal.server.url}/signin`);
    await page.getByTestId('sign-in-page').waitFor();
  }

  const walkTest = 'dead ends: sign-up signs in and invites to enroll; sign-up → home → enrollment → profile pages → sign-out → sign-in leave the console clean';
  it(walkTest, async () => {
    const { page } = portal.browser;
    const run = randomBytes(4).toString('hex');
    const email = `walk-${run}@walk-${run}.example.com`;
    await portal.browser.runTest(walkTest, async () => {
      await portal.browser.context.clearCookies();
      const problems = watchConsole(page);
      const visit = async (navTestId: string, pageTestId: string) => {
        await page.getByTestId(navTestId).click();
        await page.getByTestId(pageTestId).waitFor();
        await page.waitForLoadState('networkidle');
      };

      // Anonymous pages: nobody signed in is no error.
      await page.goto(`${portal.server.url}/signin`);
      await page.getByTestId('sign-in-page').waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByTestId('sign-up-link').click();
      await page.getByTestId('sign-up-page').waitFor();

      // Sign-up signs the new admin in: no sign-in page on the way (ACC-4: its second factor first), then home.
      await page.getByTestId('sign-up-organization').fill(`Walk ${run}`);
      await page.getByTestId('sign-up-display-name').fill('Wanda Walker');
      await page.getByTestId('sign-up-email').fill(email);
      await page.getByTestId('sign-up-password').fill(testPassword);
      await page.getByTestId('sign-up-submit').click();
      await page.getByTestId('mfa-enrol-page').or(page.getByTestId('home-page')).first().waitFor();
      expect(new URL(page.url()).pathname).not.toBe('/signin');
      expect(await page.getByTestId('account-created').count()).toBe(0);
      await portal.browser.finishSignIn(email);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByTestId('top-bar-user-name').textContent()).toBe('Wanda Walker');

      // A brand-new tenant's home invites it to enroll, and the call to action opens the enrollment page.
      const invitation = page.getByTestId('home-enroll');
      await invitation.waitFor();
      expect(await invitation.textContent()).toContain('Enroll in the program');
      expect(await page.getByTestId('home-enroll-start').getAttribute('href')).toBe('/enrollment');
      await page.getByTestId('home-enroll-start').click();
      await page.getByTestId('enrollment-welcome').waitFor();
      expect(new URL(page.url()).pathname).toBe('/enrollment');
      await page.waitForLoadState('networkidle');

      // The profile pages of a tenant that has none of them yet.
      await visit('nav-legal-info', 'legal-info-page');
      await visit('nav-locations', 'locations-page');
      await visit('nav-agreements', 'agreements-page');
      await visit('nav-billing-profile', 'billing-profile-page');
      await visit('nav-single-sign-on', 'sso-settings-page');
      await visit('nav-profile', 'profile-page');
      await visit('nav-home', 'home-page');
      await page.getByTestId('home-enroll').waitFor();

      // Signed out, and on the sign-in page again (reloaded: a page opened anonymously).
      await portal.browser.signOut();
      await page.reload();
      await page.getByTestId('sign-in-page').waitFor();
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
    });
  });

  const mailTest = 'dead ends: the mail view has clickable links, an unread state kept by the server, and a badge in the navigation';
  it(mailTest, async () => {
    const { page, context } = portal.browser;
    const t = portal.server.target;
    await portal.browser.runTest(mailTest, async () => {
      // A partner whose admin is its own primary contact: the verification link is mailed to the admin.
      const admin = await signUp(t, { country: 'FR' });
      const c = admin.client;
      const domain = `mail-${randomBytes(4).toString('hex')}.example.com`;
      expect((await c.put('/v1/profiles/legalbusiness', legalProfileBody('FR', domain, { primaryContact: { firstName: 'Ada', lastName: 'Admin', email: admin.email, phone: samples.FR!.phone } }))).status).toBe(200);
      expect((await c.put('/v1/profiles/support', { email: `support@${domain}`, phone: samples.FR!.phone, website: `https://www.${domain}` })).status).toBe(200);
      const location = await c.post('/v1/profiles/locations', { country: 'FR', address: samples.FR!.address });
      expect((await c.put('/v1/profiles/partner-id', { partnerId: location.body.partnerId })).status).toBe(200);
      const enrollment = await c.post('/v1/enrollments', { program: 'indirectReseller' });
      expect((await c.post(`/v1/enrollments/${enrollment.body.id}/submit`)).status).toBe(200);

      // Every mail so far is unread: the welcome, the submitted enrollment's, the verification link.
      const unread = (await c.get('/v1/me/notifications')).body.unreadCount;
      expect(unread).toBeGreaterThanOrEqual(2);

      await signedOut(page);
      await portal.browser.signIn(admin.email, testPassword);
      const badge = page.getByTestId('nav-notifications-badge');
      await badge.waitFor();
      expect(await badge.textContent()).toBe(String(unread));
      expect(await page.getByTestId('nav-notifications').textContent()).toContain(`${unread} unread`);

      await page.getByTestId('nav-notifications').click();
      await page.getByTestId('notifications-page').waitFor();
      await page.getByTestId('notification-unread').nth(unread - 1).waitFor();
      expect(await page.getByTestId('notification-unread').count()).toBe(unread);
      expect(await page.getByTestId('notifications-count').textContent()).toContain(`Unread: ${unread}`);

      // Opening the verification mail reads it: its unread mark goes, the badge counts one.
      const verification = page.getByTestId('notification-header').filter({ hasText: 'Confirm' });
      expect(await verification.getAttribute('data-unread')).toBe('true');
      await verification.click();
      const link = page.getByTestId('notification-link').filter({ hasText: '/verify-email?token=' });
      await link.waitFor();
      await page.waitForFunction((left) => document.querySelector('[data-testid="nav-notifications-badge"]')?.textContent === left, String(unread - 1));
      expect(await verification.getAttribute('data-unread')).toBeNull();
      expect(await page.getByTestId('notification-unread').count()).toBe(unread - 1);

      // The link is a real link, safely opened: http(s) only, no opener, no referrer, the text shown as text.
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(/^http:\/\/localhost:8080\/verify-email\?token=[\w-]+$/);
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await page.getByTestId('notification-text').first().locator('a').count()).toBe(1);
      // The mails' address is the configured PUBLIC_URL (http://localhost:8080); the test server listens elsewhere.
      await context.route('http://localhost:8080/**', (route) =>
        route.fulfill({ status: 302, headers: { location: route.request().url().replace('http://localhost:8080', portal.server.url) } }),
      );
      const [opened] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await opened.getByTestId('verify-email-success').waitFor();
      await opened.close();
      await context.unroute('http://localhost:8080/**');

      // The state is the server's: after a reload, and on another device, the same mail is read (the
      // confirmed enrollment's own mail, sent meanwhile, is new and unread).
      await page.reload();
      await page.getByTestId('notifications-page').waitFor();
      await badge.waitFor();
      const device = new Client(portal.server.url);
      expect((await device.signIn(admin.email, testPassword)).status).toBe(201);
      const onDevice = (await device.get('/v1/me/notifications')).body;
      expect(onDevice.unreadCount).toBe(unread);
      expect(onDevice.items.find((item) => item.subject.startsWith('Confirm'))!.readAt).not.toBeNull();
      expect(await badge.textContent()).toBe(String(onDevice.unreadCount));
      expect(await page.getByTestId('notification-header').filter({ hasText: 'Confirm' }).getAttribute('data-unread')).toBeNull();
      expect(await page.getByTestId('notification-unread').count()).toBe(onDevice.unreadCount);

      // Mark all as read: no unread mark, no badge.
      await page.getByTestId('notifications-mark-all-read').click();
      await page.getByTestId('notifications-mark-all-read').waitFor({ state: 'detached' });
      await badge.waitFor({ state: 'detached' });
      expect(await page.getByTestId('notification-unread').count()).toBe(0);
      expect((await device.get('/v1/me/notifications')).body.unreadCount).toBe(0);
    });
  });

  const auditTest = 'dead ends: the audit log names actions in the reader’s language, filters by actor, action, resource and dates, and exports CSV';
  it(auditTest, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    await portal.browser.runTest(auditTest, async () => {
      const admin = await signUp(t, { country: 'FR', language: 'fr' });
      const agent = await addUser(t, admin.client, ['userManagementAdmin']);
      expect((await agent.client.patch('/v1/me', { displayName: 'Agent Dupont' })).status).toBe(200);
      expect((await admin.client.patch('/v1/me', { displayName: 'Admin Martin' })).status).toBe(200);

      await signedOut(page);
      await portal.browser.signIn(admin.email, testPassword);
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-page').waitFor();
      await page.getByTestId('audit-row').first().waitFor();

      // Actions and resources by name, in French; no raw code in the table.
      const names = await page.getByTestId('audit-action-name').allTextContents();
      expect(names).toContain('Utilisateur modifié');
      expect(names).toContain('Utilisateur ajouté');
      expect(names).toContain('Organisation créée');
      for (const name of names) expect(name).not.toMatch(/^[a-z]+[A-Za-z]*\.[a-z][A-Za-z]*$/);
      expect(await page.getByTestId('audit-table').textContent()).not.toContain('user.updated');

      // Who: the agent's records only (its sign-in, its second factor, its new name).
      const byAgent = (await admin.client.get(`/v1/audit-records?actorUserId=${agent.userId}&size=500`)).body.items;
      expect(byAgent.length).toBeGreaterThan(1);
      await page.getByTestId('audit-actor').click();
      await page.getByTestId(`audit-actor-option-${agent.email}`).click();
      await page.getByTestId('audit-apply').click();
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="audit-row"]').length === count, byAgent.length);
      expect(await page.getByTestId('audit-action-name').allTextContents()).toContain('Utilisateur modifié');
      for (const row of await page.getByTestId('audit-row').all()) expect(await row.textContent()).toContain('Agent Dupont');

      // Export what is shown: the same filter, as CSV.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^audit-records-\d{4}-\d{2}-\d{2}\.csv$/);
      const exported: Record<string, string>[] = parse(await readFile((await download.path())!, 'utf8'), { columns: true });
      expect(exported.map((row) => [row.id, row.action, row.actorUserId])).toEqual(byAgent.map((record) => [record.id, record.action, agent.userId]));
      expect(exported.map((row) => row.action)).toContain('user.updated');

      // What and which resource: chosen by name; anyone again.
      await page.getByTestId('audit-actor').click();
      await page.getByRole('option', { name: 'Tout le monde' }).click();
      const action = page.getByTestId('audit-action');
      await action.click();
      await action.fill('Organisation');
      await page.getByTestId('audit-action-option-tenant.created').click();
      await page.getByTestId('audit-resource-type').click();
      await page.getByTestId('audit-resource-option-tenant').click();
      await page.getByTestId('audit-apply').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length === 1);
      expect(await page.getByTestId('audit-action-name').allTextContents()).toEqual(['Organisation créée']);

      // Dates: a range in the future holds nothing, and the export is not offered for nothing.
      await page.getByTestId('audit-clear').click();
      await page.getByTestId('audit-from').fill('2099-01-01');
      await page.getByTestId('audit-apply').click();
      await page.getByText('Aucun enregistrement d’audit ne correspond à ces filtres.').waitFor();
      expect(await page.getByTestId('audit-export').count()).toBe(0);
    });
  });

  const roleMailTest = 'dead ends: the delegated-admin request mail names the roles in the customer’s language';
  it(roleMailTest, async () => {
    const { page } = portal.browser;
    const t = portal.server.target;
    await portal.browser.runTest(roleMailTest, async () => {
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      expect((await customer.client.patch('/v1/me', { language: 'fr' })).status).toBe(200);
      const requested = await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { roles: ['userAdministrator', 'billingReader'], durationDays: 30, autoExtend: false });
      expect(requested.status, requested.text).toBe(201);

      await signedOut(page);
      await portal.browser.signIn(customer.email, customer.password);
      await page.getByTestId('nav-notifications').click();
      await page.getByTestId('notifications-page').waitFor();
      await page.getByTestId('notification-header').filter({ hasText: 'administration déléguée' }).click();
      const text = page.getByTestId('notification-text').filter({ hasText: 'Administrateur des utilisateurs' });
      await text.waitFor();
      expect(await text.textContent()).toContain('Administrateur des utilisateurs et Lecteur de facturation');
      expect(await text.textContent()).not.toMatch(/userAdministrator|billingReader/);
    });
  });
});
