// The operator's reads: the holiday calendar (ENR-6 business days) and support requests.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import type { OperatorDeps } from './operations/deps.js';
import { holidays, supportRequests } from './schema.js';
import type { SupportRequestRow } from './views.js';

export async function listHolidays(deps: OperatorDeps) {
  return deps.db.select().from(holidays).orderBy(asc(holidays.day));
}

/** The holiday calendar as a set of ISO dates, for the business-day rules. */
export async function holidaySet(deps: OperatorDeps, q: Queryable = deps.db): Promise<Set<string>> {
  const rows = await q.select({ day: holidays.day }).from(holidays);
  return new Set(rows.map((r) => r.day));
}

/** The oldest open request of a tenant of this kind whose subject holds these fields (ENR-6: one escalation open at a time). */
export async function openSupportRequestAbout(q: Queryable, input: { tenantId: string; kind: string; subject: Record<string, string> }): Promise<SupportRequestRow | undefined> {
  const [row] = await q
    .select()
    .from(supportRequests)
    .where(
      and(
        eq(supportRequests.tenantId, input.tenantId),
        eq(supportRequests.kind, input.kind),
        eq(supportRequests.status, 'open'),
        sql`${supportRequests.subject} @> ${JSON.stringify(input.subject)}::jsonb`,
      ),
    )
    .orderBy(asc(supportRequests.createdAt))
    .limit(1);
  return row;
}

export async function supportRequestsOf(deps: OperatorDeps, tenantId: string) {
  return deps.db.select().from(supportRequests).where(eq(supportRequests.tenantId, tenantId)).orderBy(asc(supportRequests.createdAt));
}

export async function getSupportRequest(q: Queryable, id: string, lock = false) {
  const select = q.select().from(supportRequests).where(eq(supportRequests.id, id));
  const [row] = lock ? await select.for('update') : await select;
  return row;
}

/**
 * What the queue's reader names in each request: one column computed over the request's row (the
 * module that knows the subject's kinds gives it as SQL), so the queue stays one statement.
 */
export type SupportRequestNamesColumn<Names> = (request: typeof supportRequests) => SQL<Names>;

/** The operator's queue, oldest first, each request with the names its reader asked for. */
export async function supportRequestQueue<Names>(deps: OperatorDeps, status: string | undefined, names: SupportRequestNamesColumn<Names>) {
  return deps.db
    .select({ request: supportRequests, names: names(supportRequests) })
    .from(supportRequests)
    .where(status ? eq(supportRequests.status, status) : undefined)
    .orderBy(asc(supportRequests.createdAt));
}
