// Loads markets.json into empty tables on first start (MKT-1: every country's region and currency).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { projectRoot } from '../../../paths.js';
import { marketCountries, marketRegions } from '../schema.js';
import type { MarketsDeps } from './deps.js';

interface MarketsFile {
  regions: { id: string; name: string; countries: { country: string; currency: string }[] }[];
}

const seedFile = path.join(projectRoot, 'src', 'modules', 'markets', 'markets.json');

export async function seedMarkets(deps: MarketsDeps) {
  const [row] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(marketRegions);
  if ((row?.n ?? 0) > 0) return;
  const data = JSON.parse(readFileSync(seedFile, 'utf8')) as MarketsFile;
  await deps.db.transaction(async (tx) => {
    await tx.insert(marketRegions).values(data.regions.map((r) => ({ id: r.id, name: r.name }))).onConflictDoNothing();
    await tx
      .insert(marketCountries)
      .values(data.regions.flatMap((r) => r.countries.map((c) => ({ country: c.country, regionId: r.id, currency: c.currency }))))
      .onConflictDoNothing();
  });
}
