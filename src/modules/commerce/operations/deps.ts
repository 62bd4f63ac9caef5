// What commerce's operations are given, built once by service.ts: the platform, the services of the
// modules commerce asks, its prepared statements, and the hooks of modules built after it.
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { RequiredHook } from '../../../platform/hooks.js';
import type { CustomersService } from '../../customers/service.js';
import type { EnrollmentService } from '../../enrollment/service.js';
import type { IdentityService } from '../../identity/service.js';
import type { MarketsService } from '../../markets/service.js';
import type { RelationshipsService } from '../../relationships/service.js';
import type { CommerceStatements } from '../reads.js';

/** Per-offer rule a marketplace adds: is this reseller in the offer's live CSP audience? */
export type AudienceCheck = (offerIds: string[], resellerTenantIds: string[]) => Promise<(offerId: string, resellerTenantId: string) => boolean>;

export interface CommerceDeps {
  platform: Platform;
  db: Db;
  identity: IdentityService;
  enrollment: EnrollmentService;
  markets: MarketsService;
  relationships: RelationshipsService;
  customers: CustomersService;
  statements: CommerceStatements;
  /** ORD-3: the marketplace's CSP audience check (marketplace is built after commerce). */
  audienceCheck: RequiredHook<AudienceCheck>;
}
