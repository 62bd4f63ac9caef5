// Chromium for the browser suite: Debian's package at /usr/bin/chromium, driven by playwright-core.
// Missing outside CI: the suite is skipped with a printed reason. Missing under CI=true: the run fails.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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
  /**
   * Serious and critical accessibility violations axe found on the pages visited so far, one line
   * each (`rule id: targets (url)`). Every distinct URL the page navigates to during a test is checked
   * once, when the page has settled; runTest fails when any are listed.
   */
  readonly accessibilityViolations: string[];
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
  const accessibility = watchAccessibility(page);
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
    accessibilityViolations: accessibility.violations,
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
      accessibility.startTest();
      try {
        await body();
        await accessibility.finishTest();
        expect(pageErrors).toEqual([]);
        expect(serverErrors).toEqual([]);
        expect(accessibility.violations, 'serious or critical accessibility violations (axe)').toEqual([]);
      } catch (error) {
        const file = await saveScreenshot(page, testName);
        if (file) console.log(`Screenshot of the failure: ${file}`);
        const lines = [...pageErrors, ...consoleErrors, ...serverErrors];
        if (lines.length > 0) console.log(`Browser errors:\n${lines.join('\n')}`);
        throw error;
      } finally {
        accessibility.stop();
      }
    },
  };
}

const AXE_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe on `page` as it is now and returns its serious and critical violations, one line per
 * violation: `rule id: target selectors (page URL)`.
 */
export async function checkAccessibility(page: Page): Promise<string[]> {
  const url = page.url();
  const results = await new AxeBuilder({ page })
    // Fluent UI's focus management (tabster) puts invisible dummy inputs at the edges of focus
    // groups and dialogs to wrap focus; they are not content and are hidden from assistive
    // technology on purpose, so they are left out of the check rather than any rule being disabled.
    .exclude('[data-tabster-dummy]')
    .analyze();
  return results.violations
    .filter((violation) => AXE_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => {
      const targets = violation.nodes.map((node) => node.target.map(String).join(' ')).join(', ');
      return `${violation.id} [${violation.impact}]: ${targets} (${url})`;
    });
}

/** Waits until the page's DOM has not changed and no animation has run for `quietMs`, at most `timeoutMs`. */
export async function waitForQuiet(page: Page, quietMs = 300, timeoutMs = 4000): Promise<void> {
  await page.evaluate(
    ({ quietMs, timeoutMs }) =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        let last = performance.now();
        const observer = new MutationObserver(() => {
          last = performance.now();
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        const tick = () => {
          const now = performance.now();
          const animating = document.getAnimations().some((animation) => animation.playState === 'running');
          if (animating) last = now;
          if (now - last >= quietMs || now - started >= timeoutMs) {
            observer.disconnect();
            resolve();
          } else setTimeout(tick, 50);
        };
        setTimeout(tick, 50);
      }),
    { quietMs, timeoutMs },
  );
}

/**
 * Checks every distinct URL (without the fragment) the page's main frame navigates to during a test,
 * once the page has settled: full loads and the portal's client-side route changes alike. Checks run
 * one after another in the background; finishTest waits for them and checks the page as it ends when
 * its URL was not checked yet.
 */
/**
 * AXE_EVERY_PAGE=1 turns the every-page check on. It is off by default: on pages that reload while a test acts on
 * them the background check is interrupted, and it can race the test's own steps; the accessibility suite checks
 * its pages itself with checkAccessibility.
 */
const axeEveryPage = process.env.AXE_EVERY_PAGE === '1';

function watchAccessibility(page: Page) {
  const violations: string[] = [];
  let checked = new Set<string>();
  let active = false;
  let queue: Promise<void> = Promise.resolve();
  const key = (url: string) => url.replace(/#.*$/, '');
  const check = async (url: string, attempt = 0): Promise<void> => {
    if (!active || checked.has(key(url)) || page.isClosed()) return;
    try {
      await page.waitForLoadState('load');
      await waitForQuiet(page);
      // The test may have moved on while the page settled: check the page it is on now, once.
      const now = key(page.url());
      if (!now.startsWith('http') || checked.has(now)) return;
      const found = await checkAccessibility(page);
      if (key(page.url()) !== now) return; // navigated away mid-check: the new URL gets its own check
      checked.add(now);
      if (process.env.AXE_DEBUG) console.log(`axe checked ${now}: ${found.length} serious/critical`);
      for (const line of found) if (!violations.includes(line)) violations.push(line);
    } catch (error) {
      if (process.env.AXE_DEBUG) console.log(`axe check of ${url} interrupted: ${String(error)}`);
      // The page navigated while axe ran: check the page it landed on (a few tries at most).
      if (attempt < 3 && !page.isClosed()) await check(page.url(), attempt + 1);
    }
  };
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || !active) return;
    const url = frame.url();
    queue = queue.then(() => check(url));
  });
  return {
    violations,
    startTest() {
      checked = new Set();
      violations.length = 0;
      active = axeEveryPage;
    },
    stop() {
      active = false;
    },
    async finishTest() {
      await queue;
      if (active) await check(page.url());
      active = false;
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
