// The publisher's own offers, newest first.
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { OfferRow } from '../reads.js';
import { offers } from '../schema.js';
import type { MarketplaceDeps } from './deps.js';

export async function listOffers({ db }: MarketplaceDeps, actor: Actor): Promise<OfferRow[]> {
  return db.select().from(offers).where(eq(offers.publisherTenantId, actor.tenantId)).orderBy(desc(offers.createdAt));
}
