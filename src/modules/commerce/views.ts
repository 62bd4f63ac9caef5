// Rows → the shapes of contract.ts. Each view's return type is the contract's, so a drift between what is
// stored and what is shown fails the type check.
import { uuidPattern } from '../../platform/http.js';
import type { Cart, CatalogItem, Order, Product, Subscription, UserLicense } from './contract.js';
import { priceIn } from './rules.js';
import type { carts, orderLineItems, orders, products, subscriptions, Sku } from './schema.js';

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
  return { id: p.id, source: p.source, publisherTenantId: p.publisherTenantId, name: p.name, description: p.description, skus: p.skus, markets: p.markets, active: p.active, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

/** MKT-4: one SKU of a product, priced in the market's currency (the SKU has a price there). */
export function catalogItemView(p: ProductRow, sku: Sku, currency: string): CatalogItem {
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
    unitPrice: priceIn(sku, currency)!,
    currency,
  };
}

export function cartView(c: CartRow): Cart {
  return { id: c.id, customerTenantId: c.customerTenantId, status: c.status, lineItems: c.lineItems, expiresAt: c.expiresAt.toISOString(), createdAt: c.createdAt.toISOString() };
}

export function orderViewOf(order: OrderRow, lines: OrderLineRow[]): Order {
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
      unitPrice: Number(l.unitPrice),
      partnerIdOnRecord: l.partnerIdOnRecord,
      subscriptionId: l.subscriptionId,
    })),
    createdAt: order.createdAt.toISOString(),
  };
}

export function subscriptionView(s: SubscriptionRow, assigned: number): Subscription {
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
    unitPrice: Number(s.unitPrice),
    partnerIdOnRecord: s.partnerIdOnRecord,
    providerTenantId: s.providerTenantId,
    resellerTenantId: s.resellerTenantId,
    orderId: s.orderId,
    status: s.status,
    autoRenewEnabled: s.autoRenewEnabled,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** A license a customer user holds, as the licenses of a user are listed. */
export function userLicenseView(l: { subscriptionId: string; name: string; assignedAt: Date }): UserLicense {
  return { subscriptionId: l.subscriptionId, name: l.name, assignedAt: l.assignedAt.toISOString() };
}
