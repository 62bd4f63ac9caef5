// The cart's term and billing cycle in a real browser (ORD-1, ORD-3): the provider's admin agent orders
// for a shared customer; each line offers only the billing cycles its term may be billed in (a one-month
// term monthly only), switching the term keeps the pair valid, and when the server still refuses a pair
// (a request from a portal that paired them otherwise) the reason is shown on the line's billing cycle.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { connectedPartners, ensureProduct, sharedCustomer, type Parties } from '../helpers/commerce.js';
import type { SignedUp } from '../helpers/client.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();

describe.skipIf(skip)('checkout terms and billing cycles in Chromium', () => {
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

  const testName = 'checkout: a one-month term is offered monthly billing only, and a refused pair is explained on the billing cycle';
  it(testName, async () => {
    const { page } = portal.browser;
    const cycle = page.getByTestId('checkout-line-0-cycle');
    const term = page.getByTestId('checkout-line-0-term');
    /** The billing cycles the open list offers. */
    const offeredCycles = async () => {
      await cycle.click();
      await page.getByRole('listbox').waitFor();
      const offered = await page.getByRole('listbox').getByRole('option').allTextContents();
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      return offered;
    };
    const chooseTerm = async (value: string) => {
      await term.click();
      await page.getByTestId(`checkout-term-${value}`).click();
    };

    await portal.browser.runTest(testName, async () => {
      await portal.browser.signIn(parties.providerAgent.email, parties.providerAgent.password);
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/order`);
      await page.getByTestId('checkout-form').waitFor();

      // ORD-3: the first term of E3 is one month, billed monthly only.
      await page.getByTestId('checkout-line-0-offer').click();
      await page.getByTestId(`checkout-offer-${product.e3}`).click();
      expect(await term.textContent()).toBe('1 month');
      expect(await cycle.textContent()).toBe('Monthly');
      expect(await offeredCycles()).toEqual(['Monthly']);

      // A one-year term may be billed monthly or annually; back to one month, the annual cycle gives way.
      await chooseTerm('P1Y');
      expect(await offeredCycles()).toEqual(['Monthly', 'Annual']);
      await cycle.click();
      await page.getByTestId('checkout-cycle-annual').click();
      expect(await cycle.textContent()).toBe('Annual');
      await chooseTerm('P1M');
      expect(await cycle.textContent()).toBe('Monthly');
      expect(await offeredCycles()).toEqual(['Monthly']);

      // A cart that pairs them otherwise (as a portal with other pairs would send it) is refused by the
      // server; the reason is shown on the line's billing cycle, and nothing is ordered.
      const carts = `**/v1/customers/${customer.tenantId}/carts`;
      await page.route(carts, async (route, request: Request) => {
        if (request.method() !== 'POST') return route.continue();
        const body = request.postDataJSON() as { lineItems: { billingCycle: string }[] };
        body.lineItems[0]!.billingCycle = 'annual';
        return route.continue({ postData: JSON.stringify(body) });
      });
      await page.getByTestId('checkout-submit').click();
      const refusal = page.getByTestId('checkout-line-0-cycle-error');
      await refusal.waitFor();
      expect(await refusal.getAttribute('data-code')).toBe('billing_cycle_not_allowed_for_term');
      expect(await refusal.textContent()).toBe('This billing cycle is not offered with this term: a one-month term is billed monthly; a one- or three-year term monthly or annually.');
      expect(await page.locator('[data-testid="checkout-refused"][data-code="billing_cycle_not_allowed_for_term"]').textContent()).toContain('Some fields need your attention.');
      expect((await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`)).body.items).toEqual([]);
      await page.unroute(carts);

      // Sent as the portal pairs them, the order is placed: one month, billed monthly.
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      expect(await page.getByTestId('order-line-1').textContent()).toContain('1 month · Monthly');
      const subscriptions = await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`);
      expect(subscriptions.body.items.map((s: { termDuration: string; billingCycle: string }) => [s.termDuration, s.billingCycle])).toEqual([['P1M', 'monthly']]);

    });
  }, 240_000);
});
