// @vitest-environment node
// TRM-1 … TRM-4 in the portal: what a dialog says before it is confirmed is what the API does. The
// pairing of terms and billing cycles and the split of a reduction are checked against the API's own
// rules (modules/commerce/rules.ts), so a change there shows here as a failing test.
import { describe, expect, it } from 'vitest';
import { cyclesForTerm, splitReduction, termDurations } from '../../src/modules/commerce/rules';
import {
  CYCLES_FOR_TERM,
  cyclesFor,
  daysLeft,
  isCancellable,
  nextTermOf,
  quantityEffect,
  scheduledChangesBody,
  subscriptionActions,
  termPagePath,
  termsFor,
  upgradeEffect,
} from './subscriptionTerms';
import type { Subscription } from '@contracts/commerce';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 's1',
    customerTenantId: 'c1',
    offerId: 'p1',
    skuId: 'E3',
    name: 'Cloud Suite — E3',
    quantity: 5,
    assignedLicenses: 0,
    termDuration: 'P1Y',
    billingCycle: 'annual',
    currency: 'EUR',
    prices: { audience: 'customer', customerPrice: '32.00' },
    partnerIdOnRecord: '1234567',
    providerTenantId: 'provider',
    resellerTenantId: 'reseller',
    orderId: 'o1',
    status: 'active',
    autoRenewEnabled: true,
    termStartAt: '2026-03-10T10:00:00.000Z',
    commitmentEndAt: '2027-03-10T10:00:00.000Z',
    cancellableUntil: '2026-03-17T10:00:00.000Z',
    refundableQuantity: 5,
    refundableQuantities: [{ quantity: 5, windowClosesAt: '2026-03-17T10:00:00.000Z' }],
    scheduledChanges: null,
    nextChargeAt: null,
    endedAt: null,
    createdAt: '2026-03-10T10:00:00.000Z',
    updatedAt: '2026-03-10T10:00:00.000Z',
    ...overrides,
  };
}

describe('terms and billing cycles', () => {
  it('pairs them as the API does', () => {
    expect(Object.keys(CYCLES_FOR_TERM).sort()).toEqual([...termDurations].sort());
    for (const term of termDurations) expect(CYCLES_FOR_TERM[term]).toEqual(cyclesForTerm[term]);
  });

  it("offers only the SKU's terms that have a cycle to pair with, and the cycles of the term", () => {
    const sku = { termDurations: ['P1M', 'P1Y'], billingCycles: ['annual'] };
    expect(termsFor(sku)).toEqual(['P1Y']);
    expect(cyclesFor(sku, 'P1M')).toEqual([]);
    expect(cyclesFor({ billingCycles: ['monthly', 'annual'] }, 'P3Y')).toEqual(['monthly', 'annual']);
    expect(cyclesFor({ billingCycles: ['monthly'] }, 'P9Y')).toEqual([]);
  });
});

describe('days left in a window', () => {
  it('counts a day begun as a day, and nothing once the window has closed', () => {
    expect(daysLeft('2026-03-17T12:00:00Z', NOW)).toBe(7);
    expect(daysLeft('2026-03-17T11:59:00Z', NOW)).toBe(7);
    expect(daysLeft('2026-03-10T13:00:00Z', NOW)).toBe(1);
    expect(daysLeft('2026-03-10T12:00:00Z', NOW)).toBe(0);
    expect(daysLeft('2026-03-01T00:00:00Z', NOW)).toBe(0);
  });

  it('TRM-2: cancellation only before cancellableUntil, and never once ended', () => {
    expect(isCancellable(subscription(), NOW)).toBe(true);
    expect(isCancellable(subscription({ cancellableUntil: new Date(NOW - HOUR).toISOString() }), NOW)).toBe(false);
    expect(isCancellable(subscription({ status: 'expired' }), NOW)).toBe(false);
  });
});

describe('what a change of quantity does', () => {
  it('TRM-4: an increase adds seats now', () => {
    expect(quantityEffect(subscription(), 8)).toEqual({ kind: 'increase', added: 3 });
    expect(quantityEffect(subscription(), 5)).toEqual({ kind: 'none' });
  });

  it('TRM-3: a reduction removes min(N, refundableQuantity) now and schedules the rest for the renewal', () => {
    expect(quantityEffect(subscription(), 3)).toEqual({ kind: 'reduction', removedNow: 2, scheduled: 0, quantityNow: 3, target: 3 });
    const partly = subscription({ quantity: 10, refundableQuantity: 2 });
    expect(quantityEffect(partly, 4)).toEqual({ kind: 'reduction', removedNow: 2, scheduled: 4, quantityNow: 8, target: 4 });
    expect(quantityEffect(subscription({ refundableQuantity: 0 }), 1)).toEqual({ kind: 'reduction', removedNow: 0, scheduled: 4, quantityNow: 5, target: 1 });
  });

  it('says what the API splits', () => {
    const now = new Date(NOW);
    const windows = [
      { quantity: 3, closesAt: new Date(NOW - HOUR).toISOString() },
      { quantity: 2, closesAt: new Date(NOW + 5 * HOUR).toISOString() },
      { quantity: 1, closesAt: new Date(NOW + 50 * HOUR).toISOString() },
    ];
    for (let target = 1; target <= 6; target += 1) {
      const split = splitReduction(windows, 6 - target, now);
      const effect = quantityEffect({ quantity: 6, refundableQuantity: 3 }, target);
      if (target === 6) expect(effect.kind).toBe('none');
      else expect(effect).toMatchObject({ kind: 'reduction', removedNow: split.now, scheduled: split.scheduled });
    }
  });
});

describe('next-term changes', () => {
  it('starts the form from the scheduled changes over the current term', () => {
    expect(nextTermOf(subscription())).toEqual({ quantity: 5, termDuration: 'P1Y', billingCycle: 'annual', skuId: 'E3' });
    expect(nextTermOf(subscription({ scheduledChanges: { quantity: 3, termDuration: null, billingCycle: null, skuId: 'E5' } }))).toEqual({
      quantity: 3,
      termDuration: 'P1Y',
      billingCycle: 'annual',
      skuId: 'E5',
    });
  });

  it('sends what differs from the current term and what is scheduled already, nothing else', () => {
    const current = subscription();
    expect(scheduledChangesBody(current, { quantity: 5, termDuration: 'P1Y', billingCycle: 'annual', skuId: 'E3' })).toEqual({});
    expect(scheduledChangesBody(current, { quantity: 5, termDuration: 'P3Y', billingCycle: 'annual', skuId: 'E3' })).toEqual({ termDuration: 'P3Y' });
    // A scheduled quantity set back to the current one is sent, so that it replaces the scheduled one.
    const scheduled = subscription({ scheduledChanges: { quantity: 3, termDuration: null, billingCycle: null, skuId: null } });
    expect(scheduledChangesBody(scheduled, { quantity: 5, termDuration: 'P1Y', billingCycle: 'monthly', skuId: 'E3' })).toEqual({ quantity: 5, billingCycle: 'monthly' });
  });
});

describe('what an upgrade does', () => {
  it('TRM-5: the seats moved, those left, and whether the subscription is closed', () => {
    expect(upgradeEffect(subscription(), 5)).toEqual({ moved: 5, remaining: 0, closes: true, licensesMoved: 0 });
    expect(upgradeEffect(subscription(), 2)).toEqual({ moved: 2, remaining: 3, closes: false, licensesMoved: 0 });
  });

  it('TRM-5: licences follow the seats: as many assignments as seats moved, every one when all move', () => {
    expect(upgradeEffect(subscription({ assignedLicenses: 4 }), 2).licensesMoved).toBe(2);
    expect(upgradeEffect(subscription({ assignedLicenses: 1 }), 2).licensesMoved).toBe(1);
    expect(upgradeEffect(subscription({ assignedLicenses: 4 }), 5).licensesMoved).toBe(4);
  });
});

describe('who may do what', () => {
  const manage = ['commerce.read', 'commerce.manage'];
  it('the provider everything, within the cancellation window for cancelling', () => {
    expect(subscriptionActions(subscription(), { tenantId: 'provider', roles: [], permissions: manage }, NOW)).toEqual({
      quantity: true,
      schedule: true,
      status: true,
      autoRenew: true,
      cancel: true,
      upgrade: true,
    });
    expect(subscriptionActions(subscription(), { tenantId: 'provider', roles: [], permissions: manage }, NOW + 8 * 24 * HOUR).cancel).toBe(false);
  });

  it("the reseller of record's admin agents the seats and the next term; others nothing", () => {
    expect(subscriptionActions(subscription(), { tenantId: 'reseller', roles: ['adminAgent'], permissions: manage }, NOW)).toEqual({
      quantity: true,
      schedule: true,
      status: false,
      autoRenew: false,
      cancel: false,
      upgrade: true,
    });
    expect(Object.values(subscriptionActions(subscription(), { tenantId: 'reseller', roles: [], permissions: manage }, NOW))).not.toContain(true);
    expect(Object.values(subscriptionActions(subscription(), { tenantId: 'c1', roles: ['globalAdmin'], permissions: manage }, NOW))).not.toContain(true);
    expect(Object.values(subscriptionActions(subscription(), { tenantId: 'provider', roles: [], permissions: ['commerce.read'] }, NOW))).not.toContain(true);
  });

  it('TRM-5: upgrades by those who change the seats, only while the subscription is active', () => {
    const provider = { tenantId: 'provider', roles: [], permissions: manage };
    expect(subscriptionActions(subscription({ status: 'suspended' }), provider, NOW)).toMatchObject({ quantity: true, upgrade: false });
    expect(subscriptionActions(subscription({ status: 'suspended' }), { tenantId: 'reseller', roles: ['adminAgent'], permissions: manage }, NOW).upgrade).toBe(false);
  });

  it('nothing on an ended subscription', () => {
    for (const status of ['cancelled', 'expired']) {
      expect(Object.values(subscriptionActions(subscription({ status }), { tenantId: 'provider', roles: [], permissions: manage }, NOW))).not.toContain(true);
    }
  });
});

it('opens a customer its own term page, a partner the one under its customer', () => {
  expect(termPagePath('c1', 's1', 'c1')).toBe('/subscriptions/s1');
  expect(termPagePath('c1', 's1', 'provider')).toBe('/customers/c1/subscriptions/s1');
});
