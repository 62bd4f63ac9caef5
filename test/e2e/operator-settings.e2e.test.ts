// The operator's settings pages in a real browser, through the shared list table: the holiday calendar
// edited row by row (ENR-6), the markets with their edit action (MKT-1), the products, and the audit
// log whose records open one at a time to show what changed.
import { describe, expect, it } from 'vitest';
import { testPassword } from '../helpers/client.js';
import { operatorEmail, signInOperator } from '../helpers/operator.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('operator settings in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });

  const testName = 'operator settings: ENR-6 holidays are typed row by row and saved, markets and products list, audit records open one at a time';
  it(testName, async () => {
    const { page } = portal.browser;
    await portal.browser.runTest(testName, async () => {
      const operator = await signInOperator(portal.server.target); // makes sure the program's operator account exists
      // Other suites may change the shared program's calendar too: the count is taken before.
      const earlier = (await operator.get('/v1/audit-records?action=holidays.replaced')).body.totalCount ?? 0;
      await portal.browser.signIn(operatorEmail, testPassword);

      // ENR-6: two days added to the calendar, typed key by key: each row keeps its input's focus
      // while the page updates the row.
      await page.goto(`${portal.server.url}/operator/holidays`);
      await page.getByTestId('holidays-form').waitFor();
      const rows = page.locator('[data-testid^="holiday-row-"]');
      const before = await rows.count();
      for (const [offset, day, name] of [
        [0, '2031-12-25', 'Christmas Day'],
        [1, '2031-12-26', 'Boxing Day'],
      ] as const) {
        const index = before + offset;
        await page.getByTestId('holiday-add').click();
        await page.getByTestId(`holiday-row-${index}`).waitFor();
        await page.getByTestId(`holiday-day-${index}`).fill(day);
        await page.getByTestId(`holiday-name-${index}`).click();
        await page.getByTestId(`holiday-name-${index}`).pressSequentially(name);
        expect(await page.getByTestId(`holiday-name-${index}`).inputValue()).toBe(name);
      }
      await page.getByTestId('holidays-save').click();
      await page.getByTestId('holidays-saved').waitFor();
      await page.reload();
      await page.getByTestId(`holiday-row-${before + 1}`).waitFor();
      expect(await page.getByTestId(`holiday-name-${before}`).inputValue()).toBe('Christmas Day');
      expect(await page.getByTestId(`holiday-name-${before + 1}`).inputValue()).toBe('Boxing Day');

      // Removing a row takes its own values with it; the calendar is saved as it was before.
      await page.getByTestId(`holiday-remove-${before}`).click();
      expect(await page.getByTestId(`holiday-name-${before}`).inputValue()).toBe('Boxing Day');
      await page.getByTestId(`holiday-remove-${before}`).click();
      expect(await rows.count()).toBe(before);
      await page.getByTestId('holidays-save').click();
      await page.getByTestId('holidays-saved').waitFor();

      // MKT-1: each country's region and currency, with its edit action.
      await page.goto(`${portal.server.url}/operator/markets`);
      await page.getByTestId('markets-table').waitFor();
      expect(await page.getByTestId('market-row-FR-currency').textContent()).toBe('EUR');
      expect(await page.getByTestId('market-row-FR-region').textContent()).not.toBe('');
      await page.getByTestId('market-edit-FR').click();
      await page.getByTestId('market-dialog').waitFor();
      expect(await page.getByTestId('market-currency').inputValue()).toBe('EUR');
      await page.getByTestId('market-cancel').click();
      await page.getByTestId('market-dialog').waitFor({ state: 'detached' });

      await page.goto(`${portal.server.url}/operator/products`);
      await page.getByTestId('products-table').waitFor();
      await page.getByTestId('product-add').waitFor();

      // The two saves of the calendar are audited; a record opens to show its before and after,
      // and opening the other closes it.
      await page.goto(`${portal.server.url}/audit`);
      await page.getByTestId('audit-table').waitFor();
      await page.getByTestId('audit-action').fill('holidays.replaced');
      await page.getByTestId('audit-apply').click();
      await page.getByTestId('audit-count').getByText(`Total records: ${earlier + 2}`, { exact: true }).waitFor();
      const details = page.getByTestId('audit-table').getByRole('button', { name: 'Details' });
      const table = page.getByTestId('audit-table');
      await details.nth(0).click();
      await table.getByText('Before', { exact: true }).waitFor();
      expect(await table.locator('pre').count()).toBe(2);
      expect(await table.locator('pre').nth(1).textContent()).not.toContain('Christmas Day');
      await details.nth(1).click();
      expect(await table.locator('[aria-expanded="true"]').count()).toBe(1);
      expect(await details.nth(1).getAttribute('aria-expanded')).toBe('true');
      expect(await table.locator('pre').nth(1).textContent()).toContain('Christmas Day');
      await details.nth(1).click();
      expect(await table.locator('pre').count()).toBe(0);
    });
  });
});
