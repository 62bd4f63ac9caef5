// EVT-2: a tenant's admin registers a webhook endpoint: its URL (https in production; its addresses are
// checked on every delivery), the events it takes (none named: all) and a description. The signing
// secret is answered once and kept sealed.
import type { RequestContext } from '../../../platform/audit.js';
import { writeAudit } from '../../../platform/audit.js';
import { invalidFields } from '../../../platform/errors.js';
import type { WebhookEndpointBody, WebhookEndpointWithSecret } from '../contract.js';
import { endpointUrlProblem, newSecret } from '../rules.js';
import { webhookEndpoints } from '../schema.js';
import { endpointView } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export function checkEndpointUrl(deps: IntegrationsDeps, url: string): void {
  const problem = endpointUrlProblem(url, { production: deps.platform.config.production });
  if (problem) throw invalidFields({ path: '/url', code: problem });
}

export async function createEndpoint(deps: IntegrationsDeps, ctx: RequestContext, input: WebhookEndpointBody): Promise<WebhookEndpointWithSecret> {
  const actor = ctx.actor!;
  checkEndpointUrl(deps, input.url);
  const secret = newSecret();
  return deps.platform.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ tenantId: actor.tenantId, url: input.url, description: input.description ?? '', eventTypes: input.eventTypes ?? [], secrets: { current: deps.secrets.seal(secret) }, createdBy: actor.userId ?? null, createdAt: deps.now(), updatedAt: deps.now() })
      .returning();
    const view = endpointView(row!);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'webhookEndpoint.created', resourceType: 'webhookEndpoint', resourceId: row!.id, after: view });
    return { ...view, secret };
  });
}
