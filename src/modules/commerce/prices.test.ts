// Prices on orders, through HTTP on a real database (PRC-3, PRC-4, PRC-1, PRC-2, PRC-5): checkout
// freezes list price, provider cost, reseller price and customer price on each order line with the
// price-list version and the configs behind them; each tier sees only its own buy and sell prices on
// orders, subscriptions and the catalog; seat changes keep the frozen prices.
// Price lists are the program's (one per month): this suite prices in months of a year of its own, on an
// app instance whose clock it moves.
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import type { Client } from '../../../test/helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from '../../../test/helpers/commerce.js';
import { signInOperator } from '../../../test/helpers/operator.js';
import { enrollPartner } from '../../../test/helpers/partners.js';
import { target, targetKinds } from '../../../test/helpers/server.js';

type Prices = Record<string, string | null>;
interface OrderLine {
  skuId: string;
  subscriptionId: string;
  prices: Prices;
}
interface Item {
  catalogItemId: string;
  prices: Prices[];
}

/** The body of an answer with this status, read as the shape the test compares (the comparisons check it). */
async function ok<T>(response: Promise<{ status: number; text: string; body: unknown }>, status = 200): Promise<T> {
  const answer = await response;
  expect(answer.status, answer.text).toBe(status);
  return answer.body as T;
}

const priceOf = (items: Item[], catalogItemId: string, termDuration = 'P1Y', billingCycle = 'annual') =>
  items.find((i) => i.catalogItemId === catalogItemId)?.prices.find((p) => p.termDuration === termDuration && p.billingCycle === billingCycle);

describe.each(targetKinds())('prices on orders on %s', (kind) => {
  it('PRC-3 checkout freezes four prices with their sources; PRC-4 each tier sees its own; seat changes keep them', async () => {
    const year = 2100 + randomInt(0, 7000);
    const june = `${year}-06`;
    const july = `${year}-07`;
    let clock = new Date(`${june}-15T12:00:00.000Z`);
    const t = await target(kind, { instance: `prices-${year}`, now: () => clock });
    const operator = await signInOperator(t);
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties);

    // PRC-1: July's price list lists E3 for a year billed annually; E5 it does not (its own SKU price stands).
    const list = await ok<{ id: string }>(operator.post('/v1/price-lists', { month: july }), 201);
    await ok(operator.put(`/v1/price-lists/${list.id}/entries`, { entries: [{ productId: product.productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '30', unitPrice: '24' }] }));
    await ok(operator.post(`/v1/price-lists/${list.id}/publish`));
    // PRC-2: the provider charges all its resellers its cost + 10 %; the reseller charges this customer list − 5 % on the product.
    const markup = await ok<{ id: string }>(parties.provider.client.post('/v1/repricing-configs', { tier: 'reseller', basis: 'cost', percent: '10', effectiveMonth: july }), 201);
    const discount = await ok<{ id: string }>(
      parties.reseller.client.post('/v1/repricing-configs', { tier: 'customer', buyerTenantId: customer.tenantId, productId: product.productId, basis: 'list', percent: '-5', effectiveMonth: july }),
      201,
    );

    clock = new Date(`${july}-10T09:00:00.000Z`);
    const placed = await ok<{ orders: { id: string; lineItems: OrderLine[] }[] }>(
      order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId), line(product.e5, parties.reseller.partnerId, { quantity: 2 })]),
      201,
    );
    const [placedOrder] = placed.orders;
    // The provider: its cost and its price to the reseller, with the version and config behind them.
    expect(placedOrder!.lineItems.map((l) => l.prices)).toEqual([
      { audience: 'provider', listPrice: '30.00', providerCost: '24.00', resellerPrice: '26.40', priceListId: list.id, resellerConfigId: markup.id },
      // 54.75 + 10 % = 60.225, half to even at the unit price (PRC-5).
      { audience: 'provider', listPrice: '54.75', providerCost: '54.75', resellerPrice: '60.22', priceListId: null, resellerConfigId: markup.id },
    ]);
    const orderPath = `/v1/customers/${customer.tenantId}/orders/${placedOrder!.id}`;
    // The reseller: its price from the provider and its price to the customer, never the provider's cost.
    expect((await ok<{ lineItems: OrderLine[] }>(parties.reseller.client.get(orderPath))).lineItems.map((l) => l.prices)).toEqual([
      { audience: 'reseller', listPrice: '30.00', resellerPrice: '26.40', customerPrice: '28.50', customerConfigId: discount.id },
      // 54.75 − 5 % = 52.0125 → 52.01.
      { audience: 'reseller', listPrice: '54.75', resellerPrice: '60.22', customerPrice: '52.01', customerConfigId: discount.id },
    ]);
    // The customer: its own price only.
    expect((await ok<{ lineItems: OrderLine[] }>(customer.client.get(orderPath))).lineItems.map((l) => l.prices)).toEqual([
      { audience: 'customer', customerPrice: '28.50' },
      { audience: 'customer', customerPrice: '52.01' },
    ]);
    // Stored exactly, in minor units, with what priced them.
    const db = t.app.platform.db;
    expect(
      await query(db, sql`select sku_id, list_price::int, provider_cost::int, reseller_price::int, customer_price::int, price_list_id::text, reseller_config_id::text, customer_config_id::text
        from order_line_items where order_id = ${placedOrder!.id}::uuid order by line_item_number`),
    ).toEqual([
      { sku_id: 'E3', list_price: 3000, provider_cost: 2400, reseller_price: 2640, customer_price: 2850, price_list_id: list.id, reseller_config_id: markup.id, customer_config_id: discount.id },
      { sku_id: 'E5', list_price: 5475, provider_cost: 5475, reseller_price: 6022, customer_price: 5201, price_list_id: null, reseller_config_id: markup.id, customer_config_id: discount.id },
    ]);
    // The customer's audit log shows the customer's price, nothing above it.
    const [audited] = await query<{ after: { lineItems: OrderLine[] } }>(db, sql`select after from audit_records where action = 'order.created' and resource_id = ${placedOrder!.id}`);
    expect(audited!.after.lineItems.map((l) => l.prices)).toEqual([{ audience: 'customer', customerPrice: '28.50' }, { audience: 'customer', customerPrice: '52.01' }]);

    // Subscriptions carry the frozen prices the same way.
    const subscriptionsPath = `/v1/customers/${customer.tenantId}/subscriptions`;
    const e3Of = async (client: Client) => (await ok<{ items: { skuId: string; id: string; quantity: number; prices: Prices }[] }>(client.get(subscriptionsPath))).items.find((s) => s.skuId === 'E3')!;
    expect((await e3Of(parties.provider.client)).prices).toEqual({ audience: 'provider', listPrice: '30.00', providerCost: '24.00', resellerPrice: '26.40' });
    expect((await e3Of(parties.reseller.client)).prices).toEqual({ audience: 'reseller', listPrice: '30.00', resellerPrice: '26.40', customerPrice: '28.50' });
    expect((await e3Of(customer.client)).prices).toEqual({ audience: 'customer', customerPrice: '28.50' });

    // The provider reprices E3 from this month on: new orders and the catalog follow; the subscription keeps its prices, seats added too.
    await ok(parties.provider.client.post('/v1/repricing-configs', { tier: 'reseller', productId: product.productId, skuId: 'E3', basis: 'cost', unitPrice: '25.00', currency: 'EUR', effectiveMonth: july }), 201);
    const subscription = await e3Of(parties.provider.client);
    const more = await ok<{ quantity: number; prices: Prices }>(parties.provider.client.patch(`${subscriptionsPath}/${subscription.id}`, { quantity: 8 }));
    expect(more).toMatchObject({ quantity: 8, prices: { audience: 'provider', listPrice: '30.00', providerCost: '24.00', resellerPrice: '26.40' } });

    // PRC-4 in the catalog: the provider its cost (and its price to a reseller it names); the reseller its cost from the provider (and its price to a customer it names).
    const asProvider = await ok<{ audience: string; items: Item[] }>(parties.provider.client.get(`/v1/catalog/offers?country=FR&${product.q}&resellerTenantId=${parties.reseller.tenantId}`));
    expect(asProvider.audience).toBe('provider');
    expect(priceOf(asProvider.items, product.e3)).toEqual({ audience: 'provider', termDuration: 'P1Y', billingCycle: 'annual', listPrice: '30.00', providerCost: '24.00', resellerPrice: '25.00' });
    const asReseller = await ok<{ audience: string; items: Item[] }>(parties.reseller.client.get(`/v1/catalog/offers?country=FR&${product.q}&customerTenantId=${customer.tenantId}`));
    expect(asReseller.audience).toBe('reseller');
    expect(priceOf(asReseller.items, product.e3)).toEqual({ audience: 'reseller', termDuration: 'P1Y', billingCycle: 'annual', listPrice: '30.00', resellerPrice: '25.00', customerPrice: '28.50' });
    for (const item of asReseller.items) for (const price of item.prices) expect(Object.keys(price)).not.toContain('providerCost');
    // Only its own buyers: a reseller it does not serve, a customer of another reseller.
    const stranger = await enrollPartner(t, { country: 'FR' });
    const refused = await parties.provider.client.get(`/v1/catalog/offers?country=FR&resellerTenantId=${stranger.tenantId}`);
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({ code: 'repricing_buyer_not_related', errors: [{ path: '/query/resellerTenantId', code: 'repricing_buyer_not_related' }] });
    const notMine = await stranger.client.get(`/v1/catalog/offers?country=FR&customerTenantId=${customer.tenantId}&providerTenantId=${parties.provider.tenantId}`);
    expect(notMine.body.code, notMine.text).toBe('provider_relationship_invalid');
    // The customer sees what sells, with no channel prices.
    const asCustomer = await ok<{ audience: string; items: Item[] }>(customer.client.get(`/v1/catalog/offers?country=FR&${product.q}`));
    expect(asCustomer.audience).toBe('none');
    expect(asCustomer.items.find((i) => i.catalogItemId === product.e3)!.prices).toEqual([]);

    // A second order this month takes the new price; the first keeps its own.
    const again = await ok<{ orders: { lineItems: OrderLine[] }[] }>(order(parties.providerAgent.client, customer.tenantId, [line(product.e3, parties.reseller.partnerId, { quantity: 1 })]), 201);
    expect(again.orders[0]!.lineItems[0]!.prices).toMatchObject({ providerCost: '24.00', resellerPrice: '25.00' });
    expect((await ok<{ lineItems: OrderLine[] }>(parties.provider.client.get(orderPath))).lineItems[0]!.prices).toMatchObject({ resellerPrice: '26.40' });
  });
});
