// Pricing: the operator's monthly price lists (PRC-1) and repricing at each tier (PRC-2), with exact
// money (PRC-5) and each tier seeing only its own buy and sell prices (PRC-4). This file binds the
// operations (operations/<verb-noun>.ts) to their dependencies, built once; the logic lives in them.
import { binder } from '../../platform/bind.js';
import type { Platform } from '../../platform/context.js';
import type { CommerceService } from '../commerce/service.js';
import type { CustomersService } from '../customers/service.js';
import type { EnrollmentService } from '../enrollment/service.js';
import type { MarketsService } from '../markets/service.js';
import type { RelationshipsService } from '../relationships/service.js';
import { createPriceList } from './operations/create-price-list.js';
import { createRepricingConfig } from './operations/create-repricing-config.js';
import { deleteRepricingConfig } from './operations/delete-repricing-config.js';
import type { PricingDeps } from './operations/deps.js';
import { getPriceList } from './operations/get-price-list.js';
import { listPartnerDiscounts } from './operations/list-partner-discounts.js';
import { listPriceListEntries } from './operations/list-price-list-entries.js';
import { listPriceLists } from './operations/list-price-lists.js';
import { listRepricingConfigs } from './operations/list-repricing-configs.js';
import { previewPrice } from './operations/preview-price.js';
import { priceCatalog } from './operations/price-catalog.js';
import { priceLines, type LineToPrice } from './operations/price-line.js';
import { priceSheet } from './operations/price-sheet.js';
import { publishPriceList } from './operations/publish-price-list.js';
import { setPartnerDiscount } from './operations/set-partner-discount.js';
import { setPriceListEntries } from './operations/set-price-list-entries.js';
import { monthOf } from './rules.js';

export type { LinePrices, LineToPrice, ProductToPrice } from './operations/price-line.js';

export function pricingService(
  platform: Platform,
  services: { commerce: CommerceService; enrollment: EnrollmentService; relationships: RelationshipsService; customers: CustomersService; markets: MarketsService },
  options: { now?: () => Date } = {},
) {
  const deps: PricingDeps = { platform, db: platform.db, ...services, now: options.now ?? (() => new Date()) };
  const bind = binder(deps);
  /** PRC-3: lines priced at every tier in the current month (UTC). */
  const priceLinesNow = (lines: LineToPrice[]) => priceLines(deps, monthOf(deps.now()), lines);
  // PRC-3, PRC-4: checkout freezes these prices on its order lines; the catalog shows the caller's.
  services.commerce.usePricer({ priceLines: priceLinesNow, priceLinesAt: (at, lines, q) => priceLines(deps, monthOf(at), lines, q), priceCatalog: bind(priceCatalog) });
  return {
    listPriceLists: bind(listPriceLists),
    getPriceList: bind(getPriceList),
    createPriceList: bind(createPriceList),
    listPriceListEntries: bind(listPriceListEntries),
    setPriceListEntries: bind(setPriceListEntries),
    publishPriceList: bind(publishPriceList),
    listRepricingConfigs: bind(listRepricingConfigs),
    createRepricingConfig: bind(createRepricingConfig),
    deleteRepricingConfig: bind(deleteRepricingConfig),
    previewPrice: bind(previewPrice),
    listPartnerDiscounts: bind(listPartnerDiscounts),
    setPartnerDiscount: bind(setPartnerDiscount),
    priceSheet: bind(priceSheet),
    /** The four levels of lines' prices in a month (PRC-1, PRC-2). */
    priceLines: bind(priceLines),
    priceLinesNow,
  };
}

export type PricingService = ReturnType<typeof pricingService>;
