// PRC-1: the program's partner discount for every marketplace offer type (a type not set: 0 %).
// Marketplace plans are priced from it: the publisher's plan price is the list price, the provider's
// cost is the list price less its offer type's discount.
import { offerTypes } from '../../marketplace/rules.js';
import type { PartnerDiscounts } from '../contract.js';
import { partnerDiscounts } from '../schema.js';
import { partnerDiscountView } from '../views.js';
import type { PricingDeps } from './deps.js';

export async function listPartnerDiscounts(deps: PricingDeps): Promise<PartnerDiscounts> {
  const rows = new Map((await deps.db.select().from(partnerDiscounts)).map((r) => [r.offerType, r]));
  return { items: offerTypes.map((type) => partnerDiscountView(type, rows.get(type))) };
}
