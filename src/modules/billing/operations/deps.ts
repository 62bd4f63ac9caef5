// What billing's operations are given, built once by service.ts.
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { IdentityService } from '../../identity/service.js';

export interface BillingDeps {
  platform: Platform;
  db: Db;
  /** Who hears about a document (its recipient's admins, their languages). */
  identity: IdentityService;
  now: () => Date;
}
