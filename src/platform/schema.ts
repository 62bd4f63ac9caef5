// Tables owned by the platform: audit, events, mail outbox, durable jobs, idempotency keys, rate-limit windows.
import { sql } from 'drizzle-orm';
import { bigserial, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const now = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow();

export const auditRecords = pgTable(
  'audit_records',
  {
    id: uuid().primaryKey().defaultRandom(),
    at: now(),
    actorUserId: uuid(),
    actorTenantId: uuid(),
    /** The app that acted with its client credentials (then actorUserId is null), and its name at the time. */
    actorAppId: uuid(),
    actorAppName: text(),
    tenantId: uuid(),
    action: text().notNull(),
    resourceType: text().notNull(),
    resourceId: text(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    ip: text(),
  },
  (t) => [
    index('audit_records_tenant_at_idx').on(t.tenantId, t.at.desc(), t.id.desc()),
    // A tenant's records about other tenants (or none): the partial index holds only those, so they are
    // read and counted with no filter (audit lists, madeElsewhere).
    index('audit_records_actor_elsewhere_idx')
      .on(t.actorTenantId, t.at.desc(), t.id.desc())
      .where(sql`${t.tenantId} is distinct from ${t.actorTenantId}`),
    index('audit_records_at_idx').on(t.at.desc(), t.id.desc()),
    // An enrollment's history (enrollment's review page), whichever tenant each record is about.
    index('audit_records_enrollment_idx')
      .on(t.resourceId, t.at.desc(), t.id.desc())
      .where(sql`${t.resourceType} = 'enrollment'`),
  ],
);

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    messageId: text().notNull().unique(),
    template: text().notNull(),
    locale: text().notNull(),
    toAddress: text().notNull(),
    recipientUserId: uuid(),
    tenantId: uuid(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    status: text().notNull().default('queued'), // queued | sent | failed
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: now(),
    sentAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }),
    /** When the recipient opened it in the portal's Notifications (null: unread). */
    readAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }),
  },
  (t) => [
    index('mail_outbox_recipient_idx').on(t.recipientUserId, t.createdAt.desc(), t.id.desc()),
    // A user's unread mail, counted for the navigation's badge on every page.
    index('mail_outbox_unread_idx')
      .on(t.recipientUserId)
      .where(sql`${t.readAt} is null`),
  ],
);

export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    queue: text().notNull(),
    payload: jsonb().notNull(),
    status: text().notNull().default('queued'), // queued | running | done | failed
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(8),
    runAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true, mode: 'date', precision: 3 }),
    lastError: text(),
    createdAt: now(),
    finishedAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }),
  },
  (t) => [
    index('jobs_ready_idx').on(t.runAt).where(sql`status = 'queued'`),
    index('jobs_running_idx').on(t.lockedUntil).where(sql`status = 'running'`),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text().notNull(), // tenant ID, or "anonymous:<ip>" for public routes
    key: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    requestHash: text().notNull(),
    statusCode: integer().notNull(),
    responseBody: text().notNull(),
    contentType: text().notNull(),
    createdAt: now(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  count: integer().notNull(),
});

/** A transaction ID (PostgreSQL xid8), read and written as text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * EVT-1: one row per audited change and tenant it concerns, written with the audit record. The
 * change feed reads a tenant's rows in (txid, seq) order, only below the oldest transaction still
 * running, so no row can later appear before a cursor already handed out.
 */
export const events = pgTable(
  'events',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    txid: xid8().notNull().default(sql`pg_current_xact_id()`),
    id: uuid().notNull().unique().defaultRandom(),
    tenantId: uuid().notNull(),
    eventType: text().notNull(),
    resourceType: text().notNull(),
    resourceId: text(),
    resourceUri: text(),
    resourceName: text(),
    auditRecordId: uuid().notNull(),
    resource: jsonb(),
    at: now(),
  },
  (t) => [index('events_feed_idx').on(t.tenantId, t.txid, t.seq), index('events_tenant_at_idx').on(t.tenantId, t.at)],
);
