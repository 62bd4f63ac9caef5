// Pricing in a real browser: the operator prepares a month's price list, prices a SKU in the draft and
// publishes it after a confirmation (PRC-1), downloading the entries shown as CSV; a provider writes a
// repricing rule for one reseller and watches the live preview sentence follow the form, each amount the
// server's for the rule being written (PRC-2, PRC-5: exact, half to even), a broader rule overridden by it
// and a clashing one flagged once it is stored, and the amount the server then computes for that reseller;
// in French the page, the rules and the preview's amount read as French, and a rule not yet in force is
// deleted; the reseller then reprices for its customer from its own cost, never seeing the provider's
// (PRC-4). Last, with prices in force this month, the provider orders for the customer and each tier sees
// its own frozen prices (PRC-3).
import { randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PricePreview } from '../../src/modules/pricing/contract.js';
import { testPassword, type SignedUp } from '../helpers/client.js';
import { customerAccepts, tokenOf } from '../helpers/commerce.js';
import { operatorEmail, signInOperator } from '../helpers/operator.js';
import { enrollPartner, type Partner } from '../helpers/partners.js';
import { browserSuiteSkipped, usePortal } from './browser.js';

const skip = browserSuiteSkipped();
const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe.skipIf(skip)('pricing in Chromium', () => {
  const portal = usePortal({ locale: 'en-US' });
  // Price lists are the program's, one per month: this suite works in a year no other test uses.
  const year = String(9200 + randomInt(0, 700));
  const month = `${year}-06`;
  const suffix = randomBytes(3).toString('hex');
  const productName = `Cloud Suite ${suffix}`;
  const resellerName = `Adler IT ${suffix}`;
  let productId: string;
  let provider: Partner;
  let reseller: Partner;
  let customerName: string;
  let customer: SignedUp;

  beforeAll(async () => {
    const t = portal.server.target;
    const operator = await signInOperator(t);
    const product = await operator.post('/v1/operator/products', {
      name: productName,
      description: 'Mail, documents and meetings.',
      skus: [{ skuId: 'STD', name: 'Standard', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 12 }] }],
      markets: ['DE', 'FR'],
    });
    if (product.status !== 201) throw new Error(`product: ${product.text}`);
    productId = product.body.id;
    // A German provider and its reseller, connected (REL-3).
    provider = await enrollPartner(t, { program: 'indirectProvider', country: 'DE', organizationName: `Fabrikam ${suffix}` });
    reseller = await enrollPartner(t, { country: 'DE', organizationName: resellerName });
    const invitation = await provider.client.post('/v1/reseller-invitations', {});
    const accepted = await reseller.client.post(`/v1/invitations/reseller/${tokenOf(invitation.body.link)}/accept`, { confirm: true });
    if (accepted.status !== 201) throw new Error(`connect: ${accepted.text}`);
    // The provider's global admin also orders for customers (ORD-2: admin agents).
    const roles = await provider.client.patch(`/v1/users/${provider.userId}`, { roles: ['globalAdmin', 'adminAgent'] });
    if (roles.status !== 200) throw new Error(`roles: ${roles.text}`);
    expect((await reseller.client.patch('/v1/me', { language: 'en' })).status).toBe(200);
    // A customer of the reseller, with the provider (CUS-2).
    const customerInvitation = await reseller.client.post('/v1/customer-invitations', { type: 'resellerAndProvider', providerRelationshipId: accepted.body.id });
    if (customerInvitation.status !== 201) throw new Error(`customer invitation: ${customerInvitation.text}`);
    customer = await customerAccepts(t, tokenOf(customerInvitation.body.link), 'DE');
    customerName = (await customer.client.get('/v1/me')).body.tenant.name;
  });

  const testName = 'pricing: PRC-1 the operator prepares, prices and publishes a month; PRC-2 a provider reprices for a reseller with a live preview, in French too; PRC-4 the reseller prices from its own cost; PRC-3 each tier sees its frozen prices';
  it(testName, async () => {
    const { page } = portal.browser;
    /** The text of the file a click downloads. */
    const downloaded = async (button: ReturnType<typeof page.getByTestId>) => {
      const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
      return readFile((await file.path())!, 'utf8');
    };
    await portal.browser.runTest(testName, async () => {
      // PRC-1: the operator opens Price lists under Operator and prepares June of the suite's year.
      await portal.browser.signIn(operatorEmail, testPassword);
      await page.getByTestId('nav-price-lists').click();
      await page.getByTestId('price-lists-page').waitFor();
      await page.getByTestId('prepare-price-list').click();
      await page.getByTestId('prepare-month').fill(month);
      await page.getByTestId('prepare-submit').click();
      const detail = page.locator(`[data-testid="price-list-detail"][data-month="${month}"]`);
      await detail.waitFor();
      expect(await page.getByTestId('price-list-title').textContent()).toBe(`Prices for June ${year}`);
      expect(await detail.getAttribute('data-status')).toBe('draft');

      // A price for the SKU, typed as decimal text: list price and provider cost, per user per month.
      await page.getByTestId('add-entry').click();
      await page.getByTestId('entry-dialog').waitFor();
      await page.getByTestId('entry-product').selectOption(productId);
      await page.getByTestId('entry-sku').selectOption('STD');
      await page.getByTestId('entry-term').selectOption('P1M');
      await page.getByTestId('entry-cycle').selectOption('monthly');
      await page.getByTestId('entry-currency').fill('EUR');
      // PRC-5: more decimals than the currency has are refused, never rounded.
      await page.getByTestId('entry-list-price').fill('11.505');
      await page.getByTestId('entry-unit-price').fill('8.52');
      await page.getByTestId('entry-submit').click();
      await page.getByTestId('entry-error').waitFor();
      await page.getByTestId('entry-list-price').fill('11.5');
      await page.getByTestId('entry-submit').click();
      await page.getByTestId('entry-dialog').waitFor({ state: 'detached' });

      // The entries, filtered to the product: the amounts as the API keeps them, formatted in English.
      await page.getByTestId('filter-product').selectOption(productId);
      const row = page.locator(`[data-entry="${productName}|STD|P1M|monthly|EUR"]`);
      await row.waitFor();
      expect(await row.getByTestId('entry-list').textContent()).toBe('€11.50');
      expect(await row.getByTestId('entry-cost').textContent()).toBe('€8.52');
      // Term and cycle filter the page shown; the source, the list's own entries or the marketplace plans.
      await page.getByTestId('filter-cycle').selectOption('annual');
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('filter-cycle').selectOption('');
      await row.waitFor();
      await page.getByTestId('filter-source').selectOption('marketplace');
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('filter-source').selectOption('priceList');
      await row.waitFor();

      // The entries shown, downloaded as CSV with the API's decimal strings.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-entries').click()]);
      expect(download.suggestedFilename()).toBe(`price-list-${month}.csv`);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('source,productId,product,skuId,sku,termDuration,billingCycle,currency,listPrice,providerCost');
      expect(csv).toContain(`priceList,${productId},${productName},STD,Standard,P1M,monthly,EUR,11.50,8.52\r\n`);

      // Published after a confirmation: it never changes again, and no edit is offered any more.
      await page.getByTestId('publish-price-list').click();
      await page.getByTestId('publish-dialog').getByText('can never be changed', { exact: false }).waitFor();
      await page.getByTestId('publish-dialog-confirm').click();
      await page.locator(`[data-testid="price-list-detail"][data-month="${month}"][data-status="published"]`).waitFor();
      expect(await page.getByTestId('add-entry').count()).toBe(0);
      expect(await page.getByTestId('edit-entry').count()).toBe(0);

      // Its price sheet: the month's list price and provider cost per line, from the server.
      const sheet = await downloaded(page.getByTestId('download-price-sheet'));
      expect(sheet).toMatch(new RegExp(`^${month},${productId},${productName},priceList,STD,Standard,P1M,monthly,EUR,11\\.50,8\\.52\\r?$`, 'm'));

      // PRC-1: a partner discount per marketplace offer type, changed and put back (the program's, shared).
      const saas = page.locator('[data-testid="partner-discounts"] [data-offer-type="saas"]');
      const before = (await saas.getByTestId('discount-value').textContent())!;
      const previous = before.replace('%', '');
      await saas.getByTestId('edit-discount').click();
      await page.getByTestId('discount-percent').fill('12.345');
      await page.getByTestId('discount-submit').click();
      await page.getByTestId('discount-dialog').getByText('at most two decimals', { exact: false }).first().waitFor();
      await page.getByTestId('discount-percent').fill('12.5');
      await page.getByTestId('discount-submit').click();
      await saas.getByTestId('discount-value').getByText('12.5%', { exact: true }).waitFor();
      await saas.getByTestId('edit-discount').click();
      await page.getByTestId('discount-percent').fill(previous);
      await page.getByTestId('discount-submit').click();
      await saas.getByTestId('discount-value').getByText(before, { exact: true }).waitFor();
      await portal.browser.signOut();

      // PRC-2: the provider opens Repricing and writes a rule for the one reseller and the product.
      await portal.browser.signIn(provider.email, provider.password);
      await page.getByTestId('nav-repricing').click();
      await page.getByTestId('repricing-page').waitFor();
      await page.getByTestId('create-config').click();
      await page.getByTestId('config-dialog').waitFor();
      await page.getByTestId('config-scope').selectOption('one');
      await page.getByTestId('config-buyer').selectOption({ label: resellerName });
      await page.getByTestId('config-target').selectOption('product');
      await page.getByTestId('config-product').selectOption(productId);
      await page.getByTestId('config-basis').selectOption('cost');
      await page.getByTestId('config-month').fill(month);
      await page.getByTestId('preview-incomplete').getByText('Enter the adjustment', { exact: false }).waitFor();

      // The live preview follows the form: 8 % on the cost of €8.52 is €9.2016, so €9.20 …
      const sentence = page.getByTestId('preview-sentence');
      await page.getByTestId('config-percent').fill('8');
      await sentence.getByText('€9.20', { exact: false }).waitFor();
      expect(await sentence.textContent()).toBe(`${resellerName} pays €9.20 per user per month for ${productName} Standard from June ${year}`);
      expect(await page.getByTestId('preview-details').textContent()).toBe('Term: 1 month · Billing: Monthly · Your cost: €8.52 · List price: €11.50');
      // … on the list price €12.42, and a 12.5 % discount on the cost €7.455, half to even €7.46.
      await page.getByTestId('config-basis').selectOption('list');
      await sentence.getByText('€12.42', { exact: false }).waitFor();
      await page.getByTestId('config-basis').selectOption('cost');
      await page.getByTestId('config-percent').fill('-12.5');
      await sentence.getByText('€7.46', { exact: false }).waitFor();
      await page.getByTestId('config-percent').fill('8');
      await sentence.getByText('€9.20', { exact: false }).waitFor();
      await page.getByTestId('config-submit').click();
      await page.getByTestId('config-dialog').waitFor({ state: 'detached' });
      const rule = page.locator(`[data-config="${resellerName}|${productName}|${month}"]`);
      await rule.waitFor();
      expect(await rule.getByTestId('config-adjustment-cell').textContent()).toBe('Markup of 8%');

      // The preview is the server's answer for the config being written (draft* parameters): a rule for
      // all resellers and products is overridden there by the reseller's product rule (€9.20 stays), and
      // a second rule in the product rule's slot and month is one the server would refuse.
      const drafts: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/v1/repricing-configs/preview') && request.url().includes('draftBasis=')) drafts.push(request.url());
      });
      await page.getByTestId('create-config').click();
      await page.getByTestId('config-dialog').waitFor();
      await page.getByTestId('config-month').fill(month);
      await page.getByTestId('preview-buyer').selectOption({ label: resellerName });
      await page.getByTestId('preview-sku').selectOption(`${productId}:STD`);
      await page.getByTestId('config-percent').fill('20');
      await page.getByTestId('preview-overridden').waitFor();
      expect(await sentence.textContent()).toBe(`${resellerName} pays €9.20 per user per month for ${productName} Standard from June ${year}`);
      expect(drafts.some((url) => url.includes('draftPercent=20') && url.includes('draftScope=all') && url.includes('draftTarget=all'))).toBe(true);
      await page.getByTestId('config-scope').selectOption('one');
      await page.getByTestId('config-buyer').selectOption({ label: resellerName });
      await page.getByTestId('config-target').selectOption('product');
      await page.getByTestId('config-product').selectOption(productId);
      await page.locator('[data-testid="preview-problem"][data-code="repricing_conflict"]').waitFor();
      expect(await page.getByTestId('preview-problem').textContent()).toContain('You already have a rule for the same buyers and products from June');
      await page.getByTestId('config-cancel').click();
      await page.getByTestId('config-dialog').waitFor({ state: 'detached' });

      // The server prices the reseller's line as the preview said.
      const query = new URLSearchParams({ tier: 'reseller', buyerTenantId: reseller.tenantId, productId, skuId: 'STD', termDuration: 'P1M', billingCycle: 'monthly', currency: 'EUR', month });
      const priced = await provider.client.request<PricePreview>('GET', `/v1/repricing-configs/preview?${query}`);
      expect(priced.status, priced.text).toBe(200);
      expect(priced.body).toMatchObject({ cost: '8.52', listPrice: '11.50', price: '9.20' });
      // PRC-4: the provider's sheet has its cost and its resellers' prices, never a customer's.
      const providerSheet = (await downloaded(page.getByTestId('download-price-sheet'))).split('\n')[0]!;
      expect(providerSheet).toContain('providerCost');
      expect(providerSheet).toContain('resellerPrice');
      expect(providerSheet).not.toContain('customerPrice');

      // In French: the page, the rule and the preview's amount (9,20 €) read as French.
      expect((await provider.client.patch('/v1/me', { language: 'fr' })).status).toBe(200);
      await page.reload();
      await page.getByTestId('repricing-page').getByText('Tarification', { exact: true }).first().waitFor();
      await rule.waitFor();
      expect(nbsp(await rule.getByTestId('config-adjustment-cell').textContent())).toBe('Majoration de 8 %');
      await page.getByTestId('create-config').click();
      await page.getByTestId('config-scope').selectOption('one');
      await page.getByTestId('config-buyer').selectOption({ label: resellerName });
      await page.getByTestId('config-target').selectOption('sku');
      await page.getByTestId('config-product').selectOption(productId);
      await page.getByTestId('config-month').fill(month);
      await page.getByTestId('config-percent').fill('8');
      await sentence.getByText('9,20', { exact: false }).waitFor();
      expect(nbsp(await sentence.textContent())).toBe(`${resellerName} paie 9,20 € par utilisateur et par mois pour ${productName} Standard à partir de juin ${year}`);
      await page.getByTestId('config-submit').click();
      await page.getByTestId('config-dialog').waitFor({ state: 'detached' });
      const skuRule = page.locator(`[data-config="${resellerName}|${productName} Standard|${month}"]`);
      await skuRule.waitFor();

      // The product's rule has not begun: it may be deleted; the SKU's stays and prices the reseller.
      await rule.getByTestId('delete-config').click();
      await page.getByTestId('delete-config-dialog').getByText('sera supprimée', { exact: false }).waitFor();
      await page.getByTestId('delete-config-dialog-confirm').click();
      await rule.waitFor({ state: 'detached' });
      await skuRule.waitFor();
      await portal.browser.signOut();

      // PRC-2, PRC-4: the reseller reprices for its customers; its cost is its provider's price to it
      // (€9.20), and the provider's own cost (€8.52) appears nowhere on its page.
      await portal.browser.signIn(reseller.email, reseller.password);
      await page.getByTestId('nav-repricing').click();
      await page.getByTestId('repricing-page').getByText('What your customers pay you', { exact: false }).waitFor();
      await page.getByTestId('create-config').click();
      await page.getByTestId('config-dialog').waitFor();
      await page.getByTestId('preview-buyer').selectOption({ label: customerName });
      await page.getByTestId('preview-sku').selectOption(`${productId}:STD`);
      await page.getByTestId('config-month').fill(month);
      await page.getByTestId('config-percent').fill('10');
      await sentence.getByText('€10.12', { exact: false }).waitFor();
      expect(await sentence.textContent()).toBe(`${customerName} pays €10.12 per user per month for ${productName} Standard from June ${year}`);
      expect(await page.getByTestId('preview-details').textContent()).toBe('Term: 1 month · Billing: Monthly · Your cost: €9.20 · List price: €11.50');
      expect(await page.content()).not.toContain('8.52');
      await page.getByTestId('config-cancel').click();
      // Its sheet has its own cost and its customers' prices, never the provider's cost.
      const resellerSheet = (await downloaded(page.getByTestId('download-price-sheet'))).split('\n')[0]!;
      expect(resellerSheet).toContain('resellerCost');
      expect(resellerSheet).toContain('customerPrice');
      expect(resellerSheet).not.toContain('providerCost');
      await portal.browser.signOut();

      // PRC-3, PRC-4: prices in force this month, fixed for the SKU at both tiers (the tenants are this
      // suite's own): the provider sells to the reseller at €10.00, the reseller to the customer at €13.50.
      const thisMonth = new Date().toISOString().slice(0, 7);
      const fixed = { productId, skuId: 'STD', basis: 'list', currency: 'EUR', effectiveMonth: thisMonth } as const;
      expect((await provider.client.post('/v1/repricing-configs', { ...fixed, tier: 'reseller', buyerTenantId: reseller.tenantId, unitPrice: '10.00' })).status).toBe(201);
      expect((await reseller.client.post('/v1/repricing-configs', { ...fixed, tier: 'customer', buyerTenantId: customer.tenantId, unitPrice: '13.50' })).status).toBe(201);

      // The provider's admin agent orders for the customer: the cart shows its cost and the reseller's
      // price for the line, the total at the reseller's price; the order line keeps them.
      expect((await provider.client.patch('/v1/me', { language: 'en' })).status).toBe(200);
      await portal.browser.signIn(provider.email, provider.password);
      await page.goto(`${portal.server.url}/customers/${customer.tenantId}/order`);
      await page.getByTestId('checkout-page').waitFor();
      await page.getByTestId('checkout-line-0-offer').click();
      await page.getByTestId(`checkout-offer-${productId}:STD`).click();
      await page.getByTestId('checkout-line-0-term').click();
      await page.getByTestId('checkout-term-P1M').click();
      const quantity = page.getByTestId('checkout-line-0-quantity');
      await quantity.fill('3');
      await quantity.press('Tab');
      await page.getByTestId('checkout-line-0-price').getByText('reseller pays €10.00', { exact: false }).waitFor();
      expect(await page.getByTestId('checkout-total').textContent()).toBe('Estimated total: €30.00');
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('checkout-done').waitFor();
      const orderPrices = page.getByTestId('order-line-1-prices');
      expect(await orderPrices.getAttribute('data-audience')).toBe('provider');
      expect(await orderPrices.textContent()).toContain('Reseller pays €10.00');
      expect(await orderPrices.textContent()).not.toContain('€13.50');
      await portal.browser.signOut();

      // The customer sees its own price only.
      await portal.browser.signIn(customer.email, customer.password);
      await page.getByTestId('nav-customer-subscriptions').click();
      const customerPrices = page.getByTestId('subscription-prices').first();
      await customerPrices.waitFor();
      expect(await customerPrices.getAttribute('data-audience')).toBe('customer');
      expect(await customerPrices.textContent()).toBe('€13.50 per license');
      expect(await page.content()).not.toContain('€10.00');
    });
  }, 240_000);
});
