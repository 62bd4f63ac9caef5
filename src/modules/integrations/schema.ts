// Webhook endpoints, their deliveries (the delivery queue: one row per event and endpoint, claimed with
// FOR UPDATE SKIP LOCKED) and every attempt (the delivery log). The events table is the platform's.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

const at = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    url: text().notNull(),
    description: text().notNull().default(''),
    /** Empty: every event. */
    eventTypes: text().array().notNull().default(sql`'{}'::text[]`),
    status: text().notNull().default('active'), // active | disabled
    disabledReason: text(),
    /** The signing secrets, sealed: the current one, and the previous one until it expires (EVT-2). */
    secrets: jsonb().$type<{ current: string; previous?: string; previousExpiresAt?: string }>().notNull(),
    failingSince: at(),
    createdBy: uuid(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.createdAt)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid().notNull(),
    status: text().notNull().default('pending'), // pending | succeeded | failed
    attempts: integer().notNull().default(0),
    nextAttemptAt: at().defaultNow(),
    lockedUntil: at(),
    lastStatusCode: integer(),
    lastDurationMs: integer(),
    lastResponse: text(),
    lastError: text(),
    lastAttemptAt: at(),
    createdAt: at().notNull().defaultNow(),
    deliveredAt: at(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid().primaryKey().defaultRandom(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: at().notNull().defaultNow(),
    statusCode: integer(),
    durationMs: integer().notNull(),
    responseExcerpt: text(),
    error: text(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.at)],
);
