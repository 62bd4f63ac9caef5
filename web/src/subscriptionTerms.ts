// TRM-1 … TRM-4 in the portal: what a subscription's term page and its dialogs compute from the API's
// fields, as pure functions (pass `now`), so that the text a person confirms says what the server does.
import type { CatalogItem, ScheduledChangesBody, Subscription } from '@contracts/commerce';
import { PERMISSIONS, hasPermission } from './permissions';

const DAY_MS = 86_400_000;

/**
 * ORD-1, ORD-3: the billing cycles each term may be billed in, as the server pairs them (a one-month term
 * is billed monthly only). A line or a next term offers only these, among the ones its SKU has.
 */
export const CYCLES_FOR_TERM: Readonly<Record<string, readonly string[]>> = {
  P1M: ['monthly'],
  P1Y: ['monthly', 'annual'],
  P3Y: ['monthly', 'annual'],
};

/** The SKU's billing cycles that the term may be billed in. */
export function cyclesFor(item: Pick<CatalogItem, 'billingCycles'> | undefined, term: string): string[] {
  const allowed = Object.hasOwn(CYCLES_FOR_TERM, term) ? (CYCLES_FOR_TERM[term] ?? []) : [];
  return (item?.billingCycles ?? []).filter((cycle) => allowed.includes(cycle));
}

/** The SKU's terms that have at least one billing cycle to pair with. */
export function termsFor(item: Pick<CatalogItem, 'termDurations' | 'billingCycles'> | undefined): string[] {
  return (item?.termDurations ?? []).filter((term) => cyclesFor(item, term).length > 0);
}

/** Whole days left until `until` (a day begun counts), 0 once it has passed. */
export function daysLeft(until: string, now: number): number {
  const ms = Date.parse(until) - now;
  return ms > 0 ? Math.ceil(ms / DAY_MS) : 0;
}

export function isEnded(subscription: Pick<Subscription, 'status'>): boolean {
  return subscription.status === 'cancelled' || subscription.status === 'expired';
}

/** TRM-2: cancellation (with its credit) is possible until `cancellableUntil`, never after. */
export function isCancellable(subscription: Pick<Subscription, 'status' | 'cancellableUntil'>, now: number): boolean {
  return !isEnded(subscription) && Date.parse(subscription.cancellableUntil) > now;
}

/** TRM-6: the end of the current billing period: the next period's charge, or the term's end in its last period. */
export function currentPeriodEnd(subscription: Pick<Subscription, 'nextChargeAt' | 'commitmentEndAt'>): string {
  return subscription.nextChargeAt ?? subscription.commitmentEndAt;
}

/** What a change of quantity does, before it is confirmed. */
export type QuantityEffect =
  | { kind: 'none' }
  /** TRM-4: seats added now, charged pro rata to the end of the current billing period. */
  | { kind: 'increase'; added: number }
  /**
   * TRM-3: a reduction removes at once only the seats still inside their 168-hour windows (refunded);
   * the rest waits for the renewal, where the next term starts with `target`.
   */
  | { kind: 'reduction'; removedNow: number; scheduled: number; quantityNow: number; target: number };

export function quantityEffect(subscription: Pick<Subscription, 'quantity' | 'refundableQuantity'>, target: number): QuantityEffect {
  if (target === subscription.quantity) return { kind: 'none' };
  if (target > subscription.quantity) return { kind: 'increase', added: target - subscription.quantity };
  const reduction = subscription.quantity - target;
  const removedNow = Math.min(reduction, subscription.refundableQuantity);
  return { kind: 'reduction', removedNow, scheduled: reduction - removedNow, quantityNow: subscription.quantity - removedNow, target };
}

/** The next term as the renewal would make it: the scheduled changes over the current values. */
export interface NextTerm {
  quantity: number;
  termDuration: string;
  billingCycle: string;
  skuId: string;
}

export function nextTermOf(subscription: Pick<Subscription, 'quantity' | 'termDuration' | 'billingCycle' | 'skuId' | 'scheduledChanges'>): NextTerm {
  const scheduled = subscription.scheduledChanges;
  return {
    quantity: scheduled?.quantity ?? subscription.quantity,
    termDuration: scheduled?.termDuration ?? subscription.termDuration,
    billingCycle: scheduled?.billingCycle ?? subscription.billingCycle,
    skuId: scheduled?.skuId ?? subscription.skuId,
  };
}

/**
 * TRM-1: the body of PUT …/scheduled-changes for the next term chosen: each field that differs from the
 * current term, or that is scheduled already (so that the choice replaces it); the others stay unset.
 * Empty when the next term chosen is the current one and nothing is scheduled.
 */
export function scheduledChangesBody(subscription: Pick<Subscription, 'quantity' | 'termDuration' | 'billingCycle' | 'skuId' | 'scheduledChanges'>, next: NextTerm): ScheduledChangesBody {
  const scheduled = subscription.scheduledChanges;
  const body: ScheduledChangesBody = {};
  if (next.quantity !== subscription.quantity || scheduled?.quantity != null) body.quantity = next.quantity;
  if (next.termDuration !== subscription.termDuration || scheduled?.termDuration != null) body.termDuration = next.termDuration as ScheduledChangesBody['termDuration'];
  if (next.billingCycle !== subscription.billingCycle || scheduled?.billingCycle != null) body.billingCycle = next.billingCycle as ScheduledChangesBody['billingCycle'];
  if (next.skuId !== subscription.skuId || scheduled?.skuId != null) body.skuId = next.skuId;
  return body;
}

/**
 * TRM-5: what moving `quantity` seats to a higher SKU does, before it is confirmed. The moved seats go
 * to a new subscription in the same term (same commitment end and billing periods); the current one is
 * credited pro rata for them and keeps the rest, or is closed when none is left. Licences follow the
 * seats: as many assignments as seats moved (the newest first), every one when all seats move.
 */
export interface UpgradeEffect {
  moved: number;
  /** Seats that stay on the current subscription. */
  remaining: number;
  /** No seat is left: the current subscription is closed (cancelled). */
  closes: boolean;
  /** Assigned licences that move to the new subscription. */
  licensesMoved: number;
}

export function upgradeEffect(subscription: Pick<Subscription, 'quantity' | 'assignedLicenses'>, quantity: number): UpgradeEffect {
  const moved = Math.min(Math.max(quantity, 0), subscription.quantity);
  const remaining = subscription.quantity - moved;
  return { moved, remaining, closes: remaining === 0, licensesMoved: remaining === 0 ? subscription.assignedLicenses : Math.min(subscription.assignedLicenses, moved) };
}

/** Who is asking: the signed-in user's tenant, roles and permissions. */
export interface Viewer {
  tenantId: string;
  roles: readonly string[];
  permissions: readonly string[];
}

/** What the viewer may do to a subscription now (the API refuses the rest). */
export interface SubscriptionActions {
  /** ORD-4: seats, by the provider or the reseller of record's admin agents. */
  quantity: boolean;
  /** TRM-1: next-term changes, by the same people. */
  schedule: boolean;
  /** ORD-4: suspend and reactivate, the provider. */
  status: boolean;
  /** Auto-renew on or off, the provider. */
  autoRenew: boolean;
  /** TRM-2: cancel within the cancellation window, the provider. */
  cancel: boolean;
  /** TRM-5: move seats to a higher SKU, by those who change the seats, while the subscription is active. */
  upgrade: boolean;
}

export function subscriptionActions(subscription: Subscription, viewer: Viewer | undefined, now: number): SubscriptionActions {
  const none = { quantity: false, schedule: false, status: false, autoRenew: false, cancel: false, upgrade: false };
  if (!viewer || !hasPermission(viewer.permissions, PERMISSIONS.commerceManage) || isEnded(subscription)) return none;
  const isProvider = subscription.providerTenantId === viewer.tenantId;
  const isResellerAgent = subscription.resellerTenantId === viewer.tenantId && viewer.roles.includes('adminAgent');
  const seats = isProvider || isResellerAgent;
  return {
    quantity: seats,
    schedule: seats,
    status: isProvider,
    autoRenew: isProvider,
    cancel: isProvider && isCancellable(subscription, now),
    upgrade: seats && subscription.status === 'active',
  };
}

/** The address of a subscription's term page: a customer's own under /subscriptions, a partner's under its customer. */
export function termPagePath(customerId: string, subscriptionId: string, ownTenantId: string | undefined): string {
  return customerId === ownTenantId
    ? `/subscriptions/${encodeURIComponent(subscriptionId)}`
    : `/customers/${encodeURIComponent(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;
}
