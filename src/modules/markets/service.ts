// Markets: the region and currency of each country, seeded from markets.json into the database on
// first start, read through a short-lived cache (regions change rarely; every instance re-reads).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import countries from 'i18n-iso-countries';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import { invalidFields, notFound } from '../../platform/errors.js';
import { countryName, type Locale } from '../../platform/i18n/index.js';
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

  async function regions(locale: Locale) {
    const [regionRows, countryRows] = [
      await platform.db.select().from(marketRegions).orderBy(asc(marketRegions.name)),
      await platform.db.select().from(marketCountries).orderBy(asc(marketCountries.country)),
    ];
    return regionRows.map((r) => ({
      id: r.id,
      name: r.name,
      countries: countryRows
        .filter((c) => c.regionId === r.id)
        .map((c) => ({ country: c.country, name: countryName(c.country, locale), regionId: c.regionId, currency: c.currency }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    }));
  }

  async function market(country: string, locale: Locale) {
    const [row] = await platform.db.select().from(marketCountries).where(eq(marketCountries.country, country));
    if (!row) throw notFound('market');
    return { country: row.country, name: countryName(row.country, locale), regionId: row.regionId, currency: row.currency };
  }

  /** The operator adds a country, moves it to another region, or changes its currency (audited). */
  async function setMarket(ctx: RequestContext, country: string, input: { regionId: string; currency: string }) {
    if (!countries.isValid(country)) throw invalidFields({ path: '/params/country', code: 'country_invalid' });
    const result = await platform.transaction(async (tx) => {
      const [region] = await tx.select().from(marketRegions).where(eq(marketRegions.id, input.regionId));
      if (!region) throw invalidFields({ path: '/regionId', code: 'region_unknown', params: { region: input.regionId } });
      const [before] = await tx.select().from(marketCountries).where(eq(marketCountries.country, country));
      const values = { regionId: input.regionId, currency: input.currency, updatedAt: new Date() };
      const [after] = await tx.insert(marketCountries).values({ country, ...values }).onConflictDoUpdate({ target: marketCountries.country, set: values }).returning();
      await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: before ? 'market.updated' : 'market.created', resourceType: 'market', resourceId: country, before: before ?? null, after });
      return after!;
    });
    cache = undefined;
    return { country: result.country, name: countryName(result.country, ctx.locale), regionId: result.regionId, currency: result.currency };
  }

  return {
    regions,
    market,
    setMarket,
    ensureSeeded,
    regionLookup,
    async regionOf(country: string) {
      return (await table()).get(country)?.regionId;
    },
    /** The countries of a region (MKT-1). */
    async countriesOf(regionId: string) {
      return [...(await table()).entries()].filter(([, m]) => m.regionId === regionId).map(([country]) => country);
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
