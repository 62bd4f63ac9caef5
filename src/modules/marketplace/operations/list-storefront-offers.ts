// MKP-10: the public storefront of one country: live offers with a plan sold there, never the CSP materials.
import { asc, sql } from 'drizzle-orm';
import type { StorefrontOffer } from '../contract.js';
import { offers } from '../schema.js';
import { storefrontOfferView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function listStorefrontOffers({ db }: MarketplaceDeps, country: string): Promise<StorefrontOffer[]> {
  // A plan sold in the market: jsonb containment, so only those offers leave the database.
  const inMarket = JSON.stringify([{ markets: [country] }]);
  const rows = await db
    .select()
    .from(offers)
    .where(sql`${offers.live} is not null and ${offers.live}->'plans' @> ${inMarket}::jsonb`)
    .orderBy(asc(offers.name));
  return rows.map((r) => storefrontOfferView(r, country));
}
