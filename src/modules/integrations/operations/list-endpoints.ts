// EVT-2: the tenant's webhook endpoints, oldest first.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { WebhookEndpoint } from '../contract.js';
import { webhookEndpoints } from '../schema.js';
import { endpointView } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function listEndpoints(deps: IntegrationsDeps, actor: Actor): Promise<{ items: WebhookEndpoint[]; totalCount: number }> {
  const rows = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, actor.tenantId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return { items: rows.map(endpointView), totalCount: rows.length };
}

