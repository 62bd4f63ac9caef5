// Partner discounts, marketplace plans in the price lists (PRC-1) and price sheets (PRC-4) through HTTP
// on a real database: the operator sets a discount per offer type and a marketplace plan's cost follows
// it; each tier's sheet has its own buy and sell prices only, and the same prices the preview (and so
// checkout) gives.
import { randomInt } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Collection, Problem } from '../../platform/contract.js';
import { addUser, signUp, type Client, type RequestBody, type SignedUp } from '../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, sharedCustomer, tokenOf } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrolledPublisher, enrollPartner } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import type { OperatorPriceSheetRow, PartnerDiscount, PartnerDiscounts, PriceList, PriceListEntry, PriceListEntryBody, PricePreview, ProviderPriceSheetRow, ResellerPriceSheetRow } from './contract.js';
import { priceSheetColumns } from './operations/price-sheet.js';
import { compareEntryKeys, monthOf } from './rules.js';

type Answer<T> = T & Partial<Omit<Problem, keyof T>>;
const call = <T = unknown>(client: Client, method: string, path: string, body?: unknown) => client.request<Answer<T>>(method, path, body === undefined ? {} : { body });

let nextYear = 2100 + randomInt(0, 7000);
/** A year no other test uses: its months are this test's own (price lists are the program's). */
const freshYear = () => String(nextYear++);

type OfferType = RequestBody<'/v1/offers', 'post'>['type'];
const plans: RequestBody<'/v1/offers/{id}/plans', 'put'> = [
  { planId: 'standard', name: 'Standard', licenseModel: 'payg', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 10 }, { currency: 'USD', unitPrice: 11 }], markets: ['FR', 'DE', 'US'] },
];
const listing = {
  summary: 'Field service scheduling',
  description: 'Schedules technicians.',
  supportContact: { email: 'support@isv.example.com', phone: '+1 425 555 0100', url: 'https://isv.example.com/support' },
  cspMaterials: { salesMaterialsUrl: 'https://isv.example.com/partners/kit', channelContact: { name: 'Channel Team', email: 'channel@isv.example.com', phone: '+1 425 555 0101' } },
};

/** A live marketplace offer of this type with one plan (EUR 10, USD 11; P1M and P1Y; monthly and annual). */
async function liveOffer(publisher: SignedUp, type: OfferType): Promise<string> {
  const created = await publisher.client.post('/v1/offers', { type, name: `Offer ${randomInt(0, 1e9)}` });
  expect(created.status, created.text).toBe(201);
  const withPlans = await publisher.client.put(`/v1/offers/${created.body.id}/plans`, plans, { headers: { 'if-match': created.headers.get('etag')! } });
  expect(withPlans.status, withPlans.text).toBe(200);
  const withListing = await publisher.client.put(`/v1/offers/${created.body.id}/listing`, listing, { headers: { 'if-match': withPlans.headers.get('etag')! } });
  expect(withListing.status, withListing.text).toBe(200);
  const published = await publisher.client.post(`/v1/offers/${created.body.id}/publish`);
  expect(published.status, published.text).toBe(200);
  return created.body.id as string;
}

const setDiscount = (client: Client, offerType: string, percent: unknown) => call<PartnerDiscount>(client, 'PUT', `/v1/operator/partner-discounts/${offerType}`, { percent });

/** A sheet in JSON: its rows, its headers. */
async function jsonSheet<T>(client: Client, query: Record<string, string>) {
  const response = await call<T[]>(client, 'GET', `/v1/price-sheets?${new URLSearchParams({ ...query, format: 'json' })}`);
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return { rows: response.body as T[], disposition: response.headers.get('content-disposition') };
}

/** A sheet in CSV: its header line and rows as records. */
async function csvSheet(client: Client, query: Record<string, string>) {
  const response = await client.request('GET', `/v1/price-sheets?${new URLSearchParams(query)}`);
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/csv');
  const header = response.text.split('\n')[0]!;
  return { header, records: parse(response.text, { columns: true }) as Record<string, string>[], text: response.text, disposition: response.headers.get('content-disposition') };
}

const preview = (client: Client, q: Record<string, string>) => call<PricePreview>(client, 'GET', `/v1/repricing-configs/preview?${new URLSearchParams(q)}`);

describe.each(targetKinds())('partner discounts and price sheets on %s', (kind) => {
  describe('partner discounts (PRC-1)', () => {
    it('PRC-1 every offer type is listed (0 when unset); the operator admin sets one, validated, audited with before and after', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const listed = await call<PartnerDiscounts>(operator, 'GET', '/v1/operator/partner-discounts');
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body.items.map((d) => d.offerType)).toEqual(['saas', 'virtualMachine', 'solutionTemplate', 'managedApplication', 'dynamics365BusinessCentral', 'container']);
      for (const item of listed.body.items) expect(item.percent).toMatch(/^\d{1,3}(\.\d{1,2})?$/);
      const before = listed.body.items.find((d) => d.offerType === 'solutionTemplate')!;

      const set = await setDiscount(operator, 'solutionTemplate', '12.5');
      expect(set.status, set.text).toBe(200);
      expect(set.body).toEqual({ offerType: 'solutionTemplate', percent: '12.5', updatedAt: expect.any(String) });
      expect((await call<PartnerDiscounts>(operator, 'GET', '/v1/operator/partner-discounts')).body.items.find((d) => d.offerType === 'solutionTemplate')).toEqual(set.body);
      expect((await setDiscount(operator, 'solutionTemplate', '20.50')).body.percent).toBe('20.5');
      expect((await setDiscount(operator, 'solutionTemplate', '100')).body.percent).toBe('100');
      expect((await setDiscount(operator, 'solutionTemplate', '0')).body.percent).toBe('0');

      // Bad percentages: 400 naming the field, nothing changed.
      for (const percent of ['100.01', '101', '-1', '12.345', 'twelve', '', ' 5', 12]) {
        const refused = await setDiscount(operator, 'solutionTemplate', percent);
        expect([refused.status, refused.body.errors?.[0]?.path], `${JSON.stringify(percent)}: ${refused.text}`).toEqual([400, '/percent']);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await call(operator, 'PUT', '/v1/operator/partner-discounts/solutionTemplate', {})).status).toBe(400);
      const unknownType = await setDiscount(operator, 'webApp', '5');
      expect([unknownType.status, unknownType.body.errors?.[0]?.path], unknownType.text).toEqual([400, '/params/offerType']);
      expect((await call<PartnerDiscounts>(operator, 'GET', '/v1/operator/partner-discounts')).body.items.find((d) => d.offerType === 'solutionTemplate')!.percent).toBe('0');

      // Audited with before and after, in order.
      const audit = await call<Collection<{ resourceId: string; before: { percent: string }; after: { percent: string } }>>(operator, 'GET', '/v1/audit-records?action=partnerDiscount.set&resourceType=partnerDiscount&size=100');
      const ours = audit.body.items.filter((r) => r.resourceId === 'solutionTemplate').slice(0, 4).reverse();
      expect(ours.map((r) => [r.before.percent, r.after.percent])).toEqual([
        [before.percent, '12.5'],
        ['12.5', '20.5'],
        ['20.5', '100'],
        ['100', '0'],
      ]);
    });

    it('PRC-1 the operator’s roles read the discounts, only its admin sets them; partners are refused both', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      for (const role of ['reviewer', 'supportEngineer'] as const) {
        const user = await addUser(t, operator, [role]);
        expect((await call(user.client, 'GET', '/v1/operator/partner-discounts')).status).toBe(200);
        const refused = await setDiscount(user.client, 'container', '5');
        expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
      }
      const provider = await enrollPartner(t, { program: 'indirectProvider' });
      expect((await call(provider.client, 'GET', '/v1/operator/partner-discounts')).status).toBe(403);
      const partner = await setDiscount(provider.client, 'container', '5');
      expect([partner.status, partner.body.code]).toEqual([403, 'forbidden']);
    });
  });

  it('PRC-1 marketplace plans are in the price lists: the publisher’s price, less the partner discount of the offer type; one keyset across both parts', async () => {
    const t = await target(kind);
    const operator = await signInOperator(t);
    const publisher = await enrolledPublisher(t);
    expect((await setDiscount(operator, 'managedApplication', '15')).status).toBe(200);
    const offerId = await liveOffer(publisher, 'managedApplication');
    const { productId } = await ensureProduct(t);
    const draft = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${freshYear()}-01` });
    const own: PriceListEntryBody[] = [
      { productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '32.00', unitPrice: '25.60' },
      { productId, skuId: 'E5', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '54.75', unitPrice: '43.80' },
    ];
    expect((await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries: own })).status).toBe(200);

    const entries = (query: string) => call<Collection<PriceListEntry>>(operator, 'GET', `/v1/price-lists/${draft.body.id}/entries?${query}`);
    const plan = { source: 'marketplace', productId: offerId, skuId: 'standard' } as const;
    const offered = await entries(`productId=${offerId}&size=500`);
    expect(offered.status, offered.text).toBe(200);
    // P1M is billed monthly only; 10.00 − 15 % = 8.50, 11.00 − 15 % = 9.35.
    expect(offered.body).toMatchObject({ totalCount: 6 });
    expect(offered.body.items).toEqual([
      { ...plan, termDuration: 'P1M', billingCycle: 'monthly', currency: 'EUR', listPrice: '10.00', unitPrice: '8.50' },
      { ...plan, termDuration: 'P1M', billingCycle: 'monthly', currency: 'USD', listPrice: '11.00', unitPrice: '9.35' },
      { ...plan, termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '10.00', unitPrice: '8.50' },
      { ...plan, termDuration: 'P1Y', billingCycle: 'annual', currency: 'USD', listPrice: '11.00', unitPrice: '9.35' },
      { ...plan, termDuration: 'P1Y', billingCycle: 'monthly', currency: 'EUR', listPrice: '10.00', unitPrice: '8.50' },
      { ...plan, termDuration: 'P1Y', billingCycle: 'monthly', currency: 'USD', listPrice: '11.00', unitPrice: '9.35' },
    ]);
    // The discount is the program's current one: changed, the plan's cost follows.
    expect((await setDiscount(operator, 'managedApplication', '12.5')).status).toBe(200);
    expect((await entries(`productId=${offerId}&currency=EUR&size=1`)).body).toMatchObject({ totalCount: 3, items: [{ ...plan, termDuration: 'P1M', listPrice: '10.00', unitPrice: '8.75' }] });
    // `source` keeps to one part.
    expect((await entries(`productId=${offerId}&source=priceList`)).body).toMatchObject({ totalCount: 0, items: [] });
    expect((await entries(`productId=${productId}&source=marketplace`)).body).toMatchObject({ totalCount: 0, items: [] });
    expect((await entries(`productId=${productId}&source=priceList`)).body.items.map((e) => e.source)).toEqual(['priceList', 'priceList']);

    // Paging across both parts, 2 at a time: the list's own entries, then every marketplace row in key order, each once.
    const walked: PriceListEntry[] = [];
    let next: string | undefined = `/v1/price-lists/${draft.body.id}/entries?currency=EUR&size=2`;
    let total = 0;
    for (let pages = 0; next && pages < 500; pages++) {
      const page: { body: Answer<Collection<PriceListEntry>> } = await call<Collection<PriceListEntry>>(operator, 'GET', next);
      total = page.body.totalCount;
      walked.push(...page.body.items);
      next = page.body.links.next?.uri;
    }
    expect(next).toBeUndefined();
    expect(walked).toHaveLength(total);
    const firstMarketplace = walked.findIndex((e) => e.source === 'marketplace');
    expect(walked.slice(0, firstMarketplace).every((e) => e.source === 'priceList')).toBe(true);
    expect(walked.slice(firstMarketplace).every((e) => e.source === 'marketplace')).toBe(true);
    // The draft is a copy of the version in force before its month, which another suite's year may have published: this product's own entries.
    expect(walked.filter((e) => e.source === 'priceList' && e.productId === productId).map((e) => e.skuId)).toEqual(['E3', 'E5']);
    const marketplace = walked.slice(firstMarketplace);
    expect(marketplace).toEqual([...marketplace].sort(compareEntryKeys));
    expect(new Set(marketplace.map((e) => [e.productId, e.skuId, e.termDuration, e.billingCycle, e.currency].join('|'))).size).toBe(marketplace.length);
    expect(walked.filter((e) => e.productId === offerId).map((e) => e.unitPrice)).toEqual(['8.75', '8.75', '8.75']);
    // A marketplace plan is no entry of the draft: setting it is refused.
    const refused = await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries: [{ productId: offerId, skuId: 'standard', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '9', unitPrice: '8' }] });
    expect([refused.status, refused.body.errors?.[0]?.code]).toEqual([400, 'product_unknown']);
  });

  describe('price sheets (PRC-4)', () => {
    /**
     * A provider with two resellers, a customer of the first, a product in a published price list for
     * January of a fresh year, and configs at both tiers: the provider's cost + 10 % for all its
     * resellers and list − 5 % for the second; the first reseller's cost + 20 % for its customers.
     */
    async function pricedProgram(t: Target) {
      const operator = await signInOperator(t);
      const { productId } = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const second = await enrollPartner(t, { country: 'FR' });
      const invitation = await parties.provider.client.post('/v1/reseller-invitations', {});
      expect((await second.client.post(`/v1/invitations/reseller/${tokenOf(invitation.body.link)}/accept`, { confirm: true })).status).toBe(201);
      const year = freshYear();
      const month = `${year}-01`;
      const list = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month });
      const entries: PriceListEntryBody[] = [
        { productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '32.00', unitPrice: '25.60' },
        { productId, skuId: 'E3', termDuration: 'P1M', billingCycle: 'monthly', currency: 'EUR', listPrice: '3.20', unitPrice: '2.56' },
        { productId, skuId: 'E5', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '54.75', unitPrice: '43.80' },
        { productId, skuId: 'E5', termDuration: 'P1Y', billingCycle: 'annual', currency: 'USD', listPrice: '57.00', unitPrice: '45.60' },
      ];
      expect((await call(operator, 'PUT', `/v1/price-lists/${list.body.id}/entries`, { entries })).status).toBe(200);
      expect((await call(operator, 'POST', `/v1/price-lists/${list.body.id}/publish`)).status).toBe(200);
      const { provider, reseller } = parties;
      expect((await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'cost', percent: '10', effectiveMonth: month })).status).toBe(201);
      expect((await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', buyerTenantId: second.tenantId, basis: 'list', percent: '-5', effectiveMonth: month })).status).toBe(201);
      expect((await call(reseller.client, 'POST', '/v1/repricing-configs', { tier: 'customer', basis: 'cost', percent: '20', effectiveMonth: month })).status).toBe(201);
      return { operator, productId, parties, customer, second, month, entries };
    }

    it('PRC-4 the operator’s sheet: every line with its list price and provider cost, as CSV and JSON, an attachment', async () => {
      const t = await target(kind);
      const { operator, productId, month, entries } = await pricedProgram(t);
      const json = await jsonSheet<OperatorPriceSheetRow>(operator, { month, currency: 'EUR' });
      expect(json.disposition).toBe(`attachment; filename="price-sheet-operator-${month}-EUR.json"`);
      for (const row of json.rows) expect(Object.keys(row)).toEqual([...priceSheetColumns.operator]);
      const mine = json.rows.filter((r) => r.productId === productId);
      // The list's entries (priceList); E3 P1Y monthly is not in the list: the SKU's own price (catalog).
      expect(mine.map((r) => [r.skuId, r.termDuration, r.billingCycle, r.source, r.listPrice, r.providerCost])).toEqual([
        ['E3', 'P1M', 'monthly', 'priceList', '3.20', '2.56'],
        ['E3', 'P1Y', 'annual', 'priceList', '32.00', '25.60'],
        ['E3', 'P1Y', 'monthly', 'catalog', '32.00', '32.00'],
        ['E5', 'P1Y', 'annual', 'priceList', '54.75', '43.80'],
        ['E5', 'P3Y', 'annual', 'catalog', '54.75', '54.75'],
      ]);
      expect(mine.every((r) => r.month === month && r.currency === 'EUR' && r.productName.startsWith('Cloud Suite') && r.skuName === r.skuId)).toBe(true);
      expect(json.rows.every((r) => r.currency === 'EUR')).toBe(true);

      const csv = await csvSheet(operator, { month, currency: 'EUR' });
      expect(csv.disposition).toBe(`attachment; filename="price-sheet-operator-${month}-EUR.csv"`);
      expect(csv.header).toBe(priceSheetColumns.operator.join(','));
      expect(csv.records.filter((r) => r.productId === productId)).toEqual(mine);
      expect(csv.records).toHaveLength(json.rows.length);
      // Without a currency: every currency (the USD entry too); the operator's other roles read it.
      const reviewer = await addUser(t, operator, ['reviewer']);
      const all = await jsonSheet<OperatorPriceSheetRow>(reviewer.client, { month });
      expect(all.rows.filter((r) => r.productId === productId && r.currency === 'USD').map((r) => [r.skuId, r.termDuration, r.listPrice, r.providerCost])).toContainEqual(['E5', 'P1Y', '57.00', '45.60']);
      expect(entries.length).toBe(4);

      // A marketplace plan: the publisher's price, its cost less the partner discount.
      expect((await setDiscount(operator, 'virtualMachine', '30')).status).toBe(200);
      const offerId = await liveOffer(await enrolledPublisher(t), 'virtualMachine');
      const plan = (await jsonSheet<OperatorPriceSheetRow>(operator, { month, currency: 'USD' })).rows.filter((r) => r.productId === offerId);
      expect(plan.map((r) => [r.source, r.skuId, r.termDuration, r.billingCycle, r.listPrice, r.providerCost])).toEqual([
        ['marketplace', 'standard', 'P1M', 'monthly', '11.00', '7.70'],
        ['marketplace', 'standard', 'P1Y', 'annual', '11.00', '7.70'],
        ['marketplace', 'standard', 'P1Y', 'monthly', '11.00', '7.70'],
      ]);

      // The current month by default; bad queries are 400 problem+json.
      const current = await jsonSheet<OperatorPriceSheetRow>(operator, { currency: 'EUR' });
      expect(current.rows.every((r) => r.month === monthOf(new Date()))).toBe(true);
      for (const query of ['format=xml', 'month=2026-13', 'currency=eur', 'tier=operator', 'extra=1']) {
        const refused = await call(operator, 'GET', `/v1/price-sheets?${query}`);
        expect([refused.status, refused.headers.get('content-type')?.includes('application/problem+json')], `${query}: ${refused.text}`).toEqual([400, true]);
      }
    });

    it('PRC-4 a provider’s sheet: its cost and each active reseller’s price, one row per reseller and line; the preview gives the same prices', async () => {
      const t = await target(kind);
      const { productId, parties, second, month } = await pricedProgram(t);
      const { provider, reseller } = parties;
      const json = await jsonSheet<ProviderPriceSheetRow>(provider.client, { month, currency: 'EUR' });
      expect(json.disposition).toBe(`attachment; filename="price-sheet-provider-${month}-EUR.json"`);
      for (const row of json.rows) expect(Object.keys(row)).toEqual([...priceSheetColumns.provider]);
      expect(new Set(json.rows.map((r) => r.resellerTenantId))).toEqual(new Set([reseller.tenantId, second.tenantId]));
      const line = (r: ProviderPriceSheetRow) => `${r.skuId} ${r.termDuration} ${r.billingCycle}`;
      const of = (tenantId: string) => Object.fromEntries(json.rows.filter((r) => r.productId === productId && r.resellerTenantId === tenantId).map((r) => [line(r), [r.providerCost, r.resellerPrice]]));
      // The first reseller: cost + 10 % (25.60 → 28.16); the second: list − 5 % (32.00 → 30.40).
      expect(of(reseller.tenantId)).toEqual({ 'E3 P1M monthly': ['2.56', '2.82'], 'E3 P1Y annual': ['25.60', '28.16'], 'E3 P1Y monthly': ['32.00', '35.20'], 'E5 P1Y annual': ['43.80', '48.18'], 'E5 P3Y annual': ['54.75', '60.22'] });
      expect(of(second.tenantId)).toEqual({ 'E3 P1M monthly': ['2.56', '3.04'], 'E3 P1Y annual': ['25.60', '30.40'], 'E3 P1Y monthly': ['32.00', '30.40'], 'E5 P1Y annual': ['43.80', '52.01'], 'E5 P3Y annual': ['54.75', '52.01'] });
      expect(json.rows.find((r) => r.resellerTenantId === reseller.tenantId)!.resellerName).toBe((await reseller.client.get('/v1/me')).body.tenant.name);

      // The same prices as the preview (and so checkout), line by line.
      for (const row of json.rows.filter((r) => r.productId === productId)) {
        const priced = await preview(provider.client, { tier: 'reseller', buyerTenantId: row.resellerTenantId, productId, skuId: row.skuId, termDuration: row.termDuration, billingCycle: row.billingCycle, currency: 'EUR', month });
        expect([priced.body.cost, priced.body.price, priced.body.listPrice], priced.text).toEqual([row.providerCost, row.resellerPrice, row.listPrice]);
      }
      const csv = await csvSheet(provider.client, { month, currency: 'EUR' });
      expect(csv.header).toBe(priceSheetColumns.provider.join(','));
      expect(csv.records.filter((r) => r.productId === productId)).toEqual(json.rows.filter((r) => r.productId === productId));
      expect(csv.records).toHaveLength(json.rows.length);

      // Its billing admin reads it too; its admin agent may not (pricing is not its job).
      const billing = await addUser(t, provider.client, ['billingAdmin']);
      expect((await jsonSheet<ProviderPriceSheetRow>(billing.client, { month, currency: 'EUR' })).rows).toEqual(json.rows);
      const agent = await call(parties.providerAgent.client, 'GET', `/v1/price-sheets?month=${month}`);
      expect([agent.status, agent.body.code]).toEqual([403, 'forbidden']);
    });

    it('PRC-4 a reseller’s sheet: its cost from its provider, the list price and each customer’s price; never the provider’s cost', async () => {
      const t = await target(kind);
      const { productId, parties, customer, month } = await pricedProgram(t);
      const { provider, reseller } = parties;
      const json = await jsonSheet<ResellerPriceSheetRow>(reseller.client, { month, currency: 'EUR' });
      expect(json.disposition).toBe(`attachment; filename="price-sheet-reseller-${month}-EUR.json"`);
      expect(json.rows.length).toBeGreaterThan(0);
      for (const row of json.rows) {
        expect(Object.keys(row)).toEqual([...priceSheetColumns.reseller]);
        expect(row).not.toHaveProperty('providerCost');
        expect([row.providerTenantId, row.customerTenantId]).toEqual([provider.tenantId, customer.tenantId]);
      }
      const mine = json.rows.filter((r) => r.productId === productId);
      // Its cost: 25.60 + 10 % = 28.16; its customer: 28.16 + 20 % = 33.792 → 33.79.
      expect(mine.map((r) => [r.skuId, r.termDuration, r.billingCycle, r.listPrice, r.resellerCost, r.customerPrice])).toEqual([
        ['E3', 'P1M', 'monthly', '3.20', '2.82', '3.38'],
        ['E3', 'P1Y', 'annual', '32.00', '28.16', '33.79'],
        ['E3', 'P1Y', 'monthly', '32.00', '35.20', '42.24'],
        ['E5', 'P1Y', 'annual', '54.75', '48.18', '57.82'],
        ['E5', 'P3Y', 'annual', '54.75', '60.22', '72.26'],
      ]);
      expect(mine[0]!.customerName).toBe((await customer.client.get('/v1/me')).body.tenant.name);
      for (const row of mine) {
        const priced = await preview(reseller.client, { tier: 'customer', buyerTenantId: customer.tenantId, productId, skuId: row.skuId, termDuration: row.termDuration, billingCycle: row.billingCycle, currency: 'EUR', month });
        expect([priced.body.cost, priced.body.price, priced.body.listPrice], priced.text).toEqual([row.resellerCost, row.customerPrice, row.listPrice]);
      }
      // The provider's costs of the lines (2.56, 25.60, 43.80) are nowhere in its sheet, in either format.
      const csv = await csvSheet(reseller.client, { month, currency: 'EUR', providerTenantId: provider.tenantId });
      expect(csv.header).toBe(priceSheetColumns.reseller.join(','));
      expect(csv.header).not.toContain('providerCost');
      expect(csv.records.filter((r) => r.productId === productId)).toEqual(mine);
      expect(csv.records).toHaveLength(json.rows.length);
      const ownLines = csv.text.split('\n').filter((l) => l.includes(productId));
      expect(ownLines).toHaveLength(5);
      for (const cost of ['2.56', '25.60', '43.80']) expect(ownLines.join('\n')).not.toContain(cost);

      // A provider that is not its own is refused at the field; a partner that sells to nobody, too.
      const stranger = await enrollPartner(t, { program: 'indirectProvider' });
      const foreign = await call(reseller.client, 'GET', `/v1/price-sheets?providerTenantId=${stranger.tenantId}`);
      expect([foreign.status, foreign.body.errors?.[0]?.path]).toEqual([422, '/query/providerTenantId']);
      const asProvider = await call(reseller.client, 'GET', '/v1/price-sheets?tier=reseller');
      expect([asProvider.status, asProvider.body.code]).toEqual([422, 'not_an_active_provider']);
      const nobody = await signUp(t);
      const refused = await call(nobody.client, 'GET', '/v1/price-sheets');
      expect([refused.status, refused.body.code]).toEqual([422, 'repricing_reseller_not_enrolled']);
    });
  });
});
