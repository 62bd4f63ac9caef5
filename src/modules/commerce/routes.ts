// Commerce routes: operator products, the catalog, carts and checkout, orders, subscriptions, licenses.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Collection, collection, DateTime, decodeTimeCursor, IdParams, NoContent, PageQuery, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { billingCycles, termDurations } from './rules.js';
import type { CommerceService } from './service.js';

const strict = { additionalProperties: false } as const;
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const CustomerParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
const CartParams = Type.Object({ id: Type.String({ format: 'uuid' }), cartId: Type.String({ format: 'uuid' }) }, strict);
const OrderParams = Type.Object({ id: Type.String({ format: 'uuid' }), orderId: Type.String({ format: 'uuid' }) }, strict);
const SubscriptionParams = Type.Object({ id: Type.String({ format: 'uuid' }), subscriptionId: Type.String({ format: 'uuid' }) }, strict);
const LicenseParams = Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }, strict);

const SkuBody = Type.Object(
  {
    skuId: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    termDurations: Type.Array(enumOf(termDurations), { minItems: 1, uniqueItems: true }),
    billingCycles: Type.Array(enumOf(billingCycles), { minItems: 1, uniqueItems: true }),
    prices: Type.Array(Type.Object({ currency: Type.String({ pattern: '^[A-Z]{3}$' }), unitPrice: Type.Number({ minimum: 0, maximum: 1_000_000 }) }, strict), { minItems: 1, maxItems: 200 }),
  },
  strict,
);
const ProductBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 10_000 }),
    skus: Type.Array(SkuBody, { minItems: 1, maxItems: 100 }),
    markets: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 300, uniqueItems: true }),
  },
  strict,
);
const Sku = Type.Object({ skuId: Type.String(), name: Type.String(), termDurations: Type.Array(Type.String()), billingCycles: Type.Array(Type.String()), prices: Type.Array(Type.Object({ currency: Type.String(), unitPrice: Type.Number() })) });
const Product = Type.Object(
  { id: Type.String(), source: Type.String(), publisherTenantId: Nullable(Type.String()), name: Type.String(), description: Type.String(), skus: Type.Array(Sku), markets: Type.Array(Type.String()), active: Type.Boolean(), createdAt: DateTime, updatedAt: DateTime },
  { title: 'Product' },
);
const CatalogItem = Type.Object(
  {
    catalogItemId: Type.String(),
    offerId: Type.String(),
    source: Type.String(),
    name: Type.String(),
    description: Type.String(),
    skuId: Type.String(),
    skuName: Type.String(),
    termDurations: Type.Array(Type.String()),
    billingCycles: Type.Array(Type.String()),
    unitPrice: Type.Number(),
    currency: Type.String(),
  },
  { title: 'CatalogItem' },
);
const LineBody = Type.Object(
  {
    catalogItemId: Type.String({ minLength: 3, maxLength: 120 }),
    quantity: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    termDuration: Type.String({ maxLength: 10 }),
    billingCycle: Type.String({ maxLength: 20 }),
    resellerPartnerId: Type.String({ pattern: '^[0-9]{1,15}$' }),
  },
  strict,
);
const CartBody = Type.Object({ lineItems: Type.Array(LineBody, { minItems: 1, maxItems: 50 }) }, strict);
const Cart = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    status: Type.String(),
    lineItems: Type.Array(Type.Object({ lineItemNumber: Type.Integer(), catalogItemId: Type.String(), quantity: Type.Integer(), termDuration: Type.String(), billingCycle: Type.String(), resellerPartnerId: Type.String() })),
    expiresAt: DateTime,
    createdAt: DateTime,
  },
  { title: 'Cart' },
);
const Order = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    status: Type.String(),
    currency: Type.String(),
    lineItems: Type.Array(
      Type.Object({
        lineItemNumber: Type.Integer(),
        offerId: Type.String(),
        skuId: Type.String(),
        quantity: Type.Integer(),
        termDuration: Type.String(),
        billingCycle: Type.String(),
        unitPrice: Type.Number(),
        partnerIdOnRecord: Type.String(),
        subscriptionId: Type.String(),
      }),
    ),
    createdAt: DateTime,
  },
  { title: 'Order' },
);
const Subscription = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    offerId: Type.String(),
    skuId: Type.String(),
    name: Type.String(),
    quantity: Type.Integer(),
    assignedLicenses: Type.Integer(),
    termDuration: Type.String(),
    billingCycle: Type.String(),
    currency: Type.String(),
    unitPrice: Type.Number(),
    partnerIdOnRecord: Type.String(),
    providerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    orderId: Type.String(),
    status: Type.String(),
    autoRenewEnabled: Type.Boolean(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Subscription' },
);

export function commerceRoutes(app: FastifyInstance, commerce: CommerceService) {
  const tags = ['commerce'];

  app.get(
    '/v1/operator/products',
    { config: { permission: 'operator.settings.read' }, schema: { tags: ['operator'], summary: "The operator's products", response: withErrors({ 200: Collection(Product, 'Products') }) } },
    async () => {
      const items = await commerce.listProducts();
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/operator/products',
    { config: { permission: 'operator.settings.manage' }, schema: { tags: ['operator'], summary: 'Add a product with SKUs, terms, cycles, prices per currency and markets', body: ProductBody, response: withErrors({ 201: Product }) } },
    async (request, reply) => reply.code(201).send(await commerce.saveProduct(requestContext(request), request.body as never)),
  );

  app.put(
    '/v1/operator/products/:id',
    { config: { permission: 'operator.settings.manage' }, schema: { tags: ['operator'], summary: 'Replace a product', params: IdParams, body: ProductBody, response: withErrors({ 200: Product }) } },
    async (request) => commerce.saveProduct(requestContext(request), request.body as never, (request.params as { id: string }).id),
  );

  app.get(
    '/v1/catalog/offers',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: "What can be sold to a customer in a country, in that market's currency (ORD-1, MKT-4)",
        querystring: Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }, strict),
        response: withErrors({ 200: Type.Object({ currency: Nullable(Type.String()), items: Type.Array(CatalogItem) }) }),
      },
    },
    async (request) => commerce.catalogFor((request.query as { country: string }).country),
  );

  app.post(
    '/v1/customers/:id/carts',
    { config: { permission: 'commerce.order' }, schema: { tags, summary: 'Create a cart (provider admin agents; expires after 7 days)', params: CustomerParams, body: CartBody, response: withErrors({ 201: Cart }) } },
    async (request, reply) => reply.code(201).send(await commerce.createCart(requestContext(request), (request.params as { id: string }).id, (request.body as { lineItems: never[] }).lineItems)),
  );

  app.get(
    '/v1/customers/:id/carts/:cartId',
    { config: { permission: 'commerce.order' }, schema: { tags, summary: 'A cart', params: CartParams, response: withErrors({ 200: Cart }) } },
    async (request) => {
      const { id, cartId } = request.params as { id: string; cartId: string };
      return commerce.getCart(request.actor!, id, cartId);
    },
  );

  app.put(
    '/v1/customers/:id/carts/:cartId',
    { config: { permission: 'commerce.order' }, schema: { tags, summary: 'Replace the line items of an open cart', params: CartParams, body: CartBody, response: withErrors({ 200: Cart }) } },
    async (request) => {
      const { id, cartId } = request.params as { id: string; cartId: string };
      return commerce.updateCart(requestContext(request), id, cartId, (request.body as { lineItems: never[] }).lineItems);
    },
  );

  app.post(
    '/v1/customers/:id/carts/:cartId/checkout',
    {
      config: { permission: 'commerce.order' },
      schema: {
        tags,
        summary: 'Check out: every ORD-3 precondition is checked; one order per reseller of record',
        params: CartParams,
        response: withErrors({ 201: Type.Object({ orders: Type.Array(Order), orderErrors: Type.Array(Type.Object({ lineItemNumber: Type.Integer(), code: Type.String() })) }) }),
      },
    },
    async (request, reply) => {
      const { id, cartId } = request.params as { id: string; cartId: string };
      return reply.code(201).send(await commerce.checkout(requestContext(request), id, cartId));
    },
  );

  app.get(
    '/v1/customers/:id/orders',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: "A customer's orders", params: CustomerParams, querystring: Type.Object({ ...PageQuery }, strict), response: withErrors({ 200: Collection(Order, 'Orders') }) } },
    async (request) => {
      const query = request.query as { size: number; cursor?: string };
      const page = await commerce.listOrders(request.actor!, (request.params as { id: string }).id, query.size, decodeTimeCursor(query.cursor));
      return collection(request, { items: page.items, totalCount: page.totalCount }, query.size, (o) => timeCursorOf(o, new Date(o.createdAt)), (o) => o);
    },
  );

  app.get(
    '/v1/customers/:id/orders/:orderId',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: 'One order', params: OrderParams, response: withErrors({ 200: Order }) } },
    async (request) => {
      const { id, orderId } = request.params as { id: string; orderId: string };
      return commerce.getOrder(request.actor!, id, orderId);
    },
  );

  app.get(
    '/v1/customers/:id/subscriptions',
    {
      config: { permission: 'commerce.read' },
      schema: { tags, summary: "A customer's subscriptions (its provider, its reseller of record, the customer)", params: CustomerParams, querystring: Type.Object({ ...PageQuery }, strict), response: withErrors({ 200: Collection(Subscription, 'Subscriptions') }) },
    },
    async (request) => {
      const query = request.query as { size: number; cursor?: string };
      const page = await commerce.listSubscriptions(request.actor!, (request.params as { id: string }).id, query.size, decodeTimeCursor(query.cursor));
      return collection(request, page, query.size, (s) => timeCursorOf(s.row, s.row.createdAt), (s) => s.view);
    },
  );

  app.get(
    '/v1/customers/:id/subscriptions/:subscriptionId',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: 'One subscription', params: SubscriptionParams, response: withErrors({ 200: Subscription }) } },
    async (request) => {
      const { id, subscriptionId } = request.params as { id: string; subscriptionId: string };
      return commerce.getSubscription(request.actor!, id, subscriptionId);
    },
  );

  app.patch(
    '/v1/customers/:id/subscriptions/:subscriptionId',
    {
      config: { permission: 'commerce.manage' },
      schema: {
        tags,
        summary: 'Change quantity, suspend/reactivate, auto-renew (the provider; quantity also the reseller of record)',
        params: SubscriptionParams,
        body: Type.Object({ quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })), status: Type.Optional(enumOf(['active', 'suspended'] as const)), autoRenewEnabled: Type.Optional(Type.Boolean()) }, strict),
        response: withErrors({ 200: Subscription }),
      },
    },
    async (request) => {
      const { id, subscriptionId } = request.params as { id: string; subscriptionId: string };
      return commerce.updateSubscription(requestContext(request), id, subscriptionId, request.body as never);
    },
  );

  app.post(
    '/v1/customers/:id/subscriptions/:subscriptionId/cancel',
    { config: { permission: 'commerce.manage', idempotent: false }, schema: { tags, summary: 'Cancel a subscription (the provider)', params: SubscriptionParams, response: withErrors({ 200: Subscription }) } },
    async (request) => {
      const { id, subscriptionId } = request.params as { id: string; subscriptionId: string };
      return commerce.cancelSubscription(requestContext(request), id, subscriptionId);
    },
  );

  app.get(
    '/v1/customers/:id/users/:userId/licenses',
    {
      config: { permission: 'commerce.read' },
      schema: { tags, summary: "A customer user's licenses", params: LicenseParams, response: withErrors({ 200: Type.Object({ items: Type.Array(Type.Object({ subscriptionId: Type.String(), name: Type.String(), assignedAt: DateTime })) }) }) },
    },
    async (request) => {
      const { id, userId } = request.params as { id: string; userId: string };
      const items = await commerce.licensesOf(request.actor!, id, userId);
      return { items: items.map((i) => ({ ...i, assignedAt: i.assignedAt.toISOString() })) };
    },
  );

  app.post(
    '/v1/customers/:id/users/:userId/licenses',
    {
      config: { permission: 'licenses.manage', idempotent: false },
      schema: {
        tags,
        summary: 'Assign a license (never more than the quantity; partners need licenseAdministrator)',
        params: LicenseParams,
        body: Type.Object({ subscriptionId: Type.String({ format: 'uuid' }) }, strict),
        response: withErrors({ 201: Type.Object({ subscriptionId: Type.String(), userId: Type.String(), assignedLicenses: Type.Integer(), quantity: Type.Integer() }) }),
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params as { id: string; userId: string };
      return reply.code(201).send(await commerce.assignLicense(requestContext(request), id, userId, (request.body as { subscriptionId: string }).subscriptionId));
    },
  );

  app.delete(
    '/v1/customers/:id/users/:userId/licenses',
    {
      config: { permission: 'licenses.manage' },
      schema: { tags, summary: 'Remove a license', params: LicenseParams, body: Type.Object({ subscriptionId: Type.String({ format: 'uuid' }) }, strict), response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      const { id, userId } = request.params as { id: string; userId: string };
      await commerce.unassignLicense(requestContext(request), id, userId, (request.body as { subscriptionId: string }).subscriptionId);
      return reply.code(204).send();
    },
  );
}
