// Reconciliation exports (BIL-3): a tenant's request for every line of the documents it received or
// issued in one closed period, as one file. The row is written with the request; the durable job
// (operations/run-reconciliation-export.ts) writes the file under DATA_DIR/exports and then records
// its row count, size and digest. Only this sub-area reads or writes the table.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../../identity/schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const reconciliationExports = pgTable(
  'reconciliation_exports',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    /** The user (or app) that asked for it. */
    requestedBy: uuid(),
    /** The period's first instant (a calendar month, UTC: BIL-1). */
    periodStart: ts().notNull(),
    format: text().$type<'csv' | 'jsonl'>().notNull(),
    direction: text().$type<'received' | 'issued'>().notNull(),
    status: text().$type<'queued' | 'running' | 'succeeded' | 'failed'>().notNull().default('queued'),
    rowCount: integer(),
    byteSize: bigint({ mode: 'number' }),
    /** The file's SHA-256 (hex): a download link names it, and a rerun of the job writes the same. */
    sha256: text(),
    createdAt: ts().notNull(),
    startedAt: ts(),
    completedAt: ts(),
  },
  (t) => [
    index('reconciliation_exports_tenant_idx').on(t.tenantId, t.createdAt, t.id),
    check('reconciliation_exports_format_check', sql`${t.format} IN ('csv', 'jsonl')`),
    check('reconciliation_exports_direction_check', sql`${t.direction} IN ('received', 'issued')`),
    check('reconciliation_exports_status_check', sql`${t.status} IN ('queued', 'running', 'succeeded', 'failed')`),
  ],
);
