// Keyboard and screen-reader basics of the portal in a real browser: the skip link is the first stop
// of the Tab order and moves focus to the main content, every control shows where the focus is, and
// axe finds no serious or critical violation on the pages visited (runTest checks each of them).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signUp, type SignedUp } from '../helpers/client.js';
import { browserSuiteSkipped, checkAccessibility, usePortal, waitForQuiet } from './browser.js';

/** Moves the keyboard's starting point to the top of the document, as on a fresh page load. */
async function focusFromTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const marker = document.createElement('span');
    marker.tabIndex = -1;
    document.body.prepend(marker);
    marker.focus();
    marker.remove();
  });
}

/** Presses Tab from the top of the page: the skip link takes focus, shows, and Enter focuses main. */
async function expectSkipLink(page: Page): Promise<void> {
  await focusFromTop(page);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  expect(focused).toBe('skip-link');
  const box = await page.getByTestId('skip-link').boundingBox();
  expect(box && box.width > 10 && box.height > 10, 'the skip link is visible when focused').toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
}

/** Whether the focused element draws a focus indicator: an outline, a box shadow, or Fluent's ::after ring. */
async function focusIndicator(page: Page): Promise<{ element: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { element: 'body', visible: false };
    const drawn = (style: CSSStyleDeclaration) =>
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow !== 'none' && style.boxShadow !== '');
    const visible =
      drawn(getComputedStyle(element)) ||
      drawn(getComputedStyle(element, '::after')) ||
      drawn(getComputedStyle(element, '::before')) ||
      // Some Fluent controls (radio, checkbox, input) draw the ring on a wrapping element.
      (element.parentElement !== null && (drawn(getComputedStyle(element.parentElement)) || drawn(getComputedStyle(element.parentElement, '::after'))));
    const name = element.getAttribute('data-testid') ?? element.getAttribute('aria-label') ?? element.tagName.toLowerCase();
    return { element: name, visible };
  });
}

describe.skipIf(browserSuiteSkipped())('accessibility in Chromium', () => {
  const portal = usePortal();
  let account: SignedUp;

  beforeAll(async () => {
    account = await signUp(portal.server.target);
  });

  const signedOut = 'accessibility: the sign-in page starts with a skip link and has no serious axe violation';
  it(signedOut, async () => {
    const { page } = portal.browser;
    await portal.browser.runTest(signedOut, async () => {
      await page.goto(`${portal.server.url}/signin`);
      await page.getByTestId('sign-in-page').waitFor();
      await waitForQuiet(page);
      expect(await checkAccessibility(page), 'serious or critical axe violations').toEqual([]);
      await expectSkipLink(page);
    });
  });

  const signedIn = 'accessibility: the home page starts with a skip link and every control shows its focus';
  it(signedIn, async () => {
    const { page } = portal.browser;
    await portal.browser.runTest(signedIn, async () => {
      await portal.browser.signIn(account.email, account.password);
      await waitForQuiet(page);
      expect(await checkAccessibility(page), 'serious or critical axe violations').toEqual([]);
      await expectSkipLink(page);

      await focusFromTop(page);
      const missing: string[] = [];
      for (let stop = 0; stop < 15; stop++) {
        await page.keyboard.press('Tab');
        const { element, visible } = await focusIndicator(page);
        if (element === 'body') break;
        if (!visible) missing.push(element);
      }
      expect(missing, 'controls without a visible focus indicator').toEqual([]);
    });
  });
});
