// A subscription's term walked through HTTP on a real database of its own (its sweeps renew and expire
// every term that is due, so it shares no database with other suites), with the app's clock moved
// forward: purchase, a seat increase, the windows closing, a reduction split into a refund and a
// scheduled change, next-term changes, cycle fees, reminders, renewal at the prices of its day, expiry with the
// licences released, a cancellation that nets to zero, and every charge line at each tier's levels
// (TRM-1, TRM-2, TRM-3, TRM-4, TRM-6).
import { describe, expect, it } from 'vitest';
import { addUser } from '../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

describe.each(targetKinds())('subscription lifecycle on %s', (kind) => {
  it('TRM-1 TRM-3 TRM-4 TRM-6 purchase, increase, windows, reduction, scheduled change, cycle fees, renewal, expiry', async () => {
    let clock = new Date('2027-03-01T10:00:00.000Z');
    const t = await target(kind, { instance: 'lifecycle', isolated: true, now: () => clock });
    const sweep = () => t.app.services.commerce.runTermSweep();
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties, { roles: ['licenseAdministrator'], durationDays: 730, autoExtend: true });
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1M', billingCycle: 'monthly' }),
      line(product.e5, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'annual' }),
      line(product.e3, parties.reseller.partnerId, { quantity: 4, termDuration: 'P1M', billingCycle: 'monthly' }),
    ]);
    expect(placed.status, placed.text).toBe(201);
    const [yearly, monthly, annual, cancelled] = placed.body.orders[0].lineItems.map((l: { subscriptionId: string }) => l.subscriptionId) as string[];
    const sub = (id: string) => `/v1/customers/${customer.tenantId}/subscriptions/${id}` as const;
    const charges = async (id: string, client = parties.provider.client) => {
      const listed = await client.get(`${sub(id)}/charges?size=100`);
      expect(listed.status, listed.text).toBe(200);
      return listed.body.items as { chargeType: string; quantity: number; periodStart: string; periodEnd: string; chargedDays: number; periodDays: number; amounts: Record<string, string> }[];
    };

    // TRM-6: the purchase charges the first billing period in full; each tier sees its own amounts only.
    const first = await charges(yearly!);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ chargeType: 'purchase', quantity: 10, periodStart: '2027-03-01T10:00:00.000Z', periodEnd: '2027-04-01T10:00:00.000Z', chargedDays: 31, periodDays: 31 });
    expect(first[0]!.amounts).toEqual({ audience: 'provider', listPrice: '320.00', providerCost: '320.00', resellerPrice: '320.00' });
    expect((await charges(yearly!, customer.client))[0]!.amounts).toEqual({ audience: 'customer', customerPrice: '320.00' });
    expect((await charges(yearly!, parties.reseller.client))[0]!.amounts).toEqual({ audience: 'reseller', listPrice: '320.00', resellerPrice: '320.00', customerPrice: '320.00' });
    const bought = await customer.client.get(sub(yearly!));
    expect(bought.body).toMatchObject({ refundableQuantity: 10, refundableQuantities: [{ quantity: 10, windowClosesAt: '2027-03-08T10:00:00.000Z' }], nextChargeAt: '2027-04-01T10:00:00.000Z', scheduledChanges: null });

    // TRM-4: two days later, 5 seats more, prorated to the period's end (29 of 31 days) with their own window (TRM-3).
    clock = new Date('2027-03-03T09:00:00.000Z');
    const increased = await parties.provider.client.patch(sub(yearly!), { quantity: 15 });
    expect(increased.status, increased.text).toBe(200);
    expect(increased.body).toMatchObject({ quantity: 15, refundableQuantity: 15, refundableQuantities: [{ quantity: 10 }, { quantity: 5, windowClosesAt: '2027-03-10T09:00:00.000Z' }] });
    expect((await charges(yearly!))[1]).toMatchObject({ chargeType: 'seatIncrease', quantity: 5, chargedDays: 29, periodDays: 31, amounts: { resellerPrice: '149.68' } });

    // TRM-2 + TRM-6: the fourth subscription, cancelled on its third day (in the window), pays for the 2 days used:
    // purchase 4 × 32.00 = 128.00; 8 of 124 seat-days used = 8.26; the credit is 8.26 − 128.00.
    const cancel = await parties.provider.client.post(`${sub(cancelled!)}/cancel`);
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', endedAt: '2027-03-03T09:00:00.000Z', refundableQuantity: 0, nextChargeAt: null });
    const cancelLines = await charges(cancelled!);
    expect(cancelLines.map((l) => l.chargeType)).toEqual(['purchase', 'cancellation']);
    expect(cancelLines[1]!.amounts).toEqual({ audience: 'provider', listPrice: '-119.74', providerCost: '-119.74', resellerPrice: '-119.74' });

    // TRM-3: after the purchase's window, a cut of 7 seats removes the 5 still refundable (refunded for 23 of 31 days); the other 2 wait for the renewal.
    clock = new Date('2027-03-09T12:00:00.000Z');
    const reduced = await parties.provider.client.patch(sub(yearly!), { quantity: 8 });
    expect(reduced.status, reduced.text).toBe(200);
    expect(reduced.body).toMatchObject({ quantity: 10, refundableQuantity: 0, refundableQuantities: [], scheduledChanges: { quantity: 8, termDuration: null, billingCycle: null, skuId: null } });
    expect((await charges(yearly!))[2]).toMatchObject({ chargeType: 'refund', quantity: 5, chargedDays: 23, periodDays: 31, amounts: { resellerPrice: '-118.71' } });
    // TRM-2: and the term can no longer be cancelled.
    expect((await parties.provider.client.post(`${sub(yearly!)}/cancel`)).body.code).toBe('cancellation_window_closed');

    // TRM-1: next-term changes: checked against the SKU, refused ones change nothing; only the provider and the reseller of record's agents set them.
    const badCycle = await parties.provider.client.put(`${sub(annual!)}/scheduled-changes`, { billingCycle: 'monthly' });
    expect([badCycle.status, badCycle.body.code, badCycle.body.errors?.[0]?.path]).toEqual([422, 'invalid_term_or_cycle', '/billingCycle']);
    const badSku = await parties.provider.client.put(`${sub(annual!)}/scheduled-changes`, { skuId: 'NOPE' }, { headers: { 'accept-language': 'fr' } });
    expect([badSku.status, badSku.body.code, badSku.body.errors?.[0]?.path]).toEqual([422, 'sku_not_in_product', '/skuId']);
    expect(badSku.body.detail).toContain('SKU');
    expect((await customer.client.put(`${sub(annual!)}/scheduled-changes`, { quantity: 1 })).status).toBe(403);
    expect((await customer.client.get(sub(annual!))).body.scheduledChanges).toBeNull();
    expect((await parties.provider.client.put(`${sub(annual!)}/scheduled-changes`, { quantity: 1 })).body.scheduledChanges).toEqual({ quantity: 1, termDuration: null, billingCycle: null, skuId: null });
    expect((await parties.provider.client.delete(`${sub(annual!)}/scheduled-changes`)).body.scheduledChanges).toBeNull();
    const scheduled = await parties.provider.client.put(`${sub(annual!)}/scheduled-changes`, { quantity: 2, termDuration: 'P3Y' });
    expect(scheduled.body.scheduledChanges).toEqual({ quantity: 2, termDuration: 'P3Y', billingCycle: null, skuId: null });

    // The monthly term does not renew; a licence is assigned to it, to be released.
    expect((await parties.provider.client.patch(sub(monthly!), { autoRenewEnabled: false })).status).toBe(200);
    expect((await parties.reseller.client.post(`/v1/customers/${customer.tenantId}/users/${customer.userId}/licenses`, { subscriptionId: monthly })).status).toBe(201);

    // TRM-6: at the month boundary the sweep charges the second period of the yearly term in full, once.
    clock = new Date('2027-04-01T10:00:00.000Z');
    const april = await sweep();
    expect(april).toMatchObject({ cycleFees: 1, renewed: 0, expired: 1 });
    expect(await sweep()).toEqual({ cycleFees: 0, renewed: 0, expired: 0, reminded: 0 });
    expect((await charges(yearly!))[3]).toMatchObject({ chargeType: 'cycleFee', quantity: 10, periodStart: '2027-04-01T10:00:00.000Z', periodEnd: '2027-05-01T10:00:00.000Z', amounts: { resellerPrice: '320.00' } });
    // TRM-1: the monthly term without auto-renew expired at its end, its licence released.
    const expired = await customer.client.get(sub(monthly!));
    expect(expired.body).toMatchObject({ status: 'expired', endedAt: '2027-04-01T10:00:00.000Z', assignedLicenses: 0, nextChargeAt: null });
    expect((await customer.client.get(`/v1/customers/${customer.tenantId}/users/${customer.userId}/licenses`)).body.items).toEqual([]);

    // The price of E3 goes up before the renewal; the server is down for a year and catches up on its first run.
    const operator = await signInOperator(t);
    const products = await operator.get('/v1/operator/products');
    const current = products.body.items.find((p) => p.id === product.productId)!;
    const raised = await operator.put(`/v1/operator/products/${product.productId}`, {
      name: current.name,
      description: current.description,
      markets: current.markets,
      skus: [
        { skuId: 'E3', name: 'E3', termDurations: ['P1M', 'P1Y'], billingCycles: ['monthly', 'annual'], prices: [{ currency: 'EUR', unitPrice: 40 }, { currency: 'USD', unitPrice: 45 }] },
        { skuId: 'E5', name: 'E5', termDurations: ['P1Y', 'P3Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 54.75 }, { currency: 'USD', unitPrice: 57 }] },
      ],
    });
    expect(raised.status, raised.text).toBe(200);
    // The server was down from April to February: its first run charges the ten periods that came due, and
    // sends the 30-day renewal reminder of both yearly terms (ending 1 March) to the reseller's and the provider's admins.
    clock = new Date('2028-02-01T10:00:00.000Z');
    expect(await sweep()).toEqual({ cycleFees: 10, renewed: 0, expired: 0, reminded: 2 });
    expect(await sweep()).toEqual({ cycleFees: 0, renewed: 0, expired: 0, reminded: 0 });
    for (const email of [parties.reseller.email, parties.provider.email]) {
      const reminder = await t.app.platform.mailer.latestTo(email, 'renewalReminder');
      expect(reminder?.subject, email).toBe('2 subscription(s) reach their commitment end in 30 days or less');
      expect(reminder?.text).toContain(`${product.name} — E3 (10) · `);
      expect(reminder?.text).toContain('2028-03-01 · ↻');
    }
    clock = new Date('2028-02-23T10:00:00.000Z');
    expect(await sweep()).toEqual({ cycleFees: 0, renewed: 0, expired: 0, reminded: 2 });
    expect((await t.app.platform.mailer.latestTo(parties.reseller.email, 'renewalReminder'))?.subject).toBe('2 subscription(s) reach their commitment end in 7 days or less');

    clock = new Date('2028-03-02T00:00:00.000Z');
    const caughtUp = await sweep();
    expect(caughtUp).toEqual({ cycleFees: 0, renewed: 2, expired: 0, reminded: 0 });
    expect(await sweep()).toEqual({ cycleFees: 0, renewed: 0, expired: 0, reminded: 0 });

    // TRM-1: the yearly term renewed at its end with the scheduled quantity, at the day's price, all seats refundable for 168 hours from the renewal.
    const renewed = await parties.provider.client.get(sub(yearly!));
    expect(renewed.body).toMatchObject({
      status: 'active',
      quantity: 8,
      termStartAt: '2028-03-01T10:00:00.000Z',
      commitmentEndAt: '2029-03-01T10:00:00.000Z',
      scheduledChanges: null,
      nextChargeAt: '2028-04-01T10:00:00.000Z',
      prices: { listPrice: '40.00', resellerPrice: '40.00' },
      refundableQuantities: [{ quantity: 8, windowClosesAt: '2028-03-08T10:00:00.000Z' }],
    });
    const yearlyLines = await charges(yearly!);
    expect(yearlyLines.map((l) => l.chargeType)).toEqual(['purchase', 'seatIncrease', 'refund', ...Array(11).fill('cycleFee'), 'renewal']);
    expect(yearlyLines.at(-1)).toMatchObject({ quantity: 8, periodStart: '2028-03-01T10:00:00.000Z', periodEnd: '2028-04-01T10:00:00.000Z', amounts: { resellerPrice: '320.00' } });
    // The first term's lines: 12 periods of 10 seats, plus 5 seats for 29 days, less 5 seats for 23 days.
    const firstTerm = yearlyLines.slice(0, -1).reduce((sum, l) => sum + Math.round(Number(l.amounts.resellerPrice) * 100), 0);
    expect(firstTerm).toBe(12 * 32000 + 14968 - 11871);

    // The annual term renewed with its scheduled quantity and term (P3Y, billed annually: no monthly fees).
    const annualRenewed = await customer.client.get(sub(annual!));
    expect(annualRenewed.body).toMatchObject({ quantity: 2, termDuration: 'P3Y', termStartAt: '2028-03-01T10:00:00.000Z', commitmentEndAt: '2031-03-01T10:00:00.000Z', nextChargeAt: '2029-03-01T10:00:00.000Z', prices: { customerPrice: '54.75' } });
    expect((await charges(annual!, customer.client)).map((l) => [l.chargeType, l.quantity, l.amounts.customerPrice])).toEqual([
      ['purchase', 3, '164.25'],
      ['renewal', 2, '109.50'],
    ]);

    // Two workers at once: each period and each renewal happens once.
    clock = new Date('2029-03-01T10:00:00.000Z');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.cycleFees + b.cycleFees).toBe(11 + 1); // the yearly's 11 monthly fees (Apr 2028 … Feb 2029), the annual's second year
    expect(a.renewed + b.renewed).toBe(1);
    const secondTerm = await charges(yearly!);
    expect(secondTerm.filter((l) => l.chargeType === 'renewal')).toHaveLength(2);
    expect(secondTerm.filter((l) => l.chargeType === 'cycleFee' && l.periodStart >= '2028-03-01')).toHaveLength(11);
    expect(new Set(secondTerm.map((l) => `${l.chargeType} ${l.periodStart}`)).size).toBe(secondTerm.length);

    // The audit log tells the customer what the sweep did.
    const audit = await customer.client.get('/v1/audit-records?action=subscription.renewed');
    expect(audit.status, audit.text).toBe(200);
    expect(audit.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it('TRM-5 upgrades along the operator\'s paths keep the commitment end; the old seats are credited, the new charged, licences follow', async () => {
    let clock = new Date('2027-05-10T08:00:00.000Z');
    const t = await target(kind, { instance: 'lifecycle-upgrade', isolated: true, now: () => clock });
    const operator = await signInOperator(t);
    const sku = (skuId: string, unitPrice: number) => ({ skuId, name: `Suite ${skuId}`, termDurations: ['P1M' as const, 'P1Y' as const], billingCycles: ['monthly' as const, 'annual' as const], prices: [{ currency: 'EUR', unitPrice }] });
    const body = { name: 'Upgradable suite', description: 'Three tiers.', skus: [sku('BASIC', 6), sku('STANDARD', 12.5), sku('PREMIUM', 22)], markets: ['FR'] };
    // Paths must join known, different SKUs and never lead back.
    for (const upgradePaths of [[{ fromSkuId: 'BASIC', toSkuId: 'GOLD' }], [{ fromSkuId: 'BASIC', toSkuId: 'BASIC' }], [{ fromSkuId: 'BASIC', toSkuId: 'STANDARD' }, { fromSkuId: 'STANDARD', toSkuId: 'BASIC' }]]) {
      const refused = await operator.post('/v1/operator/products', { ...body, upgradePaths });
      expect([refused.status, refused.body.code, refused.body.errors?.[0]?.path]).toEqual([422, 'upgrade_path_invalid', `/upgradePaths/${upgradePaths.length - 1}`]);
    }
    const created = await operator.post('/v1/operator/products', { ...body, upgradePaths: [{ fromSkuId: 'BASIC', toSkuId: 'STANDARD' }, { fromSkuId: 'STANDARD', toSkuId: 'PREMIUM' }] });
    expect(created.status, created.text).toBe(201);
    expect(created.body.upgradePaths).toHaveLength(2);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties, { roles: ['licenseAdministrator'], durationDays: 730, autoExtend: true });
    const placed = await order(parties.providerAgent.client, customer.tenantId, [line(`${created.body.id}:BASIC`, parties.reseller.partnerId, { quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly' })]);
    expect(placed.status, placed.text).toBe(201);
    const basicId = placed.body.orders[0].lineItems[0].subscriptionId as string;
    const sub = (id: string) => `/v1/customers/${customer.tenantId}/subscriptions/${id}` as const;
    const licenses = `/v1/customers/${customer.tenantId}/users/${customer.userId}/licenses` as const;
    expect((await parties.reseller.client.post(licenses, { subscriptionId: basicId })).status).toBe(201);

    // Basic reaches Standard and, through it, Premium.
    const options = await customer.client.get(`${sub(basicId)}/upgrade-options`);
    expect(options.body.items.map((o) => o.skuId)).toEqual(['STANDARD', 'PREMIUM']);
    const wrong = await parties.provider.client.post(`${sub(basicId)}/upgrade`, { targetSkuId: 'BASIC' });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'upgrade_not_allowed']);
    expect((await customer.client.post(`${sub(basicId)}/upgrade`, { targetSkuId: 'PREMIUM' })).status).toBe(403);

    // Twenty days into the first month: 4 seats move to Standard for 11 of 31 days left in the period.
    clock = new Date('2027-05-30T08:00:00.000Z');
    const partial = await parties.provider.client.post(`${sub(basicId)}/upgrade`, { targetSkuId: 'STANDARD', quantity: 4 });
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.from).toMatchObject({ id: basicId, status: 'active', quantity: 6, commitmentEndAt: '2028-05-10T08:00:00.000Z' });
    expect(partial.body.to).toMatchObject({ skuId: 'STANDARD', status: 'active', quantity: 4, termStartAt: '2027-05-10T08:00:00.000Z', commitmentEndAt: '2028-05-10T08:00:00.000Z', nextChargeAt: '2027-06-10T08:00:00.000Z', prices: { resellerPrice: '12.50' }, assignedLicenses: 1 });
    const standardId = partial.body.to.id;
    const credit = (await parties.provider.client.get(`${sub(basicId)}/charges`)).body.items.at(-1)!;
    // 4 × 6.00 × 11 / 31 = 8.516… → 8.52 credited; 4 × 12.50 × 11 / 31 = 17.741… → 17.74 charged.
    expect(credit).toMatchObject({ chargeType: 'upgradeCredit', quantity: 4, chargedDays: 11, periodDays: 31, amounts: { resellerPrice: '-8.52' } });
    expect((await parties.provider.client.get(`${sub(standardId)}/charges`)).body.items).toMatchObject([{ chargeType: 'upgradeCharge', quantity: 4, chargedDays: 11, amounts: { resellerPrice: '17.74' } }]);

    // The rest of Basic moves to Premium: the old subscription is cancelled, the new one keeps the term.
    const full = await parties.reseller.client.post(`${sub(basicId)}/upgrade`, { targetSkuId: 'PREMIUM' });
    expect(full.status, full.text).toBe(403); // the reseller's global admin is no admin agent
    const agent = await addUser(t, parties.reseller.client, ['adminAgent']);
    const rest = await agent.client.post(`${sub(basicId)}/upgrade`, { targetSkuId: 'PREMIUM' });
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body.from).toMatchObject({ status: 'cancelled', quantity: 6 });
    expect(rest.body.to).toMatchObject({ skuId: 'PREMIUM', quantity: 6, commitmentEndAt: '2028-05-10T08:00:00.000Z' });
    expect((await customer.client.get(licenses)).body.items).toHaveLength(1);

    // The next month's fee of each follows its own SKU; the cancelled one is charged no more.
    clock = new Date('2027-06-10T08:00:00.000Z');
    expect(await t.app.services.commerce.runTermSweep()).toMatchObject({ cycleFees: 2 });
    expect((await parties.provider.client.get(`${sub(standardId)}/charges`)).body.items.at(-1)).toMatchObject({ chargeType: 'cycleFee', quantity: 4, amounts: { resellerPrice: '50.00' } });
    expect((await parties.provider.client.get(`${sub(rest.body.to.id)}/charges`)).body.items.at(-1)).toMatchObject({ chargeType: 'cycleFee', quantity: 6, amounts: { resellerPrice: '132.00' } });
    expect((await parties.provider.client.get(`${sub(basicId)}/charges`)).body.items.map((l) => l.chargeType)).toEqual(['purchase', 'upgradeCredit', 'upgradeCredit']);
  });

  it('TRM-5 co-terming: a new purchase ends with an existing subscription, its shorter first period charged pro rata', async () => {
    let clock = new Date('2027-03-01T10:00:00.000Z');
    const t = await target(kind, { instance: 'lifecycle-coterm', isolated: true, now: () => clock });
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const first = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly' })]);
    const existing = first.body.orders[0].lineItems[0].subscriptionId as string;
    const sub = (id: string) => `/v1/customers/${customer.tenantId}/subscriptions/${id}` as const;

    // Three and a half months later: a line co-termed with it, two that cannot be (a month's term ending in 8 months; no such subscription).
    clock = new Date('2027-06-15T12:00:00.000Z');
    const placed = await order(parties.providerAgent.client, customer.tenantId, [
      line(product.e3, parties.reseller.partnerId, { quantity: 2, termDuration: 'P1Y', billingCycle: 'monthly', coterminousWithSubscriptionId: existing }),
      line(product.e3, parties.reseller.partnerId, { quantity: 1, termDuration: 'P1M', billingCycle: 'monthly', coterminousWithSubscriptionId: existing }),
      line(product.e3, parties.reseller.partnerId, { quantity: 1, termDuration: 'P1Y', billingCycle: 'monthly', coterminousWithSubscriptionId: '00000000-0000-4000-8000-000000000000' }),
    ]);
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body.orderErrors).toEqual([
      { lineItemNumber: 2, code: 'coterm_not_possible' },
      { lineItemNumber: 3, code: 'coterm_not_possible' },
    ]);
    const cotermed = placed.body.orders[0].lineItems[0].subscriptionId as string;
    const view = await parties.provider.client.get(sub(cotermed));
    expect(view.body).toMatchObject({ termStartAt: '2027-06-15T12:00:00.000Z', commitmentEndAt: '2028-03-01T10:00:00.000Z', nextChargeAt: '2027-07-01T10:00:00.000Z', cancellableUntil: '2027-06-22T12:00:00.000Z' });
    // The first period is the rest of 1 June – 1 July: 16 of 30 days, 2 × 32.00 × 16 / 30 = 34.13.
    const lines = (await parties.provider.client.get(`${sub(cotermed)}/charges`)).body.items;
    expect(lines).toMatchObject([{ chargeType: 'purchase', quantity: 2, periodStart: '2027-06-15T12:00:00.000Z', periodEnd: '2027-07-01T10:00:00.000Z', chargedDays: 16, periodDays: 30, amounts: { resellerPrice: '34.13' } }]);

    // Both renew on the same day; the co-termed one's eight monthly fees fall on the existing one's days.
    clock = new Date('2028-03-01T10:00:00.000Z');
    expect(await t.app.services.commerce.runTermSweep()).toEqual({ cycleFees: 11 + 8, renewed: 2, expired: 0, reminded: 0 });
    const fees = (await parties.provider.client.get(`${sub(cotermed)}/charges?size=100`)).body.items.filter((l) => l.chargeType === 'cycleFee');
    expect(fees.map((l) => l.periodStart.slice(0, 10))).toEqual(['2027-07-01', '2027-08-01', '2027-09-01', '2027-10-01', '2027-11-01', '2027-12-01', '2028-01-01', '2028-02-01']);
    const renewed = await parties.provider.client.get(sub(cotermed));
    expect(renewed.body).toMatchObject({ termStartAt: '2028-03-01T10:00:00.000Z', commitmentEndAt: '2029-03-01T10:00:00.000Z', nextChargeAt: '2028-04-01T10:00:00.000Z' });

    // A co-termed purchase cancelled in its window, after its short first period ended, pays the days used in both periods.
    clock = new Date('2028-06-28T09:00:00.000Z');
    const short = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly', coterminousWithSubscriptionId: existing })]);
    const shortId = short.body.orders[0].lineItems[0].subscriptionId as string;
    clock = new Date('2028-07-03T09:00:00.000Z');
    const cancelled = await parties.provider.client.post(`${sub(shortId)}/cancel`);
    expect(cancelled.status, cancelled.text).toBe(200);
    const shortLines = (await parties.provider.client.get(`${sub(shortId)}/charges`)).body.items;
    expect(shortLines.map((l) => l.chargeType)).toEqual(['purchase', 'cycleFee', 'cancellation']);
    // Used: 3 seats × 3 of 30 days in June + 3 seats × 2 of 31 days in July.
    const net = shortLines.reduce((sum, l) => sum + Math.round(Number('resellerPrice' in l.amounts ? l.amounts.resellerPrice : NaN) * 100), 0);
    expect(net).toBe(Math.round((3200 * 3 * 3) / 30) + Math.round((3200 * 3 * 2) / 31));
  });

  it('TRM-6 charge lines are append-only: the database refuses to change or delete one', async () => {
    const t = await target(kind, { instance: 'lifecycle-append', isolated: true });
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);
    const placed = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 1 })]);
    expect(placed.status, placed.text).toBe(201);
    const db = t.app.platform.db;
    const { sql } = await import('drizzle-orm');
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'changed',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await refusal(db.execute(sql`update charge_lines set customer_amount = 0`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from charge_lines`))).toMatch(/append-only/);
    const counted = (await db.execute(sql`select count(*)::int as n from charge_lines`)) as unknown as { rows: { n: number }[] };
    expect(counted.rows[0]!.n).toBe(1);
  });
});
