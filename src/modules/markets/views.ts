// Rows → the shapes of contract.ts; country names in the caller's language.
import { countryName, type Locale } from '../../platform/i18n/index.js';
import type { Market, Region } from './contract.js';
import type { marketCountries, marketRegions } from './schema.js';

type CountryRow = typeof marketCountries.$inferSelect;

export function marketView(row: CountryRow, locale: Locale): Market {
  return { country: row.country, name: countryName(row.country, locale), regionId: row.regionId, currency: row.currency };
}

/** A region with its countries, sorted by name in the caller's language. */
export function regionView(region: typeof marketRegions.$inferSelect, countryRows: CountryRow[], locale: Locale): Region {
  return {
    id: region.id,
    name: region.name,
    countries: countryRows
      .filter((c) => c.regionId === region.id)
      .map((c) => marketView(c, locale))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}
