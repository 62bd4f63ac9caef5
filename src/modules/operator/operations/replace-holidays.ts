// Replaces the holiday calendar the review times count business days with (ENR-6), audited.
import { asc } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import type { Holiday } from '../contract.js';
import { holidays } from '../schema.js';
import type { OperatorDeps } from './deps.js';

export async function replaceHolidays(deps: OperatorDeps, ctx: RequestContext, days: Holiday[]) {
  // One entry per day: the last one given for a day wins.
  const unique = [...new Map(days.map((h) => [h.day, h])).values()];
  return deps.platform.transaction(async (tx) => {
    const before = await tx.select().from(holidays).orderBy(asc(holidays.day));
    await tx.delete(holidays);
    if (unique.length) await tx.insert(holidays).values(unique);
    const after = await tx.select().from(holidays).orderBy(asc(holidays.day));
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'holidays.replaced', resourceType: 'holidayCalendar', before, after });
    return after;
  });
}
