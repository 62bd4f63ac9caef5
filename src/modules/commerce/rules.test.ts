// Commerce rules, pure: the ORD-3 preconditions in order, term and billing cycle as a pair, and which
// subscription changes are orders (ORD-3 on every change) or seat changes (ORD-4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  billingCycleAllowedForTerm,
  billingCycles,
  cancellationAllowed,
  cancellationWindowClosesAt,
  commitmentEndOf,
  firstFailure,
  orderingField,
  seatChangeAllowed,
  termDurations,
  unpairedLines,
  type LineFacts,
} from './rules.js';

const facts = (overrides: Partial<LineFacts> = {}): LineFacts => ({
  providerActive: true,
  reseller: { enrollmentStatus: 'active', agreementAccepted: true, associatedPartnerId: '1234567', authorizedProvider: true, customerRelationship: true, inRegion: true, inAudience: true },
  resellerPartnerId: '1234567',
  providerCustomerRelationship: true,
  offer: { markets: ['FR'], sku: { skuId: 'E3', name: 'E3', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 32 }] } },
  customerCountry: 'FR',
  currency: 'EUR',
  termDuration: 'P1Y',
  billingCycle: 'annual',
  quantity: 5,
  ...overrides,
});

describe('ORD-3 term and billing cycle as a pair', () => {
  const expected: Record<string, boolean> = {
    'P1M monthly': true,
    'P1M annual': false,
    'P1Y monthly': true,
    'P1Y annual': true,
    'P3Y monthly': true,
    'P3Y annual': true,
  };
  for (const term of termDurations) {
    for (const cycle of billingCycles) {
      it(`ORD-3 ${term} billed ${cycle}: ${expected[`${term} ${cycle}`] ? 'allowed' : 'refused'}`, () => {
        expect(billingCycleAllowedForTerm(term, cycle)).toBe(expected[`${term} ${cycle}`]);
      });
    }
  }

  it('ORD-3 an unknown term or cycle pairs with nothing', () => {
    expect(billingCycleAllowedForTerm('P2Y', 'annual')).toBe(false);
    expect(billingCycleAllowedForTerm('P1Y', 'weekly')).toBe(false);
    expect(billingCycleAllowedForTerm('constructor', 'monthly')).toBe(false);
  });

  it('ORD-3 cart lines that do not pair are named by their billing cycle', () => {
    const lines = [
      { termDuration: 'P1Y', billingCycle: 'annual' },
      { termDuration: 'P1M', billingCycle: 'annual' },
      { termDuration: 'P1M', billingCycle: 'monthly' },
    ];
    expect(unpairedLines(lines)).toEqual([{ path: '/lineItems/1/billingCycle', code: 'billing_cycle_not_allowed_for_term' }]);
    expect(unpairedLines([])).toEqual([]);
  });

  it('ORD-3 checkout refuses a P1M term billed annually although the SKU offers both separately', () => {
    expect(firstFailure(facts({ termDuration: 'P1M', billingCycle: 'annual' }))).toBe('billing_cycle_not_allowed_for_term');
    expect(firstFailure(facts({ termDuration: 'P1M', billingCycle: 'monthly' }))).toBeNull();
    // A term the SKU does not offer is its own refusal, checked first.
    expect(firstFailure(facts({ termDuration: 'P3Y', billingCycle: 'annual' }))).toBe('invalid_term_or_cycle');
  });
});

describe('ORD-3 preconditions in order', () => {
  it('ORD-3 each broken precondition answers its own code', () => {
    const reseller = facts().reseller!;
    expect(firstFailure(facts())).toBeNull();
    expect(firstFailure(facts({ providerActive: false }))).toBe('provider_not_active');
    expect(firstFailure(facts({ reseller: null }))).toBe('reseller_not_found');
    expect(firstFailure(facts({ reseller: { ...reseller, enrollmentStatus: 'suspended' } }))).toBe('reseller_not_active');
    expect(firstFailure(facts({ reseller: { ...reseller, agreementAccepted: false } }))).toBe('reseller_agreement_not_accepted');
    expect(firstFailure(facts({ reseller: { ...reseller, associatedPartnerId: '7654321' } }))).toBe('partner_id_not_associated');
    expect(firstFailure(facts({ reseller: { ...reseller, authorizedProvider: false } }))).toBe('provider_not_authorized_by_reseller');
    expect(firstFailure(facts({ providerCustomerRelationship: false }))).toBe('no_provider_customer_relationship');
    expect(firstFailure(facts({ reseller: { ...reseller, customerRelationship: false } }))).toBe('no_reseller_customer_relationship');
    expect(firstFailure(facts({ reseller: { ...reseller, inRegion: false } }))).toBe('region_mismatch');
    expect(firstFailure(facts({ customerCountry: 'JP' }))).toBe('offer_not_available_in_market');
    expect(firstFailure(facts({ reseller: { ...reseller, inAudience: false } }))).toBe('reseller_not_in_csp_audience');
    expect(firstFailure(facts({ quantity: 10_001 }))).toBe('invalid_quantity');
  });
});

describe('ORD-3 on every change, ORD-4 seat changes', () => {
  const active = { status: 'active' as const, quantity: 5 };
  const suspended = { status: 'suspended' as const, quantity: 5 };

  it('ORD-3 adding seats is an order, named by /quantity', () => {
    expect(orderingField(active, { quantity: 500 })).toBe('/quantity');
    expect(orderingField(suspended, { status: 'active', quantity: 6 })).toBe('/quantity');
  });
  it('ORD-3 reactivating a suspended subscription is an order, named by /status', () => {
    expect(orderingField(suspended, { status: 'active' })).toBe('/status');
    expect(orderingField(suspended, { status: 'active', quantity: 5 })).toBe('/status');
  });
  it('ORD-3 reductions, suspension, the same quantity and an active subscription kept active are no orders', () => {
    expect(orderingField(active, { quantity: 4 })).toBeNull();
    expect(orderingField(active, { quantity: 5 })).toBeNull();
    expect(orderingField(active, { status: 'suspended' })).toBeNull();
    expect(orderingField(active, { status: 'active' })).toBeNull();
    expect(orderingField(suspended, { status: 'suspended' })).toBeNull();
    expect(orderingField(active, {})).toBeNull();
  });
  it('ORD-4 no seat change on a suspended subscription, nor on one this change suspends', () => {
    expect(seatChangeAllowed(suspended, { quantity: 4 })).toBe(false);
    expect(seatChangeAllowed(suspended, { quantity: 6 })).toBe(false);
    expect(seatChangeAllowed(active, { status: 'suspended', quantity: 4 })).toBe(false);
    expect(seatChangeAllowed(suspended, { quantity: 5 })).toBe(true);
    expect(seatChangeAllowed(suspended, { status: 'active', quantity: 6 })).toBe(true);
    expect(seatChangeAllowed(active, { quantity: 4 })).toBe(true);
    expect(seatChangeAllowed(suspended, { status: 'suspended' })).toBe(true);
  });
});

describe('the term (TRM-1, TRM-2)', () => {
  it('TRM-1 the commitment end is the start plus the term, in UTC calendar months, clamped to the month end', () => {
    expect(commitmentEndOf(new Date('2026-12-02T10:00:00.000Z'), 'P1M').toISOString()).toBe('2027-01-02T10:00:00.000Z');
    expect(commitmentEndOf(new Date('2027-01-31T23:30:00.000Z'), 'P1M').toISOString()).toBe('2027-02-28T23:30:00.000Z');
    expect(commitmentEndOf(new Date('2028-01-31T00:00:00.000Z'), 'P1M').toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(commitmentEndOf(new Date('2028-02-29T08:00:00.000Z'), 'P1Y').toISOString()).toBe('2029-02-28T08:00:00.000Z');
    expect(commitmentEndOf(new Date('2026-12-02T10:00:00.000Z'), 'P3Y').toISOString()).toBe('2029-12-02T10:00:00.000Z');
    expect(() => commitmentEndOf(new Date(), 'P2Y')).toThrow(RangeError);
    // Always later than the start, and never more than the term's months of 31 days.
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.constantFrom('P1M', 'P1Y', 'P3Y'), (start, term) => {
        const end = commitmentEndOf(start, term);
        const months = term === 'P1M' ? 1 : term === 'P1Y' ? 12 : 36;
        return end > start && end.getTime() - start.getTime() <= months * 31 * 86_400_000 && end.getTime() - start.getTime() >= months * 28 * 86_400_000;
      }),
    );
  });

  it('TRM-2 cancellation is allowed for 168 hours from the term start, not a millisecond more', () => {
    const start = new Date('2026-12-02T10:00:00.000Z');
    expect(cancellationWindowClosesAt(start).toISOString()).toBe('2026-12-09T10:00:00.000Z');
    expect(cancellationAllowed(start, new Date('2026-12-09T09:59:59.999Z'))).toBe(true);
    expect(cancellationAllowed(start, new Date('2026-12-09T10:00:00.000Z'))).toBe(false);
  });
});
