// Markets: CSP regions and the countries (with market currency) in each. Seeded from markets.json;
// the operator edits them.
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const marketRegions = pgTable('market_regions', {
  id: text().primaryKey(),
  name: text().notNull(),
});

export const marketCountries = pgTable(
  'market_countries',
  {
    country: text().primaryKey(),
    regionId: text()
      .notNull()
      .references(() => marketRegions.id),
    currency: text().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('market_countries_region_idx').on(t.regionId)],
);
