// PRC-1: the operator sets the partner discount of one marketplace offer type (0 to 100 %, at most two
// decimals: the schema refuses anything else, naming the field). It prices every marketplace plan of
// that type from then on: the provider's cost is the list price less it. Audited with before and after
// in the same transaction; concurrent changes of one type are serialized by the row lock.
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields } from '../../../platform/errors.js';
import { parsePercent } from '../../../platform/money.js';
import type { OfferType } from '../../marketplace/rules.js';
import type { PartnerDiscount } from '../contract.js';
import { partnerDiscounts } from '../schema.js';
import { partnerDiscountView } from '../views.js';
import type { PricingDeps } from './deps.js';

export async function setPartnerDiscount(deps: PricingDeps, ctx: RequestContext, offerType: OfferType, percent: string): Promise<PartnerDiscount> {
  const basisPoints = parsePercent(percent);
  // The schema's pattern holds 0..100 with two decimals; this is the same rule, kept where it is used.
  if (basisPoints === undefined || basisPoints < 0 || basisPoints > 10_000) throw invalidFields({ path: '/percent', code: 'pattern' });
  return deps.platform.transaction(async (tx) => {
    // Lock the type's row if it exists (a first setting of a type is serialized by the primary key).
    const [held] = await tx.select().from(partnerDiscounts).where(eq(partnerDiscounts.offerType, offerType)).for('update');
    const [row] = await tx
      .insert(partnerDiscounts)
      .values({ offerType, basisPoints, updatedByUserId: ctx.actor!.userId })
      .onConflictDoUpdate({ target: partnerDiscounts.offerType, set: { basisPoints, updatedAt: sql`now()`, updatedByUserId: ctx.actor!.userId } })
      .returning();
    const before = partnerDiscountView(offerType, held);
    const after = partnerDiscountView(offerType, row);
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'partnerDiscount.set', resourceType: 'partnerDiscount', resourceId: offerType, before, after });
    return after;
  });
}
