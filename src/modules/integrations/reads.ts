// Loaders shared by integrations' operations.
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { notFound } from '../../platform/errors.js';
import type { IntegrationsDeps } from './operations/deps.js';
import { webhookEndpoints } from './schema.js';

/** The tenant's endpoint, or 404 (another tenant's endpoint is not the caller's to know). */
export async function endpointOf(q: Queryable, tenantId: string, id: string) {
  const [row] = await q.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.tenantId, tenantId)));
  if (!row) throw notFound('webhookEndpoint');
  return row;
}

/** The secrets that sign now: the current one, and the previous one until it expires (EVT-2). */
export function signingSecrets(deps: Pick<IntegrationsDeps, 'secrets'>, secrets: (typeof webhookEndpoints.$inferSelect)['secrets'], now: Date): string[] {
  const valid = [deps.secrets.open(secrets.current)];
  if (secrets.previous && secrets.previousExpiresAt && new Date(secrets.previousExpiresAt) > now) valid.push(deps.secrets.open(secrets.previous));
  return valid;
}

/** Queues a delivery run (unless one is already waiting) in the caller's transaction. */
export async function queueDeliveryRun(q: Queryable): Promise<void> {
  await q.execute(deliveryRunSql);
}

export const deliverQueue = 'webhooks.deliver';
const deliveryRunSql = sql`insert into jobs (queue, payload) select ${deliverQueue}, '{}'::jsonb where not exists (select 1 from jobs where queue = ${deliverQueue} and status = 'queued')`;
