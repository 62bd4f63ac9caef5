// The columns each resource shows: in tables (a few, for people) and in CSV exports (every field,
// nested ones flattened). Types come from the SDK, so a field the API does not have fails to compile.
import type { FeedEvent, ItemOf, paths } from '../sdk/src/index.js';
import type { Column } from './output.js';

type Customer = ItemOf<'/v1/customers'>;
type Subscription = ItemOf<'/v1/customers/{id}/subscriptions'>;
type Invoice = ItemOf<'/v1/invoices'>;
type WebhookEndpoint = ItemOf<'/v1/webhook-endpoints'>;
type WebhookDelivery = ItemOf<'/v1/webhook-endpoints/{id}/deliveries'>;
type Checkout = paths['/v1/customers/{id}/carts/{cartId}/checkout']['post']['responses'][201]['content']['application/json'];
type OrderLine = Checkout['orders'][number]['lineItems'][number] & { orderId: string; resellerTenantId: string; currency: string; status: string };

/** A price level of a line (which levels there are depends on the caller's tier). */
function price(prices: object, level: string): unknown {
  return (prices as Record<string, unknown>)[level];
}

const column = <T>(header: string, value: (item: T) => unknown): Column<T> => ({ header, value });

export const customerColumns: Column<Customer>[] = [
  column('ID', (c) => c.id),
  column('NAME', (c) => c.companyName),
  column('COUNTRY', (c) => c.country),
  column('DOMAIN', (c) => c.primaryDomain),
  column('CREATED', (c) => c.createdAt),
];

export const customerExportColumns: Column<Customer>[] = [
  column('id', (c) => c.id),
  column('companyName', (c) => c.companyName),
  column('country', (c) => c.country),
  column('primaryDomain', (c) => c.primaryDomain),
  column('relationships', (c) => c.relationships.map((r) => `${r.role}:${r.partnerTenantId}`).join(' ')),
  column('createdAt', (c) => c.createdAt),
];

export const subscriptionColumns: Column<Subscription>[] = [
  column('ID', (s) => s.id),
  column('NAME', (s) => s.name),
  column('SKU', (s) => s.skuId),
  column('QTY', (s) => s.quantity),
  column('TERM', (s) => `${s.termDuration}/${s.billingCycle}`),
  column('STATUS', (s) => s.status),
  column('ENDS', (s) => s.commitmentEndAt),
];

const priceLevels = ['listPrice', 'providerCost', 'resellerPrice', 'customerPrice'] as const;

export const subscriptionExportColumns: Column<Subscription>[] = [
  column('id', (s) => s.id),
  column('customerTenantId', (s) => s.customerTenantId),
  column('offerId', (s) => s.offerId),
  column('skuId', (s) => s.skuId),
  column('name', (s) => s.name),
  column('quantity', (s) => s.quantity),
  column('assignedLicenses', (s) => s.assignedLicenses),
  column('termDuration', (s) => s.termDuration),
  column('billingCycle', (s) => s.billingCycle),
  column('currency', (s) => s.currency),
  column('priceAudience', (s) => s.prices.audience),
  ...priceLevels.map((level) => column<Subscription>(level, (s) => price(s.prices, level))),
  column('partnerIdOnRecord', (s) => s.partnerIdOnRecord),
  column('providerTenantId', (s) => s.providerTenantId),
  column('resellerTenantId', (s) => s.resellerTenantId),
  column('orderId', (s) => s.orderId),
  column('status', (s) => s.status),
  column('autoRenewEnabled', (s) => s.autoRenewEnabled),
  column('termStartAt', (s) => s.termStartAt),
  column('commitmentEndAt', (s) => s.commitmentEndAt),
  column('cancellableUntil', (s) => s.cancellableUntil),
  column('nextChargeAt', (s) => s.nextChargeAt),
  column('endedAt', (s) => s.endedAt),
  column('createdAt', (s) => s.createdAt),
  column('updatedAt', (s) => s.updatedAt),
];

export const invoiceColumns: Column<Invoice>[] = [
  column('ID', (i) => i.id),
  column('NUMBER', (i) => i.number),
  column('KIND', (i) => i.kind),
  column('ISSUER', (i) => i.issuer.name),
  column('RECIPIENT', (i) => i.recipient.name),
  column('PERIOD', (i) => i.periodStart.slice(0, 7)),
  column('TOTAL', (i) => `${i.total} ${i.currency}`),
  column('BALANCE', (i) => i.balance),
  column('STATUS', (i) => i.status),
  column('DUE', (i) => i.dueAt.slice(0, 10)),
];

export const invoiceExportColumns: Column<Invoice>[] = [
  column('id', (i) => i.id),
  column('number', (i) => i.number),
  column('kind', (i) => i.kind),
  column('tier', (i) => i.tier),
  column('issuerTenantId', (i) => i.issuer.tenantId),
  column('issuerName', (i) => i.issuer.name),
  column('recipientTenantId', (i) => i.recipient.tenantId),
  column('recipientName', (i) => i.recipient.name),
  column('recipientCountry', (i) => i.recipient.country),
  column('periodStart', (i) => i.periodStart),
  column('periodEnd', (i) => i.periodEnd),
  column('currency', (i) => i.currency),
  column('taxRate', (i) => i.taxRate),
  column('lineCount', (i) => i.lineCount),
  column('subtotal', (i) => i.subtotal),
  column('tax', (i) => i.tax),
  column('total', (i) => i.total),
  column('amountPaid', (i) => i.amountPaid),
  column('amountCredited', (i) => i.amountCredited),
  column('balance', (i) => i.balance),
  column('status', (i) => i.status),
  column('issuedAt', (i) => i.issuedAt),
  column('dueAt', (i) => i.dueAt),
  column('correctsInvoiceId', (i) => i.correctsInvoiceId),
  column('reason', (i) => i.reason),
];

/** A checkout's orders as one row per line item. */
export function orderLines(checkout: Checkout): OrderLine[] {
  return checkout.orders.flatMap((order) => order.lineItems.map((item) => ({ ...item, orderId: order.id, resellerTenantId: order.resellerTenantId, currency: order.currency, status: order.status })));
}

export const orderLineColumns: Column<OrderLine>[] = [
  column('ORDER', (l) => l.orderId),
  column('LINE', (l) => l.lineItemNumber),
  column('OFFER', (l) => l.offerId),
  column('SKU', (l) => l.skuId),
  column('QTY', (l) => l.quantity),
  column('TERM', (l) => `${l.termDuration}/${l.billingCycle}`),
  column('STATUS', (l) => l.status),
  column('SUBSCRIPTION', (l) => l.subscriptionId),
];

/** One event as a line of `events tail`: when, what, which resource, the event's ID. */
export function eventLine(event: FeedEvent): string {
  const resource = `${event.resourceType}${event.resourceId ? `/${event.resourceId}` : ''}${event.resourceName ? ` (${event.resourceName})` : ''}`;
  return `${event.resourceChangeUtcDate}  ${event.eventName.padEnd(28)}  ${resource}  ${event.id}\n`;
}

export const webhookEndpointColumns: Column<WebhookEndpoint>[] = [
  column('ID', (w) => w.id),
  column('URL', (w) => w.url),
  column('STATUS', (w) => (w.disabledReason ? `${w.status} (${w.disabledReason})` : w.status)),
  column('EVENTS', (w) => (w.eventTypes.length === 0 ? 'all' : w.eventTypes.join(','))),
  column('DESCRIPTION', (w) => w.description),
];

/** A delivery, as `webhooks test` shows the one it queued. */
export const webhookDeliveryColumns: Column<WebhookDelivery>[] = [
  column('Delivery', (d) => d.id),
  column('Endpoint', (d) => d.endpointId),
  column('Event', (d) => `${d.eventName} ${d.eventId}`),
  column('webhook-id', (d) => d.webhookId),
  column('Status', (d) => d.status),
  column('Attempts', (d) => d.attempts),
  column('Next attempt', (d) => d.nextAttemptAt),
];
