// Events (EVT-1): derived from audit records as they are written, in the same statement's transaction,
// so no change commits without its event and no event outlives a rolled-back change. The catalogue
// below names each event (Partner Center's name where it has one) and the audit actions it comes from.
// An event row is written per tenant the change concerns: the tenant the record is about, the actor's,
// and any the operation names (a subscription's reseller and provider), each with the resource in the
// shape the API shows that tenant.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/index.js';

interface EventTypeDefinition {
  resourceType: string;
  description: string;
  /** The audit actions this event is derived from. */
  actions: readonly string[];
}

const catalogue = {
  'subscription-created': { resourceType: 'subscription', description: 'A subscription was bought (checkout).', actions: ['subscription.created'] },
  'subscription-updated': {
    resourceType: 'subscription',
    description: 'A subscription changed: seats, auto-renew, cancellation, upgrade, scheduled next-term changes.',
    actions: ['subscription.updated', 'subscription.cancelled', 'subscription.upgraded', 'subscription.nextTermScheduled', 'subscription.nextTermCleared'],
  },
  'subscription-renewed': { resourceType: 'subscription', description: 'A subscription started a new term.', actions: ['subscription.renewed'] },
  'subscription-expired': { resourceType: 'subscription', description: 'A subscription ended at its commitment end date.', actions: ['subscription.expired'] },
  'order-created': { resourceType: 'order', description: 'An order was placed.', actions: ['order.created'] },
  'customer-created': { resourceType: 'customer', description: 'A partner created a customer.', actions: [] },
  'reseller-relationship-accepted-by-customer': { resourceType: 'customer', description: 'A customer accepted a direct reseller’s invitation.', actions: [] },
  'indirect-reseller-relationship-accepted-by-customer': { resourceType: 'customer', description: 'A customer accepted an indirect reseller’s invitation.', actions: ['customerRelationship.created'] },
  'customer-relationship-removed': { resourceType: 'customer', description: 'A customer relationship ended.', actions: ['customerRelationship.removed'] },
  'dap-admin-relationship-approved': { resourceType: 'delegatedAdminRelationship', description: 'A customer approved delegated admin for a partner.', actions: ['delegatedAdmin.active'] },
  'dap-admin-relationship-terminated': { resourceType: 'delegatedAdminRelationship', description: 'Delegated admin was terminated.', actions: ['delegatedAdmin.terminated'] },
  'dap-admin-relationship-expired': { resourceType: 'delegatedAdminRelationship', description: 'Delegated admin reached its end date.', actions: ['delegatedAdmin.expired'] },
  'indirect-reseller-relationship-created': { resourceType: 'relationship', description: 'A reseller authorized an indirect provider.', actions: ['relationship.created'] },
  'indirect-reseller-relationship-ended': { resourceType: 'relationship', description: 'A provider–reseller relationship ended.', actions: ['relationship.ended'] },
  'enrollment-status-updated': {
    resourceType: 'enrollment',
    description: 'A partner enrollment changed status (e-mail verification, in review, action required, verified, active, rejected, suspended).',
    actions: ['enrollment.created', 'enrollment.emailVerificationPending', 'enrollment.inReview', 'enrollment.actionRequired', 'enrollment.verified', 'enrollment.active', 'enrollment.rejected', 'enrollment.suspended'],
  },
  'agreement-accepted': { resourceType: 'agreementAcceptance', description: 'A partner accepted an agreement.', actions: ['agreement.accepted'] },
  'offer-audience-synced': { resourceType: 'offer', description: 'A publisher made an offer’s CSP audience live.', actions: ['offer.audienceSynced'] },
  'support-request-created': { resourceType: 'supportRequest', description: 'A support request was opened.', actions: ['supportRequest.created'] },
  'support-request-resolved': { resourceType: 'supportRequest', description: 'A support request was resolved (applied or declined).', actions: ['supportRequest.resolved', 'supportRequest.declined'] },
  'price-list-published': { resourceType: 'priceList', description: 'The operator published a month’s price list.', actions: ['priceList.published'] },
  'invoice-ready': { resourceType: 'invoice', description: 'An invoice, statement or credit note was issued to the tenant.', actions: ['invoice.ready'] },
  'payment-recorded': { resourceType: 'invoice', description: 'A payment was recorded against a document.', actions: ['payment.recorded'] },
  'credit-terms-updated': { resourceType: 'creditTerms', description: 'A seller set a buyer’s credit limit or payment terms.', actions: ['creditTerms.set'] },
  'user-created': { resourceType: 'user', description: 'A user was added to the tenant.', actions: ['user.created'] },
  'webhook-test': { resourceType: 'webhookEndpoint', description: 'A test event sent to one endpoint on request.', actions: ['webhookEndpoint.tested'] },
} as const satisfies Record<string, EventTypeDefinition>;

export type EventName = keyof typeof catalogue;
export const eventTypes = Object.keys(catalogue) as EventName[];

export function eventTypeInfo(): { name: EventName; resourceType: string; description: string }[] {
  return eventTypes.map((name) => ({ name, resourceType: catalogue[name].resourceType, description: catalogue[name].description }));
}

const eventOfAction = new Map<string, EventName>();
for (const name of eventTypes) for (const action of catalogue[name].actions) eventOfAction.set(action, name);

/** The event an audit action is derived into (undefined: the action raises none). */
export function eventOf(action: string): EventName | undefined {
  return eventOfAction.get(action);
}

/** A tenant an event is for and the resource as the API shows that tenant (absent: the record's `after`). */
export interface EventRecipient {
  tenantId: string | null | undefined;
  resource?: unknown;
}

/** What writeAudit knows of a record when it derives its events. */
export interface AuditedChange {
  auditRecordId: string;
  tenantId: string | null;
  actorTenantId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  after: unknown;
  event?: EventName;
  recipients?: readonly EventRecipient[];
  resourceName?: string | null;
}

/** Where the API answers with a resource of this type (null when it has no address of its own). */
export function resourceUriOf(resourceType: string, resourceId: string | null, tenantId: string | null): string | null {
  if (!resourceId) return null;
  switch (resourceType) {
    case 'subscription':
      return tenantId ? `/v1/customers/${tenantId}/subscriptions/${resourceId}` : null;
    case 'order':
      return tenantId ? `/v1/customers/${tenantId}/orders/${resourceId}` : null;
    case 'customerRelationship':
      return tenantId ? `/v1/customers/${tenantId}` : null;
    case 'delegatedAdminRelationship':
      return tenantId ? `/v1/customers/${tenantId}/delegated-admin-relationships` : null;
    case 'relationship':
      return `/v1/relationships/${resourceId}`;
    case 'enrollment':
      return `/v1/enrollments/${resourceId}`;
    case 'agreementAcceptance':
      return '/v1/agreements/acceptances';
    case 'offer':
      return `/v1/offers/${resourceId}`;
    case 'supportRequest':
      return `/v1/support-requests/${resourceId}`;
    case 'priceList':
      return `/v1/price-lists/${resourceId}`;
    case 'invoice':
      return `/v1/invoices/${resourceId}`;
    case 'creditTerms':
      return `/v1/credit-terms/${resourceId}`;
    case 'user':
      return `/v1/users/${resourceId}`;
    case 'webhookEndpoint':
      return `/v1/webhook-endpoints/${resourceId}`;
    default:
      return null;
  }
}

function nameOf(after: unknown): string | null {
  if (!after || typeof after !== 'object') return null;
  const value = after as Record<string, unknown>;
  for (const key of ['name', 'displayName', 'number', 'productName', 'customerName', 'companyName', 'title', 'url']) {
    if (typeof value[key] === 'string' && value[key]) return value[key] as string;
  }
  return null;
}

/** The event rows of some audited changes (one per change and tenant it concerns). */
export function eventRowsOf(changes: readonly AuditedChange[]) {
  const rows: { tenantId: string; eventType: EventName; resourceType: string; resourceId: string | null; resourceUri: string | null; resourceName: string | null; auditRecordId: string; resource: unknown }[] = [];
  for (const change of changes) {
    const eventType = change.event ?? eventOf(change.action);
    if (!eventType) continue;
    const resourceType = catalogue[eventType].resourceType;
    const recipients = change.recipients ?? [{ tenantId: change.tenantId }, { tenantId: change.actorTenantId }];
    const seen = new Set<string>();
    for (const recipient of recipients) {
      if (!recipient.tenantId || seen.has(recipient.tenantId)) continue;
      seen.add(recipient.tenantId);
      const resource = recipient.resource !== undefined ? recipient.resource : change.after;
      rows.push({
        tenantId: recipient.tenantId,
        eventType,
        resourceType,
        resourceId: change.resourceId,
        resourceUri: resourceUriOf(change.resourceType, change.resourceId, change.tenantId),
        resourceName: change.resourceName ?? nameOf(resource) ?? nameOf(change.after),
        auditRecordId: change.auditRecordId,
        resource: resource ?? null,
      });
    }
  }
  return rows;
}

/** Writes the events of some audited changes in the caller's transaction (one statement). */
export async function writeEvents(tx: Queryable, changes: readonly AuditedChange[]): Promise<void> {
  const rows = eventRowsOf(changes);
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.tenantId}::uuid, ${r.eventType}, ${r.resourceType}, ${r.resourceId}, ${r.resourceUri}, ${r.resourceName}, ${r.auditRecordId}::uuid, ${JSON.stringify(r.resource)}::jsonb)`),
    sql`, `,
  );
  await tx.execute(sql`insert into events (tenant_id, event_type, resource_type, resource_id, resource_uri, resource_name, audit_record_id, resource) values ${values}`);
}
