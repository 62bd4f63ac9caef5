// EVT-2: remove an endpoint; its pending deliveries and its log go with it.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { endpointOf } from '../reads.js';
import { webhookEndpoints } from '../schema.js';
import { endpointView } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function deleteEndpoint(deps: IntegrationsDeps, ctx: RequestContext, id: string): Promise<void> {
  const actor = ctx.actor!;
  await deps.platform.transaction(async (tx) => {
    const row = await endpointOf(tx, actor.tenantId, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'webhookEndpoint.deleted', resourceType: 'webhookEndpoint', resourceId: id, before: endpointView(row) });
  });
}
