// EVT-2: a new signing secret, answered once; the previous one keeps signing (deliveries carry both
// signatures) for 24 hours, so the receiver can switch without refusing a delivery.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { WebhookEndpointWithSecret } from '../contract.js';
import { endpointOf } from '../reads.js';
import { newSecret, previousSecretValidMs } from '../rules.js';
import { webhookEndpoints } from '../schema.js';
import { endpointView } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function rotateSecret(deps: IntegrationsDeps, ctx: RequestContext, id: string): Promise<WebhookEndpointWithSecret> {
  const actor = ctx.actor!;
  const secret = newSecret();
  return deps.platform.transaction(async (tx) => {
    const row = await endpointOf(tx, actor.tenantId, id);
    const now = deps.now();
    const secrets = { current: deps.secrets.seal(secret), previous: row.secrets.current, previousExpiresAt: new Date(now.getTime() + previousSecretValidMs).toISOString() };
    const [after] = await tx.update(webhookEndpoints).set({ secrets, updatedAt: now }).where(eq(webhookEndpoints.id, id)).returning();
    const view = endpointView(after!);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'webhookEndpoint.secretRotated', resourceType: 'webhookEndpoint', resourceId: id, after: view });
    return { ...view, secret };
  });
}
