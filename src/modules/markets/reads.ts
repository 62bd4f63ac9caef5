// The markets' reads: the country table through a short-lived cache, a country's region and
// currency, and the regions with their countries (MKT-1 … MKT-3).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { MarketsDeps } from './operations/deps.js';
import { sameRegion as sameRegionRule } from './rules.js';
import { marketCountries, marketRegions } from './schema.js';
import { marketView, regionView } from './views.js';

const cacheMs = 30_000;

export interface MarketTable {
  byCountry(): Promise<Map<string, { regionId: string; currency: string }>>;
  invalidate(): void;
}

/** The country table, re-read after cacheMs or once invalidated (one per service instance). */
export function marketTable(db: Db): MarketTable {
  let cache: { at: number; byCountry: Map<string, { regionId: string; currency: string }> } | undefined;
  return {
    async byCountry() {
      if (cache && Date.now() - cache.at < cacheMs) return cache.byCountry;
      const rows = await db.select().from(marketCountries);
      cache = { at: Date.now(), byCountry: new Map(rows.map((r) => [r.country, { regionId: r.regionId, currency: r.currency }])) };
      return cache.byCountry;
    },
    invalidate() {
      cache = undefined;
    },
  };
}

/** A function country → region for the pure rules (MKT-1). */
export async function regionLookup(deps: MarketsDeps) {
  const byCountry = await deps.table.byCountry();
  return (country: string) => byCountry.get(country)?.regionId;
}

export async function regionOf(deps: MarketsDeps, country: string) {
  return (await deps.table.byCountry()).get(country)?.regionId;
}

/** The countries of a region (MKT-1). */
export async function countriesOf(deps: MarketsDeps, regionId: string) {
  return [...(await deps.table.byCountry()).entries()].filter(([, m]) => m.regionId === regionId).map(([country]) => country);
}

export async function currencyOf(deps: MarketsDeps, country: string) {
  return (await deps.table.byCountry()).get(country)?.currency;
}

/** MKT-2, MKT-3 */
export async function sameRegion(deps: MarketsDeps, countryA: string, countryB: string) {
  return sameRegionRule(countryA, countryB, await regionLookup(deps));
}

export async function listRegions(deps: MarketsDeps, locale: Locale) {
  const [regionRows, countryRows] = [
    await deps.db.select().from(marketRegions).orderBy(asc(marketRegions.name)),
    await deps.db.select().from(marketCountries).orderBy(asc(marketCountries.country)),
  ];
  return regionRows.map((r) => regionView(r, countryRows, locale));
}

export async function getMarket(deps: MarketsDeps, country: string, locale: Locale) {
  const [row] = await deps.db.select().from(marketCountries).where(eq(marketCountries.country, country));
  if (!row) throw notFound('market');
  return marketView(row, locale);
}
