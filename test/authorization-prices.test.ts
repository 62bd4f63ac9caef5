// The price-field matrix (PRC-4: each tier sees only its own buy and sell prices), through HTTP on a real
// database. Every operation of the OpenAPI document whose success answer can carry a price field is a
// priced route; each priced GET route is called, with the real IDs of one program, as every role of
// every tier (the operator, a provider, its reseller, their shared customer, a publisher), and every
// price field of every success answer (and every CSV header) is checked against what the caller's
// tier may see:
// - the operator: list price and provider cost (a price list's or an operator SKU's unit price);
// - a provider: list price, its cost and its price to its resellers, never a customer's price;
// - a reseller: list price, its price from its provider and its price to its customers, never the provider's cost;
// - a customer: its own price only;
// - a publisher: the list prices of its own offers only.
// The prices of this program's lines are distinct amounts, so an answer that carries another tier's
// amount under any name is caught too. Priced non-GET routes are listed with the suite that checks
// them: a new priced route fails here until it is classified.
// Price lists are the program's (one per month): this suite prices in a month of a year of its own, on
// an app instance whose clock it moves.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerRoles, operatorRoles, partnerRoles, publisherRoles } from '../src/platform/access.js';
import { addUser, Client, type RequestBody, type Response, type SignedUp } from './helpers/client.js';
import { connectedPartners, ensureProduct, line, order, sharedCustomer } from './helpers/commerce.js';
import { signInOperator } from './helpers/operator.js';
import { enrolledPublisher } from './helpers/partners.js';
import { target, targetKinds } from './helpers/server.js';

type Tier = 'operator' | 'provider' | 'reseller' | 'customer' | 'publisher';
/** What a price field is, whatever its name on a route. */
type Concept = 'listPrice' | 'providerCost' | 'resellerPrice' | 'customerPrice';

/** PRC-4: the prices each tier may see. */
const visible: Record<Tier, readonly Concept[]> = {
  operator: ['listPrice', 'providerCost'],
  provider: ['listPrice', 'providerCost', 'resellerPrice'],
  reseller: ['listPrice', 'resellerPrice', 'customerPrice'],
  customer: ['customerPrice'],
  publisher: ['listPrice'],
};

/** The property names that make a route priced. */
const priceFieldNames = ['listPrice', 'providerCost', 'resellerPrice', 'resellerCost', 'customerPrice', 'unitPrice'];

/**
 * What one price field of an answer is: by its name; a unit price by the route (a price list's entry and
 * an operator SKU: the provider's cost; a marketplace plan: the publisher's list price; a repricing
 * config: its seller's price to the buyer of its tier); the preview's cost and price by its tier.
 * 'unknown' for a price field whose meaning this suite does not know (to classify); null: not a price.
 */
function conceptOf(path: string, key: string, holder: Record<string, unknown>, invoiceTier?: string): Concept | 'unknown' | null {
  switch (key) {
    case 'listPrice':
    case 'providerCost':
    case 'resellerPrice':
    case 'customerPrice':
      return key;
    // A reseller's sheet: what it pays its provider.
    case 'resellerCost':
      return 'resellerPrice';
    case 'unitPrice':
      if (path.startsWith('/v1/price-lists') || path.startsWith('/v1/operator/products')) return 'providerCost';
      if (path.startsWith('/v1/offers') || path.startsWith('/v1/csp/offers')) return 'listPrice';
      if (path.startsWith('/v1/repricing-configs')) return holder.tier === 'reseller' ? 'resellerPrice' : holder.tier === 'customer' ? 'customerPrice' : 'unknown';
      // An invoice line: what its document's recipient pays (the operator's invoice to a provider: the
      // provider's cost; a provider's to a reseller: the reseller's price; a reseller's statement: the customer's).
      if (path.startsWith('/v1/invoices/')) return invoiceTier === 'provider' ? 'providerCost' : invoiceTier === 'reseller' ? 'resellerPrice' : invoiceTier === 'customer' ? 'customerPrice' : 'unknown';
      // An unbilled charge: what the recipient of its tier will be invoiced (the tier is on the charge).
      if (path === '/v1/unbilled-charges') return holder.tier === 'provider' ? 'providerCost' : holder.tier === 'reseller' ? 'resellerPrice' : holder.tier === 'customer' ? 'customerPrice' : 'unknown';
      return 'unknown';
    case 'cost':
    case 'price':
      if (path !== '/v1/repricing-configs/preview') return null;
      if (holder.tier === 'reseller') return key === 'cost' ? 'providerCost' : 'resellerPrice';
      if (holder.tier === 'customer') return key === 'cost' ? 'resellerPrice' : 'customerPrice';
      return 'unknown';
    default:
      return null;
  }
}

/** Every (key, holder, value) of a JSON body, depth first. */
function* fields(value: unknown): Generator<{ key: string; holder: Record<string, unknown>; value: unknown }> {
  if (Array.isArray(value)) for (const item of value) yield* fields(item);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      yield { key, holder: value as Record<string, unknown>, value: inner };
      yield* fields(inner);
    }
  }
}

type Schema = Record<string, unknown>;
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
}

/** The price fields a schema can carry: $ref, anyOf/oneOf/allOf, items, properties and additionalProperties followed. */
function schemaPriceFields(doc: OpenApi, schema: unknown, seen = new Set<unknown>()): Set<string> {
  const found = new Set<string>();
  let s = schema as Schema | undefined;
  while (s && typeof s.$ref === 'string') {
    s = (s.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc) as Schema | undefined;
  }
  if (!s || typeof s !== 'object' || seen.has(s)) return found;
  seen.add(s);
  const inner: unknown[] = [...((s.anyOf as unknown[]) ?? []), ...((s.oneOf as unknown[]) ?? []), ...((s.allOf as unknown[]) ?? [])];
  if (s.items) inner.push(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') inner.push(s.additionalProperties);
  for (const [key, property] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    if (priceFieldNames.includes(key)) found.add(key);
    inner.push(property);
  }
  for (const x of inner) for (const f of schemaPriceFields(doc, x, seen)) found.add(f);
  return found;
}

interface PricedRoute {
  method: string;
  path: string;
  fields: string[];
  key: string;
}

/** Every /v1 operation whose 2xx answer can carry a price field, by its schemas (a price sheet's CSV form is checked by its header when called). */
function pricedRoutes(doc: OpenApi): PricedRoute[] {
  const routes: PricedRoute[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, operation] of Object.entries(methods)) {
      const found = new Set<string>();
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        for (const [type, content] of Object.entries(response.content ?? {})) {
          for (const f of schemaPriceFields(doc, content.schema)) found.add(f);
        }
      }
      if (found.size > 0) routes.push({ method: method.toUpperCase(), path, fields: [...found].sort(), key: `${method.toUpperCase()} ${path}` });
    }
  }
  return routes;
}

/**
 * The tiers whose answers on each priced GET route carry prices: each must get a 2xx answer with at least
 * one price field (so the checks are not vacuous). A customer's catalog answers with no prices (its partner
 * quotes it); a provider's marketplace offers are none (they are a CSP reseller's).
 */
const pricedGets: Record<string, readonly Tier[]> = {
  'GET /v1/operator/products': ['operator'],
  'GET /v1/catalog/offers': ['operator', 'provider', 'reseller', 'publisher'],
  'GET /v1/customers/{id}/orders': ['provider', 'reseller', 'customer'],
  'GET /v1/customers/{id}/orders/{orderId}': ['provider', 'reseller', 'customer'],
  'GET /v1/customers/{id}/subscriptions': ['provider', 'reseller', 'customer'],
  'GET /v1/customers/{id}/subscriptions/{subscriptionId}': ['provider', 'reseller', 'customer'],
  'GET /v1/customers/{id}/subscriptions/{subscriptionId}/charges': ['provider', 'reseller', 'customer'],
  'GET /v1/invoices/{id}/lines': ['operator', 'provider', 'reseller', 'customer'],
  'GET /v1/unbilled-charges': ['operator', 'provider', 'reseller', 'customer'],
  'GET /v1/offers': ['publisher'],
  'GET /v1/offers/{id}': ['publisher'],
  'GET /v1/csp/offers': ['reseller'],
  'GET /v1/price-lists/{id}/entries': ['operator'],
  'GET /v1/repricing-configs': ['provider', 'reseller'],
  'GET /v1/repricing-configs/preview': ['provider', 'reseller'],
  'GET /v1/price-sheets': ['operator', 'provider', 'reseller'],
};

/** Priced routes that change something: where their answers' prices are checked. */
const pricedChanges: Record<string, string> = {
  'POST /v1/operator/products': 'checked in src/modules/commerce/routes.test.ts (operator only)',
  'PUT /v1/operator/products/{id}': 'checked in src/modules/commerce/routes.test.ts (operator only)',
  'POST /v1/customers/{id}/carts/{cartId}/checkout': 'checked in this file and src/modules/commerce/prices.test.ts',
  'PATCH /v1/customers/{id}/subscriptions/{subscriptionId}': 'checked in this file and src/modules/commerce/prices.test.ts',
  'POST /v1/customers/{id}/subscriptions/{subscriptionId}/cancel': 'checked in this file',
  'PUT /v1/customers/{id}/subscriptions/{subscriptionId}/scheduled-changes': 'checked in this file',
  'DELETE /v1/customers/{id}/subscriptions/{subscriptionId}/scheduled-changes': 'checked in this file',
  'POST /v1/customers/{id}/subscriptions/{subscriptionId}/upgrade': 'checked in this file and src/modules/commerce/lifecycle.test.ts',
  'POST /v1/offers': 'checked in src/modules/marketplace/routes.test.ts (the publisher’s own offer)',
  'PUT /v1/offers/{id}/plans': 'checked in src/modules/marketplace/routes.test.ts (the publisher’s own offer)',
  'PUT /v1/offers/{id}/listing': 'checked in src/modules/marketplace/routes.test.ts (the publisher’s own offer)',
  'POST /v1/offers/{id}/publish': 'checked in src/modules/marketplace/routes.test.ts (the publisher’s own offer)',
  'POST /v1/repricing-configs': 'checked in src/modules/pricing/routes.test.ts (the seller’s own config)',
};

interface Caller {
  label: string;
  tier: Tier;
  client: Client;
}

describe.each(targetKinds())('PRC-4 price fields on %s', (kind) => {
  it('every priced route, as every role of every tier: only its own buy and sell prices', async () => {
    const year = 2100 + randomInt(0, 7000);
    const month = `${year}-07`;
    let clock = new Date(`${year}-06-15T12:00:00.000Z`);
    // Its own database: closing a month closes it for every party of the database.
    const t = await target(kind, { instance: `price-matrix`, isolated: true, now: () => clock });

    // Discovery: the priced routes of the served document.
    const doc = (await new Client(t.url).request<OpenApi>('GET', '/v1/openapi.json')).body;
    const priced = pricedRoutes(doc);
    const gets = priced.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.key).sort(), 'priced GET routes (classify a new one in pricedGets)').toEqual(Object.keys(pricedGets).sort());
    expect(
      priced
        .filter((r) => r.method !== 'GET')
        .map((r) => r.key)
        .sort(),
      'priced routes that change something (classify a new one in pricedChanges)',
    ).toEqual(Object.keys(pricedChanges).sort());

    // One program: a product in July's published price list, configs at both tiers, a live marketplace offer.
    const operator = await signInOperator(t);
    const product = await ensureProduct(t);
    const parties = await connectedPartners(t);
    const { provider, reseller } = parties;
    const customer = await sharedCustomer(t, parties);
    const publisher = await enrolledPublisher(t);
    const offerId = await liveOffer(publisher);

    // Distinct amounts per tier on this program's lines (E3 and E5, a year billed annually, EUR).
    const list = await ok<{ id: string }>(operator.post('/v1/price-lists', { month }), 201);
    await ok(
      operator.put(`/v1/price-lists/${list.id}/entries`, {
        entries: [
          { productId: product.productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '40.40', unitPrice: '31.17' },
          { productId: product.productId, skuId: 'E5', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', listPrice: '61.20', unitPrice: '47.83' },
        ],
      }),
    );
    await ok(operator.post(`/v1/price-lists/${list.id}/publish`));
    // The provider: its cost + 10 % (31.17 → 34.29, 47.83 → 52.61); the reseller to the customer: list − 5 % (40.40 → 38.38, 61.20 → 58.14).
    await ok(provider.client.post('/v1/repricing-configs', { tier: 'reseller', basis: 'cost', percent: '10', effectiveMonth: month }), 201);
    await ok(reseller.client.post('/v1/repricing-configs', { tier: 'customer', buyerTenantId: customer.tenantId, productId: product.productId, basis: 'list', percent: '-5', effectiveMonth: month }), 201);
    const amounts = { listPrice: ['40.40', '61.20'], providerCost: ['31.17', '47.83'], resellerPrice: ['34.29', '52.61'], customerPrice: ['38.38', '58.14'] } satisfies Record<Concept, string[]>;

    clock = new Date(`${month}-10T09:00:00.000Z`);

    // Callers: every role of every tier.
    const callers: Caller[] = [];
    for (const role of operatorRoles) callers.push({ label: `operator:${role}`, tier: 'operator', client: (await addUser(t, operator, [role])).client });
    for (const [tier, partner] of [['provider', provider], ['reseller', reseller]] as const) {
      for (const role of partnerRoles) callers.push({ label: `${tier}:${role}`, tier, client: role === 'globalAdmin' ? partner.client : (await addUser(t, partner.client, [role])).client });
    }
    for (const role of customerRoles) callers.push({ label: `customer:${role}`, tier: 'customer', client: role === 'globalAdmin' ? customer.client : (await addUser(t, customer.client, [role])).client });
    callers.push({ label: 'publisher:globalAdmin', tier: 'publisher', client: publisher.client });
    for (const role of publisherRoles) callers.push({ label: `publisher:${role}`, tier: 'publisher', client: (await addUser(t, publisher.client, [role])).client });
    const resellerAgent = (await addUser(t, reseller.client, ['adminAgent'])).client;

    /** The tiers that got a 2xx answer, and one with a price field in it, per route. */
    const answered = new Map<string, Set<Tier>>();
    const pricedAnswers = new Map<string, Set<Tier>>();
    const mark = (into: Map<string, Set<Tier>>, key: string, tier: Tier) => {
      if (!into.has(key)) into.set(key, new Set());
      into.get(key)!.add(tier);
    };
    const violations: string[] = [];
    const errors: string[] = [];
    /** Checks every price field of an answer (JSON body or CSV header and cells) for the caller's tier. */
    const check = (where: string, method: string, path: string, tier: Tier, response: Response<unknown>, invoiceTier?: string) => {
      const seen = () => mark(pricedAnswers, `${method} ${path}`, tier);
      mark(answered, `${method} ${path}`, tier);
      const forbidden = new Set(Object.entries(amounts).flatMap(([concept, values]) => (visible[tier].includes(concept as Concept) ? [] : values)));
      if ((response.headers.get('content-type') ?? '').includes('csv')) {
        const [header = '', ...rows] = response.text.split(/\r?\n/);
        for (const column of header.split(',').map((c) => c.replace(/^"|"$/g, ''))) {
          const concept = conceptOf(path, column, {}, invoiceTier);
          if (concept && concept !== 'unknown') seen();
          if (concept === 'unknown') violations.push(`${where}: CSV column ${column} of unknown meaning`);
          else if (concept && !visible[tier].includes(concept)) violations.push(`${where}: CSV column ${column} (${concept}) shown to tier ${tier}`);
        }
        for (const cell of rows.flatMap((r) => r.split(','))) if (forbidden.has(cell.replace(/^"|"$/g, ''))) violations.push(`${where}: CSV cell ${cell}, another tier's amount`);
        return;
      }
      for (const { key, holder, value } of fields(response.body)) {
        const concept = conceptOf(path, key, holder, invoiceTier);
        if (concept && concept !== 'unknown') seen();
        if (concept === 'unknown') violations.push(`${where}: ${key} of unknown meaning`);
        else if (concept && !visible[tier].includes(concept)) violations.push(`${where}: ${key} (${concept}) shown to tier ${tier}`);
        if (typeof value === 'string' && forbidden.has(value)) violations.push(`${where}: ${key} = ${value}, another tier's amount`);
      }
    };

    // A checkout as the provider's admin agent (allowed) and as the reseller's (where allowed): its answer's prices.
    const lines = [line(product.e3, reseller.partnerId), line(product.e5, reseller.partnerId, { quantity: 2 })];
    const placed = await order(parties.providerAgent.client, customer.tenantId, lines);
    expect(placed.status, placed.text).toBe(201);
    check('checkout as provider:adminAgent', 'POST', '/v1/customers/{id}/carts/{cartId}/checkout', 'provider', placed);
    const placedOrder = (placed.body as { orders: { id: string; lineItems: { subscriptionId: string }[] }[] }).orders[0]!;
    const byReseller = await resellerAgent.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: lines });
    const resellerCheckout = byReseller.status === 201 ? await resellerAgent.post(`/v1/customers/${customer.tenantId}/carts/${byReseller.body.id}/checkout`) : byReseller;
    if (resellerCheckout.status < 300) check('checkout as reseller:adminAgent', 'POST', '/v1/customers/{id}/carts/{cartId}/checkout', 'reseller', resellerCheckout);
    else if (resellerCheckout.status >= 500) errors.push(`checkout as reseller:adminAgent → ${resellerCheckout.status} ${resellerCheckout.text}`);
    const [e3Subscription, e5Subscription] = placedOrder.lineItems.map((l) => l.subscriptionId);

    // July closes (issued on August 1st, the clock staying in July): the operator's invoice to the
    // provider, the provider's to the reseller, the reseller's statement to the customer.
    const closed = await t.app.services.billing.closeBillingPeriod({ start: new Date(`${month}-01T00:00:00.000Z`), end: new Date(`${year}-08-01T00:00:00.000Z`) }, new Date(`${year}-08-01T00:30:00.000Z`));
    expect(closed.closed).toBe(true);
    const invoices = [
      ...(await ok<{ items: { id: string; tier: string }[] }>(provider.client.get('/v1/invoices'))).items,
      ...(await ok<{ items: { id: string; tier: string }[] }>(reseller.client.get('/v1/invoices'))).items,
      ...(await ok<{ items: { id: string; tier: string }[] }>(reseller.client.get('/v1/invoices?direction=issued'))).items,
    ];
    expect(invoices.map((i) => i.tier)).toEqual(['provider', 'reseller', 'customer']);
    // August is open: an order placed in it accrues as unbilled charges at every tier.
    clock = new Date(`${year}-08-02T09:00:00.000Z`);
    const august = await order(parties.providerAgent.client, customer.tenantId, [line(product.e3, reseller.partnerId)]);
    expect(august.status, august.text).toBe(201);
    clock = new Date(`${month}-10T09:00:00.000Z`);

    /** The real value of each path parameter, by the collection before it. */
    const parameter = (collection: string, name: string): string | undefined => {
      if (collection === 'customers' && name === 'id') return customer.tenantId;
      if (name === 'orderId') return placedOrder.id;
      if (name === 'subscriptionId') return e3Subscription;
      if (collection === 'price-lists' && name === 'id') return list.id;
      if (collection === 'offers' && name === 'id') return offerId;
      return undefined;
    };
    const preview = { productId: product.productId, skuId: 'E3', termDuration: 'P1Y', billingCycle: 'annual', currency: 'EUR', month };
    /** The queries each route is called with (the required ones, and each that names a buyer or a seller). */
    const queries: Record<string, Record<string, string>[]> = {
      // The catalog comes a page at a time: the first page, and the page with this suite's product (?q=).
      'GET /v1/catalog/offers': [
        { country: 'FR' },
        { country: 'FR', q: product.name },
        { country: 'FR', q: 'Priced offer' },
        { country: 'FR', q: product.name, resellerTenantId: reseller.tenantId },
        { country: 'FR', q: product.name, providerTenantId: provider.tenantId },
        { country: 'FR', q: product.name, customerTenantId: customer.tenantId },
        { country: 'FR', q: product.name, providerTenantId: provider.tenantId, customerTenantId: customer.tenantId },
      ],
      'GET /v1/price-lists/{id}/entries': [{}, { productId: product.productId, currency: 'EUR' }],
      'GET /v1/unbilled-charges': [{}, { direction: 'issued' }],
      'GET /v1/repricing-configs': [{ tier: 'reseller' }, { tier: 'customer' }, { tier: 'customer', buyerTenantId: customer.tenantId }],
      'GET /v1/repricing-configs/preview': [
        { tier: 'reseller', buyerTenantId: reseller.tenantId, ...preview },
        { tier: 'customer', buyerTenantId: customer.tenantId, ...preview },
        { tier: 'customer', buyerTenantId: customer.tenantId, providerTenantId: provider.tenantId, ...preview },
      ],
      'GET /v1/price-sheets': [
        { month, currency: 'EUR', format: 'json' },
        { month, currency: 'EUR', format: 'csv' },
        { month, format: 'json', tier: 'reseller' },
        { month, format: 'json', tier: 'customer', providerTenantId: provider.tenantId },
      ],
    };

    const audiences: Record<string, Set<string>> = { provider: new Set(), reseller: new Set(), customer: new Set() };
    const commerceReads = new Set([
      'GET /v1/customers/{id}/orders',
      'GET /v1/customers/{id}/orders/{orderId}',
      'GET /v1/customers/{id}/subscriptions',
      'GET /v1/customers/{id}/subscriptions/{subscriptionId}',
      'GET /v1/customers/{id}/subscriptions/{subscriptionId}/charges',
    ]);
    const catalogAudience: Record<Tier, string> = { operator: 'operator', provider: 'provider', reseller: 'reseller', customer: 'none', publisher: 'publisher' };
    let cases = 0;
    // An invoice's route is called with each tier's invoice.
    const documents = (path: string): ({ id: string; tier: string } | undefined)[] => (path.startsWith('/v1/invoices/') ? invoices : [undefined]);
    for (const route of gets) for (const invoice of documents(route.path)) {
      let unfilled = false;
      const path = route.path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_m, collection: string, name: string) => {
        const value = collection === 'invoices' && name === 'id' ? invoice?.id : parameter(collection, name);
        if (value === undefined) unfilled = true;
        return `/${collection}/${value}`;
      });
      if (unfilled) {
        violations.push(`${route.key}: a path parameter this suite has no ID for`);
        continue;
      }
      for (const query of queries[route.key] ?? [{}]) {
        const uri = Object.keys(query).length ? `${path}?${new URLSearchParams(query)}` : path;
        for (const caller of callers) {
          const response = await caller.client.request<unknown>('GET', uri);
          cases++;
          const where = `GET ${uri} as ${caller.label} → ${response.status}`;
          if (response.status >= 500) errors.push(`${where} ${response.text.slice(0, 200)}`);
          if (response.status < 200 || response.status >= 300) continue;
          check(where, 'GET', route.path, caller.tier, response, invoice?.tier);
          const body = response.body as Record<string, unknown>;
          if (commerceReads.has(route.key) && caller.tier in audiences) {
            for (const { key, value } of fields(body)) if ((key === 'prices' || key === 'amounts') && value && typeof value === 'object' && !Array.isArray(value)) audiences[caller.tier]!.add(String((value as { audience?: unknown }).audience));
          }
          if (route.key === 'GET /v1/catalog/offers') {
            if (body.audience !== catalogAudience[caller.tier]) violations.push(`${where}: catalog audience ${String(body.audience)}, not ${catalogAudience[caller.tier]}`);
            // A publisher: prices on its own offers only.
            const items = (body.items ?? []) as { catalogItemId: string; prices: unknown[] }[];
            if (caller.tier === 'publisher') for (const item of items) if (item.prices.length > 0 && !item.catalogItemId.startsWith(`${offerId}:`)) violations.push(`${where}: prices of ${item.catalogItemId}, not the publisher's offer`);
            if (caller.tier === 'customer') for (const item of items) if (item.prices.length > 0) violations.push(`${where}: prices of ${item.catalogItemId} shown to a customer`);
          }
        }
      }
    }

    // Changes: seats added to a subscription and a subscription cancelled, as the provider's admin agent and the reseller's where allowed.
    const subscriptionPath = `/v1/customers/${customer.tenantId}/subscriptions`;
    const notes: string[] = [];
    for (const [label, tier, client, quantity] of [['provider:adminAgent', 'provider', parties.providerAgent.client, 6], ['reseller:adminAgent', 'reseller', resellerAgent, 7]] as const) {
      const patched = await client.patch(`${subscriptionPath}/${e3Subscription}`, { quantity });
      if (patched.status >= 500) errors.push(`PATCH subscription as ${label} → ${patched.status} ${patched.text}`);
      if (patched.status < 300) check(`PATCH subscription as ${label} → ${patched.status}`, 'PATCH', '/v1/customers/{id}/subscriptions/{subscriptionId}', tier, patched);
      if (tier === 'provider') expect(patched.status, patched.text).toBe(200);
      else notes.push(`PATCH subscription → ${patched.status} ${(patched.body as { code?: string }).code ?? ''}`);
    }
    // Next-term changes: set and dropped by the provider's and the reseller's admin agents; each answer with its own tier's prices.
    for (const [label, tier, client] of [['provider:adminAgent', 'provider', parties.providerAgent.client], ['reseller:adminAgent', 'reseller', resellerAgent]] as const) {
      const scheduled = await client.put(`${subscriptionPath}/${e3Subscription}/scheduled-changes`, { quantity: 3 });
      const dropped = await client.delete(`${subscriptionPath}/${e3Subscription}/scheduled-changes`);
      for (const [what, method, answer] of [['schedule', 'PUT', scheduled], ['drop', 'DELETE', dropped]] as const) {
        if (answer.status >= 500) errors.push(`${what} next term as ${label} → ${answer.status} ${answer.text}`);
        expect(answer.status, `${what} next term as ${label}: ${answer.text}`).toBe(200);
        check(`${what} next term as ${label} → ${answer.status}`, method, '/v1/customers/{id}/subscriptions/{subscriptionId}/scheduled-changes', tier, answer);
      }
    }
    // Upgrades: one E3 seat moves to E5 as each tier's admin agent; both subscriptions come back with the caller's prices.
    for (const [label, tier, client] of [['provider:adminAgent', 'provider', parties.providerAgent.client], ['reseller:adminAgent', 'reseller', resellerAgent]] as const) {
      const upgraded = await client.post(`${subscriptionPath}/${e3Subscription}/upgrade`, { targetSkuId: 'E5', quantity: 1 });
      if (upgraded.status >= 500) errors.push(`upgrade as ${label} → ${upgraded.status} ${upgraded.text}`);
      expect(upgraded.status, `upgrade as ${label}: ${upgraded.text}`).toBe(200);
      check(`upgrade as ${label} → ${upgraded.status}`, 'POST', '/v1/customers/{id}/subscriptions/{subscriptionId}/upgrade', tier, upgraded);
    }
    for (const [label, tier, client] of [['reseller:adminAgent', 'reseller', resellerAgent], ['provider:adminAgent', 'provider', parties.providerAgent.client]] as const) {
      const cancelled = await client.post(`${subscriptionPath}/${e5Subscription}/cancel`);
      if (cancelled.status >= 500) errors.push(`cancel subscription as ${label} → ${cancelled.status} ${cancelled.text}`);
      if (cancelled.status < 300) check(`cancel subscription as ${label} → ${cancelled.status}`, 'POST', '/v1/customers/{id}/subscriptions/{subscriptionId}/cancel', tier, cancelled);
      if (tier === 'provider') expect(cancelled.status, cancelled.text).toBe(200);
      else notes.push(`cancel → ${cancelled.status} ${(cancelled.body as { code?: string }).code ?? ''}`);
    }

    // Not vacuous: each priced GET route answered a caller of every tier that uses it, with prices; the
    // customer's catalog answered it (with none); the provider's changes answered with prices.
    for (const [key, tiers] of Object.entries(pricedGets)) {
      for (const tier of tiers) {
        if (!answered.get(key)?.has(tier)) violations.push(`${key}: no 2xx answer to any ${tier} caller`);
        else if (!pricedAnswers.get(key)?.has(tier)) violations.push(`${key}: no price field in any answer to tier ${tier}`);
      }
    }
    if (!answered.get('GET /v1/catalog/offers')?.has('customer')) violations.push('GET /v1/catalog/offers: no 2xx answer to any customer caller');
    for (const key of [
      'POST /v1/customers/{id}/carts/{cartId}/checkout',
      'PATCH /v1/customers/{id}/subscriptions/{subscriptionId}',
      'POST /v1/customers/{id}/subscriptions/{subscriptionId}/cancel',
      'PUT /v1/customers/{id}/subscriptions/{subscriptionId}/scheduled-changes',
      'DELETE /v1/customers/{id}/subscriptions/{subscriptionId}/scheduled-changes',
      'POST /v1/customers/{id}/subscriptions/{subscriptionId}/upgrade',
    ]) {
      if (!pricedAnswers.get(key)?.has('provider')) violations.push(`${key}: no price field in the provider's answer`);
    }
    console.log(`reseller admin agent: checkout → ${resellerCheckout.status} ${(resellerCheckout.body as { code?: string }).code ?? ''}; ${notes.join('; ')}`);
    console.log(`price-field matrix (${kind}): priced routes ${priced.length} (${gets.length} GET), callers ${callers.length}, cases ${cases}, violations ${violations.length}`);
    expect([...new Set(violations)], 'PRC-4 violations').toEqual([]);
    expect(errors, 'server errors').toEqual([]);
    // Orders and subscriptions: the provider, the reseller and the customer each get their own audience, and only it.
    expect(Object.fromEntries(Object.entries(audiences).map(([tier, seen]) => [tier, [...seen]]))).toEqual({ provider: ['provider'], reseller: ['reseller'], customer: ['customer'] });
  }, 600_000);
});

/** The body of an answer with this status. */
async function ok<T>(response: Promise<{ status: number; text: string; body: unknown }>, status = 200): Promise<T> {
  const answer = await response;
  expect(answer.status, answer.text).toBe(status);
  return answer.body as T;
}

/** A live marketplace offer of the publisher, sold in France to every partner (one plan, EUR 13.57). */
async function liveOffer(publisher: SignedUp): Promise<string> {
  const plans: RequestBody<'/v1/offers/{id}/plans', 'put'> = [
    { planId: 'standard', name: 'Standard', licenseModel: 'payg', termDurations: ['P1Y'], billingCycles: ['annual'], prices: [{ currency: 'EUR', unitPrice: 13.57 }], markets: ['FR'] },
  ];
  const listing = {
    summary: 'Field service scheduling',
    description: 'Schedules technicians.',
    supportContact: { email: 'support@isv.example.com', phone: '+1 425 555 0100', url: 'https://isv.example.com/support' },
    cspMaterials: { salesMaterialsUrl: 'https://isv.example.com/partners/kit', channelContact: { name: 'Channel Team', email: 'channel@isv.example.com', phone: '+1 425 555 0101' } },
  };
  const created = await publisher.client.post('/v1/offers', { type: 'saas', name: `Priced offer ${randomInt(0, 1e9)}` });
  expect(created.status, created.text).toBe(201);
  const withPlans = await publisher.client.put(`/v1/offers/${created.body.id}/plans`, plans, { headers: { 'if-match': created.headers.get('etag')! } });
  expect(withPlans.status, withPlans.text).toBe(200);
  const withListing = await publisher.client.put(`/v1/offers/${created.body.id}/listing`, listing, { headers: { 'if-match': withPlans.headers.get('etag')! } });
  expect(withListing.status, withListing.text).toBe(200);
  const audience = await publisher.client.put(`/v1/offers/${created.body.id}/csp-audience`, { mode: 'all', partnerTenantIds: [] }, { headers: { 'if-match': withListing.headers.get('etag')! } });
  expect(audience.status, audience.text).toBe(200);
  const published = await publisher.client.post(`/v1/offers/${created.body.id}/publish`);
  expect(published.status, published.text).toBe(200);
  return created.body.id as string;
}
