// The operator's reads: the holiday calendar (ENR-6 business days) and support requests.
import { and, asc, eq, sql } from 'drizzle-orm';
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

/** The operator's queue, oldest first. */
export async function supportRequestQueue(deps: OperatorDeps, status?: string) {
  return deps.db
    .select()
    .from(supportRequests)
    .where(status ? eq(supportRequests.status, status) : undefined)
    .orderBy(asc(supportRequests.createdAt));
}
