// EVT-2: change an endpoint's URL, events or description, or disable and re-enable it (re-enabling
// restarts its failure clock; missed events are redelivered on request).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { WebhookEndpoint, WebhookEndpointPatch } from '../contract.js';
import { endpointOf } from '../reads.js';
import { webhookEndpoints } from '../schema.js';
import { endpointView } from '../views.js';
import { checkEndpointUrl } from './create-endpoint.js';
import type { IntegrationsDeps } from './deps.js';

export async function updateEndpoint(deps: IntegrationsDeps, ctx: RequestContext, id: string, input: WebhookEndpointPatch): Promise<WebhookEndpoint> {
  const actor = ctx.actor!;
  if (input.url !== undefined) checkEndpointUrl(deps, input.url);
  return deps.platform.transaction(async (tx) => {
    const row = await endpointOf(tx, actor.tenantId, id);
    const status = input.status ?? row.status;
    const statusChanged = status !== row.status;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        url: input.url ?? row.url,
        description: input.description ?? row.description,
        eventTypes: input.eventTypes ?? row.eventTypes,
        status,
        disabledReason: status === 'active' ? null : statusChanged ? 'manual' : row.disabledReason,
        failingSince: status === 'active' && statusChanged ? null : row.failingSince,
        updatedAt: deps.now(),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    const view = endpointView(after!);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'webhookEndpoint.updated', resourceType: 'webhookEndpoint', resourceId: id, before: endpointView(row), after: view });
    return view;
  });
}
