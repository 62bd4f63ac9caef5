import type { RelationshipType } from '@contracts/relationships';
import { ME_QUERY_KEY } from '../queryClient';

/**
 * The one query-key factory of the portal. Each family starts with its own first element, so
 * invalidating a family's `all` key (a prefix) refreshes every list and detail under it.
 */
export const keys = {
  me: ME_QUERY_KEY,
  users: {
    all: ['users'] as const,
    list: (search: string) => ['users', search] as const,
    directory: ['users', { directory: true }] as const,
  },
  resellerUsers: {
    all: (tenantId: string) => ['resellerUsers', tenantId] as const,
    list: (tenantId: string, q: string) => ['resellerUsers', tenantId, q] as const,
  },
  identityProvider: (tenantId: string) => ['identity-provider', tenantId] as const,
  identityProviderDomains: (tenantId: string) => ['identity-provider-domains', tenantId] as const,
  apps: (tenantId: string) => ['apps', tenantId] as const,
  securityGroups: {
    all: (tenantId: string) => ['securityGroups', tenantId] as const,
    members: (tenantId: string, groupId: string) => ['securityGroups', tenantId, groupId, 'members'] as const,
  },
  auditRecords: (filters: unknown) => ['audit-records', filters] as const,
  security: {
    all: ['security'] as const,
    mine: ['security', 'mine'] as const,
    programPolicy: ['security', 'programPolicy'] as const,
    tenantPolicy: (tenantId: string) => ['security', 'tenantPolicy', tenantId] as const,
  },
  notifications: ['notifications'] as const,
  // Under notifications: invalidating keys.notifications refreshes the navigation's unread count too.
  notificationsUnread: ['notifications', 'unread'] as const,

  markets: ['markets'] as const,
  relationships: {
    all: ['relationships'] as const,
    list: (type?: RelationshipType) => ['relationships', type ?? 'all'] as const,
  },
  providerDirectory: (filters: unknown) => ['providerDirectory', filters] as const,
  sharedCustomers: (relationshipId: string | undefined) => ['sharedCustomers', relationshipId] as const,
  resellerInvitations: {
    all: ['resellerInvitations'] as const,
    pending: ['resellerInvitations', 'pending'] as const,
  },
  resellerInvitationLink: (token: string, language: string) => ['resellerInvitationLink', token, language] as const,
  customers: {
    all: ['customers'] as const,
    list: (filters: unknown) => ['customers', filters] as const,
  },
  customer: (id: string) => ['customer', id] as const,
  customerInvitations: {
    all: ['customerInvitations'] as const,
    pending: ['customerInvitations', 'pending'] as const,
  },
  customerInvitationLink: (token: string, language: string) => ['customerInvitationLink', token, language] as const,
  catalog: (country: string, pricesFor: unknown = {}) => ['catalog', country, pricesFor] as const,
  subscriptions: (customerId: string) => ['subscriptions', customerId] as const,
  // Under a customer's subscriptions: invalidating keys.subscriptions(customerId) refreshes them too.
  subscription: (customerId: string, subscriptionId: string) => ['subscriptions', customerId, subscriptionId] as const,
  chargeLines: (customerId: string, subscriptionId: string) => ['subscriptions', customerId, subscriptionId, 'charges'] as const,
  upgradeOptions: (customerId: string, subscriptionId: string) => ['subscriptions', customerId, subscriptionId, 'upgrade-options'] as const,
  customerUsers: (customerId: string) => ['customerUsers', customerId] as const,
  delegatedAdmin: (customerId: string) => ['delegatedAdmin', customerId] as const,
  delegatedAccess: (customerId: string) => ['delegatedAccess', customerId] as const,
  accessAssignments: (relationshipId: string) => ['accessAssignments', relationshipId] as const,
  // Each user's licences; invalidating licensesOf(customerId) refreshes every user's.
  licensesOf: (customerId: string) => ['licenses', customerId] as const,
  licenses: (customerId: string, userId: string) => ['licenses', customerId, userId] as const,
  partnerRelationships: ['partnerRelationships'] as const,
  delegatedAdminApproval: (token: string) => ['delegatedAdminApproval', token] as const,

  partner: {
    legalProfile: ['partner', 'legalProfile'] as const,
    supportProfile: ['partner', 'supportProfile'] as const,
    attributes: ['partner', 'attributes'] as const,
    locations: ['partner', 'locations'] as const,
    partnerId: ['partner', 'partnerId'] as const,
    enrollments: ['partner', 'enrollments'] as const,
    enrollment: (id: string) => ['partner', 'enrollments', id] as const,
    programInformation: ['partner', 'programInformation'] as const,
    requirements: ['partner', 'requirements'] as const,
    acceptances: ['partner', 'acceptances'] as const,
  },
  agreements: {
    all: ['agreements'] as const,
    list: (type?: string) => ['agreements', type ?? 'all'] as const,
    publisher: ['agreements', 'publisherAgreement'] as const,
  },
  agreementDocument: (templateId: string, language: string) => ['agreementDocument', templateId, language] as const,

  operator: {
    products: ['operator', 'products'] as const,
    // The active indirect providers (the buyers the operator gives credit terms to, BIL-4).
    providers: ['operator', 'providers'] as const,
    holidays: ['operator', 'holidays'] as const,
    reviewQueue: {
      all: ['operator', 'reviewQueue'] as const,
      list: (filters: unknown) => ['operator', 'reviewQueue', filters] as const,
    },
    enrollment: (id: string) => ['operator', 'enrollment', id] as const,
    // Under the enrollment: invalidating keys.operator.enrollment(id) refreshes its history too.
    enrollmentHistory: (id: string) => ['operator', 'enrollment', id, 'history'] as const,
  },

  pricing: {
    priceLists: ['pricing', 'priceLists'] as const,
    priceList: (id: string) => ['pricing', 'priceLists', id] as const,
    entries: (id: string, page: unknown) => ['pricing', 'priceLists', id, 'entries', page] as const,
    configs: {
      all: ['pricing', 'repricingConfigs'] as const,
      list: (tier: string) => ['pricing', 'repricingConfigs', tier] as const,
    },
    partnerDiscounts: ['pricing', 'partnerDiscounts'] as const,
    previews: {
      all: ['pricing', 'preview'] as const,
      of: (query: unknown) => ['pricing', 'preview', query] as const,
    },
  },

  // BIL: the documents the caller received or issued, one document, its lines, their totals by month.
  invoices: {
    all: ['invoices'] as const,
    list: (direction: string) => ['invoices', 'list', direction] as const,
    invoice: (id: string) => ['invoices', 'invoice', id] as const,
    lines: (id: string) => ['invoices', 'invoice', id, 'lines'] as const,
    // BIL-4: the payments recorded against a document.
    payments: (id: string) => ['invoices', 'invoice', id, 'payments'] as const,
    // The billing home's monthly totals, read from the same documents.
    totals: ['invoices', 'totals'] as const,
  },
  // BIL-4: credit terms given and received, and the balances by days past due (both move with payments and credit notes).
  credit: {
    all: ['credit'] as const,
    terms: (direction: string) => ['credit', 'terms', direction] as const,
    aging: (direction: string) => ['credit', 'aging', direction] as const,
  },
  // BIL-3: the open period's charges, accruing.
  unbilledCharges: {
    all: ['unbilledCharges'] as const,
    list: (direction: string) => ['unbilledCharges', direction] as const,
  },
  // BIL-3: the tenant's reconciliation exports.
  reconciliationExports: {
    all: ['reconciliationExports'] as const,
  },
  // BIL-1: the tenant's billing profile (null while none is set).
  billingProfile: ['billingProfile'] as const,

  // EVT-1, EVT-2: the event catalogue, the change feed, the tenant's webhook endpoints and their delivery logs.
  integrations: {
    eventTypes: ['integrations', 'eventTypes'] as const,
    events: ['integrations', 'events'] as const,
    // Under the endpoints: invalidating `endpoints` refreshes each endpoint and its delivery log too.
    endpoints: ['integrations', 'endpoints'] as const,
    endpoint: (id: string) => ['integrations', 'endpoints', id] as const,
    deliveriesOf: (id: string) => ['integrations', 'endpoints', id, 'deliveries'] as const,
    deliveries: (id: string, status: string) => ['integrations', 'endpoints', id, 'deliveries', status] as const,
    // The attempt count is part of the key, so a delivery tried again is read again.
    delivery: (id: string, deliveryId: string, attempts: number) => ['integrations', 'endpoints', id, 'delivery', deliveryId, attempts] as const,
  },

  marketplace: {
    offers: ['marketplace', 'offers'] as const,
    offer: (id: string) => ['marketplace', 'offer', id] as const,
    supportRequests: ['marketplace', 'supportRequests'] as const,
    operatorQueue: {
      all: ['marketplace', 'operatorQueue'] as const,
      list: (status: string) => ['marketplace', 'operatorQueue', status] as const,
    },
    cspOffers: (q: string, type: string) => ['marketplace', 'cspOffers', q, type] as const,
    storefront: (country: string) => ['marketplace', 'storefront', country] as const,
    search: (query: Record<string, string>) => ['marketplace', 'partnerSearch', query] as const,
    searchFilters: ['marketplace', 'partnerSearchFilters'] as const,
  },
};
