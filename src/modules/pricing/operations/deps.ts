// What pricing's operations are given, built once by service.ts: the platform and the services of the
// modules pricing asks (commerce for products and SKUs, enrollment for who sells, relationships and
// customers for who buys from whom, markets for the currencies of a product's markets).
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { CommerceService } from '../../commerce/service.js';
import type { CustomersService } from '../../customers/service.js';
import type { EnrollmentService } from '../../enrollment/service.js';
import type { MarketsService } from '../../markets/service.js';
import type { RelationshipsService } from '../../relationships/service.js';

export interface PricingDeps {
  platform: Platform;
  db: Db;
  commerce: Pick<CommerceService, 'listProducts' | 'listActiveProducts' | 'listMarketplaceProducts'>;
  enrollment: Pick<EnrollmentService, 'standing' | 'programStatuses'>;
  relationships: Pick<RelationshipsService, 'activeBetween' | 'listRelationships'>;
  customers: Pick<CustomersService, 'relationshipWith' | 'listCustomers'>;
  markets: Pick<MarketsService, 'currencyOf' | 'regionOf' | 'countriesOf'>;
  /** The clock (tests of month boundaries pass their own); months are UTC. */
  now: () => Date;
}
