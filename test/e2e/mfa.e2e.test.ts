// Strong sign-in in a real browser (ACC-4), with Chromium's virtual authenticator (CDP WebAuthn: a
// CTAP2 platform authenticator with resident keys and user verification): a new work account's
// global admin must enrol right after signing in and adds a passkey; signs out and signs in with the
// passkey alone; adds an authenticator app on the security page and signs in with its password and a
// code the test computes (otpauth). An admin its global admin added is kept on the enrolment page
// until it has a factor (an authenticator app), sees its recovery codes once and signs in with one;
// the global admin then requires MFA of all its users and resets that admin's second factor.
//
// WebAuthn binds a passkey to the site's RP ID, which is PUBLIC_URL's host and cannot be an IP
// address: this suite's app instance has PUBLIC_URL http://localhost:<port>, and the browser reaches
// it there through a loopback TCP relay on that port (the test servers listen on 127.0.0.1:<any>).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testPassword } from '../helpers/client.js';
import { ensureWebBuilt, target } from '../helpers/server.js';
import { browserSuiteSkipped, openPortal, type PortalBrowser } from './browser.js';

const skip = browserSuiteSkipped();

/** A loopback relay: connections to localhost:<port> go to the app at `to`. */
async function relay(): Promise<{ port: number; forwardTo(port: number): void; close(): Promise<void> }> {
  let targetPort = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((incoming) => {
    const outgoing = net.connect(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    forwardTo: (port) => {
      targetPort = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The code an authenticator app shows for this secret, `offsetSteps` 30-second steps from now. */
function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

describe.skipIf(skip)('MFA and passkeys in Chromium (ACC-4)', () => {
  let browser: PortalBrowser;
  let proxy: Awaited<ReturnType<typeof relay>>;
  let baseUrl: string;
  let cdp: CDPSession;
  let authenticatorId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    proxy = await relay();
    baseUrl = `http://localhost:${proxy.port}`;
    const t = await target('pglite', { instance: 'webauthn-e2e', env: { PUBLIC_URL: baseUrl } });
    proxy.forwardTo(Number(new URL(t.url).port));
    browser = await openPortal(baseUrl);
    cdp = await browser.context.newCDPSession(browser.page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    }));
  });

  /** Whether the virtual authenticator answers requests at once (a person touching it) or waits. */
  const presence = (enabled: boolean) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
  });

  const passkeyTest = 'mfa: sign up, enrol a passkey, sign in with it alone, add an authenticator app, sign in with a code';
  it(passkeyTest, async () => {
    const { page } = browser;
    const run = randomBytes(4).toString('hex');
    const email = `ada-${run}@fabrikam-${run}.com`;

    await browser.runTest(passkeyTest, async () => {
      // Sign up through the portal.
      await page.goto(`${baseUrl}/signup`);
      await page.getByTestId('sign-up-page').waitFor();
      await page.getByTestId('sign-up-organization').fill(`Fabrikam ${run}`);
      const country = page.getByTestId('sign-up-country');
      await country.click();
      await country.fill('');
      await country.pressSequentially('Franc');
      await page.getByTestId('country-option-FR').click();
      await page.getByTestId('sign-up-display-name').fill('Ada Admin');
      await page.getByTestId('sign-up-email').fill(email);
      await page.getByTestId('sign-up-password').fill(testPassword);
      await page.getByTestId('sign-up-submit').click();

      // Sign-up signs the new partner's global admin in: the program requires a second factor, so the
      // portal opens nothing but enrolment.
      await page.getByTestId('mfa-enrol-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/security/enrol');
      await page.goto(`${baseUrl}/account/users`);
      await page.getByTestId('mfa-enrol-page').waitFor();

      // A passkey, made by the virtual authenticator; the first factor comes with recovery codes.
      await page.getByTestId('enrol-passkey').click();
      await page.getByTestId('add-passkey-name').fill('Virtual laptop');
      await page.getByTestId('add-passkey-create').click();
      await page.getByTestId('enrol-done').waitFor();
      expect(await page.getByTestId('recovery-code').count()).toBe(10);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]!.isResidentCredential).toBe(true);
      // On to the page it was kept from.
      await page.getByTestId('enrol-continue').click();
      await page.getByTestId('users-page').waitFor();
      await page.getByTestId('nav-home').click();
      await page.getByTestId('home-page').waitFor();

      // Sign out: the sign-in page offers the passkey in the email field's suggestions (conditional
      // UI), and the authenticator, which answers at once like a person picking it, signs in with the
      // passkey alone: no email, no password typed.
      await browser.signOut();
      await page.getByTestId('home-page').waitFor();
      expect(await page.getByTestId('top-bar-user-name').textContent()).toBe('Ada Admin');

      // Now a person who does not pick the suggestion (the authenticator leaves that request waiting),
      // and uses the button instead: it replaces the waiting request with one the authenticator answers.
      await presence(false);
      await browser.signOut();
      await page.waitForTimeout(1000);
      await presence(true);
      await page.getByTestId('sign-in-page').waitFor();
      await page.getByTestId('sign-in-passkey').click();
      await page.getByTestId('home-page').waitFor();
      await presence(false);
      await page.getByTestId('nav-security').click();
      await page.getByTestId('security-page').waitFor();
      const row = page.locator('[data-testid="passkey-row"][data-name="Virtual laptop"]');
      await row.waitFor();
      expect(await row.textContent()).not.toContain('Never');

      // An authenticator app on the security page: the secret is shown once; the test is the app.
      await page.getByTestId('totp-set-up').click();
      await page.getByTestId('totp-start').click();
      await page.getByTestId('totp-qr').waitFor();
      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const confirmationCode = totpCode(secret);
      await page.getByTestId('totp-code').fill(confirmationCode);
      await page.getByTestId('totp-confirm').click();
      await page.getByTestId('totp-enrolled').waitFor();
      // Not the first factor: no second set of recovery codes.
      expect(await page.getByTestId('recovery-codes-dialog').count()).toBe(0);
      expect(await page.getByTestId('recovery-codes-remaining').textContent()).toContain('10');

      // Sign out, then in with the password and a code: the one that confirmed the app is refused (a
      // code is never taken twice), the next step's is accepted.
      await browser.signOut();
      await page.getByTestId('sign-in-email').fill(email);
      await page.getByTestId('sign-in-password').fill(testPassword);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('second-step').waitFor();
      await page.getByTestId('second-step-passkey').waitFor();
      await page.getByTestId('second-step-code').fill(confirmationCode);
      await page.getByTestId('second-step-submit').click();
      await page.getByTestId('second-step-error').waitFor();
      expect(await page.getByTestId('second-step-error').getAttribute('data-code')).toBe('mfa_code_invalid');
      await page.getByTestId('second-step-code').fill(totpCode(secret, 1));
      await page.getByTestId('second-step-submit').click();
      // Signed in with the next step's code.
      await page.getByTestId('top-bar-user-name').waitFor();
      expect(await page.getByTestId('top-bar-user-name').textContent()).toBe('Ada Admin');
      await browser.signOut();
    });
  });

  const enrolmentTest = 'mfa: an admin without a second factor enrols an authenticator app first; its global admin requires MFA of all and resets it';
  it(enrolmentTest, async () => {
    const { page } = browser;
    const run = randomBytes(4).toString('hex');
    // Made through the API: a work account whose global admin the helpers enrol, and a user
    // management admin it adds, who has no second factor yet.
    const api = new Client(baseUrl);
    const adminEmail = `grace-${run}@northwind-${run}.com`;
    const created = await api.post('/v1/tenants', { organizationName: `Northwind ${run}`, country: 'DE', admin: { displayName: 'Grace Admin', email: adminEmail, password: testPassword } });
    expect(created.status).toBe(201);
    expect((await api.signIn(adminEmail, testPassword)).status).toBe(201);
    const userEmail = `linus-${run}@northwind-${run}.com`;
    const added = await api.post('/v1/users', { displayName: 'Linus Admin', email: userEmail, roles: ['userManagementAdmin'], password: testPassword });
    expect(added.status).toBe(201);

    await browser.runTest(enrolmentTest, async () => {
      await page.goto(`${baseUrl}/signin`);
      await page.getByTestId('sign-in-email').fill(userEmail);
      await page.getByTestId('sign-in-password').fill(testPassword);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('mfa-enrol-page').waitFor();
      await page.goto(`${baseUrl}/security`);
      await page.getByTestId('mfa-enrol-page').waitFor();

      await page.getByTestId('enrol-totp').click();
      await page.getByTestId('totp-start').click();
      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      await page.getByTestId('totp-code').fill(totpCode(secret));
      await page.getByTestId('totp-confirm').click();
      await page.getByTestId('enrol-done').waitFor();
      const codes = await page.getByTestId('recovery-code').allTextContents();
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      // On to the security page it was kept from: its factor is there; then a sign-in with one of the recovery codes.
      await page.getByTestId('enrol-continue').click();
      await page.getByTestId('security-page').waitFor();
      await page.getByTestId('totp-enrolled').waitFor();
      await browser.signOut();
      await page.getByTestId('sign-in-email').fill(userEmail);
      await page.getByTestId('sign-in-password').fill(testPassword);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('second-step').waitFor();
      expect(await page.getByTestId('second-step-passkey').count()).toBe(0);
      await page.getByTestId('second-step-use-recovery-code').click();
      await page.getByTestId('second-step-recovery-code').fill(codes[3]!.toLowerCase());
      await page.getByTestId('second-step-submit').click();
      // Back on the security page it signed out from: one code fewer.
      await page.getByTestId('security-page').waitFor();
      expect(await page.getByTestId('recovery-codes-remaining').textContent()).toContain('9');
      await browser.signOut();

      // Its global admin requires a second factor of every user, then resets Linus's: his factors go,
      // and his next sign-in takes him to enrolment again.
      await browser.signIn(adminEmail, testPassword);
      await page.getByTestId('nav-tenant-mfa-policy').click();
      const requireAll = page.getByTestId('tenant-mfa-require-all');
      await requireAll.waitFor();
      expect(await requireAll.isChecked()).toBe(false);
      await requireAll.click();
      await page.waitForFunction(() => (document.querySelector('[data-testid="tenant-mfa-require-all"]') as HTMLInputElement | null)?.checked === true);
      await page.reload();
      await requireAll.waitFor();
      expect(await requireAll.isChecked()).toBe(true);

      await page.getByTestId('nav-users').click();
      await page.getByTestId('users-page').waitFor();
      await page.getByTestId(`reset-user-mfa-${userEmail}`).click();
      await page.getByTestId('reset-mfa-reason').fill('Lost his phone');
      await page.getByTestId('reset-mfa-confirm').click();
      await page.getByTestId('reset-mfa-result').waitFor();
      await page.getByTestId('reset-mfa-done').click();
      await browser.signOut();

      await page.getByTestId('sign-in-email').fill(userEmail);
      await page.getByTestId('sign-in-password').fill(testPassword);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('mfa-enrol-page').waitFor();
      await page.getByTestId('enrol-sign-out').click();
      await page.getByTestId('sign-in-page').waitFor();
    });
  });
});
