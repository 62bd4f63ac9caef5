// Reconciliation exports (BIL-3): a tenant's request for the lines of one closed period's documents as
// one file, the durable job that writes it under DATA_DIR/exports, and its download. Binds the
// operations (operations/, one per file) to their dependencies, once.
import path from 'node:path';
import { binder } from '../../../platform/bind.js';
import type { Platform } from '../../../platform/context.js';
import { linkKeyOf } from './download-link.js';
import type { ReconciliationDeps } from './operations/deps.js';
import { getReconciliationExport } from './operations/get-reconciliation-export.js';
import { listReconciliationExports } from './operations/list-reconciliation-exports.js';
import { openReconciliationExportFile } from './operations/open-reconciliation-export-file.js';
import { requestReconciliationExport } from './operations/request-reconciliation-export.js';
import { runReconciliationExport } from './operations/run-reconciliation-export.js';

export { exportQueue as reconciliationExportQueue } from './rules.js';

export function reconciliationService(platform: Platform, options: { now?: () => Date } = {}) {
  const deps: ReconciliationDeps = {
    platform,
    db: platform.db,
    now: options.now ?? (() => new Date()),
    exportsDir: path.join(platform.config.dataDir, 'exports'),
    linkKey: linkKeyOf(platform.config.sessionSecret),
  };
  const bind = binder(deps);
  return {
    requestExport: bind(requestReconciliationExport),
    listExports: bind(listReconciliationExports),
    getExport: bind(getReconciliationExport),
    openExportFile: bind(openReconciliationExportFile),
    /** The job handler of reconciliationExportQueue. */
    runExport: bind(runReconciliationExport),
  };
}

export type ReconciliationService = ReturnType<typeof reconciliationService>;
