// EVT-2: one of the tenant's webhook endpoints (another tenant's is not found).
import type { Actor } from '../../../platform/access.js';
import type { WebhookEndpoint } from '../contract.js';
import { endpointOf } from '../reads.js';
import { endpointView } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function getEndpoint(deps: IntegrationsDeps, actor: Actor, id: string): Promise<WebhookEndpoint> {
  return endpointView(await endpointOf(deps.db, actor.tenantId, id));
}
