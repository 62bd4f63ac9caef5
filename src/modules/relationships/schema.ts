// Provider ↔ reseller: invitations (REL-2) and relationships with the provider's admin access (REL-4).
import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const resellerInvitations = pgTable(
  'reseller_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    providerTenantId: uuid().notNull(),
    createdByUserId: uuid().notNull(),
    email: text(),
    locale: text().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: ts().notNull(),
    acceptedAt: ts(),
    acceptedByTenantId: uuid(),
    revokedAt: ts(),
    sentAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('reseller_invitations_provider_idx').on(t.providerTenantId, t.createdAt)],
);

export const partnerRelationships = pgTable(
  'partner_relationships',
  {
    id: uuid().primaryKey().defaultRandom(),
    providerTenantId: uuid().notNull(),
    resellerTenantId: uuid().notNull(),
    invitationId: uuid(),
    state: text().notNull().default('active'), // active | ended
    adminAccess: text().notNull().default('granted'), // granted | removed
    createdAt: ts().notNull().defaultNow(),
    adminAccessRemovedAt: ts(),
    endedAt: ts(),
    endedByTenantId: uuid(),
  },
  (t) => [
    // One live relationship per provider and reseller.
    uniqueIndex('partner_relationships_active_idx').on(t.providerTenantId, t.resellerTenantId).where(sql`state = 'active'`),
    index('partner_relationships_reseller_idx').on(t.resellerTenantId, t.state),
    index('partner_relationships_provider_idx').on(t.providerTenantId, t.state),
  ],
);
