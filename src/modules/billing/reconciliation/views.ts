// Rows → the shapes of contract.ts (their return types are the contract's, so drift fails tsc).
import type { ReconciliationExport } from './contract.js';
import { monthOfPeriod } from './rules.js';
import type { reconciliationExports } from './schema.js';

export type ReconciliationExportRow = typeof reconciliationExports.$inferSelect;

/** The path of an export (the Location of its request). */
export function exportPath(id: string): string {
  return `/v1/reconciliation-exports/${id}`;
}

/** An export; with its download link once it has succeeded. */
export function exportView(row: ReconciliationExportRow, link?: { token: string; expiresAt: Date }): ReconciliationExport {
  return {
    id: row.id,
    period: monthOfPeriod(row.periodStart),
    format: row.format,
    direction: row.direction,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    rowCount: row.rowCount,
    byteSize: row.byteSize,
    sha256: row.sha256,
    ...(link ? { downloadUrl: `${exportPath(row.id)}/file?token=${encodeURIComponent(link.token)}`, downloadExpiresAt: link.expiresAt.toISOString() } : {}),
  };
}

/** What the audit log keeps of an export. */
export function exportAudit(row: ReconciliationExportRow) {
  return { id: row.id, period: monthOfPeriod(row.periodStart), format: row.format, direction: row.direction };
}
