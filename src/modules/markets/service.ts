// Markets: the region and currency of each country, seeded from markets.json into the database on
// first start, read through a short-lived cache. Binds the operations (operations/) and reads
// (reads.ts) to the platform, once.
import type { RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { MarketBody } from './contract.js';
import type { MarketsDeps } from './operations/deps.js';
import { seedMarkets } from './operations/seed-markets.js';
import { setMarket } from './operations/set-market.js';
import { countriesOf, currencyOf, getMarket, listRegions, marketTable, regionLookup, regionOf, sameRegion } from './reads.js';

export function marketsService(platform: Platform) {
  const deps: MarketsDeps = { platform, db: platform.db, table: marketTable(platform.db) };
  return {
    regions: (locale: Locale) => listRegions(deps, locale),
    market: (country: string, locale: Locale) => getMarket(deps, country, locale),
    setMarket: (ctx: RequestContext, country: string, input: MarketBody) => setMarket(deps, ctx, country, input),
    ensureSeeded: () => seedMarkets(deps),
    regionLookup: () => regionLookup(deps),
    regionOf: (country: string) => regionOf(deps, country),
    /** The countries of a region (MKT-1). */
    countriesOf: (regionId: string) => countriesOf(deps, regionId),
    currencyOf: (country: string) => currencyOf(deps, country),
    /** MKT-2, MKT-3 */
    sameRegion: (countryA: string, countryB: string) => sameRegion(deps, countryA, countryB),
    invalidate: () => deps.table.invalidate(),
  };
}

export type MarketsService = ReturnType<typeof marketsService>;
