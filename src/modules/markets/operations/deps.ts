// What the markets operations are built with (service.ts makes it once).
import type { Db } from '../../../db/index.js';
import type { Platform } from '../../../platform/context.js';
import type { MarketTable } from '../reads.js';

export interface MarketsDeps {
  platform: Platform;
  db: Db;
  /** Country → region and currency, cached for a short while (regions change rarely; every instance re-reads). */
  table: MarketTable;
}
