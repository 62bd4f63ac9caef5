// ORD-3, CUS-6, MKT-3: everything the checkout preconditions need about some lines a provider orders (a
// cart's lines at checkout, or a subscription's change that adds seats or reactivates), read in a fixed
// number of queries per distinct reseller. The marketplace's CSP audience check is required (no default).
import { arrayLiteral } from '../../../db/index.js';
import type { LineFacts } from '../rules.js';
import type { CartLine } from '../schema.js';
import { parseCatalogItemId, type ProductRow } from '../views.js';
import type { CommerceDeps } from './deps.js';

export interface EvaluatedLine {
  line: CartLine;
  facts: LineFacts;
  product: ProductRow | undefined;
  resellerId: string | undefined;
  currency: string;
}

export async function gatherLineFacts(deps: CommerceDeps, providerTenantId: string, customerTenantId: string, lines: CartLine[]): Promise<EvaluatedLine[]> {
  const { identity, enrollment, markets, relationships, customers, statements } = deps;
  const audienceCheck = deps.audienceCheck.get();
  const productIds = [...new Set(lines.map((l) => parseCatalogItemId(l.catalogItemId)?.productId).filter((id): id is string => id !== undefined))];
  // Independent reads, outside any transaction: side by side.
  const [provider, customer, regionOf, resellerByPartnerId, providerRelationship, productRows] = await Promise.all([
    enrollment.standing(providerTenantId, 'indirectProvider'),
    identity.getTenant(customerTenantId).then((t) => t!),
    markets.regionLookup(),
    enrollment.tenantsByPartnerIds([...new Set(lines.map((l) => l.resellerPartnerId))]),
    customers.relationshipWith(providerTenantId, customerTenantId),
    productIds.length ? statements.activeProducts.execute({ ids: arrayLiteral(productIds) }) : Promise.resolve([]),
  ]);
  const resellerIds = [...new Set(resellerByPartnerId.values())];
  const [currency, inAudience, perReseller] = await Promise.all([
    markets.currencyOf(customer.country),
    audienceCheck(productRows.filter((p) => p.source === 'marketplace').map((p) => p.id), resellerIds),
    Promise.all(
      resellerIds.map((id) =>
        Promise.all([enrollment.standing(id, 'indirectReseller'), relationships.activeBetween([providerTenantId], id), customers.relationshipWith(id, customerTenantId)]),
      ),
    ),
  ]);
  const providerRegion = regionOf(provider.legalCountry ?? '');
  const resellerFacts = new Map<string, NonNullable<LineFacts['reseller']>>();
  resellerIds.forEach((resellerId, index) => {
    const [standing, authorizing, customerRelationship] = perReseller[index]!;
    resellerFacts.set(resellerId, {
      enrollmentStatus: standing.enrollmentStatus,
      agreementAccepted: standing.agreementAccepted,
      associatedPartnerId: standing.partnerId,
      authorizedProvider: authorizing.some((r) => r.resellerTenantId === resellerId),
      customerRelationship: customerRelationship !== undefined,
      // MKT-3: the customer's market is in the region of the provider and of the reseller.
      inRegion: regionOf(customer.country) !== undefined && regionOf(customer.country) === providerRegion && regionOf(standing.legalCountry ?? '') === providerRegion,
      inAudience: true,
    });
  });
  return lines.map((line) => {
    const ref = parseCatalogItemId(line.catalogItemId);
    const product = productRows.find((p) => p.id === ref?.productId);
    const resellerId = resellerByPartnerId.get(line.resellerPartnerId);
    const reseller = resellerId ? resellerFacts.get(resellerId)! : null;
    const facts: LineFacts = {
      providerActive: provider.enrollmentStatus === 'active',
      reseller: reseller && product?.source === 'marketplace' ? { ...reseller, inAudience: inAudience(product.id, resellerId!) } : reseller,
      resellerPartnerId: line.resellerPartnerId,
      providerCustomerRelationship: providerRelationship !== undefined,
      offer: product ? { markets: product.markets, sku: product.skus.find((s) => s.skuId === ref!.skuId) } : null,
      customerCountry: customer.country,
      currency,
      termDuration: line.termDuration,
      billingCycle: line.billingCycle,
      quantity: line.quantity,
    };
    return { line, facts, product, resellerId, currency: currency! };
  });
}
