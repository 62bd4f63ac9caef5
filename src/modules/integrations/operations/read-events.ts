// EVT-1: the change feed. A tenant's events in (transaction ID, sequence) order, only those below the
// oldest transaction still running: every transaction below it has committed or rolled back, so no
// event can later appear before a cursor the feed has handed out, and a consumer that was down
// catches up from its last cursor without gaps or webhooks.
import { sql } from 'drizzle-orm';
import { query } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import { invalidFields } from '../../../platform/errors.js';
import { eventTypes } from '../../../platform/events.js';
import type { EventFeed } from '../contract.js';
import { decodeFeedCursor, encodeFeedCursor, feedStart } from '../rules.js';
import { eventView, type EventRow } from '../views.js';
import type { IntegrationsDeps } from './deps.js';

export async function readEvents(deps: IntegrationsDeps, actor: Actor, input: { after?: string; size: number; types?: string }): Promise<EventFeed> {
  const position = input.after === undefined ? feedStart : decodeFeedCursor(input.after);
  if (!position) throw invalidFields({ path: '/query/after', code: 'cursor_invalid' });
  const types = input.types === undefined ? undefined : input.types.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = types?.find((t) => !(eventTypes as string[]).includes(t));
  if (unknown !== undefined) throw invalidFields({ path: '/query/types', code: 'event_type_unknown', params: { name: unknown } });
  const rows = await query<EventRow & { txid: string; seq: string }>(deps.db, sql`
    select seq::text as seq, txid::text as txid, id, tenant_id, event_type, resource_type, resource_id, resource_uri, resource_name, audit_record_id, resource, at
    from events
    where tenant_id = ${actor.tenantId}
      and (txid, seq) > (${position.txid}::xid8, ${position.seq}::bigint)
      and txid < pg_snapshot_xmin(pg_current_snapshot())
      ${types ? sql`and event_type = any(${`{${types.join(',')}}`}::text[])` : sql``}
    order by txid, seq
    limit ${input.size + 1}`);
  const page = rows.slice(0, input.size);
  const last = page[page.length - 1];
  return { items: page.map(eventView), cursor: encodeFeedCursor(last ? { txid: last.txid, seq: last.seq } : position), hasMore: rows.length > input.size };
}
