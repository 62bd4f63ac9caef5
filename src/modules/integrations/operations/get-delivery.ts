// EVT-2: one delivery with every attempt (status, answer code, duration, the first 1 KB of the answer)
// and the payload it sends.
import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import { events } from '../../../platform/schema.js';
import type { WebhookDeliveryDetail } from '../contract.js';
import { endpointOf } from '../reads.js';
import { webhookAttempts, webhookDeliveries } from '../schema.js';
import { attemptView, deliveryView, eventView, payloadOf } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function getDelivery(deps: IntegrationsDeps, actor: Actor, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDetail> {
  await endpointOf(deps.db, actor.tenantId, endpointId);
  const [row] = await deps.db
    .select({ delivery: webhookDeliveries, event: events })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
  if (!row) throw notFound('webhookDelivery');
  const attempts = await deps.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(asc(webhookAttempts.at), asc(webhookAttempts.id));
  const event = eventView({
    id: row.event.id,
    tenant_id: row.event.tenantId,
    event_type: row.event.eventType,
    resource_type: row.event.resourceType,
    resource_id: row.event.resourceId,
    resource_uri: row.event.resourceUri,
    resource_name: row.event.resourceName,
    audit_record_id: row.event.auditRecordId,
    resource: row.event.resource,
    at: row.event.at,
  });
  return { ...deliveryView(row.delivery, row.event.eventType), attemptLog: attempts.map(attemptView), payload: payloadOf(event) };
}
