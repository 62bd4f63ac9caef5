// MKP-6, MKP-10: the live offers whose audience includes the caller (an active CSP reseller), with the
// CSP materials; nothing for anyone else.
import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import type { CspOffer, CspOffersQuery } from '../contract.js';
import { activeResellers } from '../reads.js';
import { offers } from '../schema.js';
import { cspOfferView } from '../views.js';
import type { MarketplaceDeps } from './deps.js';

export async function listCspOffers({ db }: MarketplaceDeps, actor: Actor, query: CspOffersQuery): Promise<CspOffer[]> {
  const isActiveReseller = (await activeResellers(db, [actor.tenantId])).size > 0;
  if (!isActiveReseller) return [];
  const filters: SQL[] = [sql`${offers.live} is not null`];
  if (query.q) filters.push(ilike(offers.name, `%${escapeLike(query.q)}%`));
  if (query.type) filters.push(eq(offers.type, query.type));
  filters.push(
    sql`(${offers.liveAudienceMode} = 'all' or (${offers.liveAudienceMode} = 'selected' and exists (select 1 from offer_audience a where a.offer_id = ${offers.id} and a.partner_tenant_id = ${actor.tenantId} and a.in_live)))`,
  );
  const rows = await db.select().from(offers).where(and(...filters)).orderBy(asc(offers.name));
  return rows.map(cspOfferView);
}
