// Commerce routes: operator products, the catalog, carts and checkout, orders, subscriptions, licenses.
// Path, schemas from contract.ts (typed through the TypeBox type provider), permission, one service call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeTimeCursor, defaultPageSize, IdParams, NoContent, pageLinks, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import {
  Cart,
  CartBody,
  CartParams,
  Catalog,
  CatalogQuery,
  CheckoutResult,
  CustomerParams,
  LicenseAssignment,
  LicenseBody,
  LicenseParams,
  ListQuery,
  Order,
  OrderParams,
  Orders,
  Product,
  ProductBody,
  Products,
  Subscription,
  SubscriptionChange,
  ScheduledChangesBody,
  ChargeLines,
  UpgradeBody,
  UpgradeOptions,
  UpgradeResult,
  SubscriptionParams,
  Subscriptions,
  UserLicenses,
} from './contract.js';
import type { CommerceService } from './service.js';
import { userLicenseView } from './views.js';

export function commerceRoutes(fastify: FastifyInstance, commerce: CommerceService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['commerce'];

  app.get(
    '/v1/operator/products',
    { config: { permission: 'operator.settings.read' }, schema: { tags: ['operator'], summary: "The operator's products", response: withErrors({ 200: Products }) } },
    async () => {
      const items = await commerce.listProducts();
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/operator/products',
    { config: { permission: 'operator.settings.manage' }, schema: { tags: ['operator'], summary: 'Add a product with SKUs, terms, cycles, prices per currency and markets', body: ProductBody, response: withErrors({ 201: Product }) } },
    async (request, reply) => reply.code(201).send(await commerce.saveProduct(requestContext(request), request.body)),
  );

  app.put(
    '/v1/operator/products/:id',
    { config: { permission: 'operator.settings.manage' }, schema: { tags: ['operator'], summary: 'Replace a product', params: IdParams, body: ProductBody, response: withErrors({ 200: Product }) } },
    async (request) => commerce.saveProduct(requestContext(request), request.body, request.params.id),
  );

  app.get(
    '/v1/catalog/offers',
    {
      config: { permission: 'tenant.read' },
      schema: { tags, summary: "What can be sold to a customer in a country, in that market's currency, with the caller's prices, a page of products by name (ORD-1, MKT-4, PRC-4)", querystring: CatalogQuery, response: withErrors({ 200: Catalog }) },
    },
    async (request) => {
      const { catalog, nextCursor } = await commerce.catalogFor(request.actor!, request.query);
      return { ...catalog, links: pageLinks(request, nextCursor) };
    },
  );

  app.post(
    '/v1/customers/:id/carts',
    { config: { permission: 'commerce.order' }, schema: { tags, summary: 'Create a cart (provider admin agents; expires after 7 days)', params: CustomerParams, body: CartBody, response: withErrors({ 201: Cart }) } },
    async (request, reply) => reply.code(201).send(await commerce.createCart(requestContext(request), request.params.id, request.body.lineItems)),
  );

  app.get(
    '/v1/customers/:id/carts/:cartId',
    { config: { permission: 'commerce.order' }, schema: { tags, summary: 'A cart', params: CartParams, response: withErrors({ 200: Cart }) } },
    async (request) => commerce.getCart(request.actor!, request.params.id, request.params.cartId),
  );

  app.put(
    '/v1/customers/:id/carts/:cartId',
    { config: { permission: 'commerce.order' }, schema: { tags, summary: 'Replace the line items of an open cart', params: CartParams, body: CartBody, response: withErrors({ 200: Cart }) } },
    async (request) => commerce.updateCart(requestContext(request), request.params.id, request.params.cartId, request.body.lineItems),
  );

  app.post(
    '/v1/customers/:id/carts/:cartId/checkout',
    {
      config: { permission: 'commerce.order' },
      schema: { tags, summary: 'Check out: every ORD-3 precondition is checked; one order per reseller of record', params: CartParams, response: withErrors({ 201: CheckoutResult }) },
    },
    async (request, reply) => reply.code(201).send(await commerce.checkout(requestContext(request), request.params.id, request.params.cartId)),
  );

  app.get(
    '/v1/customers/:id/orders',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: "A customer's orders", params: CustomerParams, querystring: ListQuery, response: withErrors({ 200: Orders }) } },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await commerce.listOrders(request.actor!, request.params.id, size, decodeTimeCursor(cursor));
      return collection(request, { items: page.items, totalCount: page.totalCount }, size, (o) => timeCursorOf(o, new Date(o.createdAt)), (o) => o);
    },
  );

  app.get(
    '/v1/customers/:id/orders/:orderId',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: 'One order', params: OrderParams, response: withErrors({ 200: Order }) } },
    async (request) => commerce.getOrder(request.actor!, request.params.id, request.params.orderId),
  );

  app.get(
    '/v1/customers/:id/subscriptions',
    {
      config: { permission: 'commerce.read' },
      schema: { tags, summary: "A customer's subscriptions (its provider, its reseller of record, the customer)", params: CustomerParams, querystring: ListQuery, response: withErrors({ 200: Subscriptions }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await commerce.listSubscriptions(request.actor!, request.params.id, size, decodeTimeCursor(cursor));
      return collection(request, page, size, (s) => timeCursorOf(s.row, s.row.createdAt), (s) => s.view);
    },
  );

  app.get(
    '/v1/customers/:id/subscriptions/:subscriptionId',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: 'One subscription', params: SubscriptionParams, response: withErrors({ 200: Subscription }) } },
    async (request) => commerce.getSubscription(request.actor!, request.params.id, request.params.subscriptionId),
  );

  app.patch(
    '/v1/customers/:id/subscriptions/:subscriptionId',
    {
      config: { permission: 'commerce.manage' },
      schema: {
        tags,
        summary: 'Change quantity, suspend/reactivate, auto-renew (the provider; quantity also the reseller of record)',
        params: SubscriptionParams,
        body: SubscriptionChange,
        response: withErrors({ 200: Subscription }),
      },
    },
    async (request) => commerce.updateSubscription(requestContext(request), request.params.id, request.params.subscriptionId, request.body),
  );

  app.post(
    '/v1/customers/:id/subscriptions/:subscriptionId/cancel',
    { config: { permission: 'commerce.manage', idempotent: false }, schema: { tags, summary: 'Cancel a subscription (the provider)', params: SubscriptionParams, response: withErrors({ 200: Subscription }) } },
    async (request) => commerce.cancelSubscription(requestContext(request), request.params.id, request.params.subscriptionId),
  );

  app.put(
    '/v1/customers/:id/subscriptions/:subscriptionId/scheduled-changes',
    {
      config: { permission: 'commerce.manage' },
      schema: {
        tags,
        summary: 'Schedule next-term changes (quantity, term, billing cycle, SKU) for the renewal to apply (the provider; the reseller of record)',
        params: SubscriptionParams,
        body: ScheduledChangesBody,
        response: withErrors({ 200: Subscription }),
      },
    },
    async (request) => commerce.scheduleNextTerm(requestContext(request), request.params.id, request.params.subscriptionId, request.body),
  );

  app.delete(
    '/v1/customers/:id/subscriptions/:subscriptionId/scheduled-changes',
    {
      config: { permission: 'commerce.manage' },
      schema: { tags, summary: 'Drop the scheduled next-term changes (the renewal keeps the current term)', params: SubscriptionParams, response: withErrors({ 200: Subscription }) },
    },
    async (request) => commerce.scheduleNextTerm(requestContext(request), request.params.id, request.params.subscriptionId, null),
  );

  app.get(
    '/v1/customers/:id/subscriptions/:subscriptionId/upgrade-options',
    {
      config: { permission: 'commerce.read' },
      schema: { tags, summary: "The SKUs a subscription may upgrade to along the operator's paths (with its term and billing cycle offered)", params: SubscriptionParams, response: withErrors({ 200: UpgradeOptions }) },
    },
    async (request) => commerce.listUpgradeOptions(request.actor!, request.params.id, request.params.subscriptionId),
  );

  app.post(
    '/v1/customers/:id/subscriptions/:subscriptionId/upgrade',
    {
      config: { permission: 'commerce.manage', idempotent: false },
      schema: {
        tags,
        summary: 'Move all or part of the seats to a higher SKU for the rest of the term (the provider; the reseller of record)',
        params: SubscriptionParams,
        body: UpgradeBody,
        response: withErrors({ 200: UpgradeResult }),
      },
    },
    async (request) => commerce.upgradeSubscription(requestContext(request), request.params.id, request.params.subscriptionId, request.body),
  );

  app.get(
    '/v1/customers/:id/subscriptions/:subscriptionId/charges',
    {
      config: { permission: 'commerce.read' },
      schema: { tags, summary: "A subscription's rated charge lines in the order they take effect (each tier sees its own amounts)", params: SubscriptionParams, querystring: ListQuery, response: withErrors({ 200: ChargeLines }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await commerce.listChargeLines(request.actor!, request.params.id, request.params.subscriptionId, size, decodeTimeCursor(cursor));
      return collection(request, page, size, (l) => timeCursorOf(l.row, l.row.periodStart), (l) => l.view);
    },
  );

  app.get(
    '/v1/customers/:id/users/:userId/licenses',
    { config: { permission: 'commerce.read' }, schema: { tags, summary: "A customer user's licenses", params: LicenseParams, response: withErrors({ 200: UserLicenses }) } },
    async (request) => ({ items: (await commerce.licensesOf(request.actor!, request.params.id, request.params.userId)).map(userLicenseView) }),
  );

  app.post(
    '/v1/customers/:id/users/:userId/licenses',
    {
      config: { permission: 'licenses.manage', idempotent: false },
      schema: {
        tags,
        summary: 'Assign a license (never more than the quantity; partners need licenseAdministrator)',
        params: LicenseParams,
        body: LicenseBody,
        response: withErrors({ 201: LicenseAssignment }),
      },
    },
    async (request, reply) => reply.code(201).send(await commerce.assignLicense(requestContext(request), request.params.id, request.params.userId, request.body.subscriptionId)),
  );

  app.delete(
    '/v1/customers/:id/users/:userId/licenses',
    { config: { permission: 'licenses.manage' }, schema: { tags, summary: 'Remove a license', params: LicenseParams, body: LicenseBody, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await commerce.unassignLicense(requestContext(request), request.params.id, request.params.userId, request.body.subscriptionId);
      return reply.code(204).send(null);
    },
  );
}
