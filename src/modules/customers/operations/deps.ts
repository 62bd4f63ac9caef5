// What the customers operations are given, built once by service.ts: the platform, the services of the
// modules it asks, its prepared statements, and the hook of a module built after it.
import type { Db } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import type { Platform } from '../../../platform/context.js';
import type { RequiredHook } from '../../../platform/hooks.js';
import type { AgreementsService } from '../../enrollment/agreements.js';
import type { EnrollmentService } from '../../enrollment/service.js';
import type { GroupsService } from '../../identity/groups/service.js';
import type { IdentityService } from '../../identity/service.js';
import type { MarketsService } from '../../markets/service.js';
import type { RelationshipsService } from '../../relationships/service.js';
import type { CustomerRelation, CustomerStatements } from '../reads.js';

/** CUS-7: how many active subscriptions a partner still has for a customer (commerce counts them). */
export type SubscriptionCount = (customerTenantId: string, partnerTenantId: string) => Promise<number>;

export interface CustomersDeps {
  platform: Platform;
  db: Db;
  identity: IdentityService;
  enrollment: EnrollmentService;
  markets: MarketsService;
  relationships: RelationshipsService;
  agreements: AgreementsService;
  groups: GroupsService;
  statements: CustomerStatements;
  /**
   * The relation each request's actor was admitted to a customer's routes with (admitToCustomer, before
   * the handler), for the operation of that request: keyed by the request's own actor object, so it
   * lives as long as the request and is never shared with another one.
   */
  admitted: WeakMap<Actor, { tenantId: string; relation: CustomerRelation }>;
  /** CUS-7: commerce's subscription count (commerce is built after customers). */
  subscriptionCount: RequiredHook<SubscriptionCount>;
}
