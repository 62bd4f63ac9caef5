// What reconciliation exports' operations are built with (reconciliation/service.ts makes it once).
import type { Db } from '../../../../db/index.js';
import type { Platform } from '../../../../platform/context.js';
import type { LinkKey } from '../download-link.js';

export interface ReconciliationDeps {
  platform: Platform;
  db: Db;
  now: () => Date;
  /** Where the files are written: DATA_DIR/exports (one folder every app instance shares). */
  exportsDir: string;
  linkKey: LinkKey;
}
