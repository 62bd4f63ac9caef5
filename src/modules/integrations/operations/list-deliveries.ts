// EVT-2: an endpoint's delivery log, newest first: each delivery's status, attempts and last answer.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { events } from '../../../platform/schema.js';
import type { DeliveryQuery } from '../contract.js';
import { endpointOf } from '../reads.js';
import { webhookDeliveries } from '../schema.js';
import type { IntegrationsDeps } from './deps.js';

export async function listDeliveries(deps: IntegrationsDeps, actor: Actor, endpointId: string, input: Omit<DeliveryQuery, 'cursor'> & { size: number; after?: { at: Date; id: string } }) {
  await endpointOf(deps.db, actor.tenantId, endpointId);
  const filters = [eq(webhookDeliveries.endpointId, endpointId)];
  if (input.status) filters.push(eq(webhookDeliveries.status, input.status));
  const counted = await deps.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(and(...filters));
  if (input.after) filters.push(sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${input.after.at.toISOString()}::timestamptz, ${input.after.id}::uuid)`);
  const rows = await deps.db
    .select({ delivery: webhookDeliveries, eventType: events.eventType })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(...filters))
    .orderBy(sql`${webhookDeliveries.createdAt} desc nulls last`, sql`${webhookDeliveries.id} desc nulls last`)
    .limit(input.size + 1);
  return { items: rows, totalCount: counted[0]?.n ?? 0 };
}
