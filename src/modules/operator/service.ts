// The operator's program settings (holiday calendar, ENR-6) and the support-request queue.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/index.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import { holidays, supportRequests } from './schema.js';

export type SupportRequestRow = typeof supportRequests.$inferSelect;

export function supportRequestView(r: SupportRequestRow) {
  return {
    id: r.id,
    tenantId: r.tenantId,
    kind: r.kind,
    title: r.title,
    details: r.details,
    subject: r.subject as Record<string, unknown>,
    status: r.status,
    resolution: r.resolution,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function operatorService(platform: Platform) {
  const { db } = platform;

  async function listHolidays() {
    return db.select().from(holidays).orderBy(asc(holidays.day));
  }

  /** The holiday calendar as a set of ISO dates, for the business-day rules. */
  async function holidaySet(q: Queryable = db): Promise<Set<string>> {
    const rows = await q.select({ day: holidays.day }).from(holidays);
    return new Set(rows.map((r) => r.day));
  }

  /** Replaces the calendar. */
  async function replaceHolidays(ctx: RequestContext, days: { day: string; name: string }[]) {
    return platform.transaction(async (tx) => {
      const before = await tx.select().from(holidays).orderBy(asc(holidays.day));
      await tx.delete(holidays);
      if (days.length) await tx.insert(holidays).values(days);
      const after = await tx.select().from(holidays).orderBy(asc(holidays.day));
      await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'holidays.replaced', resourceType: 'holidayCalendar', before, after });
      return after;
    });
  }

  /** Opens a support request in the caller's transaction. */
  async function openSupportRequest(
    tx: Queryable,
    ctx: RequestContext,
    input: { tenantId: string; kind: string; title: string; details: string; subject: Record<string, unknown> },
  ): Promise<SupportRequestRow> {
    const [row] = await tx
      .insert(supportRequests)
      .values({ ...input, createdByUserId: ctx.actor?.userId ?? null })
      .returning();
    await writeAudit(tx, ctx, { tenantId: input.tenantId, action: 'supportRequest.created', resourceType: 'supportRequest', resourceId: row!.id, after: supportRequestView(row!) });
    return row!;
  }

  /** The oldest open request of a tenant of this kind whose subject holds these fields (ENR-6: one escalation open at a time). */
  async function openSupportRequestAbout(q: Queryable, input: { tenantId: string; kind: string; subject: Record<string, string> }): Promise<SupportRequestRow | undefined> {
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

  async function supportRequestsOf(tenantId: string) {
    return db.select().from(supportRequests).where(eq(supportRequests.tenantId, tenantId)).orderBy(asc(supportRequests.createdAt));
  }

  async function getSupportRequest(q: Queryable, id: string, lock = false) {
    const select = q.select().from(supportRequests).where(eq(supportRequests.id, id));
    const [row] = lock ? await select.for('update') : await select;
    return row;
  }

  /** The operator's queue, oldest first. */
  async function supportRequestQueue(status?: string) {
    return db
      .select()
      .from(supportRequests)
      .where(status ? eq(supportRequests.status, status) : undefined)
      .orderBy(asc(supportRequests.createdAt));
  }

  /** Closes a request (resolved or declined) in the caller's transaction. */
  async function closeSupportRequest(tx: Queryable, ctx: RequestContext, row: SupportRequestRow, status: 'resolved' | 'declined', resolution: string) {
    const [after] = await tx.update(supportRequests).set({ status, resolution, updatedAt: new Date() }).where(eq(supportRequests.id, row.id)).returning();
    await writeAudit(tx, ctx, { tenantId: row.tenantId, action: `supportRequest.${status}`, resourceType: 'supportRequest', resourceId: row.id, before: supportRequestView(row), after: supportRequestView(after!) });
    return after!;
  }

  return { listHolidays, holidaySet, replaceHolidays, openSupportRequest, openSupportRequestAbout, supportRequestsOf, getSupportRequest, supportRequestQueue, closeSupportRequest };
}

export type OperatorService = ReturnType<typeof operatorService>;
