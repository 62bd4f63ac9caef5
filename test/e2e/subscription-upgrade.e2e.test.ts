// Upgrades between SKUs in a real browser (TRM-5): the operator gives a product an upgrade path in the
// products editor (a path leading back is refused at its own row); the provider's admin agent buys the
// lower SKU for a shared customer, opens the subscription, sees the SKU it may move up to, reads what
// the upgrade does before confirming it, and moves part of the seats. The portal opens the new
// subscription, with its upgradeCharge line; the old one keeps the other seats and shows the
// upgradeCredit line.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChargeLine, Subscription } from '../../src/modules/commerce/contract.js';
import { connectedPartners, sharedCustomer, type Parties } from '../helpers/commerce.js';
import { testPassword, type Client, type SignedUp } from '../helpers/client.js';
import { operatorEmail, signInOperator } from '../helpers/operator.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();
const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
/** A date as the portal shows it in English (the browser runs in UTC). */
const longDate = (value: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
const euros = (amount: string) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(Number(amount));

/** PRC-4: the provider's amounts of a charge line (the API's answer says whose they are). */
function providerAmounts(line: ChargeLine): Extract<ChargeLine['amounts'], { audience: 'provider' }> {
  if (line.amounts.audience !== 'provider') throw new Error(`charge line ${line.id}: amounts for ${line.amounts.audience}, not the provider`);
  return line.amounts;
}

describe.skipIf(skip)('subscription upgrades in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  let operator: Client;
  let parties: Parties;
  let customer: SignedUp;
  let productId: string;

  beforeAll(async () => {
    // An active provider and reseller in France, connected, sharing a customer; a product of the
    // operator with two SKUs offering the same terms and cycles, and no upgrade path yet.
    parties = await connectedPartners(portal.server.target, 'FR');
    customer = await sharedCustomer(portal.server.target, parties);
    operator = await signInOperator(portal.server.target);
    const sku = (skuId: string, name: string, unitPrice: number) => ({
      skuId,
      name,
      termDurations: ['P1Y' as const],
      billingCycles: ['monthly' as const, 'annual' as const],
      prices: [{ currency: 'EUR', unitPrice }],
    });
    const created = await operator.post('/v1/operator/products', {
      name: `Workplace ${randomBytes(3).toString('hex')}`,
      description: 'Mail and meetings.',
      skus: [sku('STD', 'Standard', 12), sku('PRO', 'Professional', 30)],
      markets: ['FR'],
    });
    if (created.status !== 201) throw new Error(`product: ${created.text}`);
    productId = created.body.id;
    expect(created.body.upgradePaths).toEqual([]);
  }, 120_000);

  const testName = 'subscription upgrades: an upgrade path defined by the operator, part of the seats moved after the effect is read, both subscriptions charged';
  it(testName, async () => {
    const { page } = portal.browser;
    const subscriptions = async (): Promise<Subscription[]> => (await customer.client.get(`/v1/customers/${customer.tenantId}/subscriptions`)).body.items;
    const chargesOf = async (subscriptionId: string): Promise<ChargeLine[]> =>
      (await parties.providerAgent.client.get(`/v1/customers/${customer.tenantId}/subscriptions/${subscriptionId}/charges`)).body.items;
    const upgradePaths = async () => (await operator.get('/v1/operator/products')).body.items.find((item) => item.id === productId)!.upgradePaths;
    const choose = async (dropdown: string, option: string) => {
      await page.getByTestId(dropdown).click();
      await page.getByTestId(option).click();
    };

    await portal.browser.runTest(testName, async () => {
      // TRM-5: the operator adds Standard → Professional, and Professional → Standard, which leads back.
      await portal.browser.signIn(operatorEmail, testPassword);
      await page.goto(`${portal.server.url}/operator/products`);
      await page.getByTestId(`product-edit-${productId}`).click();
      const dialog = page.getByTestId('product-dialog');
      await dialog.waitFor();
      await page.getByTestId('product-add-upgrade-path').click();
      await choose('product-upgrade-path-0-from', 'product-upgrade-path-0-from-0');
      await choose('product-upgrade-path-0-to', 'product-upgrade-path-0-to-1');
      await page.getByTestId('product-add-upgrade-path').click();
      await choose('product-upgrade-path-1-from', 'product-upgrade-path-1-from-1');
      await choose('product-upgrade-path-1-to', 'product-upgrade-path-1-to-0');
      expect(await page.getByTestId('product-upgrade-path-0-from').textContent()).toBe('Standard (STD)');
      expect(await page.getByTestId('product-upgrade-path-1-from').textContent()).toBe('Professional (PRO)');
      await page.getByTestId('product-save').click();

      // The refusal (422 upgrade_path_invalid at /upgradePaths/1) is shown at the second row only.
      const refused = 'Each upgrade path must join two different SKUs of this product, once, and never lead back to where it started.';
      await page.getByTestId('product-upgrade-path-1').getByText(refused).waitFor();
      expect(await page.getByTestId('product-upgrade-path-0').getByText(refused).count()).toBe(0);
      expect(await page.getByTestId('product-upgrade-path-1-from').getAttribute('aria-invalid')).toBe('true');
      expect(await upgradePaths()).toEqual([]);

      // Removed, the path that leads back is not sent; the one left is saved and listed.
      await page.getByTestId('product-upgrade-path-1-remove').click();
      expect(await page.getByTestId('product-upgrade-path-1').count()).toBe(0);
      await page.getByTestId('product-save').click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId(`product-row-${productId}-upgrade-paths`).textContent()).toBe('Standard → Professional');
      expect(await upgradePaths()).toEqual([{ fromSkuId: 'STD', toSkuId: 'PRO' }]);
      await portal.browser.signOut();

      // The provider's admin agent buys 5 licenses of Standard for one year, billed monthly.
      await portal.browser.signIn(parties.providerAgent.email, parties.providerAgent.password);
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/order`);
      await page.getByTestId('checkout-form').waitFor();
      await choose('checkout-line-0-offer', `checkout-offer-${productId}:STD`);
      await choose('checkout-line-0-term', 'checkout-term-P1Y');
      await choose('checkout-line-0-cycle', 'checkout-cycle-monthly');
      const quantity = page.getByTestId('checkout-line-0-quantity');
      await quantity.fill('5');
      await quantity.press('Tab');
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      const [bought] = await subscriptions();
      expect([bought!.skuId, bought!.quantity, bought!.termDuration, bought!.billingCycle]).toEqual(['STD', 5, 'P1Y', 'monthly']);
      const periodEnd = longDate(bought!.nextChargeAt!);

      // Its term page lists Professional among the upgrade options.
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${customer.tenantId}`).click();
      await page.getByTestId(`subscription-open-${bought!.id}`).click();
      await page.getByTestId('subscription-term-page').waitFor();
      const options = page.getByTestId('subscription-upgrade-options');
      await options.waitFor();
      expect(await options.locator('li').allTextContents()).toEqual(['Professional']);
      expect(await page.getByTestId('subscription-upgrade-option-PRO').textContent()).toBe('Professional');

      // The dialog starts with the one option and all the seats, and says the subscription is then closed.
      await page.getByTestId('subscription-upgrade').click();
      const upgrade = page.getByTestId('subscription-upgrade-dialog');
      await upgrade.waitFor();
      expect(await page.getByTestId('subscription-upgrade-sku').textContent()).toBe('Professional');
      const seats = page.getByTestId('subscription-upgrade-quantity');
      expect(await seats.inputValue()).toBe('5');
      const effect = page.getByTestId('subscription-upgrade-effect');
      expect(await effect.getAttribute('data-closes')).toBe('true');
      expect(await page.getByTestId('subscription-upgrade-effect-rest').textContent()).toBe('All licenses move: this subscription is closed once the upgrade is done.');

      // Moving 2 of the 5: what moves, what is credited and charged until when, the licences, what stays.
      await seats.fill('2');
      await seats.press('Tab');
      await page.locator('[data-testid="subscription-upgrade-effect"][data-closes="false"]').waitFor();
      expect(await page.getByTestId('subscription-upgrade-effect-move').textContent()).toBe(
        `Licenses moved to Professional: 2, in a new subscription that keeps this term: the commitment end date (${longDate(bought!.commitmentEndAt)}) and the billing periods stay the same.`,
      );
      expect(await page.getByTestId('subscription-upgrade-effect-credit').textContent()).toBe(
        `${bought!.name} is credited pro rata for these licenses from now until ${periodEnd}, the end of the current billing period.`,
      );
      expect(await page.getByTestId('subscription-upgrade-effect-charge').textContent()).toBe(`Professional is charged pro rata for them until ${periodEnd}, at its own prices.`);
      expect(await page.getByTestId('subscription-upgrade-effect-licenses').textContent()).toBe('Assignments to users move with the licenses; no license is assigned now.');
      expect(await page.getByTestId('subscription-upgrade-effect-rest').textContent()).toBe(`Licenses staying on ${bought!.name} in this subscription: 3.`);
      // Nothing has moved yet.
      expect((await subscriptions()).map((item) => [item.id, item.quantity])).toEqual([[bought!.id, 5]]);
      await page.getByTestId('subscription-upgrade-confirm').click();

      // The new subscription's page opens: 2 seats of Professional in the same term, its upgradeCharge line.
      await upgrade.waitFor({ state: 'detached' });
      const after = await subscriptions();
      expect(after).toHaveLength(2);
      const to = after.find((item) => item.id !== bought!.id)!;
      const from = after.find((item) => item.id === bought!.id)!;
      expect([to.skuId, to.quantity, to.termStartAt, to.commitmentEndAt, to.nextChargeAt]).toEqual(['PRO', 2, bought!.termStartAt, bought!.commitmentEndAt, bought!.nextChargeAt]);
      expect([from.status, from.quantity]).toEqual(['active', 3]);
      await page.waitForURL((url) => url.pathname === `/customers/${customer.tenantId}/subscriptions/${to.id}`);
      const newSeats = page.getByTestId('subscription-seats-quantity');
      await newSeats.getByText('0 of 2 assigned').waitFor();
      expect(await page.getByTestId('subscription-term-end').textContent()).toBe(longDate(bought!.commitmentEndAt));
      const [charge] = await chargesOf(to.id);
      expect([charge!.chargeType, charge!.quantity]).toEqual(['upgradeCharge', 2]);
      const chargeRow = page.getByTestId('subscription-charges').getByTestId(`charge-line-${charge!.id}`);
      await chargeRow.waitFor();
      expect(await chargeRow.getAttribute('data-type')).toBe('upgradeCharge');
      expect(await chargeRow.getByTestId('charge-type').textContent()).toBe('Upgrade charge');
      expect(await chargeRow.getByTestId('charge-quantity').textContent()).toBe('2');
      expect(nbsp(await chargeRow.getByTestId('charge-amount-resellerPrice').textContent())).toBe(euros(providerAmounts(charge!).resellerPrice));

      // The customer's list shows both; the old subscription has 3 seats left and its upgradeCredit line.
      await page.getByTestId('nav-customers').click();
      await page.getByTestId(`customer-expand-${customer.tenantId}`).click();
      await page.getByTestId(`subscription-row-${to.id}`).waitFor();
      await page.getByTestId(`subscription-open-${bought!.id}`).click();
      await page.waitForURL((url) => url.pathname === `/customers/${customer.tenantId}/subscriptions/${bought!.id}`);
      await page.getByTestId('subscription-seats-quantity').getByText('0 of 3 assigned').waitFor();
      const fromCharges = await chargesOf(bought!.id);
      expect(fromCharges.map((line) => line.chargeType)).toEqual(['purchase', 'upgradeCredit']);
      const credit = fromCharges[1]!;
      const creditRow = page.getByTestId('subscription-charges').getByTestId(`charge-line-${credit.id}`);
      await creditRow.waitFor();
      expect(await creditRow.getAttribute('data-type')).toBe('upgradeCredit');
      expect(await creditRow.getByTestId('charge-type').textContent()).toBe('Upgrade credit');
      expect(await creditRow.getByTestId('charge-quantity').textContent()).toBe('2');
      expect(providerAmounts(credit).resellerPrice).toMatch(/^-/);
      expect(nbsp(await creditRow.getByTestId('charge-amount-resellerPrice').textContent())).toBe(euros(providerAmounts(credit).resellerPrice));
    });
  }, 240_000);
});
