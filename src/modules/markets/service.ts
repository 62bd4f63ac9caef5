// Markets: the region and currency of each country, seeded from markets.json into the database on
// first start, read through a short-lived cache (regions change rarely; every instance re-reads).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import { projectRoot } from '../../paths.js';
import { marketCountries, marketRegions } from './schema.js';
import { sameRegion as sameRegionRule } from './rules.js';

interface MarketsFile {
  regions: { id: string; name: string; countries: { country: string; currency: string }[] }[];
}

const seedFile = path.join(projectRoot, 'src', 'modules', 'markets', 'markets.json');
const cacheMs = 30_000;

export function marketsService(platform: Platform) {
  let cache: { at: number; byCountry: Map<string, { regionId: string; currency: string }> } | undefined;

  /** Loads markets.json into empty tables (first start). */
  async function ensureSeeded() {
    const [row] = await platform.db.select({ n: sql<number>`count(*)::int` }).from(marketRegions);
    if ((row?.n ?? 0) > 0) return;
    const data = JSON.parse(readFileSync(seedFile, 'utf8')) as MarketsFile;
    await platform.db.transaction(async (tx) => {
      await tx.insert(marketRegions).values(data.regions.map((r) => ({ id: r.id, name: r.name }))).onConflictDoNothing();
      await tx
        .insert(marketCountries)
        .values(data.regions.flatMap((r) => r.countries.map((c) => ({ country: c.country, regionId: r.id, currency: c.currency }))))
        .onConflictDoNothing();
    });
  }

  async function table() {
    if (cache && Date.now() - cache.at < cacheMs) return cache.byCountry;
    const rows = await platform.db.select().from(marketCountries);
    cache = { at: Date.now(), byCountry: new Map(rows.map((r) => [r.country, { regionId: r.regionId, currency: r.currency }])) };
    return cache.byCountry;
  }

  /** A function country → region for the pure rules (MKT-1). */
  async function regionLookup() {
    const byCountry = await table();
    return (country: string) => byCountry.get(country)?.regionId;
  }

  return {
    ensureSeeded,
    regionLookup,
    async regionOf(country: string) {
      return (await table()).get(country)?.regionId;
    },
    async currencyOf(country: string) {
      return (await table()).get(country)?.currency;
    },
    /** MKT-2, MKT-3 */
    async sameRegion(countryA: string, countryB: string) {
      return sameRegionRule(countryA, countryB, await regionLookup());
    },
    invalidate() {
      cache = undefined;
    },
  };
}

export type MarketsService = ReturnType<typeof marketsService>;
