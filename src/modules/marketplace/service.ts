// Marketplace: publishers and offers, the CSP reseller audience (MKP-1 … MKP-6), live changes and the
// resale lock through support requests (MKP-7 … MKP-9), storefront and partner view (MKP-10, MKP-11).
// This file binds the operations (operations/*.ts, one per file) to their dependencies, built once.
import type { Platform } from '../../platform/context.js';
import type { CommerceService } from '../commerce/service.js';
import type { AgreementsService } from '../enrollment/agreements.js';
import type { IdentityService } from '../identity/service.js';
import type { OperatorService } from '../operator/service.js';
import { checkCspAudience } from './operations/check-csp-audience.js';
import { createOffer } from './operations/create-offer.js';
import type { MarketplaceDeps } from './operations/deps.js';
import { enrollPublisher } from './operations/enroll-publisher.js';
import { exportCspAudience } from './operations/export-csp-audience.js';
import { getCspAudience } from './operations/get-csp-audience.js';
import { getOffer } from './operations/get-offer.js';
import { getSupportRequest } from './operations/get-support-request.js';
import { importCspAudience } from './operations/import-csp-audience.js';
import { listCspOffers } from './operations/list-csp-offers.js';
import { listOffers } from './operations/list-offers.js';
import { listPartnerSearchFilters } from './operations/list-partner-search-filters.js';
import { listStorefrontOffers } from './operations/list-storefront-offers.js';
import { listSupportRequests } from './operations/list-support-requests.js';
import { openSupportRequest } from './operations/open-support-request.js';
import { publishOffer } from './operations/publish-offer.js';
import { resolveSupportRequest } from './operations/resolve-support-request.js';
import { saveCspAudience } from './operations/save-csp-audience.js';
import { searchPartners } from './operations/search-partners.js';
import { syncCspAudience } from './operations/sync-csp-audience.js';
import { updateListing } from './operations/update-listing.js';
import { updatePlans } from './operations/update-plans.js';
import { marketplaceStatements, supportRequestNames } from './reads.js';
import { offerView } from './views.js';

export function marketplaceService(
  platform: Platform,
  services: { identity: IdentityService; agreements: AgreementsService; operator: OperatorService; commerce: CommerceService },
) {
  const { identity, agreements, operator, commerce } = services;
  const deps: MarketplaceDeps = { platform, db: platform.db, identity, agreements, operator, commerce, statements: marketplaceStatements(platform.db) };
  const bind =
    <Args extends unknown[], Result>(operation: (deps: MarketplaceDeps, ...args: Args) => Result) =>
    (...args: Args) =>
      operation(deps, ...args);

  // ORD-3: checkout asks marketplace whether a reseller is in an offer's live CSP audience.
  commerce.useAudienceCheck(bind(checkCspAudience));

  return {
    enrollPublisher: bind(enrollPublisher),
    createOffer: bind(createOffer),
    listOffers: bind(listOffers),
    getOffer: bind(getOffer),
    offerView,
    putPlans: bind(updatePlans),
    putListing: bind(updateListing),
    audience: bind(getCspAudience),
    putAudience: bind(saveCspAudience),
    publish: bind(publishOffer),
    syncAudience: bind(syncCspAudience),
    exportAudience: bind(exportCspAudience),
    importAudience: bind(importCspAudience),
    searchPartners: bind(searchPartners),
    partnerSearchFilters: bind(listPartnerSearchFilters),
    openSupportRequest: bind(openSupportRequest),
    resolveSupportRequest: bind(resolveSupportRequest),
    supportRequestsOf: bind(listSupportRequests),
    supportRequest: bind(getSupportRequest),
    /** MKP-9: the operator's queue, each request with the names of its tenant, offer and partners (one statement). */
    supportRequestQueue: (status?: string) => operator.supportRequestQueue(status, supportRequestNames),
    storefront: bind(listStorefrontOffers),
    cspOffers: bind(listCspOffers),
  };
}

export type MarketplaceService = ReturnType<typeof marketplaceService>;
