// Integrations over HTTP (EVT-1, EVT-2): the change feed, the event catalogue, webhook endpoints, their
// delivery logs, redelivery and test events. Path, schemas from contract.ts (typed through the TypeBox
// type provider), permission, one service call. Every route acts in the caller's own tenant only.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeTimeCursor, defaultPageSize, encodeCursor, NoContent, requestContext, withErrors } from '../../platform/http.js';
import {
  DeliveryParams,
  DeliveryQuery,
  EndpointParams,
  EventFeed,
  EventFeedQuery,
  EventTypeList,
  RedeliveryBody,
  RedeliveryResult,
  WebhookDeliveries,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookEndpoint,
  WebhookEndpointBody,
  WebhookEndpointPatch,
  WebhookEndpoints,
  WebhookEndpointWithSecret,
} from './contract.js';
import type { IntegrationsService } from './service.js';
import { deliveryView } from './views.js';

export function integrationsRoutes(fastify: FastifyInstance, integrations: IntegrationsService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['integrations'];

  app.get(
    '/v1/event-types',
    { config: { permission: 'events.read' }, schema: { tags, summary: 'The events the API raises (EVT-1), each with the resource it is about', response: withErrors({ 200: EventTypeList }) } },
    async () => integrations.listEventTypes(),
  );

  app.get(
    '/v1/events',
    {
      config: { permission: 'events.read' },
      schema: {
        tags,
        summary: "The change feed (EVT-1): the caller's tenant's events after a cursor, in an order in which no event ever appears behind a cursor already given; pass `cursor` back as `after`",
        querystring: EventFeedQuery,
        response: withErrors({ 200: EventFeed }),
      },
    },
    async (request) => {
      const { after, size = 100, types } = request.query;
      return integrations.readEvents(request.actor!, { after, size, types });
    },
  );

  app.get(
    '/v1/webhook-endpoints',
    { config: { permission: 'webhooks.manage' }, schema: { tags, summary: "The tenant's webhook endpoints (EVT-2)", response: withErrors({ 200: WebhookEndpoints }) } },
    async (request) => ({ ...(await integrations.listEndpoints(request.actor!)), links: {} }),
  );

  app.post(
    '/v1/webhook-endpoints',
    {
      config: { permission: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Register a webhook endpoint (EVT-2): its URL, the events it takes (none: all), a description; the signing secret is answered once',
        body: WebhookEndpointBody,
        response: withErrors({ 201: WebhookEndpointWithSecret }),
      },
    },
    async (request, reply) => reply.code(201).send(await integrations.createEndpoint(requestContext(request), request.body)),
  );

  app.get(
    '/v1/webhook-endpoints/:id',
    { config: { permission: 'webhooks.manage' }, schema: { tags, summary: 'One webhook endpoint (EVT-2)', params: EndpointParams, response: withErrors({ 200: WebhookEndpoint }) } },
    async (request) => integrations.getEndpoint(request.actor!, request.params.id),
  );

  app.patch(
    '/v1/webhook-endpoints/:id',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags, summary: "Change an endpoint's URL, events or description; disable or re-enable it (EVT-2)", params: EndpointParams, body: WebhookEndpointPatch, response: withErrors({ 200: WebhookEndpoint }) },
    },
    async (request) => integrations.updateEndpoint(requestContext(request), request.params.id, request.body),
  );

  app.delete(
    '/v1/webhook-endpoints/:id',
    { config: { permission: 'webhooks.manage' }, schema: { tags, summary: 'Remove a webhook endpoint and its delivery log (EVT-2)', params: EndpointParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await integrations.deleteEndpoint(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/webhook-endpoints/:id/secret-rotations',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags, summary: 'A new signing secret, answered once; the previous one also signs for 24 hours (EVT-2)', params: EndpointParams, response: withErrors({ 201: WebhookEndpointWithSecret }) },
    },
    async (request, reply) => reply.code(201).send(await integrations.rotateSecret(requestContext(request), request.params.id)),
  );

  app.post(
    '/v1/webhook-endpoints/:id/test',
    { config: { permission: 'webhooks.manage' }, schema: { tags, summary: 'Send a test event (webhook-test) to this endpoint (EVT-2)', params: EndpointParams, response: withErrors({ 202: WebhookDelivery }) } },
    async (request, reply) => reply.code(202).send(await integrations.sendTestEvent(requestContext(request), request.params.id)),
  );

  app.get(
    '/v1/webhook-endpoints/:id/deliveries',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags, summary: "The endpoint's delivery log, newest first: status, attempts, the last answer (EVT-2)", params: EndpointParams, querystring: DeliveryQuery, response: withErrors({ 200: WebhookDeliveries }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, status } = request.query;
      const page = await integrations.listDeliveries(request.actor!, request.params.id, { size, status, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (r) => encodeCursor([r.delivery.createdAt.toISOString(), r.delivery.id]), (r) => deliveryView(r.delivery, r.eventType));
    },
  );

  app.get(
    '/v1/webhook-endpoints/:id/deliveries/:deliveryId',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags, summary: 'One delivery with every attempt (answer code, duration, the first 1 KB of the answer) and its payload (EVT-2)', params: DeliveryParams, response: withErrors({ 200: WebhookDeliveryDetail }) },
    },
    async (request) => integrations.getDelivery(request.actor!, request.params.id, request.params.deliveryId),
  );

  app.post(
    '/v1/webhook-endpoints/:id/redeliveries',
    {
      config: { permission: 'webhooks.manage' },
      schema: {
        tags,
        summary: "Deliver again one event, or the tenant's events of a time range (at most 31 days), with the same webhook-id (EVT-2)",
        params: EndpointParams,
        body: RedeliveryBody,
        response: withErrors({ 202: RedeliveryResult }),
      },
    },
    async (request, reply) => reply.code(202).send(await integrations.redeliver(requestContext(request), request.params.id, request.body)),
  );
}
