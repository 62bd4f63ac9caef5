// What marketplace's operations are built with: the platform, the services of the modules it calls, and
// its prepared statements (built once per service instance).
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { CommerceService } from '../../commerce/service.js';
import type { AgreementsService } from '../../enrollment/agreements.js';
import type { IdentityService } from '../../identity/service.js';
import type { OperatorService } from '../../operator/service.js';
import type { MarketplaceStatements } from '../reads.js';

export interface MarketplaceDeps {
  platform: Platform;
  db: Db;
  identity: IdentityService;
  agreements: AgreementsService;
  operator: OperatorService;
  /** The catalog product of a live offer and the resale stamps (MKP-7) are commerce's: marketplace asks it. */
  commerce: CommerceService;
  statements: MarketplaceStatements;
}
