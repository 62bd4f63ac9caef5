// TRM-5: all or part of a subscription's seats move to a higher SKU of its product, along the operator's
// upgrade paths, for the rest of the term. The provider or the reseller of record's admin agents upgrade
// (as they change seats, ORD-4); the move is an order for the target SKU, so ORD-3 is checked again and
// the target is priced at every tier this month (PRC-3). In one transaction:
// - the periods already due are charged first;
// - the old subscription is credited pro rata for the seats that leave it (`upgradeCredit`, at its
//   frozen prices) and keeps the rest, or is cancelled when none is left;
// - a new subscription holds the moved seats at the target's prices, with the same term start,
//   commitment end, billing periods, auto-renew and seat windows (the window rules carry over), charged
//   pro rata to the end of the current period (`upgradeCharge`);
// - licences follow the seats: as many assignments as seats moved (newest first) move with them.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { PriceAudience, UpgradeBody, UpgradeOptions, UpgradeResult } from '../contract.js';
import { assignedCounts, chargeDueCycles, chargeLineOf, visibleSubscription } from '../reads.js';
import { billingPeriod, firstFailure, negateAmounts, openWindows, proratedAmounts, prorationOf, upgradeTargets, type SeatWindow } from '../rules.js';
import { chargeLines, licenseAssignments, products, subscriptions, type CartLine } from '../schema.js';
import { audienceOf, catalogItemId, subscriptionView, type SubscriptionRow, tierRecipients } from '../views.js';
import type { Actor } from '../../../platform/access.js';
import type { CommerceDeps } from './deps.js';
import { gatherLineFacts } from './gather-line-facts.js';

/** TRM-5: the SKUs this subscription may upgrade to, with the subscription's term and billing cycle offered. */
export async function listUpgradeOptions({ db }: CommerceDeps, actor: Actor, customerTenantId: string, id: string): Promise<UpgradeOptions> {
  const row = await visibleSubscription(db, actor, customerTenantId, id);
  const [product] = await db.select().from(products).where(eq(products.id, row.offerId));
  if (!product || row.status !== 'active') return { items: [] };
  const targets = new Set(upgradeTargets(product.upgradePaths, row.skuId));
  return { items: product.skus.filter((s) => targets.has(s.skuId) && s.termDurations.includes(row.termDuration) && s.billingCycles.includes(row.billingCycle)).map((s) => ({ skuId: s.skuId, name: s.name })) };
}

export async function upgradeSubscription(deps: CommerceDeps, ctx: RequestContext, customerTenantId: string, id: string, input: UpgradeBody): Promise<UpgradeResult> {
  const actor = ctx.actor!;
  const at = deps.now();
  // What the move is checked and priced against, read before the transaction (as checkout does).
  const seen = await visibleSubscription(deps.db, actor, customerTenantId, id);
  const options = await listUpgradeOptions(deps, actor, customerTenantId, id);
  if (!options.items.some((o) => o.skuId === input.targetSkuId)) throw new AppError('upgrade_not_allowed', {}, [{ path: '/targetSkuId', code: 'upgrade_not_allowed' }]);
  const moved = input.quantity ?? seen.quantity;
  if (moved > seen.quantity) throw new AppError('invalid_quantity', {}, [{ path: '/quantity', code: 'invalid_quantity' }]);
  const line: CartLine = {
    lineItemNumber: 1,
    catalogItemId: catalogItemId(seen.offerId, input.targetSkuId),
    quantity: moved,
    termDuration: seen.termDuration,
    billingCycle: seen.billingCycle,
    resellerPartnerId: seen.partnerIdOnRecord,
  };
  const [evaluated] = await gatherLineFacts(deps, seen.providerTenantId, customerTenantId, [line]);
  const refusal = firstFailure(evaluated!.facts);
  if (refusal) throw new AppError(refusal, {}, [{ path: '/targetSkuId', code: refusal }]);
  const product = evaluated!.product!;
  const [prices] = await deps.pricer.get().priceLines([
    { providerTenantId: seen.providerTenantId, resellerTenantId: seen.resellerTenantId, customerTenantId, product, skuId: input.targetSkuId, termDuration: seen.termDuration, billingCycle: seen.billingCycle, currency: seen.currency },
  ]);
  if (!prices || prices.resellerPrice === undefined || prices.customerPrice === undefined) throw new AppError('offer_not_available_in_market', {}, [{ path: '/targetSkuId', code: 'offer_not_available_in_market' }]);
  const sku = product.skus.find((s) => s.skuId === input.targetSkuId)!;

  return deps.platform.transaction(async (tx) => {
    const locked = await visibleSubscription(tx, actor, customerTenantId, id, true);
    const isProvider = locked.providerTenantId === actor.tenantId;
    if (!isProvider && !(locked.resellerTenantId === actor.tenantId && actor.roles.includes('adminAgent'))) throw new AppError('forbidden');
    if (locked.status !== 'active') throw new AppError('subscription_not_active');
    if (at.getTime() >= locked.commitmentEndAt.getTime()) throw new AppError('term_ended', { commitmentEnd: locked.commitmentEndAt.toISOString() });
    if (locked.skuId !== seen.skuId || moved > locked.quantity) throw new AppError('precondition_failed');
    for (let n = 1; n > 0; ) n = await chargeDueCycles(tx, at, { subscriptionIds: [id] });
    const [row] = (await tx.select().from(subscriptions).where(eq(subscriptions.id, id))) as [SubscriptionRow];
    const period = billingPeriod(row.periodAnchorAt, row.billingCycle, row.cyclesBilled - 1);
    const proration = prorationOf(period, at);
    const lineAt = { start: at, end: period.end };
    const remaining = row.quantity - moved;
    const [windowsKept, windowsMoved] = splitWindows(openWindows(row.seatWindows, at), moved);

    // The old subscription: credited for the seats that leave, cancelled when none is left.
    await tx.insert(chargeLines).values(chargeLineOf(row, 'upgradeCredit', moved, lineAt, proration, negateAmounts(proratedAmounts(row, moved, proration.days, proration.periodDays)), at));
    const [from] = await tx
      .update(subscriptions)
      .set(remaining > 0 ? { quantity: remaining, seatWindows: windowsKept, updatedAt: at } : { quantity: row.quantity, status: 'cancelled', endedAt: at, nextCycleAt: null, seatWindows: [], updatedAt: at })
      .where(eq(subscriptions.id, id))
      .returning();

    // The new one: the moved seats at the target's prices, in the same term and periods.
    const [to] = await tx
      .insert(subscriptions)
      .values({
        id: randomUUID(),
        customerTenantId,
        providerTenantId: row.providerTenantId,
        resellerTenantId: row.resellerTenantId,
        orderId: row.orderId,
        offerId: row.offerId,
        skuId: sku.skuId,
        name: `${product.name} — ${sku.name}`,
        quantity: moved,
        termDuration: row.termDuration,
        billingCycle: row.billingCycle,
        currency: row.currency,
        listPrice: prices.listPrice,
        providerCost: prices.providerCost,
        resellerPrice: prices.resellerPrice!,
        customerPrice: prices.customerPrice!,
        partnerIdOnRecord: row.partnerIdOnRecord,
        status: 'active',
        autoRenewEnabled: row.autoRenewEnabled,
        termStartAt: row.termStartAt,
        commitmentEndAt: row.commitmentEndAt,
        periodAnchorAt: row.periodAnchorAt,
        cyclesBilled: row.cyclesBilled,
        nextCycleAt: row.nextCycleAt,
        seatWindows: windowsMoved,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await tx.insert(chargeLines).values(chargeLineOf(to!, 'upgradeCharge', moved, lineAt, proration, proratedAmounts(to!, moved, proration.days, proration.periodDays), at));

    // Licences follow the seats.
    const assignments = await tx.select().from(licenseAssignments).where(eq(licenseAssignments.subscriptionId, id)).orderBy(desc(licenseAssignments.createdAt));
    const moving = remaining === 0 ? assignments : assignments.slice(0, Math.min(assignments.length, moved));
    if (moving.length) {
      await tx
        .update(licenseAssignments)
        .set({ subscriptionId: to!.id })
        .where(and(eq(licenseAssignments.subscriptionId, id), inArray(licenseAssignments.userId, moving.map((a) => a.userId))));
    }
    const counts = await assignedCounts(tx, [id, to!.id]);
    const view = (s: SubscriptionRow, audience: PriceAudience) => subscriptionView(s, counts.get(s.id) ?? 0, audience, at);
    await writeAudit(tx, ctx, { tenantId: customerTenantId, action: 'subscription.upgraded', resourceType: 'subscription', resourceId: id, before: view(row, 'customer'), after: { from: view(from!, 'customer'), to: view(to!, 'customer') }, recipients: tierRecipients(row, (a) => ({ from: view(from!, a), to: view(to!, a) })) });
    const audience = audienceOf(actor.tenantId, row);
    return { from: view(from!, audience), to: view(to!, audience) };
  });
}

/** TRM-5: the open seat windows split between the seats that stay and the `moved` ones (the newest move, as a reduction takes them). */
function splitWindows(windows: SeatWindow[], moved: number): [SeatWindow[], SeatWindow[]] {
  const kept: SeatWindow[] = [];
  const taken: SeatWindow[] = [];
  let left = moved;
  for (const w of [...windows].reverse()) {
    const take = Math.min(left, w.quantity);
    left -= take;
    if (take > 0) taken.unshift({ quantity: take, closesAt: w.closesAt });
    if (w.quantity - take > 0) kept.unshift({ quantity: w.quantity - take, closesAt: w.closesAt });
  }
  return [kept, taken];
}
