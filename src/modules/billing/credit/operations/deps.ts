// What credit's operations are built with (credit/service.ts makes it once).
import type { Db } from '../../../../db/index.js';
import type { Platform } from '../../../../platform/context.js';
import type { RelationshipsService } from '../../../relationships/service.js';

export interface CreditDeps {
  platform: Platform;
  db: Db;
  now: () => Date;
  /** Who buys from a provider: its resellers (an active relationship). */
  relationships: RelationshipsService;
}
