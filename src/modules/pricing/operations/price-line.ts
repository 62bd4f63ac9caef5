// PRC-1, PRC-2, PRC-5: a line priced at every tier for a month: the list price and the provider's cost
// from the price list in force, the reseller's price from the provider's configs (basis: the provider's
// cost or the list price), the customer's price from the reseller's configs (basis: the reseller's
// price or the list price). Without a config a buyer pays list price. Each price is rounded once, half
// to even, at the unit price. Checkout will freeze these four (PRC-3); the preview shows one tier's.
import type { Queryable } from '../../../db/index.js';
import { entryInForce, configsFor } from '../reads.js';
import { repricedUnitPrice, type Month } from '../rules.js';
import type { RepricingConfigRow } from '../views.js';
import type { PricingDeps } from './deps.js';

export interface LineToPrice {
  providerTenantId: string;
  resellerTenantId: string;
  /** Absent: priced down to the reseller only. */
  customerTenantId?: string;
  productId: string;
  skuId: string;
  termDuration: string;
  billingCycle: string;
  currency: string;
  month: Month;
}

export interface LinePrices {
  priceListId: string;
  listPrice: number;
  providerCost: number;
  resellerPrice: number;
  /** The provider's config behind the reseller's price (null: list price). */
  resellerConfig: RepricingConfigRow | null;
  customerPrice?: number;
  customerConfig?: RepricingConfigRow | null;
}

/** The line's prices in minor units of its currency, or undefined when the price list in force does not list it. */
export async function priceLine(deps: PricingDeps, line: LineToPrice, q: Queryable = deps.db): Promise<LinePrices | undefined> {
  const entry = await entryInForce(q, line, line.month);
  if (!entry) return undefined;
  const list = entry.listPrice;
  const provider = await configsFor(q, line.providerTenantId, 'reseller', line.resellerTenantId, line.month);
  const reseller = repricedUnitPrice(provider.rules, { ...line, buyerTenantId: line.resellerTenantId }, { cost: entry.unitPrice, list });
  const prices: LinePrices = {
    priceListId: entry.priceListId,
    listPrice: list,
    providerCost: entry.unitPrice,
    resellerPrice: reseller.unitPrice,
    resellerConfig: reseller.configId ? provider.rows.get(reseller.configId)! : null,
  };
  if (line.customerTenantId === undefined) return prices;
  const own = await configsFor(q, line.resellerTenantId, 'customer', line.customerTenantId, line.month);
  const customer = repricedUnitPrice(own.rules, { ...line, buyerTenantId: line.customerTenantId }, { cost: reseller.unitPrice, list });
  return { ...prices, customerPrice: customer.unitPrice, customerConfig: customer.configId ? own.rows.get(customer.configId)! : null };
}
