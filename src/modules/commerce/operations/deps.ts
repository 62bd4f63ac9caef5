// What commerce's operations are given, built once by service.ts: the platform, the services of the
// modules commerce asks, its prepared statements, and the hooks of modules built after it.
import type { Db, Queryable } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { RequiredHook } from '../../../platform/hooks.js';
import type { CustomersService } from '../../customers/service.js';
import type { EnrollmentService } from '../../enrollment/service.js';
import type { IdentityService } from '../../identity/service.js';
import type { MarketsService } from '../../markets/service.js';
import type { RelationshipsService } from '../../relationships/service.js';
import type { Actor } from '../../../platform/access.js';
import type { CatalogPoint } from '../../pricing/operations/price-catalog.js';
import type { LinePrices, LineToPrice } from '../../pricing/operations/price-line.js';
import type { Catalog, CatalogPrice, CatalogQuery } from '../contract.js';
import type { CommerceStatements } from '../reads.js';

/** Per-offer rule a marketplace adds: is this reseller in the offer's live CSP audience? */
export type AudienceCheck = (offerIds: string[], resellerTenantIds: string[]) => Promise<(offerId: string, resellerTenantId: string) => boolean>;

/** What commerce asks pricing (built after it): lines priced at every tier in the current month (PRC-3), and a catalog priced for the caller (PRC-4). */
export interface Pricer {
  priceLines: (lines: LineToPrice[]) => Promise<(LinePrices | undefined)[]>;
  /** TRM-1: lines priced in the month of `at` (a renewal at the prices in effect on its day), read on `q` (the caller's transaction). */
  priceLinesAt: (at: Date, lines: LineToPrice[], q: Queryable) => Promise<(LinePrices | undefined)[]>;
  priceCatalog: (actor: Actor, query: Omit<CatalogQuery, 'country'>, currency: string, points: CatalogPoint[]) => Promise<{ audience: Catalog['audience']; prices: CatalogPrice[][] }>;
}

/** One charge of an order being written, as billing's credit check reads it (BIL-4). */
export interface OrderCharge {
  providerTenantId: string;
  resellerTenantId: string;
  currency: string;
  providerAmount: number;
  resellerAmount: number;
}

/** BIL-4: billing's credit check, run in the order's transaction after its charge lines are written; throws to refuse. */
export type CreditCheck = (tx: Queryable, charges: OrderCharge[]) => Promise<void>;

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
  /** PRC-3, PRC-4: checkout's prices and the catalog's (pricing is built after commerce). */
  pricer: RequiredHook<Pricer>;
  /** BIL-4: credit limits and overdue invoices (billing is built after commerce). */
  creditCheck: RequiredHook<CreditCheck>;
  /** The clock terms are read from (TRM-1, TRM-2; tests of a term's later days pass their own). */
  now: () => Date;
}
