// EVT-2: deliver again one event of the endpoint's tenant, or every event of a time range (at most 31
// days, 10,000 events, those the endpoint takes unless names are given): new deliveries with the same
// `webhook-id`, so a receiver that already has one recognises it.
import { sql } from 'drizzle-orm';
import { query } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields, notFound } from '../../../platform/errors.js';
import type { RedeliveryBody, RedeliveryResult } from '../contract.js';
import { endpointOf, queueDeliveryRun } from '../reads.js';
import type { IntegrationsDeps } from './deps.js';

const maxRangeMs = 31 * 24 * 3600 * 1000;
const maxEvents = 10_000;

export async function redeliver(deps: IntegrationsDeps, ctx: RequestContext, endpointId: string, input: RedeliveryBody): Promise<RedeliveryResult> {
  const actor = ctx.actor!;
  let range: { from: Date; to: Date } | undefined;
  if ('from' in input) {
    range = { from: new Date(input.from), to: new Date(input.to) };
    const span = range.to.getTime() - range.from.getTime();
    if (!(span > 0 && span <= maxRangeMs)) throw invalidFields({ path: '/to', code: 'range_invalid' });
  }
  return deps.platform.transaction(async (tx) => {
    const endpoint = await endpointOf(tx, actor.tenantId, endpointId);
    const now = deps.now().toISOString();
    let queued: number;
    if ('eventId' in input) {
      const rows = await query<{ id: string }>(tx, sql`
        insert into webhook_deliveries (endpoint_id, event_id, created_at, next_attempt_at)
        select ${endpointId}::uuid, id, ${now}::timestamptz, ${now}::timestamptz from events where id = ${input.eventId}::uuid and tenant_id = ${actor.tenantId}::uuid
        returning id`);
      if (rows.length === 0) throw notFound('event');
      queued = 1;
    } else {
      const names = input.eventTypes ?? endpoint.eventTypes;
      const rows = await query<{ id: string }>(tx, sql`
        insert into webhook_deliveries (endpoint_id, event_id, created_at, next_attempt_at)
        select ${endpointId}::uuid, id, ${now}::timestamptz, ${now}::timestamptz from (
          select id from events
          where tenant_id = ${actor.tenantId}::uuid and at >= ${range!.from.toISOString()}::timestamptz and at < ${range!.to.toISOString()}::timestamptz
            and event_type <> 'webhook-test'
            ${names.length ? sql`and event_type = any(${`{${names.join(',')}}`}::text[])` : sql``}
          order by at, seq limit ${maxEvents}) picked
        returning id`);
      queued = rows.length;
    }
    if (queued > 0) await queueDeliveryRun(tx);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'webhookEndpoint.redeliveryRequested', resourceType: 'webhookEndpoint', resourceId: endpointId, after: { ...input, queued } });
    return { queued };
  });
}
