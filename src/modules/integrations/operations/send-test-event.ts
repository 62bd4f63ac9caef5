// EVT-2: a test event for one endpoint: audited like any change (so it is in the tenant's change feed
// too), delivered to that endpoint only, signed and logged like every other delivery.
import { sql } from 'drizzle-orm';
import { query } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { WebhookDelivery } from '../contract.js';
import { endpointOf, queueDeliveryRun } from '../reads.js';
import { webhookDeliveries } from '../schema.js';
import { deliveryView } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function sendTestEvent(deps: IntegrationsDeps, ctx: RequestContext, id: string): Promise<WebhookDelivery> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const row = await endpointOf(tx, actor.tenantId, id);
    const auditId = await writeAudit(tx, ctx, {
      tenantId: actor.tenantId,
      action: 'webhookEndpoint.tested',
      resourceType: 'webhookEndpoint',
      resourceId: id,
      after: { id, url: row.url, message: 'This is a test event from Channel Center.' },
      recipients: [{ tenantId: actor.tenantId }],
    });
    const [event] = await query<{ id: string }>(tx, sql`select id from events where audit_record_id = ${auditId}`);
    const [delivery] = await tx.insert(webhookDeliveries).values({ endpointId: id, eventId: event!.id, createdAt: deps.now(), nextAttemptAt: deps.now() }).returning();
    await queueDeliveryRun(tx);
    return deliveryView(delivery!, 'webhook-test');
  });
}
