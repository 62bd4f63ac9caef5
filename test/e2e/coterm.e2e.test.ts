// Co-terming at checkout in a real browser (TRM-5): the provider's admin agent buys a one-year
// subscription billed monthly for a shared customer, then orders two more lines that end with it. Each
// line's "End with" lists the customer's active subscriptions with their commitment end and says what
// choosing one does; a one-month line cannot end a year away, so it stays in the cart with the reason,
// while the one-year line is ordered and its term page shows the first subscription's commitment end.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/modules/commerce/contract.js';
import { connectedPartners, ensureProduct, sharedCustomer, type Parties } from '../helpers/commerce.js';
import type { SignedUp } from '../helpers/client.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();
/** A date as the portal shows it in English (the browser runs in UTC). */
const longDate = (value: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));

describe.skipIf(skip)('co-terming at checkout in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  let parties: Parties;
  let customer: SignedUp;
  let product: Awaited<ReturnType<typeof ensureProduct>>;

  beforeAll(async () => {
    // An active provider and reseller in France, connected, sharing a customer; a product whose E3 SKU
    // has the terms P1M and P1Y and both billing cycles.
    parties = await connectedPartners(portal.server.target, 'FR');
    product = await ensureProduct(portal.server.target, { markets: ['FR'] });
    customer = await sharedCustomer(portal.server.target, parties);
  }, 120_000);

  const testName = 'co-terming: a line ends with an active subscription, and a line that cannot is refused with its reason';
  it(testName, async () => {
    const { page } = portal.browser;
    const subscriptions = async (): Promise<Subscription[]> => (await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`)).body.items;
    /** Opens a dropdown of line `index` and picks the option with `testId` from the open list. */
    const choose = async (index: number, field: string, testId: string) => {
      await page.getByTestId(`checkout-line-${index}-${field}`).click();
      await page.getByRole('listbox').getByTestId(testId).click();
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    };

    await portal.browser.runTest(testName, async () => {
      // The first subscription: E3 for one year, billed monthly. With no subscription yet, no line offers "End with".
      await portal.browser.signIn(parties.providerAgent.email, parties.providerAgent.password);
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/order`);
      await page.getByTestId('checkout-form').waitFor();
      await choose(0, 'offer', `checkout-offer-${product.e3}`);
      await choose(0, 'term', 'checkout-term-P1Y');
      await choose(0, 'cycle', 'checkout-cycle-monthly');
      expect(await page.getByTestId('checkout-line-0-coterm').count()).toBe(0);
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      const [first] = await subscriptions();
      expect([first!.termDuration, first!.billingCycle]).toEqual(['P1Y', 'monthly']);

      // Another order: "End with" defaults to none, with what choosing a subscription does.
      await page.getByTestId('checkout-new-order').click();
      const coterm = page.getByTestId('checkout-line-0-coterm');
      await coterm.waitFor();
      expect(await coterm.textContent()).toBe('No subscription (a full term)');
      expect(await page.getByTestId('checkout-line-0').textContent()).toContain(
        "Optional: the first term then ends on that subscription's commitment end date, and its first billing period, a part of one, is charged pro rata.",
      );
      await coterm.click();
      expect(await page.getByRole('listbox').getByRole('option').allTextContents()).toEqual([
        'No subscription (a full term)',
        `${first!.name} · ends ${longDate(first!.commitmentEndAt)}`,
      ]);
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });

      // Line 1: E3 for one month, ending with the first subscription (a year away: not possible).
      await choose(0, 'offer', `checkout-offer-${product.e3}`);
      await choose(0, 'coterm', `checkout-coterm-${first!.id}`);
      expect(await coterm.textContent()).toBe(`${first!.name} · ends ${longDate(first!.commitmentEndAt)}`);
      expect(await page.getByTestId('checkout-line-0').textContent()).toContain(
        `The first term ends on ${longDate(first!.commitmentEndAt)}; its first billing period is a part of one, charged pro rata.`,
      );
      // Line 2: E3 for one year, billed monthly, ending with the first subscription.
      await page.getByTestId('checkout-add-line').click();
      await choose(1, 'offer', `checkout-offer-${product.e3}`);
      await choose(1, 'term', 'checkout-term-P1Y');
      await choose(1, 'cycle', 'checkout-cycle-monthly');
      await choose(1, 'coterm', `checkout-coterm-${first!.id}`);
      await page.getByTestId('checkout-submit').click();

      // The one-year line is ordered; the one-month line stays in the cart with the reason.
      await page.getByTestId('checkout-partial').waitFor();
      const refusal = page.getByTestId('checkout-line-0-refusal');
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe(
        'This line cannot end with that subscription: it must be active and end within the new term, and billed annually, a whole number of years must remain to its end. Choose another subscription, or none.',
      );
      expect(await page.getByTestId('checkout-line-1').count()).toBe(0);
      const all = await subscriptions();
      expect(all).toHaveLength(2);
      const second = all.find((subscription) => subscription.id !== first!.id)!;
      expect([second.termDuration, second.billingCycle, second.commitmentEndAt]).toEqual(['P1Y', 'monthly', first!.commitmentEndAt]);

      // The new subscription's term page shows the first one's commitment end.
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/subscriptions/${second.id}`);
      await page.getByTestId('subscription-term-page').waitFor();
      const end = page.getByTestId('subscription-term').getByTestId('subscription-term-end');
      await end.waitFor();
      expect(await end.textContent()).toBe(longDate(first!.commitmentEndAt));
    });
  }, 240_000);
});
