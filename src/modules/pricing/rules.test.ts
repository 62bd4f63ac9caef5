// PRC-2 repricing: the most specific config in force wins, whatever order the configs were made in;
// every price is reproducible from the stored configs. PRC-5: one rounding, half to even.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEntryKeys, configProblem, entryTermProblem, monthOf, monthStart, nextMonth, priceListMonthProblem, priceOf, repricedUnitPrice, termCyclePairs, winningConfig, type PricedLine, type RepricingConfig } from './rules.js';

const line: PricedLine = { buyerTenantId: 'adler', productId: 'suite', skuId: 'suite-std', month: '2027-01', currency: 'EUR' };
const prices = { cost: 800, list: 1000 };
let serial = 0;
const config = (partial: Partial<RepricingConfig>): RepricingConfig => ({
  id: `c${String(++serial).padStart(4, '0')}`,
  scope: { kind: 'all' },
  target: { kind: 'all' },
  basis: 'cost',
  adjustment: { kind: 'percent', basisPoints: 1000 },
  effectiveMonth: '2026-12',
  ...partial,
});

describe('repricing (PRC-2)', () => {
  it('without a config the buyer pays list price', () => {
    expect(repricedUnitPrice([], line, prices)).toEqual({ unitPrice: 1000, configId: null });
  });

  it('cost + 15 %, list − 8 %, a fixed price', () => {
    expect(repricedUnitPrice([config({ adjustment: { kind: 'percent', basisPoints: 1500 } })], line, prices).unitPrice).toBe(920);
    expect(repricedUnitPrice([config({ basis: 'list', adjustment: { kind: 'percent', basisPoints: -800 } })], line, prices).unitPrice).toBe(920);
    const fixed = config({ target: { kind: 'sku', productId: 'suite', skuId: 'suite-std' }, adjustment: { kind: 'fixed', unitPrice: 955, currency: 'EUR' } });
    expect(repricedUnitPrice([fixed], line, prices).unitPrice).toBe(955);
    // A fixed price in another currency does not apply to this market's line.
    expect(repricedUnitPrice([{ ...fixed, adjustment: { kind: 'fixed', unitPrice: 955, currency: 'USD' } }], line, prices).configId).toBeNull();
  });

  it('one buyer beats all buyers; within a scope a SKU beats a product beats all products', () => {
    const allAll = config({});
    const allProduct = config({ target: { kind: 'product', productId: 'suite' } });
    const allSku = config({ target: { kind: 'sku', productId: 'suite', skuId: 'suite-std' } });
    const oneAll = config({ scope: { kind: 'one', buyerTenantId: 'adler' } });
    const oneSku = config({ scope: { kind: 'one', buyerTenantId: 'adler' }, target: { kind: 'sku', productId: 'suite', skuId: 'suite-std' } });
    const otherBuyer = config({ scope: { kind: 'one', buyerTenantId: 'someone-else' }, target: { kind: 'sku', productId: 'suite', skuId: 'suite-std' } });
    const otherSku = config({ target: { kind: 'sku', productId: 'suite', skuId: 'suite-premium' } });
    expect(winningConfig([allAll, allProduct], line)).toBe(allProduct);
    expect(winningConfig([allAll, allProduct, allSku], line)).toBe(allSku);
    expect(winningConfig([allSku, oneAll], line)).toBe(oneAll);
    expect(winningConfig([allSku, oneAll, oneSku, otherBuyer, otherSku], line)).toBe(oneSku);
    expect(winningConfig([otherBuyer, otherSku], line)).toBeUndefined();
  });

  it('a config applies from its effective month until one of the same scope and target takes over', () => {
    const december = config({ effectiveMonth: '2026-12', adjustment: { kind: 'percent', basisPoints: 500 } });
    const january = config({ effectiveMonth: '2027-01', adjustment: { kind: 'percent', basisPoints: 700 } });
    const march = config({ effectiveMonth: '2027-03', adjustment: { kind: 'percent', basisPoints: 900 } });
    const configs = [march, december, january];
    expect(winningConfig(configs, { ...line, month: '2026-11' })).toBeUndefined();
    expect(winningConfig(configs, { ...line, month: '2026-12' })).toBe(december);
    expect(winningConfig(configs, { ...line, month: '2027-02' })).toBe(january);
    expect(winningConfig(configs, { ...line, month: '2027-03' })).toBe(march);
    // An older specific config still beats a newer broad one.
    const sku = config({ effectiveMonth: '2026-06', target: { kind: 'sku', productId: 'suite', skuId: 'suite-std' } });
    expect(winningConfig([...configs, sku], { ...line, month: '2027-03' })).toBe(sku);
  });

  it('refuses two configs of the same scope, target and month, a past month, a fixed price beyond a SKU, a discount over 100 %', () => {
    const existing = [config({ effectiveMonth: '2027-01' })];
    const { id: _id, ...same } = config({ effectiveMonth: '2027-01', adjustment: { kind: 'percent', basisPoints: 200 } });
    expect(configProblem(same, existing, '2026-12')).toBe('repricing_conflict');
    expect(configProblem({ ...same, effectiveMonth: '2027-02' }, existing, '2026-12')).toBeNull();
    expect(configProblem({ ...same, scope: { kind: 'one', buyerTenantId: 'adler' } }, existing, '2026-12')).toBeNull();
    expect(configProblem({ ...same, effectiveMonth: '2026-11' }, existing, '2026-12')).toBe('repricing_month_past');
    expect(configProblem({ ...same, adjustment: { kind: 'fixed', unitPrice: 1, currency: 'EUR' } }, existing, '2026-12')).toBe('repricing_fixed_needs_sku');
    expect(configProblem({ ...same, adjustment: { kind: 'percent', basisPoints: -10_001 } }, existing, '2026-12')).toBe('repricing_discount_too_large');
  });

  it('months: the UTC month of a moment, and the next one', () => {
    expect(monthOf(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12');
    expect([nextMonth('2026-12'), nextMonth('2027-01'), nextMonth('2027-09')]).toEqual(['2027-01', '2027-02', '2027-10']);
  });

  // Property: any set of configs that could be stored (unique slots per month), in any order, gives the
  // same price, and that price is what the winning config gives.
  const arbitraryConfig = fc.record({
    scope: fc.oneof(fc.constant({ kind: 'all' as const }), fc.constantFrom('adler', 'other').map((buyerTenantId) => ({ kind: 'one' as const, buyerTenantId }))),
    target: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.constantFrom('suite', 'other').map((productId) => ({ kind: 'product' as const, productId })),
      fc.constantFrom('suite-std', 'other-sku').map((skuId) => ({ kind: 'sku' as const, productId: 'suite', skuId })),
    ),
    basis: fc.constantFrom('cost' as const, 'list' as const),
    basisPoints: fc.integer({ min: -10_000, max: 20_000 }),
    fixed: fc.option(fc.record({ unitPrice: fc.integer({ min: 0, max: 1_000_000 }), currency: fc.constantFrom('EUR', 'USD') }), { nil: undefined }),
    effectiveMonth: fc.constantFrom('2026-10', '2026-11', '2026-12', '2027-01', '2027-02'),
  });

  it('the price never depends on the order the configs were made in, and is reproducible from them', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryConfig, { maxLength: 25 }),
        fc.constantFrom('2026-09', '2026-12', '2027-03'),
        fc.record({ cost: fc.integer({ min: 0, max: 10_000_000 }), list: fc.integer({ min: 0, max: 10_000_000 }) }),
        (drafts, month, reference) => {
          // Store them as the service would: each one checked against those stored before it.
          const stored: RepricingConfig[] = [];
          drafts.forEach((draft, index) => {
            const adjustment = draft.fixed && draft.target.kind === 'sku' ? { kind: 'fixed' as const, ...draft.fixed } : { kind: 'percent' as const, basisPoints: draft.basisPoints };
            const candidate = { scope: draft.scope, target: draft.target, basis: draft.basis, adjustment, effectiveMonth: draft.effectiveMonth };
            if (configProblem(candidate, stored, '2026-10') === null) stored.push({ id: `id-${index}`, ...candidate });
          });
          const priced = { ...line, month };
          const forward = repricedUnitPrice(stored, priced, reference);
          const backward = repricedUnitPrice([...stored].reverse(), priced, reference);
          const shuffled = repricedUnitPrice([...stored].sort((a, b) => (a.id.length * 7 + a.id.charCodeAt(a.id.length - 1)) % 5 - (b.id.length * 7 + b.id.charCodeAt(b.id.length - 1)) % 5), priced, reference);
          expect(backward).toEqual(forward);
          expect(shuffled).toEqual(forward);
          expect(Number.isSafeInteger(forward.unitPrice) && forward.unitPrice >= 0).toBe(true);
          if (forward.configId === null) expect(forward.unitPrice).toBe(reference.list);
          // Reproducible: the winning config alone gives the same price.
          else expect(repricedUnitPrice(stored.filter((c) => c.id === forward.configId), priced, reference).unitPrice).toBe(forward.unitPrice);
        },
      ),
    );
  });
});

describe('price lists (PRC-1, PRC-5)', () => {
  it('PRC-1 a list takes effect on the first of its month; a month that has begun keeps the prices in force', () => {
    expect(monthStart('2027-01').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(priceListMonthProblem('2027-02', '2027-01', true)).toBeNull();
    expect(priceListMonthProblem('2026-12', '2027-01', false)).toBe('price_list_month_past');
    // The current month: only the program's first list (nothing in force before it).
    expect(priceListMonthProblem('2027-01', '2027-01', false)).toBeNull();
    expect(priceListMonthProblem('2027-01', '2027-01', true)).toBe('price_list_month_past');
  });

  it('PRC-1 term and billing cycle are checked against the SKU and as a pair (P1M monthly only; P1Y and P3Y monthly or annual)', () => {
    const sku = { termDurations: ['P1M', 'P1Y', 'P3Y'], billingCycles: ['monthly', 'annual'] };
    expect(entryTermProblem(sku, 'P1M', 'monthly')).toBeNull();
    expect(entryTermProblem(sku, 'P1Y', 'annual')).toBeNull();
    expect(entryTermProblem(sku, 'P3Y', 'monthly')).toBeNull();
    expect(entryTermProblem(sku, 'P1M', 'annual')).toEqual({ path: '/billingCycle', code: 'billing_cycle_not_allowed_for_term' });
    expect(entryTermProblem({ ...sku, termDurations: ['P1Y'] }, 'P3Y', 'annual')).toEqual({ path: '/termDuration', code: 'term_not_offered' });
    expect(entryTermProblem({ ...sku, billingCycles: ['annual'] }, 'P1Y', 'monthly')).toEqual({ path: '/billingCycle', code: 'billing_cycle_not_offered' });
  });

  it('PRC-5 prices are taken exactly or refused: never rounded, never negative', () => {
    expect(priceOf('12.5', 'EUR')).toEqual({ minor: 1250 });
    expect(priceOf('1200', 'JPY')).toEqual({ minor: 1200 });
    expect(priceOf('0.125', 'BHD')).toEqual({ minor: 125 });
    expect(priceOf('12.345', 'EUR')).toEqual({ code: 'amount_too_precise', params: { decimals: 2, currency: 'EUR' } });
    expect(priceOf('1200.5', 'JPY')).toEqual({ code: 'amount_too_precise', params: { decimals: 0, currency: 'JPY' } });
    for (const text of ['-1', '-0', '1e3', '12,50', '', '.5', 'twelve']) expect(priceOf(text, 'EUR')).toEqual({ code: 'amount_invalid' });
  });
});

describe('lines of a SKU and their order (PRC-1, ORD-3)', () => {
  it('PRC-1 a SKU is priced for each term and billing cycle it is sold with, where the pair is allowed, in key order', () => {
    expect(termCyclePairs({ termDurations: ['P1Y', 'P1M'], billingCycles: ['monthly', 'annual'] })).toEqual([
      { termDuration: 'P1M', billingCycle: 'monthly' },
      { termDuration: 'P1Y', billingCycle: 'annual' },
      { termDuration: 'P1Y', billingCycle: 'monthly' },
    ]);
    expect(termCyclePairs({ termDurations: ['P1M'], billingCycles: ['annual'] })).toEqual([]);
    expect(termCyclePairs({ termDurations: ['P3Y'], billingCycles: ['annual'] })).toEqual([{ termDuration: 'P3Y', billingCycle: 'annual' }]);
  });

  it('PRC-1 entries compare field by field (a SKU that is a prefix of another comes first), the order keyset paging relies on', () => {
    const key = (skuId: string, currency = 'EUR') => ({ productId: 'p', skuId, termDuration: 'P1Y', billingCycle: 'annual', currency });
    expect([key('E3x'), key('E3', 'USD'), key('E3')].sort(compareEntryKeys)).toEqual([key('E3'), key('E3', 'USD'), key('E3x')]);
    expect(compareEntryKeys(key('E3'), key('E3'))).toBe(0);
  });
});

describe('price sheet cells (PRC-4, MKP-5)', () => {
  it('are written as csv-stringify writes them, formula starts neutralized', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const { csvCell } = await import('./operations/price-sheet.js');
    const { csvSafe } = await import('../marketplace/rules.js');
    const tricky = ['', 'plain', 'Fabrikam, Inc.', 'say "hi"', 'two\nlines', 'cr\rhere', '=SUM(A1)', '+33 1', '-5', '@home', '\tTab', ' lead', 'trail ', '"', ',', 'Ünïcødé 東京'];
    const record = (values: string[]) => stringify([values], { cast: { string: csvSafe } });
    expect(tricky.map(csvCell).join(',') + '\n').toBe(record(tricky));
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (values) => values.map(csvCell).join(',') + '\n' === record(values)));
  });
});
