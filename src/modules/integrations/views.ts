// Rows → the contract's shapes (return types from contract.ts, so drift fails tsc).
import type { Event, EventType, WebhookDelivery, WebhookEndpoint } from './contract.js';
import type { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.js';

export interface EventRow {
  id: string;
  tenant_id: string;
  event_type: string;
  resource_type: string;
  resource_id: string | null;
  resource_uri: string | null;
  resource_name: string | null;
  audit_record_id: string;
  resource: unknown;
  at: Date | string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function eventView(row: EventRow): Event {
  return {
    id: row.id,
    eventName: row.event_type as EventType,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    resourceUri: row.resource_uri,
    resourceName: row.resource_name,
    auditUri: `/v1/audit-records/${row.audit_record_id}`,
    resourceChangeUtcDate: iso(row.at),
    tenantId: row.tenant_id,
    resource: row.resource ?? null,
  };
}

/** What a delivery POSTs (Standard Webhooks' payload: type, timestamp, data). */
export function payloadOf(event: Event) {
  return { type: event.eventName, timestamp: event.resourceChangeUtcDate, data: event };
}

export function webhookIdOf(eventId: string): string {
  return `msg_${eventId}`;
}

export function endpointView(row: typeof webhookEndpoints.$inferSelect): WebhookEndpoint {
  return {
    id: row.id,
    tenantId: row.tenantId,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as EventType[],
    status: row.status as WebhookEndpoint['status'],
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: row.secrets.previous && row.secrets.previousExpiresAt ? row.secrets.previousExpiresAt : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function attemptView(row: typeof webhookAttempts.$inferSelect) {
  return { at: row.at.toISOString(), statusCode: row.statusCode, durationMs: row.durationMs, responseExcerpt: row.responseExcerpt, error: row.error };
}

export function deliveryView(row: typeof webhookDeliveries.$inferSelect, eventType: string): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventName: eventType as EventType,
    webhookId: webhookIdOf(row.eventId),
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttempt: row.lastAttemptAt
      ? { at: row.lastAttemptAt.toISOString(), statusCode: row.lastStatusCode, durationMs: row.lastDurationMs ?? 0, responseExcerpt: row.lastResponse, error: row.lastError }
      : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
