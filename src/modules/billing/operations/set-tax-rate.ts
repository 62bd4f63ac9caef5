// BIL-1: the operator sets the tax rate (VAT/GST) of one market, 0 to 100 % with at most two decimals
// (the schema refuses anything else, naming the field); a country outside the markets is not found.
// It applies to the periods closed from then on (issued documents keep theirs). Audited with before
// and after in the same transaction.
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields, notFound } from '../../../platform/errors.js';
import { parsePercent } from '../../../platform/money.js';
import { marketCountries } from '../../markets/schema.js';
import type { TaxRate } from '../contract.js';
import { taxRates } from '../schema.js';
import { taxRateView } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function setTaxRate(deps: BillingDeps, ctx: RequestContext, country: string, rate: string): Promise<TaxRate> {
  const rateBp = parsePercent(rate);
  if (rateBp === undefined || rateBp < 0 || rateBp > 10_000) throw invalidFields({ path: '/rate', code: 'pattern' });
  return deps.platform.transaction(async (tx) => {
    const [market] = await tx.select({ country: marketCountries.country }).from(marketCountries).where(eq(marketCountries.country, country));
    if (!market) throw notFound('market');
    const [held] = await tx.select().from(taxRates).where(eq(taxRates.country, country)).for('update');
    const [row] = await tx
      .insert(taxRates)
      .values({ country, rateBp })
      .onConflictDoUpdate({ target: taxRates.country, set: { rateBp, updatedAt: sql`now()` } })
      .returning();
    const after = taxRateView(row!);
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'taxRate.set', resourceType: 'taxRate', resourceId: country, before: held ? taxRateView(held) : null, after });
    return after;
  });
}
