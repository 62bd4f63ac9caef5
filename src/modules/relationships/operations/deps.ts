// What the relationships operations are given, built once by service.ts: the platform, the services
// of the modules it asks, and its prepared statements.
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { EnrollmentService } from '../../enrollment/service.js';
import type { IdentityService } from '../../identity/service.js';
import type { MarketsService } from '../../markets/service.js';
import type { RelationshipStatements } from '../reads.js';

export interface RelationshipsDeps {
  platform: Platform;
  db: Db;
  identity: IdentityService;
  enrollment: EnrollmentService;
  markets: MarketsService;
  statements: RelationshipStatements;
}
