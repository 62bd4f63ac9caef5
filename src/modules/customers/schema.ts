// Customers: invitations to a reseller relationship (CUS-1, CUS-2), the partner relationships of a
// customer tenant (CUS-4), and granular, time-bound delegated admin (GDAP-like).
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { securityGroups } from '../identity/groups/schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export interface DelegatedAdminRequest {
  roles: string[];
  durationDays: number;
  autoExtend: boolean;
}

export const customerInvitations = pgTable(
  'customer_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text().notNull(), // resellerOnly | resellerAndProvider
    resellerTenantId: uuid().notNull(),
    providerTenantId: uuid(),
    providerRelationshipId: uuid(),
    createdByUserId: uuid().notNull(),
    email: text(),
    locale: text().notNull(),
    delegatedAdmin: jsonb().$type<DelegatedAdminRequest>(),
    tokenHash: text().notNull().unique(),
    expiresAt: ts().notNull(),
    acceptedAt: ts(),
    acceptedByTenantId: uuid(),
    revokedAt: ts(),
    sentAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('customer_invitations_reseller_idx').on(t.resellerTenantId, t.createdAt)],
);

/** A partner's reseller relationship with a customer (as its reseller or its provider). */
export const customerRelationships = pgTable(
  'customer_relationships',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerTenantId: uuid().notNull(),
    partnerTenantId: uuid().notNull(),
    role: text().notNull(), // reseller | provider
    /** The customer's company name (tenants.name, which never changes): partners' lists page by it. */
    customerName: text().notNull(),
    /** For a provider: the reseller it serves this customer for. */
    resellerTenantId: uuid(),
    state: text().notNull().default('active'), // active | removed
    createdAt: ts().notNull().defaultNow(),
    removedAt: ts(),
  },
  (t) => [
    uniqueIndex('customer_relationships_active_idx').on(t.customerTenantId, t.partnerTenantId).where(sql`state = 'active'`),
    index('customer_relationships_partner_idx').on(t.partnerTenantId, t.state, t.createdAt),
    index('customer_relationships_reseller_idx').on(t.resellerTenantId, t.state),
    // A partner's customers by name: every page of the list is one range of this index.
    index('customer_relationships_partner_name_idx').on(t.partnerTenantId, t.customerName, t.customerTenantId).where(sql`state = 'active'`),
  ],
);

/** How many active customers each partner has, kept by a trigger on customer_relationships (the lists' totalCount). */
export const partnerCustomerCounts = pgTable('partner_customer_counts', {
  partnerTenantId: uuid().primaryKey(),
  active: integer().notNull().default(0),
});

export const delegatedAdminRelationships = pgTable(
  'delegated_admin_relationships',
  {
    id: uuid().primaryKey().defaultRandom(),
    customerTenantId: uuid().notNull(),
    partnerTenantId: uuid().notNull(),
    roles: text().array().notNull(),
    durationDays: integer().notNull(),
    autoExtend: boolean().notNull().default(false),
    status: text().notNull(), // approvalPending | active | expired | terminated
    approvalTokenHash: text().unique(),
    activatedAt: ts(),
    endsAt: ts(),
    terminatedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('dar_customer_idx').on(t.customerTenantId, t.partnerTenantId, t.status), index('dar_ends_idx').on(t.endsAt).where(sql`status = 'active'`)],
);

/**
 * ACC-3: which of the partner's security groups may use which of a delegated-admin relationship's
 * roles (Microsoft Graph's accessAssignment). A partner's user or app acts in the customer's tenant
 * with the union of the roles of its groups' assignments on active, unexpired relationships; nothing
 * without one. A group with assignments cannot be deleted (the foreign key restricts it).
 */
export const delegatedAdminAccessAssignments = pgTable(
  'delegated_admin_access_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    relationshipId: uuid().notNull(),
    securityGroupId: uuid().notNull(),
    roles: text().array().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    // Named here: the generated names would pass PostgreSQL's 63 characters and be cut.
    foreignKey({ name: 'dar_access_assignments_relationship_fk', columns: [t.relationshipId], foreignColumns: [delegatedAdminRelationships.id] }),
    foreignKey({ name: 'dar_access_assignments_group_fk', columns: [t.securityGroupId], foreignColumns: [securityGroups.id] }).onDelete('restrict'),
    check('delegated_admin_access_assignments_roles', sql`cardinality(${t.roles}) > 0`),
    uniqueIndex('dar_access_assignments_group_idx').on(t.relationshipId, t.securityGroupId),
    index('dar_access_assignments_by_group_idx').on(t.securityGroupId),
  ],
);

/** The billing profile given when a provider creates a customer (CUS-5). */
export const customerProfiles = pgTable('customer_profiles', {
  tenantId: uuid().primaryKey(),
  billingProfile: jsonb().notNull(),
  createdAt: ts().notNull().defaultNow(),
});
