// A subscription's term page in a real browser (TRM-1 … TRM-4, TRM-6): the provider's admin agent
// buys a one-year subscription billed monthly for a shared customer, opens it from the customer's row
// and sees its term (start, commitment end, term and billing cycle, the next charge), the days left in
// the cancellation window and the seats still refundable with the time their window closes. Reducing
// the seats says, before it is confirmed, what is removed and refunded now and what waits for the
// renewal; a next-term change (another SKU of the product, term, cycle, quantity) is scheduled and
// dropped; the charge history shows the purchase and the refund with the provider's amounts, and the
// customer sees the same lines with its own amount only.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChargeLine, Subscription } from '../../src/modules/commerce/contract.js';
import { connectedPartners, ensureProduct, sharedCustomer, type Parties } from '../helpers/commerce.js';
import type { SignedUp } from '../helpers/client.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();
const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
/** A date as the portal shows it in English (the browser runs in UTC). */
const longDate = (value: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
const euros = (amount: string) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(Number(amount));

/** PRC-4: the amounts of a charge line at the levels one tier sees (the API's answer says which). */
function amountsAs<A extends ChargeLine['amounts']['audience']>(line: ChargeLine, audience: A): Extract<ChargeLine['amounts'], { audience: A }> {
  if (line.amounts.audience !== audience) throw new Error(`charge line ${line.id}: amounts for ${line.amounts.audience}, not ${audience}`);
  return line.amounts as Extract<ChargeLine['amounts'], { audience: A }>;
}

describe.skipIf(skip)('subscription terms in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  let parties: Parties;
  let customer: SignedUp;
  let product: Awaited<ReturnType<typeof ensureProduct>>;

  beforeAll(async () => {
    // An active provider and reseller in France, connected, sharing a customer; a product whose E3 SKU
    // has the terms P1M and P1Y and both billing cycles, and whose E5 SKU P1Y and P3Y billed annually.
    parties = await connectedPartners(portal.server.target, 'FR');
    product = await ensureProduct(portal.server.target, { markets: ['FR'] });
    customer = await sharedCustomer(portal.server.target, parties);
  }, 120_000);

  const testName = 'subscription terms: the term and refundable seats, a reduction explained before it is confirmed, a next term scheduled and dropped, the charge history';
  it(testName, async () => {
    const { page } = portal.browser;
    const subscriptionOf = async (): Promise<Subscription> => {
      const list = await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0];
    };

    await portal.browser.runTest(testName, async () => {
      // The provider's admin agent buys 5 licenses of E3 for one year, billed monthly.
      await portal.browser.signIn(parties.providerAgent.email, parties.providerAgent.password);
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/order`);
      await page.getByTestId('checkout-form').waitFor();
      await page.getByTestId('checkout-line-0-offer').click();
      await page.getByTestId(`checkout-offer-${product.e3}`).click();
      await page.getByTestId('checkout-line-0-term').click();
      await page.getByTestId('checkout-term-P1Y').click();
      await page.getByTestId('checkout-line-0-cycle').click();
      await page.getByTestId('checkout-cycle-monthly').click();
      const quantity = page.getByTestId('checkout-line-0-quantity');
      await quantity.fill('5');
      await quantity.press('Tab');
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      const bought = await subscriptionOf();
      expect([bought.termDuration, bought.billingCycle, bought.quantity, bought.refundableQuantity]).toEqual(['P1Y', 'monthly', 5, 5]);
      expect(bought.nextChargeAt).not.toBeNull();

      // The customer's row lists it with the end of its term; its name opens the term page.
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${customer.tenantId}`).click();
      const row = page.getByTestId(`subscription-row-${bought.id}`);
      await row.waitFor();
      expect(await row.getByTestId('subscription-term-end').textContent()).toBe(`Term ends ${longDate(bought.commitmentEndAt)}`);
      await row.getByTestId(`subscription-open-${bought.id}`).click();
      await page.getByTestId('subscription-term-page').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/customers/${customer.tenantId}/subscriptions/${bought.id}`);

      // TRM-1, TRM-2, TRM-6: the term, its billing, the next charge and the days left to cancel.
      const term = page.getByTestId('subscription-term');
      expect(await term.getByTestId('subscription-status').getAttribute('data-status')).toBe('active');
      expect(await term.getByTestId('subscription-term-duration').textContent()).toBe('1 year');
      expect(await term.getByTestId('subscription-term-cycle').textContent()).toBe('Monthly');
      expect(await term.getByTestId('subscription-term-start').textContent()).toBe(longDate(bought.termStartAt));
      expect(await term.getByTestId('subscription-term-end').textContent()).toBe(longDate(bought.commitmentEndAt));
      expect(await term.getByTestId('subscription-next-charge').textContent()).toBe(longDate(bought.nextChargeAt!));
      const cancellation = term.getByTestId('subscription-cancellation');
      expect(nbsp(await cancellation.textContent())).toMatch(/^Possible until .+ · days left: 7$/);
      expect(await page.getByTestId('subscription-term-cancel').isVisible()).toBe(true);

      // TRM-3: all five seats are still within their 168-hour window.
      const seats = page.getByTestId('subscription-seats');
      expect(await seats.getByTestId('subscription-seats-quantity').textContent()).toBe('0 of 5 assigned');
      expect(await seats.getByTestId('subscription-refundable').textContent()).toBe('5');
      const window = seats.getByTestId('seat-window-0');
      expect(await window.getByTestId('seat-window-quantity').textContent()).toBe('5');
      expect(await window.getByTestId('seat-window-days').textContent()).toBe('7');
      expect(nbsp(await window.getByTestId('seat-window-closes').textContent())).toContain(String(new Date(bought.refundableQuantities[0]!.windowClosesAt).getUTCFullYear()));
      expect(await page.getByTestId('subscription-next-term-none').textContent()).toBe(`Nothing is scheduled: the renewal on ${longDate(bought.commitmentEndAt)} keeps the current term.`);

      // TRM-3: reducing to 3 says, before it is confirmed, that 2 go now with a refund and nothing waits.
      await page.getByTestId('subscription-term-quantity').click();
      const dialog = page.getByTestId('subscription-quantity-dialog');
      await dialog.waitFor();
      const input = page.getByTestId('subscription-quantity-input');
      await input.fill('3');
      await input.press('Tab');
      const effect = page.getByTestId('subscription-quantity-effect');
      await effect.waitFor();
      expect(await effect.getAttribute('data-kind')).toBe('reduction');
      expect(await page.getByTestId('subscription-quantity-effect-now').textContent()).toBe(
        `Removed now and refunded pro rata until ${longDate(bought.nextChargeAt!)}: 2 (licenses still within their 168-hour window). Licenses from now on: 3.`,
      );
      expect(await page.getByTestId('subscription-quantity-effect-renewal').textContent()).toBe('Nothing is scheduled for the renewal.');
      expect(await page.getByTestId('subscription-quantity-save').textContent()).toBe('Reduce licenses');
      // Nothing has changed yet.
      expect((await subscriptionOf()).quantity).toBe(5);
      await page.getByTestId('subscription-quantity-save').click();
      await dialog.waitFor({ state: 'detached' });
      await seats.getByTestId('subscription-seats-quantity').getByText('0 of 3 assigned').waitFor();
      expect(await seats.getByTestId('subscription-refundable').textContent()).toBe('3');
      const reduced = await subscriptionOf();
      expect([reduced.quantity, reduced.refundableQuantity, reduced.scheduledChanges]).toEqual([3, 3, null]);

      // TRM-1: the next term moves to E5 for three years, billed annually (E5 is billed annually only), 4 seats.
      await page.getByTestId('subscription-next-term-edit').click();
      const nextTerm = page.getByTestId('subscription-next-term-dialog');
      await nextTerm.waitFor();
      await page.getByTestId('subscription-next-term-sku').click();
      await page.getByTestId('subscription-next-term-sku-E5').click();
      expect(await page.getByTestId('subscription-next-term-cycle').textContent()).toBe('Annual');
      await page.getByTestId('subscription-next-term-term').click();
      await page.getByTestId('subscription-next-term-term-P3Y').click();
      const nextQuantity = page.getByTestId('subscription-next-term-quantity');
      await nextQuantity.fill('4');
      await nextQuantity.press('Tab');
      await page.getByTestId('subscription-next-term-save').click();
      await nextTerm.waitFor({ state: 'detached' });
      const scheduled = page.getByTestId('subscription-scheduled-changes');
      await scheduled.waitFor();
      expect(await scheduled.getByTestId('subscription-scheduled-sku').textContent()).toBe('E3 → E5');
      expect(await scheduled.getByTestId('subscription-scheduled-quantity').textContent()).toBe('3 → 4');
      expect(await scheduled.getByTestId('subscription-scheduled-term').textContent()).toBe('1 year → 3 years');
      expect(await scheduled.getByTestId('subscription-scheduled-cycle').textContent()).toBe('Monthly → Annual');
      expect((await subscriptionOf()).scheduledChanges).toEqual({ quantity: 4, termDuration: 'P3Y', billingCycle: 'annual', skuId: 'E5' });

      // Dropped after a confirmation that says what the renewal then keeps.
      await page.getByTestId('subscription-next-term-drop').click();
      const drop = page.getByTestId('subscription-drop-changes-dialog');
      await drop.waitFor();
      expect(await drop.textContent()).toContain(`The renewal on ${longDate(bought.commitmentEndAt)} then keeps the current term: 3 licenses, 1 year, billing Monthly.`);
      await page.getByTestId('subscription-drop-changes-dialog-confirm').click();
      await drop.waitFor({ state: 'detached' });
      await page.getByTestId('subscription-next-term-none').waitFor();
      expect((await subscriptionOf()).scheduledChanges).toBeNull();

      // TRM-6: the purchase and the refund, with the provider's amounts (credits negative).
      const charges: ChargeLine[] = (await parties.providerAgent.client.get(`/v1/customers/${customer.tenantId}/subscriptions/${bought.id}/charges`)).body.items;
      expect(charges.map((line) => line.chargeType)).toEqual(['purchase', 'refund']);
      const [purchase, refund] = charges as [ChargeLine, ChargeLine];
      const purchaseAmounts = amountsAs(purchase, 'provider');
      const refundAmounts = amountsAs(refund, 'provider');
      const table = page.getByTestId('subscription-charges');
      await table.getByTestId(`charge-line-${refund.id}`).waitFor();
      expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')))).toEqual(['purchase', 'refund']);
      const purchaseRow = table.getByTestId(`charge-line-${purchase.id}`);
      expect(await purchaseRow.getByTestId('charge-type').textContent()).toBe('Purchase');
      expect(await purchaseRow.getByTestId('charge-quantity').textContent()).toBe('5');
      expect(await purchaseRow.getByTestId('charge-period').textContent()).toBe(`${longDate(purchase.periodStart)} to ${longDate(purchase.periodEnd)}`);
      expect(await purchaseRow.getByTestId('charge-days').textContent()).toBe(`${purchase.chargedDays} of ${purchase.periodDays}`);
      expect(nbsp(await purchaseRow.getByTestId('charge-amount-listPrice').textContent())).toBe(euros(purchaseAmounts.listPrice));
      expect(nbsp(await purchaseRow.getByTestId('charge-amount-providerCost').textContent())).toBe(euros(purchaseAmounts.providerCost));
      expect(nbsp(await purchaseRow.getByTestId('charge-amount-resellerPrice').textContent())).toBe(euros(purchaseAmounts.resellerPrice));
      const refundRow = table.getByTestId(`charge-line-${refund.id}`);
      expect(await refundRow.getByTestId('charge-type').textContent()).toBe('Refund');
      expect(await refundRow.getByTestId('charge-quantity').textContent()).toBe('2');
      expect(refundAmounts.resellerPrice).toMatch(/^-/);
      expect(nbsp(await refundRow.getByTestId('charge-amount-resellerPrice').textContent())).toBe(euros(refundAmounts.resellerPrice));
      await portal.browser.signOut();

      // The customer opens the same term page from its own subscriptions: the lines with its amount only.
      await portal.browser.signIn(customer.email, customer.password);
      await page.getByTestId('nav-customer-subscriptions').click();
      await page.getByTestId(`subscription-open-${bought.id}`).click();
      await page.getByTestId('subscription-term-page').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/subscriptions/${bought.id}`);
      const own = page.getByTestId('subscription-charges');
      await own.getByTestId(`charge-line-${refund.id}`).waitFor();
      const customerCharges: ChargeLine[] = (await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions/${bought.id}/charges`)).body.items;
      const customerRefund = amountsAs(customerCharges[1]!, 'customer');
      expect(customerRefund.customerPrice).toMatch(/^-/);
      expect(nbsp(await own.getByTestId(`charge-line-${refund.id}`).getByTestId('charge-amount-customerPrice').textContent())).toBe(euros(customerRefund.customerPrice));
      expect(await own.getByTestId('charge-amount-providerCost').count()).toBe(0);
      expect(await page.getByTestId('subscription-term-quantity').count()).toBe(0);
      expect(await page.getByTestId('subscription-next-term-edit').count()).toBe(0);
    });
  }, 240_000);
});
