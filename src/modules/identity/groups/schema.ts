// Security groups of a partner and their members (ACC-3): delegated-admin roles are exercised only
// through access assignments of these groups (customers' delegated_admin_access_assignments).
// A member is one of the tenant's users or one of its apps (the apps table arrives with app
// credentials, so app_id has no foreign key); the check constraint keeps exactly one of them set.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from '../schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const securityGroups = pgTable(
  'security_groups',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    name: text().notNull(),
    description: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('security_groups_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`), index('security_groups_tenant_idx').on(t.tenantId, t.createdAt, t.id)],
);

export const memberTypes = ['user', 'app'] as const;
export type MemberType = (typeof memberTypes)[number];

export const securityGroupMembers = pgTable(
  'security_group_members',
  {
    groupId: uuid()
      .notNull()
      .references(() => securityGroups.id, { onDelete: 'cascade' }),
    memberType: text().$type<MemberType>().notNull(),
    userId: uuid().references(() => users.id),
    appId: uuid(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    check('security_group_members_one_member', sql`(${t.memberType} = 'user' and ${t.userId} is not null and ${t.appId} is null) or (${t.memberType} = 'app' and ${t.appId} is not null and ${t.userId} is null)`),
    uniqueIndex('security_group_members_user_idx').on(t.groupId, t.userId).where(sql`user_id is not null`),
    uniqueIndex('security_group_members_app_idx').on(t.groupId, t.appId).where(sql`app_id is not null`),
    // The relation resolver starts from the actor: its groups.
    index('security_group_members_by_user_idx').on(t.userId).where(sql`user_id is not null`),
    index('security_group_members_by_app_idx').on(t.appId).where(sql`app_id is not null`),
  ],
);
