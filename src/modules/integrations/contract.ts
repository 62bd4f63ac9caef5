// The shapes of integrations (EVT-1, EVT-2), declared once: events as the change feed and webhooks
// carry them, webhook endpoints, their deliveries and attempts. Routes validate and serialize with them;
// views return them. Event names follow Partner Center's webhooks where it has one ({resource}-{action}).
import { Type, type Static } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery, Uuid } from '../../platform/contract.js';
import { eventTypes } from '../../platform/events.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const EventType = Type.Union(
  eventTypes.map((t) => Type.Literal(t)),
  { description: 'An event name ({resource}-{action}, as in Partner Center webhooks)' },
);
export type EventType = Static<typeof EventType>;

/** EVT-1: what one event says, in the change feed and as a webhook's `data`. */
export const Event = Type.Object(
  {
    /** The event's ID: a webhook delivery of it carries it as `webhook-id` (msg_<id>). */
    id: Uuid,
    eventName: EventType,
    resourceType: Type.String(),
    resourceId: Nullable(Type.String()),
    /** Where the API answers with the resource now (relative to the API's origin). */
    resourceUri: Nullable(Type.String()),
    resourceName: Nullable(Type.String()),
    /** The audit record of the change this event was derived from. */
    auditUri: Type.String(),
    resourceChangeUtcDate: DateTime,
    /** The tenant the event is for (the subscriber). */
    tenantId: Uuid,
    /** The resource as the change left it, in the shape the API shows this tenant (null when it shows none). */
    resource: Type.Unknown(),
  },
  { title: 'Event' },
);
export type Event = Static<typeof Event>;

export const EventFeedQuery = Type.Object(
  {
    /** The feed's position: `cursor` of an earlier answer; absent, the feed starts from the beginning. */
    after: Type.Optional(Type.String({ maxLength: 200 })),
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    /** Only these event names (comma-separated). */
    types: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
export type EventFeedQuery = Static<typeof EventFeedQuery>;

/** EVT-1: the change feed: events in the order the feed guarantees (nothing ever appears before a given cursor later). */
export const EventFeed = Type.Object(
  {
    items: Type.Array(Event),
    /** Pass as `after` to read on; returned even when there is nothing new (then it is the one sent). */
    cursor: Type.String(),
    /** True when more events were already waiting: read again at once. */
    hasMore: Type.Boolean(),
  },
  { title: 'EventFeed' },
);
export type EventFeed = Static<typeof EventFeed>;

export const EventTypeInfo = Type.Object({ name: EventType, resourceType: Type.String(), description: Type.String() }, { title: 'EventTypeInfo' });
export const EventTypeList = Type.Object({ items: Type.Array(EventTypeInfo) }, { title: 'EventTypeList' });
export type EventTypeList = Static<typeof EventTypeList>;

export const endpointStatuses = ['active', 'disabled'] as const;

const Url = Type.String({ minLength: 8, maxLength: 2000, description: 'https (http only outside production)' });
const EventTypeFilter = Type.Array(EventType, { maxItems: 100, uniqueItems: true, description: 'The event names to deliver; empty: every event' });

export const WebhookEndpoint = Type.Object(
  {
    id: Uuid,
    tenantId: Uuid,
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(EventType),
    status: Type.Union(endpointStatuses.map((s) => Type.Literal(s))),
    /** Why the endpoint is disabled: `failing` (failing for 5 days) or `manual`. */
    disabledReason: Nullable(Type.String()),
    /** Since when every delivery has failed (null while the last one succeeded). */
    failingSince: Nullable(DateTime),
    /** Until when the previous secret still signs, after a rotation (EVT-2). */
    previousSecretExpiresAt: Nullable(DateTime),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'WebhookEndpoint' },
);
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

/** The endpoint with its signing secret: answered once, when the endpoint is created or its secret rotated. */
export const WebhookEndpointWithSecret = Type.Intersect([WebhookEndpoint, Type.Object({ secret: Type.String({ description: 'whsec_… (Standard Webhooks)' }) })], { title: 'WebhookEndpointWithSecret' });
export type WebhookEndpointWithSecret = Static<typeof WebhookEndpointWithSecret>;

export const WebhookEndpointBody = Type.Object({ url: Url, description: Type.Optional(Type.String({ maxLength: 500 })), eventTypes: Type.Optional(EventTypeFilter) }, strict);
export type WebhookEndpointBody = Static<typeof WebhookEndpointBody>;

export const WebhookEndpointPatch = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    eventTypes: Type.Optional(EventTypeFilter),
    /** `active` re-enables a disabled endpoint (its failure clock restarts); `disabled` stops deliveries. */
    status: Type.Optional(Type.Union(endpointStatuses.map((s) => Type.Literal(s)))),
  },
  strict,
);
export type WebhookEndpointPatch = Static<typeof WebhookEndpointPatch>;

export const WebhookEndpoints = Collection(WebhookEndpoint, 'WebhookEndpoints');
export type WebhookEndpoints = Static<typeof WebhookEndpoints>;

export const EndpointParams = Type.Object({ id: Uuid }, strict);
export const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid }, strict);

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;

export const WebhookAttempt = Type.Object(
  {
    at: DateTime,
    /** The receiver's HTTP status (null when no answer came: refused address, timeout, connection error). */
    statusCode: Nullable(Type.Integer()),
    durationMs: Type.Integer(),
    /** The first 1 KB of the receiver's answer. */
    responseExcerpt: Nullable(Type.String()),
    error: Nullable(Type.String()),
  },
  { title: 'WebhookAttempt' },
);

export const WebhookDelivery = Type.Object(
  {
    id: Uuid,
    endpointId: Uuid,
    eventId: Uuid,
    eventName: EventType,
    /** The `webhook-id` header: the same on every attempt and redelivery of this event. */
    webhookId: Type.String(),
    status: Type.Union(deliveryStatuses.map((s) => Type.Literal(s))),
    attempts: Type.Integer(),
    nextAttemptAt: Nullable(DateTime),
    lastAttempt: Nullable(WebhookAttempt),
    createdAt: DateTime,
    deliveredAt: Nullable(DateTime),
  },
  { title: 'WebhookDelivery' },
);
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const WebhookDeliveryDetail = Type.Intersect([WebhookDelivery, Type.Object({ attemptLog: Type.Array(WebhookAttempt), payload: Type.Unknown() })], { title: 'WebhookDeliveryDetail' });
export type WebhookDeliveryDetail = Static<typeof WebhookDeliveryDetail>;

export const DeliveryQuery = Type.Object({ status: Type.Optional(Type.Union(deliveryStatuses.map((s) => Type.Literal(s)))), ...PageQuery }, strict);
export type DeliveryQuery = Static<typeof DeliveryQuery>;

export const WebhookDeliveries = Collection(WebhookDelivery, 'WebhookDeliveries');
export type WebhookDeliveries = Static<typeof WebhookDeliveries>;

/** Deliver again one event, or every event of the endpoint's tenant in a time range (at most 10,000). */
export const RedeliveryBody = Type.Union(
  [Type.Object({ eventId: Uuid }, strict), Type.Object({ from: DateTime, to: DateTime, eventTypes: Type.Optional(EventTypeFilter) }, strict)],
  { title: 'RedeliveryBody' },
);
export type RedeliveryBody = Static<typeof RedeliveryBody>;

export const RedeliveryResult = Type.Object({ queued: Type.Integer() }, { title: 'RedeliveryResult' });
export type RedeliveryResult = Static<typeof RedeliveryResult>;
