// The operator's program settings (holiday calendar) and the support-request queue.
import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

/** Days the operator does not count as business days (ENR-6). */
export const holidays = pgTable('holidays', {
  day: date({ mode: 'string' }).primaryKey(),
  name: text().notNull(),
});

export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    createdByUserId: uuid(),
    /** accountVerification (ENR-6 escalation); the marketplace adds its own kinds. */
    kind: text().notNull(),
    title: text().notNull(),
    details: text().notNull(),
    /** What the request is about, e.g. { enrollmentId }. */
    subject: jsonb().notNull().default({}),
    status: text().notNull().default('open'), // open | resolved | declined
    resolution: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('support_requests_tenant_idx').on(t.tenantId, t.createdAt), index('support_requests_status_idx').on(t.status, t.createdAt)],
);
