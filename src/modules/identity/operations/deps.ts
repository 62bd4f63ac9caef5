// What identity's operations are built with (service.ts makes it once).
import type { Config } from '../../../config.js';
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { IdentityStatements } from '../reads.js';

export interface IdentityDeps {
  platform: Platform;
  db: Db;
  config: Config;
  /** Prepared once per service (reads.ts). */
  statements: IdentityStatements;
}
