// PRC-1: one price-list version with its entry count.
import type { PriceList } from '../contract.js';
import { priceListById } from '../reads.js';
import { priceListView } from '../views.js';
import type { PricingDeps } from './deps.js';
import { countEntries } from './list-price-list-entries.js';

export async function getPriceList(deps: PricingDeps, id: string): Promise<PriceList> {
  const row = await priceListById(deps.db, id);
  return priceListView(row, await countEntries(deps.db, id));
}
