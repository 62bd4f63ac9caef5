// What the operator's operations are built with (service.ts makes it once).
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';

export interface OperatorDeps {
  platform: Platform;
  db: Db;
}
