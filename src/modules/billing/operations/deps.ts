// What billing's operations are given, built once by service.ts.
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';

export interface BillingDeps {
  platform: Platform;
  db: Db;
  now: () => Date;
}
