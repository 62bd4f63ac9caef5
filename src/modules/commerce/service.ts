// Commerce: the catalog (ORD-1, MKT-4), carts and checkout (ORD-2, ORD-3, CUS-6), orders and
// subscriptions (ORD-4), license assignment, and resale stamps (ORD-5). This file binds the operations
// (operations/<verb-noun>.ts) to their dependencies, built once; the logic lives in the operations.
import { binder } from '../../platform/bind.js';
import type { Platform } from '../../platform/context.js';
import { requiredHook } from '../../platform/hooks.js';
import type { CustomersService } from '../customers/service.js';
import type { EnrollmentService } from '../enrollment/service.js';
import type { IdentityService } from '../identity/service.js';
import type { MarketsService } from '../markets/service.js';
import type { RelationshipsService } from '../relationships/service.js';
import { assignLicense } from './operations/assign-license.js';
import { cancelSubscription } from './operations/cancel-subscription.js';
import { checkout } from './operations/checkout.js';
import { countActiveSubscriptions } from './operations/count-active-subscriptions.js';
import { createCart } from './operations/create-cart.js';
import type { AudienceCheck, CommerceDeps, CreditCheck, Pricer } from './operations/deps.js';
import { getCart } from './operations/get-cart.js';
import { getCatalog } from './operations/get-catalog.js';
import { getOrder } from './operations/get-order.js';
import { getSubscription } from './operations/get-subscription.js';
import { listOrders } from './operations/list-orders.js';
import { listProducts } from './operations/list-products.js';
import { listSubscriptions } from './operations/list-subscriptions.js';
import { listChargeLines } from './operations/list-charge-lines.js';
import { runTermSweep } from './operations/run-term-sweep.js';
import { scheduleNextTerm } from './operations/schedule-next-term.js';
import { listUpgradeOptions, upgradeSubscription } from './operations/upgrade-subscription.js';
import { listUserLicenses } from './operations/list-user-licenses.js';
import { saveProduct } from './operations/save-product.js';
import { unassignLicense } from './operations/unassign-license.js';
import { updateCart } from './operations/update-cart.js';
import { updateSubscription } from './operations/update-subscription.js';
import { listActiveProducts } from './operations/list-active-products.js';
import { listMarketplaceProducts } from './operations/list-marketplace-products.js';
import { upsertMarketplaceProduct } from './operations/upsert-marketplace-product.js';
import { commerceStatements, resellersWhoResold, resoldAtOf } from './reads.js';

export type { AudienceCheck } from './operations/deps.js';
export type { MarketplaceProduct } from './operations/upsert-marketplace-product.js';
export type { ProductInput } from './operations/save-product.js';
export { catalogItemId, type ProductRow } from './views.js';

export function commerceService(
  platform: Platform,
  services: { identity: IdentityService; enrollment: EnrollmentService; markets: MarketsService; relationships: RelationshipsService; customers: CustomersService },
  options: { now?: () => Date } = {},
) {
  const deps: CommerceDeps = {
    platform,
    db: platform.db,
    ...services,
    statements: commerceStatements(platform.db),
    audienceCheck: requiredHook<AudienceCheck>("commerce's CSP audience check (ORD-3, marketplace → commerce.useAudienceCheck)"),
    now: options.now ?? (() => new Date()),
    pricer: requiredHook<Pricer>("commerce's prices (PRC-3, PRC-4, pricing → commerce.usePricer)"),
    creditCheck: requiredHook<CreditCheck>("commerce's credit check (BIL-4, billing → commerce.useCreditCheck)"),
  };
  const bind = binder(deps);

  // CUS-7: commerce tells customers how to count a partner's active subscriptions.
  services.customers.useSubscriptionCount(bind(countActiveSubscriptions));

  return {
    saveProduct: bind(saveProduct),
    listProducts: bind(listProducts),
    listActiveProducts: bind(listActiveProducts),
    listMarketplaceProducts: bind(listMarketplaceProducts),
    catalogFor: bind(getCatalog),
    createCart: bind(createCart),
    getCart: bind(getCart),
    updateCart: bind(updateCart),
    checkout: bind(checkout),
    listOrders: bind(listOrders),
    getOrder: bind(getOrder),
    listSubscriptions: bind(listSubscriptions),
    getSubscription: bind(getSubscription),
    updateSubscription: bind(updateSubscription),
    cancelSubscription: bind(cancelSubscription),
    scheduleNextTerm: bind(scheduleNextTerm),
    listUpgradeOptions: bind(listUpgradeOptions),
    upgradeSubscription: bind(upgradeSubscription),
    listChargeLines: bind(listChargeLines),
    /** TRM-1, TRM-6: the term job (cycle fees, renewals, expiries) up to now, or up to `at`. */
    runTermSweep: bind(runTermSweep),
    assignLicense: bind(assignLicense),
    unassignLicense: bind(unassignLicense),
    licensesOf: bind(listUserLicenses),
    countActiveSubscriptions: bind(countActiveSubscriptions),
    /** The marketplace adds its CSP audience rule to checkout (MKP, ORD-3): required, there is no default. */
    useAudienceCheck: (check: AudienceCheck) => deps.audienceCheck.give(check),
    /** Fails when a required hook is missing: the app calls it once every service is built. */
    /** Pricing prices checkout's lines at every tier and the catalog for its caller (PRC-3, PRC-4): required, there is no default. */
    usePricer: (pricer: Pricer) => deps.pricer.give(pricer),
    /** Billing checks each order against its buyers' credit limits and overdue invoices (BIL-4): required, there is no default. */
    useCreditCheck: (check: CreditCheck) => deps.creditCheck.give(check),
    assertWired: () => {
      deps.audienceCheck.assertGiven();
      deps.pricer.assertGiven();
      deps.creditCheck.assertGiven();
    },
    // For the marketplace, which asks commerce instead of writing `products` or reading `resale_stamps`.
    upsertMarketplaceProduct,
    resellersWhoResold,
    resoldAtOf,
  };
}

export type CommerceService = ReturnType<typeof commerceService>;
