// Pricing through HTTP on a real database, rule by rule: monthly price lists (PRC-1), repricing at both
// tiers (PRC-2), each tier seeing only its own prices (PRC-4), exact money (PRC-5).
// Price lists are the program's (one per month): each test works in months of a year of its own.
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { formatAmount } from '../../platform/money.js';
import type { Collection, Problem } from '../../platform/contract.js';
import { expectAuthorization } from '../../../test/helpers/authz.js';
import { addUser, signUp, type Client } from '../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, sharedCustomer } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner } from '../../../test/helpers/partners.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import type { PriceList, PriceListEntry, PriceListEntryBody, PricePreview, RepricingConfig, RepricingConfigBody } from './contract.js';
import { monthOf, nextMonth } from './rules.js';

type Answer<T> = T & Partial<Omit<Problem, keyof T>>;
type PriceLists = Collection<PriceList>;
type PriceListEntries = Collection<PriceListEntry>;
type RepricingConfigs = Collection<RepricingConfig>;
const call = <T = unknown>(client: Client, method: string, path: string, body?: unknown) => client.request<Answer<T>>(method, path, body === undefined ? {} : { body });

let nextYear = 2100 + randomInt(0, 7000);
/** A year no other test uses: its months are this test's own. */
const freshYear = () => String(nextYear++);

/** The operator's published price list for a month with these entries. */
async function publishedList(operator: Client, month: string, entries: PriceListEntryBody[]) {
  const created = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month });
  expect(created.status, created.text).toBe(201);
  const set = await call<PriceList>(operator, 'PUT', `/v1/price-lists/${created.body.id}/entries`, { entries });
  expect(set.status, set.text).toBe(200);
  const published = await call<PriceList>(operator, 'POST', `/v1/price-lists/${created.body.id}/publish`);
  expect(published.status, published.text).toBe(200);
  return published.body;
}

/** An operator product's entries of a list (all of source priceList), without their source. */
async function entriesOf(client: Client, priceListId: string, productId: string) {
  const page = await call<PriceListEntries>(client, 'GET', `/v1/price-lists/${priceListId}/entries?productId=${productId}&size=500`);
  expect(page.status, page.text).toBe(200);
  expect(page.body.items.every((e) => e.source === 'priceList')).toBe(true);
  return page.body.items.map(({ source: _source, ...entry }) => entry);
}

const preview = (client: Client, q: Record<string, string>) => call<PricePreview>(client, 'GET', `/v1/repricing-configs/preview?${new URLSearchParams(q)}`);

describe.each(targetKinds())('pricing on %s', (kind) => {
  describe('price lists (PRC-1, PRC-5)', () => {
    it('PRC-1 a draft is copied from the version in force, set exactly, published; a published version never changes; history is kept', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const { productId } = await ensureProduct(t);
      const year = freshYear();
      const e3 = { productId, skuId: 'E3', currency: 'EUR' } as const;

      const january = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${year}-01` });
      expect(january.status, january.text).toBe(201);
      expect(january.body).toMatchObject({ month: `${year}-01`, status: 'draft', effectiveFrom: `${year}-01-01T00:00:00.000Z`, publishedAt: null });
      const set = await call<PriceList>(operator, 'PUT', `/v1/price-lists/${january.body.id}/entries`, {
        entries: [
          { ...e3, termDuration: 'P1Y', billingCycle: 'annual', listPrice: '32', unitPrice: '25.6' },
          { ...e3, termDuration: 'P1M', billingCycle: 'monthly', listPrice: '3.20', unitPrice: '2.56' },
          { productId, skuId: 'E5', termDuration: 'P3Y', billingCycle: 'annual', currency: 'USD', listPrice: '57.00', unitPrice: '45.60' },
        ],
      });
      expect(set.status, set.text).toBe(200);
      expect(await entriesOf(operator, january.body.id, productId)).toEqual([
        { ...e3, termDuration: 'P1M', billingCycle: 'monthly', listPrice: '3.20', unitPrice: '2.56' },
        { ...e3, termDuration: 'P1Y', billingCycle: 'annual', listPrice: '32.00', unitPrice: '25.60' },
        { productId, skuId: 'E5', termDuration: 'P3Y', billingCycle: 'annual', currency: 'USD', listPrice: '57.00', unitPrice: '45.60' },
      ]);

      const published = await call<PriceList>(operator, 'POST', `/v1/price-lists/${january.body.id}/publish`);
      expect(published.status, published.text).toBe(200);
      expect(published.body.status).toBe('published');
      expect(new Date(published.body.publishedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);

      // Never changed again: not through the API, not by a write to the database.
      const edit = await call(operator, 'PUT', `/v1/price-lists/${january.body.id}/entries`, { entries: [{ ...e3, termDuration: 'P1Y', billingCycle: 'annual', listPrice: '1', unitPrice: '1' }] });
      expect([edit.status, edit.body.code]).toEqual([409, 'price_list_published']);
      const again = await call(operator, 'POST', `/v1/price-lists/${january.body.id}/publish`);
      expect([again.status, again.body.code]).toEqual([409, 'price_list_published']);
      const db = t.app.platform.db;
      await expect(db.execute(sql`update price_list_entries set list_price = 1 where price_list_id = ${january.body.id}`)).rejects.toThrow();
      await expect(db.execute(sql`delete from price_list_entries where price_list_id = ${january.body.id}`)).rejects.toThrow();
      await expect(db.execute(sql`update price_lists set month = ${`${year}-12`} where id = ${january.body.id}`)).rejects.toThrow();

      // February starts as January's copy; only the changes are edited.
      const february = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${year}-02` });
      expect(february.body).toMatchObject({ basedOnId: january.body.id, status: 'draft' });
      expect(await entriesOf(operator, february.body.id, productId)).toEqual(await entriesOf(operator, january.body.id, productId));
      await call(operator, 'PUT', `/v1/price-lists/${february.body.id}/entries`, {
        entries: [
          { ...e3, termDuration: 'P1Y', billingCycle: 'annual', listPrice: '33.00', unitPrice: '26.40' },
          { ...e3, termDuration: 'P1M', billingCycle: 'monthly', remove: true },
        ],
      });
      expect((await call<PriceList>(operator, 'POST', `/v1/price-lists/${february.body.id}/publish`)).status).toBe(200);

      // History: both versions, each with its own prices.
      expect((await entriesOf(operator, january.body.id, productId)).map((e) => e.listPrice)).toEqual(['3.20', '32.00', '57.00']);
      expect((await entriesOf(operator, february.body.id, productId)).map((e) => e.listPrice)).toEqual(['33.00', '57.00']);
      const lists = await call<PriceLists>(operator, 'GET', '/v1/price-lists?status=published&size=500');
      const months = lists.body.items.map((l) => l.month);
      expect(months).toEqual(expect.arrayContaining([`${year}-01`, `${year}-02`]));
      expect(months).toEqual([...months].sort().reverse());
      expect((await call<PriceList>(operator, 'GET', `/v1/price-lists/${february.body.id}`)).body).toMatchObject({ month: `${year}-02`, status: 'published', entryCount: expect.any(Number) });

      // Audited with before and after.
      const audit = await call<{ items: { action: string; resourceId: string; before: { status: string }; after: { status: string } }[] }>(operator, 'GET', '/v1/audit-records?action=priceList.published&resourceType=priceList');
      const record = audit.body.items.find((r) => r.resourceId === january.body.id);
      expect(record).toMatchObject({ before: { status: 'draft' }, after: { status: 'published' } });
      const entriesSet = await call<{ items: { resourceId: string; before: { entries: { listPrice: string }[] }; after: { entries: { listPrice: string }[] } }[] }>(operator, 'GET', '/v1/audit-records?action=priceList.entriesSet');
      expect(entriesSet.body.items.find((r) => r.resourceId === february.body.id)).toMatchObject({ before: { entries: [{ listPrice: '32.00' }, { listPrice: '3.20' }] }, after: { entries: [{ listPrice: '33.00' }] } });
    });

    it('PRC-1 one version per month, none for a month that has passed; pages of versions and of entries', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const year = freshYear();
      const first = await call(operator, 'POST', '/v1/price-lists', { month: `${year}-03` });
      expect(first.status).toBe(201);
      const twice = await call(operator, 'POST', '/v1/price-lists', { month: `${year}-03` });
      expect([twice.status, twice.body.code, twice.body.errors?.[0]?.path]).toEqual([409, 'price_list_exists', '/month']);
      const past = await call(operator, 'POST', '/v1/price-lists', { month: '2020-01' });
      expect([past.status, past.body.code, past.body.errors?.[0]?.path]).toEqual([422, 'price_list_month_past', '/month']);
      const malformedMonth = await call(operator, 'POST', '/v1/price-lists', { month: `${year}-13` });
      expect([malformedMonth.status, malformedMonth.body.errors?.[0]?.path]).toEqual([400, '/month']);

      for (const month of [`${year}-04`, `${year}-05`]) await call(operator, 'POST', '/v1/price-lists', { month });
      const seen: string[] = [];
      let uri: string | undefined = '/v1/price-lists?size=2';
      while (uri) {
        const page: { body: Answer<PriceLists> } = await call<PriceLists>(operator, 'GET', uri);
        seen.push(...page.body.items.map((l) => l.month));
        uri = page.body.links.next?.uri;
      }
      expect(seen.filter((m) => m.startsWith(year))).toEqual([`${year}-05`, `${year}-04`, `${year}-03`]);
      expect(seen).toEqual([...new Set(seen)]);

      // Entries page by keyset in key order, filtered by product and currency.
      const { productId } = await ensureProduct(t);
      const draft = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${year}-06` });
      const entries: PriceListEntryBody[] = [];
      for (const currency of ['EUR', 'USD']) {
        for (const [termDuration, billingCycle] of [['P1M', 'monthly'], ['P1Y', 'monthly'], ['P1Y', 'annual']] as const) entries.push({ productId, skuId: 'E3', termDuration, billingCycle, currency, listPrice: '10', unitPrice: '8' });
      }
      expect((await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries })).status).toBe(200);
      const walked: string[] = [];
      let next: string | undefined = `/v1/price-lists/${draft.body.id}/entries?productId=${productId}&currency=USD&size=2`;
      let total = 0;
      while (next) {
        const page: { body: Answer<PriceListEntries> } = await call<PriceListEntries>(operator, 'GET', next);
        total = page.body.totalCount;
        walked.push(...page.body.items.map((e) => `${e.termDuration}/${e.billingCycle}/${e.currency}`));
        next = page.body.links.next?.uri;
      }
      expect([total, walked]).toEqual([3, ['P1M/monthly/USD', 'P1Y/annual/USD', 'P1Y/monthly/USD']]);
      const badCursor = await call(operator, 'GET', `/v1/price-lists/${draft.body.id}/entries?cursor=bm90LWEtY3Vyc29y`);
      expect([badCursor.status, badCursor.body.errors?.[0]?.code]).toEqual([400, 'cursor_invalid']);
      expect((await call(operator, 'GET', '/v1/price-lists/00000000-0000-4000-8000-000000000000/entries')).status).toBe(404);
    });

    it('PRC-1, PRC-5 bad entries are refused with the field (too many decimals, term and cycle the SKU does not have, a currency it is not sold in); nothing of the batch is written', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const { productId } = await ensureProduct(t);
      const draft = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${freshYear()}-01` });
      const base = { productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '32.00', unitPrice: '25.60' } as const;
      const refused = await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, {
        entries: [
          base,
          { ...base, termDuration: 'P1M', listPrice: '12.345' },
          { ...base, termDuration: 'P1M', billingCycle: 'monthly', unitPrice: '-1' },
          { ...base, currency: 'USD', unitPrice: 'twelve' },
          { ...base, skuId: 'E5', termDuration: 'P1M', billingCycle: 'monthly' },
          { ...base, skuId: 'E5', billingCycle: 'monthly' },
          { ...base, currency: 'JPY', listPrice: '3200', unitPrice: '2560' },
          { ...base, skuId: 'E7' },
          { ...base, productId: '00000000-0000-4000-8000-000000000000' },
          base,
          { ...base, currency: 'USD', billingCycle: 'monthly', listPrice: undefined },
          { ...base, skuId: 'E5', termDuration: 'P3Y', remove: true },
        ],
      });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.errors!.map((e) => [e.path, e.code])).toEqual([
        ['/entries/1/billingCycle', 'billing_cycle_not_allowed_for_term'],
        ['/entries/1/listPrice', 'amount_too_precise'],
        ['/entries/2/unitPrice', 'amount_invalid'],
        ['/entries/3/unitPrice', 'amount_invalid'],
        ['/entries/4/termDuration', 'term_not_offered'],
        ['/entries/5/billingCycle', 'billing_cycle_not_offered'],
        ['/entries/6/currency', 'currency_not_sold'],
        ['/entries/7/skuId', 'sku_unknown'],
        ['/entries/8/productId', 'product_unknown'],
        ['/entries/9', 'entry_duplicate'],
        ['/entries/10/listPrice', 'required'],
        ['/entries/11/listPrice', 'prices_with_remove'],
        ['/entries/11/unitPrice', 'prices_with_remove'],
      ]);
      expect(refused.body.errors![1]!.message).toBe('EUR has 2 decimals; send the amount with no more.');
      const french = await operator.request<Answer<unknown>>('PUT', `/v1/price-lists/${draft.body.id}/entries`, { body: { entries: [{ ...base, listPrice: '1.001' }] }, headers: { 'accept-language': 'fr' } });
      expect(french.body.errors![0]!.message).toBe("EUR a 2 décimales ; n'en envoyez pas davantage.");
      expect(await entriesOf(operator, draft.body.id, productId)).toEqual([]);
      // A number where decimal text belongs is refused by the schema.
      const number = await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries: [{ ...base, listPrice: 32 }] });
      expect([number.status, number.body.errors?.[0]?.path]).toEqual([400, '/entries/0/listPrice']);
    });

    it('PRC-5 amounts round-trip through the API exactly, in currencies of 0, 2 and 3 decimals (property)', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      // Bahrain's market in Bahraini dinars (3 decimals), as the operator may set it.
      const bahrain = await call<{ regionId: string }>(operator, 'GET', '/v1/markets/BH');
      expect((await call(operator, 'PUT', '/v1/operator/markets/BH', { regionId: bahrain.body.regionId, currency: 'BHD' })).status).toBe(200);
      const { productId } = await ensureProduct(t, { markets: ['FR', 'JP', 'BH'] });
      const draft = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${freshYear()}-01` });
      const currencies = ['JPY', 'EUR', 'BHD'] as const;
      await fc.assert(
        fc.asyncProperty(fc.tuple(...currencies.map(() => fc.tuple(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 999_999_999_999 })))), async (amounts) => {
          const entries = currencies.map((currency, i) => ({ productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency, listPrice: formatAmount(amounts[i]![0], currency), unitPrice: formatAmount(amounts[i]![1], currency) }));
          const set = await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries });
          expect(set.status, set.text).toBe(200);
          const stored = await entriesOf(operator, draft.body.id, productId);
          for (const entry of entries) expect(stored.find((e) => e.currency === entry.currency)).toMatchObject({ listPrice: entry.listPrice, unitPrice: entry.unitPrice });
          // And in the database, as integer minor units.
          const rows = await query<{ currency: string; list_price: string | number }>(t.app.platform.db, sql`select currency, list_price from price_list_entries where price_list_id = ${draft.body.id} and product_id = ${productId}`);
          for (const [i, currency] of currencies.entries()) expect(String(rows.find((r) => r.currency === currency)!.list_price)).toBe(String(amounts[i]![0]));
        }),
        { numRuns: 15 },
      );
      const yen = await call(operator, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries: [{ productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'JPY', listPrice: '1200.5', unitPrice: '1000' }] });
      expect([yen.status, yen.body.errors?.[0]?.code, yen.body.errors?.[0]?.message]).toEqual([400, 'amount_too_precise', 'JPY has 0 decimals; send the amount with no more.']);
    });

    it('PRC-1, PRC-4 only the operator reads price lists (they carry providers’ cost); only its admin prepares and publishes them', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      // Partners, whatever their role, are refused every price-list route.
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/price-lists', allowed: [], otherTenant: 'own' });
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/price-lists', body: () => ({ month: '2999-01' }), allowed: [], otherTenant: 'own' });
      const draft = await call<PriceList>(operator, 'POST', '/v1/price-lists', { month: `${freshYear()}-01` });
      for (const role of ['reviewer', 'supportEngineer'] as const) {
        const user = await addUser(t, operator, [role]);
        expect((await call(user.client, 'GET', `/v1/price-lists/${draft.body.id}`)).status).toBe(200);
        expect((await call(user.client, 'GET', `/v1/price-lists/${draft.body.id}/entries`)).status).toBe(200);
        const publish = await call(user.client, 'POST', `/v1/price-lists/${draft.body.id}/publish`);
        expect([publish.status, publish.body.code]).toEqual([403, 'forbidden']);
        expect((await call(user.client, 'POST', '/v1/price-lists', { month: `${freshYear()}-01` })).status).toBe(403);
        expect((await call(user.client, 'PUT', `/v1/price-lists/${draft.body.id}/entries`, { entries: [] })).status).toBe(403);
      }
      const provider = await enrollPartner(t, { program: 'indirectProvider' });
      expect((await call(provider.client, 'GET', `/v1/price-lists/${draft.body.id}/entries`)).status).toBe(403);
    });
  });

  describe('repricing (PRC-2, PRC-4, PRC-5)', () => {
    /** A provider and its reseller, a shared customer, a product and a published price list for January of a fresh year. */
    async function pricedProgram(t: Target) {
      const operator = await signInOperator(t);
      const { productId } = await ensureProduct(t);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const year = freshYear();
      const list = await publishedList(operator, `${year}-01`, [
        { productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '32.00', unitPrice: '25.60' },
        { productId, skuId: 'E5', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '54.75', unitPrice: '43.80' },
      ]);
      const line = { productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR' };
      return { operator, productId, parties, customer, year, list, line };
    }

    it('PRC-2 the preview prices a config being written as if it were stored: whether it decides, and why it could not be stored', async () => {
      const t = await target(kind);
      const { productId, parties, year, line } = await pricedProgram(t);
      const { provider, reseller } = parties;
      const forReseller = { ...line, tier: 'reseller', buyerTenantId: reseller.tenantId, month: `${year}-01` };
      // Nothing stored: a draft of cost + 8 % decides (25.60 → 27.648 → 27.65, half to even at the unit price).
      expect((await preview(provider.client, { ...forReseller, draftBasis: 'cost', draftPercent: '8', draftScope: 'all', draftTarget: 'all' })).body).toMatchObject({
        price: '27.65',
        config: null,
        draft: { applies: true, problem: null },
      });
      const stored = await call<RepricingConfig>(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', buyerTenantId: reseller.tenantId, productId, skuId: 'E3', basis: 'list', percent: '-10', effectiveMonth: `${year}-01` } satisfies RepricingConfigBody);
      expect(stored.status, stored.text).toBe(201);
      // A broader draft does not decide against the stored SKU config for this buyer (list − 10 % = 28.80).
      expect((await preview(provider.client, { ...forReseller, draftBasis: 'cost', draftPercent: '8', draftScope: 'all', draftTarget: 'all' })).body).toMatchObject({
        price: '28.80',
        config: { id: stored.body.id },
        draft: { applies: false, problem: null },
      });
      // The same slot and month: it would be refused (and the stored one still decides); a later month's draft does not apply yet.
      expect((await preview(provider.client, { ...forReseller, draftBasis: 'list', draftUnitPrice: '26.00' })).body).toMatchObject({ draft: { problem: null, applies: true }, price: '26.00' });
      expect((await preview(provider.client, { ...forReseller, draftBasis: 'list', draftPercent: '-5' })).body).toMatchObject({ draft: { problem: 'repricing_conflict' } });
      expect((await preview(provider.client, { ...forReseller, draftBasis: 'list', draftPercent: '-5', draftEffectiveMonth: `${year}-02` })).body).toMatchObject({ price: '28.80', draft: { applies: false, problem: null } });
      // Amounts are taken exactly or refused, naming the parameter; draft parts without a basis are refused.
      const precise = await preview(provider.client, { ...forReseller, draftBasis: 'list', draftUnitPrice: '26.005' });
      expect([precise.status, precise.body.errors?.[0]?.path, precise.body.errors?.[0]?.code]).toEqual([400, '/query/draftUnitPrice', 'amount_too_precise']);
      const both = await preview(provider.client, { ...forReseller, draftBasis: 'list', draftUnitPrice: '26', draftPercent: '5' });
      expect([both.status, both.body.errors?.[0]?.path]).toEqual([400, '/query/draftPercent']);
      const stray = await preview(provider.client, { ...forReseller, draftPercent: '5' });
      expect([stray.status, stray.body.errors?.[0]?.path]).toEqual([400, '/query/draftBasis']);
      // Nothing was stored by previewing.
      expect((await call<RepricingConfigs>(provider.client, 'GET', '/v1/repricing-configs?tier=reseller')).body.items.map((c) => c.id)).toEqual([stored.body.id]);
    });

    it('PRC-2 provider configs for all resellers and for one; the most specific in force wins; without a config the buyer pays list price', async () => {
      const t = await target(kind);
      const { productId, parties, year, list, line } = await pricedProgram(t);
      const { provider, reseller } = parties;
      const forReseller = { ...line, tier: 'reseller', buyerTenantId: reseller.tenantId };

      const none = await preview(provider.client, { ...forReseller, month: `${year}-01` });
      expect(none.body).toMatchObject({ tier: 'reseller', priceListId: list.id, listPrice: '32.00', cost: '25.60', price: '32.00', config: null });

      const all = await call<RepricingConfig>(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'cost', percent: '10', effectiveMonth: `${year}-01` } satisfies RepricingConfigBody);
      expect(all.status, all.text).toBe(201);
      expect(all.body).toMatchObject({ tier: 'reseller', sellerTenantId: provider.tenantId, buyerTenantId: null, productId: null, skuId: null, basis: 'cost', percent: '10', unitPrice: null, currency: null, effectiveMonth: `${year}-01` });
      const one = await call<RepricingConfig>(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', buyerTenantId: reseller.tenantId, productId, skuId: 'E3', basis: 'list', percent: '-12.5', effectiveMonth: `${year}-02` } satisfies RepricingConfigBody);
      expect(one.status, one.text).toBe(201);
      const fixed = await call<RepricingConfig>(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', buyerTenantId: reseller.tenantId, productId, skuId: 'E3', basis: 'list', unitPrice: '27.99', currency: 'EUR', effectiveMonth: `${year}-03` } satisfies RepricingConfigBody);
      expect([fixed.status, fixed.body.unitPrice, fixed.body.percent], fixed.text).toEqual([201, '27.99', null]);

      // January: cost + 10 % = 28.16. February: one reseller's SKU config, list − 12.5 % = 28.00. March: its fixed price.
      const january = await preview(provider.client, { ...forReseller, month: `${year}-01` });
      expect(january.body).toMatchObject({ cost: '25.60', listPrice: '32.00', price: '28.16', config: { id: all.body.id } });
      expect((await preview(provider.client, { ...forReseller, month: `${year}-02` })).body).toMatchObject({ price: '28.00', config: { id: one.body.id } });
      expect((await preview(provider.client, { ...forReseller, month: `${year}-03` })).body).toMatchObject({ price: '27.99', config: { id: fixed.body.id } });
      // The other SKU has only the all-resellers config: 43.80 + 10 % = 48.18.
      expect((await preview(provider.client, { ...forReseller, skuId: 'E5', month: `${year}-03` })).body).toMatchObject({ price: '48.18', config: { id: all.body.id } });
      // Another reseller of the provider: the config for all.
      const second = await enrollPartner(t);
      const invitation = await provider.client.request<{ link: string }>('POST', '/v1/reseller-invitations', { body: {} });
      const token = invitation.body.link.slice(invitation.body.link.lastIndexOf('/') + 1);
      expect((await second.client.request('POST', `/v1/invitations/reseller/${token}/accept`, { body: { confirm: true } })).status).toBe(201);
      expect((await preview(provider.client, { ...forReseller, buyerTenantId: second.tenantId, month: `${year}-03` })).body).toMatchObject({ price: '28.16', config: { id: all.body.id } });

      const listed = await call<RepricingConfigs>(provider.client, 'GET', '/v1/repricing-configs?tier=reseller');
      expect(listed.body.items.map((c) => c.id)).toEqual([fixed.body.id, one.body.id, all.body.id]);
      expect((await call<RepricingConfigs>(provider.client, 'GET', `/v1/repricing-configs?tier=reseller&buyerTenantId=${reseller.tenantId}&size=1`)).body).toMatchObject({ totalCount: 2, items: [{ id: fixed.body.id }] });

      // Not in the list in force: the SKU's own price is its list price and the provider's cost (PRC-1).
      const unlisted = await preview(provider.client, { ...forReseller, currency: 'USD', month: `${year}-01` });
      expect(unlisted.status, unlisted.text).toBe(200);
      expect(unlisted.body).toMatchObject({ priceListId: null, listPrice: '36.00', cost: '36.00' });
      // No price at all in that currency: not listed.
      const nowhere = await preview(provider.client, { ...forReseller, currency: 'JPY', month: `${year}-01` });
      expect([nowhere.status, nowhere.body.code]).toEqual([404, 'price_not_listed']);
      // Every change is audited.
      const audit = await call<{ items: { resourceId: string; after: { percent: string } }[] }>(provider.client, 'GET', '/v1/audit-records?action=repricingConfig.created');
      expect(audit.body.items.find((r) => r.resourceId === all.body.id)?.after).toMatchObject({ percent: '10' });
    });

    it('PRC-2, PRC-4 a reseller prices its customers from what its provider charges it, and never sees the provider’s cost', async () => {
      const t = await target(kind);
      const { parties, customer, year, line } = await pricedProgram(t);
      const { provider, reseller } = parties;
      await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'cost', percent: '10', effectiveMonth: `${year}-01` });
      const own = await call<RepricingConfig>(reseller.client, 'POST', '/v1/repricing-configs', { tier: 'customer', basis: 'cost', percent: '20', effectiveMonth: `${year}-01` } satisfies RepricingConfigBody);
      expect(own.status, own.text).toBe(201);
      const forCustomer = { ...line, tier: 'customer', buyerTenantId: customer.tenantId, month: `${year}-01` };
      // Its cost is what the provider charges it (25.60 + 10 % = 28.16); its customer pays 28.16 + 20 % = 33.792 → 33.79 (half to even).
      const priced = await preview(reseller.client, forCustomer);
      expect(priced.status, priced.text).toBe(200);
      expect(priced.body).toEqual({ tier: 'customer', month: `${year}-01`, currency: 'EUR', priceListId: expect.any(String), listPrice: '32.00', cost: '28.16', price: '33.79', config: expect.objectContaining({ id: own.body.id }) });
      expect(priced.text).not.toContain('25.60');
      expect((await preview(reseller.client, { ...forCustomer, providerTenantId: provider.tenantId })).body.price).toBe('33.79');
      // A basis of list ignores its cost: 32.00 − 5 % = 30.40, for this customer only from February.
      await call(reseller.client, 'POST', '/v1/repricing-configs', { tier: 'customer', buyerTenantId: customer.tenantId, basis: 'list', percent: '-5', effectiveMonth: `${year}-02` });
      expect((await preview(reseller.client, { ...forCustomer, month: `${year}-02` })).body).toMatchObject({ cost: '28.16', price: '30.40' });

      // It sees its own configs only, never those its provider set for it, nor the price lists.
      expect((await call<RepricingConfigs>(reseller.client, 'GET', '/v1/repricing-configs?tier=reseller')).body.items).toEqual([]);
      expect((await call<RepricingConfigs>(reseller.client, 'GET', '/v1/repricing-configs?tier=customer')).body.totalCount).toBe(2);
      expect((await call(reseller.client, 'GET', '/v1/price-lists')).status).toBe(403);
      // As the provider's buyer it cannot preview its own price through the provider's tier.
      const asProvider = await preview(reseller.client, { ...line, tier: 'reseller', buyerTenantId: reseller.tenantId, month: `${year}-01` });
      expect([asProvider.status, asProvider.body.code]).toEqual([422, 'repricing_buyer_not_related']);
      // A provider that is not its provider: refused.
      const stranger = await enrollPartner(t, { program: 'indirectProvider' });
      const foreign = await preview(reseller.client, { ...forCustomer, providerTenantId: stranger.tenantId });
      expect([foreign.status, foreign.body.errors?.[0]?.path]).toEqual([422, '/query/providerTenantId']);
    });

    it('PRC-2 buyers must be the seller’s own: an active reseller of the provider, a customer of the reseller', async () => {
      const t = await target(kind);
      const { productId, parties, customer, year, line } = await pricedProgram(t);
      const { provider, reseller } = parties;
      const otherReseller = await enrollPartner(t);
      const notMine = await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', buyerTenantId: otherReseller.tenantId, basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect([notMine.status, notMine.body.code, notMine.body.errors?.[0]?.path]).toEqual([422, 'repricing_buyer_not_related', '/buyerTenantId']);
      const customerAsReseller = await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', buyerTenantId: customer.tenantId, basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect(customerAsReseller.body.code).toBe('repricing_buyer_not_related');
      const strangerCustomer = await signUp(t);
      const notMyCustomer = await call(reseller.client, 'POST', '/v1/repricing-configs', { tier: 'customer', buyerTenantId: strangerCustomer.tenantId, basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect([notMyCustomer.status, notMyCustomer.body.code]).toEqual([422, 'repricing_buyer_not_related']);
      // The provider has a relationship with the customer too, but it does not sell to customers.
      const providerToCustomer = await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'customer', buyerTenantId: customer.tenantId, basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect([providerToCustomer.status, providerToCustomer.body.code]).toEqual([422, 'repricing_reseller_not_enrolled']);
      const strangerPreview = await preview(provider.client, { ...line, tier: 'reseller', buyerTenantId: otherReseller.tenantId });
      expect([strangerPreview.status, strangerPreview.body.errors?.[0]?.path]).toEqual([422, '/query/buyerTenantId']);
      // Who sells at each tier: an active provider for resellers, an enrolled reseller for customers.
      const resellerAsProvider = await call(reseller.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect([resellerAsProvider.status, resellerAsProvider.body.code]).toEqual([422, 'not_an_active_provider']);
      const unknownProduct = await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', productId: '00000000-0000-4000-8000-000000000000', basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect([unknownProduct.status, unknownProduct.body.errors?.[0]?.code]).toEqual([400, 'product_unknown']);
      const unknownSku = await call(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', productId, skuId: 'E9', basis: 'cost', percent: '5', effectiveMonth: `${year}-01` });
      expect([unknownSku.status, unknownSku.body.errors?.[0]?.code]).toEqual([400, 'sku_unknown']);
    });

    it('PRC-2 two configs in one slot and month are refused (409, also at the same moment), a past month, a fixed price beyond a SKU, bad amounts; a config is deleted only before its month', async () => {
      const t = await target(kind);
      const { productId, parties, year } = await pricedProgram(t);
      const { provider } = parties;
      const post = (body: Record<string, unknown>) => call<RepricingConfig>(provider.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'cost', ...body });
      expect((await post({ percent: '5', effectiveMonth: `${year}-04` })).status).toBe(201);
      const conflict = await post({ basis: 'list', percent: '7', effectiveMonth: `${year}-04` });
      expect([conflict.status, conflict.body.code, conflict.body.errors?.[0]?.path]).toEqual([409, 'repricing_conflict', '/effectiveMonth']);
      expect((await post({ percent: '7', effectiveMonth: `${year}-05` })).status).toBe(201);
      expect((await post({ productId, percent: '7', effectiveMonth: `${year}-04` })).status).toBe(201);
      // A fixed price for one SKU per currency: EUR and USD may both be set, and beside a percentage.
      expect((await post({ productId, skuId: 'E3', unitPrice: '30', currency: 'EUR', effectiveMonth: `${year}-04` })).status).toBe(201);
      expect((await post({ productId, skuId: 'E3', unitPrice: '33', currency: 'USD', effectiveMonth: `${year}-04` })).status).toBe(201);
      expect((await post({ productId, skuId: 'E3', percent: '1', effectiveMonth: `${year}-04` })).status).toBe(201);
      expect((await post({ productId, skuId: 'E3', unitPrice: '31', currency: 'EUR', effectiveMonth: `${year}-04` })).body.code).toBe('repricing_conflict');

      // Concurrent creations of one slot: exactly one lands.
      const racing = await Promise.all(Array.from({ length: 5 }, () => post({ percent: '3', effectiveMonth: `${year}-06` })));
      expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(racing.filter((r) => r.status === 409).every((r) => r.body.code === 'repricing_conflict')).toBe(true);

      const past = await post({ percent: '5', effectiveMonth: '2020-01' });
      expect([past.status, past.body.code, past.body.errors?.[0]?.path]).toEqual([422, 'repricing_month_past', '/effectiveMonth']);
      const fixedProduct = await post({ productId, unitPrice: '30', currency: 'EUR', effectiveMonth: `${year}-07` });
      expect([fixedProduct.status, fixedProduct.body.code, fixedProduct.body.errors?.[0]?.path]).toEqual([422, 'repricing_fixed_needs_sku', '/unitPrice']);
      const discount = await post({ percent: '-100.01', effectiveMonth: `${year}-07` });
      expect([discount.status, discount.body.code, discount.body.errors?.[0]?.path]).toEqual([422, 'repricing_discount_too_large', '/percent']);
      const field = async (body: Record<string, unknown>) => {
        const r = await post({ effectiveMonth: `${year}-07`, ...body });
        return [r.status, ...(r.body.errors ?? []).map((e) => `${e.path} ${e.code}`)];
      };
      expect(await field({ productId, skuId: 'E3', unitPrice: '30.001', currency: 'EUR' })).toEqual([400, '/unitPrice amount_too_precise']);
      expect(await field({ productId, skuId: 'E3', unitPrice: '30', currency: 'JPY' })).toEqual([400, '/currency currency_not_sold']);
      expect(await field({ percent: '5.555' })).toEqual([400, '/percent percent_invalid']);
      expect(await field({ percent: '5', unitPrice: '1', currency: 'EUR' })).toEqual([400, '/percent percent_or_unit_price']);
      expect(await field({})).toEqual([400, '/percent percent_or_unit_price']);
      expect(await field({ percent: '5', currency: 'EUR' })).toEqual([400, '/currency currency_needs_unit_price']);
      expect(await field({ skuId: 'E3', percent: '5' })).toEqual([400, '/productId required']);
      expect(await field({ percent: 5 })).toEqual([400, '/percent type']);

      // Deleting: only a config whose month has not begun; another's is not found.
      const current = monthOf(new Date());
      const begun = await post({ productId, skuId: 'E5', percent: '2', effectiveMonth: current });
      expect(begun.status, begun.text).toBe(201);
      const refused = await call(provider.client, 'DELETE', `/v1/repricing-configs/${begun.body.id}`);
      expect([refused.status, refused.body.code]).toEqual([409, 'repricing_config_begun']);
      const future = await post({ productId, skuId: 'E5', percent: '2', effectiveMonth: nextMonth(current) });
      const stranger = await enrollPartner(t, { program: 'indirectProvider' });
      expect((await call(stranger.client, 'DELETE', `/v1/repricing-configs/${future.body.id}`)).status).toBe(404);
      expect((await call(provider.client, 'DELETE', `/v1/repricing-configs/${future.body.id}`)).status).toBe(204);
      expect((await call<RepricingConfigs>(provider.client, 'GET', '/v1/repricing-configs?tier=reseller&size=500')).body.items.map((c) => c.id)).not.toContain(future.body.id);
      const deleted = await call<{ items: { resourceId: string; before: { id: string }; after: null }[] }>(provider.client, 'GET', '/v1/audit-records?action=repricingConfig.deleted');
      expect(deleted.body.items.find((r) => r.resourceId === future.body.id)).toMatchObject({ before: { id: future.body.id }, after: null });
    });

    it('PRC-2 each role: partner global admins and billing admins manage prices, the other roles are refused', async () => {
      const t = await target(kind);
      const allowed = ['globalAdmin', 'billingAdmin'] as const;
      await expectAuthorization(t, { method: 'GET', path: () => '/v1/repricing-configs?tier=reseller', allowed, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'POST', path: () => '/v1/repricing-configs', body: () => ({ tier: 'customer', basis: 'cost', percent: '5', effectiveMonth: '2999-01' }), allowed, otherTenant: 'own' });
      await expectAuthorization(t, { method: 'GET', path: (owner) => `/v1/repricing-configs/preview?tier=reseller&buyerTenantId=${owner.tenantId}&productId=${owner.tenantId}&skuId=E3&termDuration=P1Y&billingCycle=annual&currency=EUR`, allowed, otherTenant: 'own' });
      // The provider's billing admin sets its resellers' prices; its admin agent may not.
      const { parties, year } = await pricedProgram(t);
      const billing = await addUser(t, parties.provider.client, ['billingAdmin']);
      expect((await call(billing.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'list', percent: '-3', effectiveMonth: `${year}-01` })).status).toBe(201);
      const agent = await call(parties.providerAgent.client, 'POST', '/v1/repricing-configs', { tier: 'reseller', basis: 'list', percent: '-3', effectiveMonth: `${year}-02` });
      expect([agent.status, agent.body.code]).toEqual([403, 'forbidden']);
    });
  });
});
