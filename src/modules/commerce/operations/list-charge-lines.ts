// TRM-6: a subscription's charge lines in the order they take effect (their period's start: a seat
// change's moment), page by page, each with the
// amounts the caller's tier sees (PRC-4): the customer, its provider and the reseller of record.
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import { visibleSubscription } from '../reads.js';
import { chargeLines } from '../schema.js';
import { audienceOf, chargeLineView } from '../views.js';
import type { CommerceDeps } from './deps.js';

export async function listChargeLines({ db }: CommerceDeps, actor: Actor, customerTenantId: string, id: string, size: number, after?: TimeCursor) {
  const subscription = await visibleSubscription(db, actor, customerTenantId, id);
  const page = after ? or(gt(chargeLines.periodStart, after.at), and(eq(chargeLines.periodStart, after.at), gt(chargeLines.id, after.id))) : undefined;
  const rows = await db
    .select()
    .from(chargeLines)
    .where(and(eq(chargeLines.subscriptionId, id), page))
    .orderBy(asc(chargeLines.periodStart), asc(chargeLines.id))
    .limit(size + 1);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(chargeLines).where(eq(chargeLines.subscriptionId, id));
  const audience = audienceOf(actor.tenantId, subscription);
  return { items: rows.map((row) => ({ row, view: chargeLineView(row, audience) })), totalCount: count?.n ?? 0 };
}
