// Rows → the shapes of contract.ts. Each view's return type is the contract's, so a drift between what is
// stored and what is shown fails the type check.
import type { EventRecipient } from '../../platform/events.js';
import { uuidPattern } from '../../platform/http.js';
import { formatAmount } from '../../platform/money.js';
import type { Cart, CatalogItem, CatalogPrice, ChargeLine, LinePrices, Order, PriceAudience, Product, Subscription, UserLicense } from './contract.js';
import { cancellationWindowClosesAt, openWindows } from './rules.js';
import type { carts, ChargeLineRow, orderLineItems, orders, products, subscriptions, Sku } from './schema.js';

export type ProductRow = typeof products.$inferSelect;
export type CartRow = typeof carts.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLineItems.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** A catalog item is one SKU of one product: "<productId>:<skuId>". */
export function catalogItemId(productId: string, skuId: string) {
  return `${productId}:${skuId}`;
}

export function parseCatalogItemId(id: string): { productId: string; skuId: string } | undefined {
  const at = id.indexOf(':');
  const productId = id.slice(0, at);
  return at > 0 && uuidPattern.test(productId) ? { productId, skuId: id.slice(at + 1) } : undefined;
}

export function productView(p: ProductRow): Product {
  return {
    id: p.id,
    source: p.source,
    publisherTenantId: p.publisherTenantId,
    name: p.name,
    description: p.description,
    skus: p.skus,
    upgradePaths: p.upgradePaths,
    markets: p.markets,
    active: p.active,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** MKT-4: one SKU of a product in the market's currency, with the prices the caller's tier sees (PRC-4). */
export function catalogItemView(p: Pick<ProductRow, 'id' | 'source' | 'name' | 'description'>, sku: Sku, currency: string, prices: CatalogPrice[]): CatalogItem {
  return {
    catalogItemId: catalogItemId(p.id, sku.skuId),
    offerId: p.id,
    source: p.source,
    name: p.name,
    description: p.description,
    skuId: sku.skuId,
    skuName: sku.name,
    termDurations: sku.termDurations,
    billingCycles: sku.billingCycles,
    currency,
    prices,
  };
}

/** PRC-4: which tier's prices a tenant sees on a customer's order or subscription (the customer's own, its provider's, its reseller's). */
/**
 * EVT-1: a subscription's or order's events are for its customer, reseller and provider, each with the
 * resource in its own tier's shape (PRC-4: nobody's event carries another tier's prices); without a
 * view, each gets the audit record's `after`.
 */
export function tierRecipients(row: { customerTenantId: string; resellerTenantId: string; providerTenantId: string }, view?: (audience: PriceAudience) => unknown): EventRecipient[] {
  const tiers: [PriceAudience, string][] = [
    ['customer', row.customerTenantId],
    ['reseller', row.resellerTenantId],
    ['provider', row.providerTenantId],
  ];
  return tiers.map(([audience, tenantId]) => (view ? { tenantId, resource: view(audience) } : { tenantId }));
}

export function audienceOf(tenantId: string, row: { providerTenantId: string; resellerTenantId: string }): PriceAudience {
  if (tenantId === row.providerTenantId) return 'provider';
  if (tenantId === row.resellerTenantId) return 'reseller';
  return 'customer';
}

interface FrozenPrices {
  listPrice: number;
  providerCost: number;
  resellerPrice: number;
  customerPrice: number;
  priceListId?: string | null;
  resellerConfigId?: string | null;
  customerConfigId?: string | null;
}

/** PRC-3, PRC-4: frozen prices (minor units) as one tier sees them; an order line also names what priced it. */
export function linePricesView(p: FrozenPrices, currency: string, audience: PriceAudience, sources: boolean): LinePrices {
  const amount = (minor: number) => formatAmount(minor, currency);
  if (audience === 'provider') {
    const seen = { audience, listPrice: amount(p.listPrice), providerCost: amount(p.providerCost), resellerPrice: amount(p.resellerPrice) } as const;
    return sources ? { ...seen, priceListId: p.priceListId ?? null, resellerConfigId: p.resellerConfigId ?? null } : seen;
  }
  if (audience === 'reseller') {
    const seen = { audience, listPrice: amount(p.listPrice), resellerPrice: amount(p.resellerPrice), customerPrice: amount(p.customerPrice) } as const;
    return sources ? { ...seen, customerConfigId: p.customerConfigId ?? null } : seen;
  }
  return { audience, customerPrice: amount(p.customerPrice) };
}

export function cartView(c: CartRow): Cart {
  return { id: c.id, customerTenantId: c.customerTenantId, status: c.status, lineItems: c.lineItems, expiresAt: c.expiresAt.toISOString(), createdAt: c.createdAt.toISOString() };
}

export function orderViewOf(order: OrderRow, lines: OrderLineRow[], audience: PriceAudience): Order {
  return {
    id: order.id,
    customerTenantId: order.customerTenantId,
    resellerTenantId: order.resellerTenantId,
    status: order.status,
    currency: order.currency,
    lineItems: lines.map((l) => ({
      lineItemNumber: l.lineItemNumber,
      offerId: l.offerId,
      skuId: l.skuId,
      quantity: l.quantity,
      termDuration: l.termDuration,
      billingCycle: l.billingCycle,
      prices: linePricesView(l, order.currency, audience, true),
      partnerIdOnRecord: l.partnerIdOnRecord,
      subscriptionId: l.subscriptionId,
    })),
    createdAt: order.createdAt.toISOString(),
  };
}

export function subscriptionView(s: SubscriptionRow, assigned: number, audience: PriceAudience, now: Date): Subscription {
  const open = s.status === 'active' ? openWindows(s.seatWindows, now) : [];
  const scheduled = s.scheduledQuantity !== null || s.scheduledTermDuration !== null || s.scheduledBillingCycle !== null || s.scheduledSkuId !== null;
  return {
    id: s.id,
    customerTenantId: s.customerTenantId,
    offerId: s.offerId,
    skuId: s.skuId,
    name: s.name,
    quantity: s.quantity,
    assignedLicenses: assigned,
    termDuration: s.termDuration,
    billingCycle: s.billingCycle,
    currency: s.currency,
    prices: linePricesView(s, s.currency, audience, false),
    partnerIdOnRecord: s.partnerIdOnRecord,
    providerTenantId: s.providerTenantId,
    resellerTenantId: s.resellerTenantId,
    orderId: s.orderId,
    status: s.status,
    autoRenewEnabled: s.autoRenewEnabled,
    termStartAt: s.termStartAt.toISOString(),
    commitmentEndAt: s.commitmentEndAt.toISOString(),
    cancellableUntil: cancellationWindowClosesAt(s.termStartAt).toISOString(),
    refundableQuantity: open.reduce((sum, w) => sum + w.quantity, 0),
    refundableQuantities: open.map((w) => ({ quantity: w.quantity, windowClosesAt: new Date(w.closesAt).toISOString() })),
    scheduledChanges: scheduled ? { quantity: s.scheduledQuantity, termDuration: s.scheduledTermDuration, billingCycle: s.scheduledBillingCycle, skuId: s.scheduledSkuId } : null,
    nextChargeAt: s.nextCycleAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** TRM-6: a charge line with the amounts the tier sees (PRC-4). */
export function chargeLineView(l: ChargeLineRow, audience: PriceAudience): ChargeLine {
  return {
    id: l.id,
    subscriptionId: l.subscriptionId,
    customerTenantId: l.customerTenantId,
    orderId: l.orderId,
    offerId: l.offerId,
    skuId: l.skuId,
    chargeType: l.chargeType as ChargeLine['chargeType'],
    quantity: l.quantity,
    termStartAt: l.termStartAt.toISOString(),
    periodStart: l.periodStart.toISOString(),
    periodEnd: l.periodEnd.toISOString(),
    chargedDays: l.chargedDays,
    periodDays: l.periodDays,
    prorationFactor: (l.chargedDays / l.periodDays).toFixed(6),
    currency: l.currency,
    amounts: linePricesView({ listPrice: l.listAmount, providerCost: l.providerAmount, resellerPrice: l.resellerAmount, customerPrice: l.customerAmount }, l.currency, audience, false),
    createdAt: l.createdAt.toISOString(),
  };
}

/** A license a customer user holds, as the licenses of a user are listed. */
export function userLicenseView(l: { subscriptionId: string; name: string; assignedAt: Date }): UserLicense {
  return { subscriptionId: l.subscriptionId, name: l.name, assignedAt: l.assignedAt.toISOString() };
}
