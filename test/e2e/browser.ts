// Chromium for the browser suite: Debian's package at /usr/bin/chromium, driven by playwright-core.
// Missing outside CI: the suite is skipped with a printed reason. Missing under CI=true: the run fails.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { nextTotpCode, rememberFactor } from '../helpers/mfa.js';
import { startServer } from '../helpers/server.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SKIP_MESSAGE = `SKIPPED browser suite: ${CHROMIUM_PATH} not found (apt-get install -y chromium)`;

/**
 * True when the browser suite must be skipped. Throws under CI=true when Chromium is missing, so a
 * CI run never passes without the browser suite.
 */
export function browserSuiteSkipped(): boolean {
  if (existsSync(CHROMIUM_PATH)) return false;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but ${CHROMIUM_PATH} is missing: install it with apt-get install -y chromium`);
  }
  console.log(SKIP_MESSAGE);
  return true;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile (temporary user data dir) with one page, English UI, fixed viewport. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'channel-center-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium on the portal at `baseUrl`, as every browser suite uses it: a fresh profile that records
 * what goes wrong in the page, signs in and out through the portal's own pages, and runs each test body
 * so that a failure leaves a screenshot and the browser's log, and a pass means no page error and no
 * server error happened along the way.
 */
export interface PortalBrowser extends Browser {
  readonly baseUrl: string;
  /** Uncaught exceptions in the page. */
  readonly pageErrors: string[];
  /**
   * console.error lines. Printed with a failure, not asserted: Chromium logs every refused request
   * (a 4xx the test provokes on purpose) as a console error.
   */
  readonly consoleErrors: string[];
  /** Responses with a 5xx status, as `status METHOD url`. */
  readonly serverErrors: string[];
  /** Signs in through the sign-in page and waits for the home page. */
  signIn(email: string, password: string): Promise<void>;
  /**
   * After the password was submitted: answers the sign-in's second step with the helpers' authenticator
   * code (ACC-4), or, for a user who must enrol and has no factor, adds an authenticator app on the
   * enrolment page (the helpers then know it); then waits for the page the sign-in lands on.
   */
  finishSignIn(email: string, landing?: string): Promise<void>;
  /** Signs out with the shell's button and waits for the sign-in page. */
  signOut(): Promise<void>;
  /**
   * Runs one test body; then expects no page errors and no server errors so far. On failure saves a
   * screenshot named after the test and prints what the browser logged, then fails as before.
   */
  runTest(testName: string, body: () => Promise<void>): Promise<void>;
}

export async function openPortal(baseUrl: string, options: { locale?: string } = {}): Promise<PortalBrowser> {
  const browser = await launchBrowser(options);
  const { page } = browser;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const serverErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  const finishSignIn = async (email: string, landing = 'home-page') => {
    const landed = page.getByTestId(landing);
    const secondStep = page.getByTestId('second-step');
    const enrolment = page.getByTestId('mfa-enrol-page');
    await landed.or(secondStep).or(enrolment).first().waitFor();
    if (await secondStep.isVisible()) {
      await page.getByTestId('second-step-code').fill(await unusedCode(baseUrl, email));
      await page.getByTestId('second-step-submit').click();
    } else if (await enrolment.isVisible()) {
      await page.getByTestId('enrol-totp').click();
      await page.getByTestId('totp-start').click();
      rememberFactor(baseUrl, email, (await page.getByTestId('totp-secret').textContent())!.trim());
      await page.getByTestId('totp-code').fill(await unusedCode(baseUrl, email));
      await page.getByTestId('totp-confirm').click();
      await page.getByTestId('enrol-continue').click();
    }
    await landed.waitFor();
  };
  return {
    ...browser,
    baseUrl,
    pageErrors,
    consoleErrors,
    serverErrors,
    async signIn(email, password) {
      await page.goto(`${baseUrl}/signin`);
      await page.getByTestId('sign-in-page').waitFor();
      await page.getByTestId('sign-in-email').fill(email);
      await page.getByTestId('sign-in-password').fill(password);
      await page.getByTestId('sign-in-submit').click();
      await finishSignIn(email);
    },
    finishSignIn,
    async signOut() {
      await page.getByTestId('sign-out-button').click();
      await page.getByTestId('sign-in-page').waitFor();
    },
    async runTest(testName, body) {
      try {
        await body();
        expect(pageErrors).toEqual([]);
        expect(serverErrors).toEqual([]);
      } catch (error) {
        const file = await saveScreenshot(page, testName);
        if (file) console.log(`Screenshot of the failure: ${file}`);
        const lines = [...pageErrors, ...consoleErrors, ...serverErrors];
        if (lines.length > 0) console.log(`Browser errors:\n${lines.join('\n')}`);
        throw error;
      }
    },
  };
}

/** A TOTP code of the helpers' authenticator not used yet; waits for the next 30-second step when all are (≤ 35 s). */
async function unusedCode(baseUrl: string, email: string): Promise<string> {
  for (let waited = 0; waited <= 35_000; waited += 1000) {
    const code = nextTotpCode(baseUrl, email);
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`no authenticator code for ${email}: the helpers enrolled none`);
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** What a browser suite works with: the test server and Chromium on its portal. */
export interface PortalSuite {
  readonly server: TestServer;
  readonly browser: PortalBrowser;
}

/**
 * The set-up every browser suite shares, for the describe block it is called in: before its tests
 * (and before the block's own beforeAll) the test server starts and Chromium opens on its portal;
 * after them both close.
 */
export function usePortal(options: { locale?: string } = {}): PortalSuite {
  let server: TestServer | undefined;
  let browser: PortalBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await openPortal(server.url, options);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started: use it in a test or a beforeAll');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Saves a full-page screenshot under test-results/, named after the test. */
export async function saveScreenshot(page: Page, testName: string): Promise<string | undefined> {
  const dir = path.resolve('test-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${testName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120)}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return undefined;
  }
}
