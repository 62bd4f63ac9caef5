// The operator adds a country, moves it to another region, or changes its currency (MKT-1: a
// partner's region follows its country), audited; the cached table is re-read afterwards.
import { eq } from 'drizzle-orm';
import countries from 'i18n-iso-countries';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields } from '../../../platform/errors.js';
import type { MarketBody } from '../contract.js';
import { marketCountries, marketRegions } from '../schema.js';
import { marketView } from '../views.js';
import type { MarketsDeps } from './deps.js';

export async function setMarket(deps: MarketsDeps, ctx: RequestContext, country: string, input: MarketBody) {
  if (!countries.isValid(country)) throw invalidFields({ path: '/params/country', code: 'country_invalid' });
  const result = await deps.platform.transaction(async (tx) => {
    const [region] = await tx.select().from(marketRegions).where(eq(marketRegions.id, input.regionId));
    if (!region) throw invalidFields({ path: '/regionId', code: 'region_unknown', params: { region: input.regionId } });
    const [before] = await tx.select().from(marketCountries).where(eq(marketCountries.country, country));
    const values = { regionId: input.regionId, currency: input.currency, updatedAt: new Date() };
    const [after] = await tx.insert(marketCountries).values({ country, ...values }).onConflictDoUpdate({ target: marketCountries.country, set: values }).returning();
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: before ? 'market.updated' : 'market.created', resourceType: 'market', resourceId: country, before: before ?? null, after });
    return after!;
  });
  deps.table.invalidate();
  return marketView(result, ctx.locale);
}
