// The portal on a phone (390 × 844): a provider with a customer and a reseller signs in; the main lists
// show their rows as stacked cards with no horizontal scroll and no overlapping cells, the top bar's
// menu holds sign-out, and the navigation opens from the menu button.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectedPartners, sharedCustomer, type Parties } from '../helpers/commerce.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

/** No horizontal scroll: neither the document nor the scrolling main area is wider than the window. */
async function expectNoHorizontalScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('[data-testid="main-content"]');
    return {
      document: document.documentElement.scrollWidth,
      window: window.innerWidth,
      main: main ? main.scrollWidth : 0,
      mainClient: main ? main.clientWidth : 0,
    };
  });
  expect(widths.document, 'document scroll width').toBeLessThanOrEqual(widths.window);
  expect(widths.main, 'main area scroll width').toBeLessThanOrEqual(widths.mainClient);
}

/** The table's body rows show as cards: block cells stacked one under another, inside the card, none overlapping. */
async function expectCards(page: Page, tableTestId: string) {
  const problems = await page.evaluate((testId) => {
    const found: string[] = [];
    const table = document.querySelector(`[data-testid="${testId}"]`);
    if (!table) return [`no table ${testId}`];
    const rows = [...table.querySelectorAll(':scope > tbody > tr')] as HTMLElement[];
    if (rows.length === 0) return [`no rows in ${testId}`];
    let labels = 0;
    rows.forEach((row, r) => {
      if (getComputedStyle(row).display !== 'block') found.push(`row ${r} display ${getComputedStyle(row).display}`);
      const box = row.getBoundingClientRect();
      if (box.right > window.innerWidth + 0.5) found.push(`row ${r} runs past the window`);
      const cells = ([...row.children] as HTMLElement[]).filter((cell) => cell.getBoundingClientRect().height > 0);
      cells.forEach((cell, c) => {
        const style = getComputedStyle(cell);
        if (style.display !== 'block') found.push(`row ${r} cell ${c} display ${style.display}`);
        const rect = cell.getBoundingClientRect();
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) found.push(`row ${r} cell ${c} outside its card`);
        if (cell.dataset.label) {
          const before = getComputedStyle(cell, '::before');
          if (before.display !== 'block' || !before.content.includes(cell.dataset.label)) found.push(`row ${r} cell ${c} shows no label`);
          else labels += 1;
        }
        for (const child of [...cell.children] as HTMLElement[]) {
          const inner = child.getBoundingClientRect();
          if (inner.width > 0 && (inner.left < rect.left - 0.5 || inner.right > rect.right + 0.5)) found.push(`row ${r} cell ${c} content overflows`);
        }
        cells.forEach((other, o) => {
          if (o <= c) return;
          const b = other.getBoundingClientRect();
          const overlap = Math.min(rect.bottom, b.bottom) - Math.max(rect.top, b.top) > 0.5 && Math.min(rect.right, b.right) - Math.max(rect.left, b.left) > 0.5;
          if (overlap) found.push(`row ${r} cells ${c} and ${o} overlap`);
        });
      });
      if (cells.length > 1 && box.height < 60) found.push(`row ${r} is ${box.height}px high: cells not stacked`);
    });
    if (labels === 0) found.push(`no cell of ${testId} shows its column's label`);
    return found;
  }, tableTestId);
  expect(problems).toEqual([]);
}

/** Every visible item of the top bar is inside the window and none overlaps another. */
async function expectTopBarFits(page: Page) {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const bar = document.querySelector('[data-testid="top-bar"]') as HTMLElement;
    if (bar.scrollWidth > bar.clientWidth) found.push('top bar overflows');
    const items = ([...bar.children] as HTMLElement[]).map((item) => item.getBoundingClientRect()).filter((rect) => rect.width > 0 && rect.height > 0);
    items.forEach((rect, i) => {
      if (rect.left < 0 || rect.right > window.innerWidth) found.push(`item ${i} outside the window`);
      items.forEach((other, j) => {
        if (j > i && Math.min(rect.right, other.right) - Math.max(rect.left, other.left) > 0.5) found.push(`items ${i} and ${j} overlap`);
      });
    });
    return found;
  });
  expect(problems).toEqual([]);
}

describe.skipIf(skip)('the portal on a phone', () => {
  const portal = usePortal({ locale: 'en-US' });
  let parties: Parties;

  beforeAll(async () => {
    parties = await connectedPartners(portal.server.target, 'FR');
    await sharedCustomer(portal.server.target, parties);
  }, 120_000);

  const testName = 'phone: lists as cards without horizontal scroll, top bar menu with sign-out, navigation from the menu button';
  it(testName, async () => {
    const { page } = portal.browser;
    const { provider } = parties;
    await page.setViewportSize({ width: 390, height: 844 });

    await portal.browser.runTest(testName, async () => {
      await portal.browser.signIn(provider.email, provider.password);
      await expectTopBarFits(page);
      expect(await page.getByTestId('sign-out-button').isVisible()).toBe(false);
      await expectNoHorizontalScroll(page);

      // The navigation is closed on a phone and opens over the page from the menu button.
      expect(await page.getByTestId('left-nav').isVisible()).toBe(false);
      await page.getByTestId('nav-toggle').click();
      await page.getByTestId('left-nav').waitFor();
      await page.getByTestId('nav-customers').click();
      await page.getByTestId('left-nav').waitFor({ state: 'hidden' });

      // Customers: a card per customer; its details open beneath it.
      const customerRow = page.locator('[data-testid^="customer-row-"]').first();
      await customerRow.waitFor();
      await expectNoHorizontalScroll(page);
      await expectCards(page, 'customers-table');
      await page.locator('[data-testid^="customer-expand-"]').first().click();
      await page.locator('[data-testid^="customer-details-"]').first().waitFor();
      await expectNoHorizontalScroll(page);

      // Indirect resellers.
      await page.goto(`${portal.server.url}/relationships/resellers`);
      await page.locator('[data-testid^="reseller-row-"]').first().waitFor();
      await expectNoHorizontalScroll(page);
      await expectCards(page, 'resellers-table');

      // Audit log.
      await page.goto(`${portal.server.url}/audit`);
      await page.getByTestId('audit-row').first().waitFor();
      await expectNoHorizontalScroll(page);
      await expectCards(page, 'audit-table');
      await expectTopBarFits(page);

      // The top bar's menu holds the user and sign-out.
      await page.getByTestId('top-bar-menu').click();
      await page.getByTestId('top-bar-menu-list').waitFor();
      await page.getByTestId('top-bar-menu-sign-out').click();
      await page.getByTestId('sign-in-page').waitFor();
    });
  }, 240_000);
});
