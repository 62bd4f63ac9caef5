// Reads shared by the export operations: a tenant's own export (404 for anyone else), its file's
// path, and the link handed out with a succeeded one.
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { notFound } from '../../../platform/errors.js';
import type { ReconciliationExport } from './contract.js';
import { signDownloadToken } from './download-link.js';
import type { ReconciliationDeps } from './operations/deps.js';
import { reconciliationExports } from './schema.js';
import { exportView, type ReconciliationExportRow } from './views.js';

/** The tenant's export, or 404: another tenant's exports are not the caller's to know. */
export async function ownExport(q: Queryable, tenantId: string, id: string): Promise<ReconciliationExportRow> {
  const [row] = await q
    .select()
    .from(reconciliationExports)
    .where(and(eq(reconciliationExports.id, id), eq(reconciliationExports.tenantId, tenantId)));
  if (!row) throw notFound('reconciliationExport');
  return row;
}

/** Where an export's finished file is (the job writes a temporary name beside it, then renames). */
export function exportFilePath(deps: Pick<ReconciliationDeps, 'exportsDir'>, row: Pick<ReconciliationExportRow, 'id' | 'format'>): string {
  return path.join(deps.exportsDir, `${row.id}.${row.format}`);
}

/** The export as the API shows it: a succeeded one with a fresh download link. */
export async function viewWithLink(deps: ReconciliationDeps, row: ReconciliationExportRow): Promise<ReconciliationExport> {
  if (row.status !== 'succeeded' || !row.sha256) return exportView(row);
  return exportView(row, await signDownloadToken(deps.linkKey, { exportId: row.id, tenantId: row.tenantId, sha256: row.sha256 }, deps.now()));
}
