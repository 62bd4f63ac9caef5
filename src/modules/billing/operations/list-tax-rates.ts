// BIL-1: the tax rates the operator keeps, by country (a market without one is taxed at 0 %).
import { asc } from 'drizzle-orm';
import type { TaxRates } from '../contract.js';
import { taxRates } from '../schema.js';
import { taxRateView } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function listTaxRates({ db }: BillingDeps): Promise<TaxRates> {
  const rows = await db.select().from(taxRates).orderBy(asc(taxRates.country));
  return { items: rows.map(taxRateView) };
}
