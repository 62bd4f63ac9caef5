// What enrollment's and the agreements' operations are built with (service.ts and agreements.ts make
// them once per service instance).
import type { Config } from '../../../config.js';
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { IdentityService } from '../../identity/service.js';
import type { MarketsService } from '../../markets/service.js';
import type { OperatorService } from '../../operator/service.js';
import type { EnrollmentStatements } from '../reads.js';
import type { EnrollmentService } from '../service.js';

export interface EnrollmentDeps {
  platform: Platform;
  db: Db;
  config: Config;
  identity: IdentityService;
  operator: OperatorService;
  /** The prepared statements of the hot reads, built once. */
  statements: EnrollmentStatements;
}

export interface AgreementsDeps {
  platform: Platform;
  db: Db;
  identity: IdentityService;
  markets: MarketsService;
  enrollment: EnrollmentService;
}
