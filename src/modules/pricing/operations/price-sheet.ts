// PRC-4: a tier's price sheet for a month: every line it may sell (SKU or marketplace plan × term ×
// billing cycle × currency) with only its own buy and sell prices.
// - the operator: the list price and the provider's cost;
// - a provider (tier reseller): its cost and the price of each of its active resellers, one row per
//   reseller × line;
// - a reseller (tier customer): its cost (what its provider charges it), the list price and the price
//   of each of its customers, one row per customer × line; never its provider's cost.
// The reference prices come from priceLines (the same as checkout's, PRC-3), in one call for every
// line; the buyers' prices from the seller's configs, loaded once, through the pure rules
// (repricedUnitPrice), exactly as priceLines applies them. Everything that can fail runs before the
// first row: the rows are then produced one by one as the reply reads them (memory holds the lines and
// the buyers, never the rows).
import { Readable } from 'node:stream';
import { hasPermission, type Actor } from '../../../platform/access.js';
import { formatAmount } from '../../../platform/money.js';
import type { OperatorPriceSheetRow, PriceSheetFormat, PriceSheetQuery, ProviderPriceSheetRow, RepricingTier, ResellerPriceSheetRow } from '../contract.js';
import { configsForBuyers, providerOfReseller, requireSeller } from '../reads.js';
import { monthOf, repricedUnitPrice, termCyclePairs, type Month, type RepricingConfig } from '../rules.js';
import { ruleConfigOf } from '../views.js';
import { csvSafe } from '../../marketplace/rules.js';
import type { PricingDeps } from './deps.js';
import { priceLines, type LinePrices, type LineToPrice, type ProductToPrice } from './price-line.js';

export type PriceSheetAudience = 'operator' | 'provider' | 'reseller';

/** A sheet as the reply sends it: its media type, the attachment's file name and the streamed body. */
export interface PriceSheet {
  audience: PriceSheetAudience;
  contentType: string;
  fileName: string;
  body: Readable;
}

/** Rows are sent in chunks of about this many characters (fewer, larger writes). */
const chunkSize = 64 * 1024;

/**
 * A sheet's rows, held as what they are made of: the lines (the fields each line's rows share), and for
 * a partner's sheet its buyers (each adding its own fields and its price to every line: a row per buyer
 * × line). Each line's and each buyer's part is encoded once; a row is the two joined with its price.
 */
interface SheetTable {
  lineColumns: readonly string[];
  lines: readonly Record<string, string>[];
  /** Absent: one row per line (the operator's sheet). */
  buyers?: {
    columns: readonly string[];
    rows: readonly Record<string, string>[];
    priceColumn: string;
    /** The price of a line for a buyer, as decimal text (by index). */
    priceOf(buyer: number, line: number): string;
  };
}

/** A CSV cell as csv-stringify writes one (quoted when it holds a comma, a quote or a line break), a formula start neutralized first (MKP-5's csvSafe). */
export function csvCell(value: string): string {
  const safe = csvSafe(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A JSON object's members without its braces, in the columns' order. */
function jsonMembers(columns: readonly string[], record: Record<string, string>): string {
  return columns.map((c) => `${JSON.stringify(c)}:${JSON.stringify(record[c])}`).join(',');
}

/**
 * The rows as a stream in the asked format: CSV with a header of the columns, or a JSON array of the
 * rows (each an object in the columns' order). Pulled as the reply is read: a chunk is held at a time,
 * beside the lines and buyers, never the rows.
 */
function encodeSheet(format: PriceSheetFormat, table: SheetTable): Readable {
  const { lines, buyers } = table;
  const csv = format === 'csv';
  const lineParts = lines.map((line) => (csv ? table.lineColumns.map((c) => csvCell(line[c]!)).join(',') : `{${jsonMembers(table.lineColumns, line)}`));
  const buyerParts = buyers?.rows.map((buyer) => (csv ? `,${buyers.columns.map((c) => csvCell(buyer[c]!)).join(',')},` : `,${jsonMembers(buyers.columns, buyer)},${JSON.stringify(buyers.priceColumn)}:`));
  const price = (text: string) => (csv ? csvCell(text) : JSON.stringify(text));
  const end = csv ? '\n' : '}';
  function* chunks(): Generator<Buffer> {
    // Rows are written as UTF-8 straight into chunk buffers (off the JavaScript heap, freed once sent).
    let chunk = Buffer.allocUnsafe(chunkSize);
    let used = 0;
    let first = true;
    const write = (text: string) => {
      used += chunk.write(text, used);
    };
    const next = () => {
      const done = chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(chunkSize);
      used = 0;
      return done;
    };
    const rowOf = (row: string) => {
      if (csv) return row;
      const separated = `${first ? '\n' : ',\n'}${row}`;
      first = false;
      return separated;
    };
    const header = csv ? `${[...table.lineColumns, ...(buyers ? [...buyers.columns, buyers.priceColumn] : [])].join(',')}\n` : '[';
    write(header);
    for (let b = 0; b < (buyerParts?.length ?? 1); b++) {
      for (let i = 0; i < lineParts.length; i++) {
        const row = rowOf(buyers && buyerParts ? `${lineParts[i]}${buyerParts[b]}${price(buyers.priceOf(b, i))}${end}` : `${lineParts[i]}${end}`);
        const bytes = Buffer.byteLength(row);
        if (used + bytes > chunkSize && used > 0) yield next();
        // A row longer than a chunk (none is) would still be sent whole, as a chunk of its own.
        if (bytes > chunkSize) yield Buffer.from(row);
        else write(row);
      }
    }
    if (!csv) {
      if (used + 3 > chunkSize) yield next();
      write('\n]\n');
    }
    yield next();
  }
  return Readable.from(chunks());
}

function sheetOf(audience: PriceSheetAudience, format: PriceSheetFormat, fileName: string, table: SheetTable): PriceSheet {
  return {
    audience,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    fileName,
    body: encodeSheet(format, table),
  };
}

const lineColumns = ['month', 'productId', 'productName', 'source', 'skuId', 'skuName', 'termDuration', 'billingCycle', 'currency'] as const;
export const priceSheetColumns = {
  operator: [...lineColumns, 'listPrice', 'providerCost'],
  provider: [...lineColumns, 'listPrice', 'providerCost', 'resellerTenantId', 'resellerName', 'resellerPrice'],
  reseller: [...lineColumns, 'providerTenantId', 'listPrice', 'resellerCost', 'customerTenantId', 'customerName', 'customerPrice'],
} as const satisfies Record<PriceSheetAudience, readonly string[]>;

interface SheetProduct extends ProductToPrice {
  name: string;
  markets: string[];
  skus: (ProductToPrice['skus'][number] & { name: string; termDurations: string[]; billingCycles: string[] })[];
}

interface Buyer {
  tenantId: string;
  name: string;
}

type SheetLine = Omit<LineToPrice, 'product'> & { product: SheetProduct };

interface PricedLine {
  line: SheetLine;
  prices: LinePrices;
}

/** Buyers are read in pages of this many (the sheet holds them all: rows are buyers × lines). */
const buyerPage = 5000;

/** The currencies the sheet is in: the one asked, or those of the caller's markets (the operator's: all); null is every currency. */
async function sheetScope(deps: PricingDeps, actor: Actor, program: 'indirectProvider' | 'indirectReseller' | null, currency: string | undefined): Promise<{ currencies: Set<string> | null; countries: Set<string> | null }> {
  if (program === null) return { currencies: currency ? new Set([currency]) : null, countries: null };
  const { legalCountry } = await deps.enrollment.standing(actor.tenantId, program);
  const region = legalCountry ? await deps.markets.regionOf(legalCountry) : undefined;
  const countries = new Set(region ? await deps.markets.countriesOf(region) : []);
  if (currency) return { currencies: new Set([currency]), countries };
  const currencies = new Set<string>();
  for (const country of countries) {
    const found = await deps.markets.currencyOf(country);
    if (found) currencies.add(found);
  }
  return { currencies, countries };
}

/** The currencies of these markets (MKT-4), each country asked once per sheet. */
async function currenciesOfMarkets(deps: PricingDeps, countries: readonly string[], known: Map<string, string | undefined>): Promise<string[]> {
  const found: string[] = [];
  for (const country of countries) {
    if (!known.has(country)) known.set(country, (await deps.markets.currencyOf(country)) ?? undefined);
    const currency = known.get(country);
    if (currency) found.push(currency);
  }
  return found;
}

/** Every active product in scope (the operator's and the live marketplace offers), as pricing reads them. */
async function sheetProducts(deps: PricingDeps, countries: Set<string> | null): Promise<SheetProduct[]> {
  const [own, marketplace] = await Promise.all([deps.commerce.listProducts(), deps.commerce.listMarketplaceProducts()]);
  const products: SheetProduct[] = [...own.filter((p) => p.active).map((p) => ({ ...p, offerType: null })), ...marketplace];
  return countries ? products.filter((p) => p.markets.some((country) => countries.has(country))) : products;
}

/** The sheet's lines (each SKU × term × billing cycle pair × currency in scope) with their reference prices; lines nothing prices are left out. */
async function pricedLines(deps: PricingDeps, month: Month, products: SheetProduct[], currencies: Set<string> | null, tiers: { providerTenantId: string; resellerTenantId?: string }): Promise<PricedLine[]> {
  const lines: (SheetLine)[] = [];
  const known = new Map<string, string | undefined>();
  for (const product of products) {
    // A price list prices an operator product in its markets' currencies; a SKU's own price in its own.
    const marketCurrencies = product.source === 'operator' ? await currenciesOfMarkets(deps, product.markets, known) : [];
    for (const sku of product.skus) {
      const skuCurrencies = [...new Set([...sku.prices.map((p) => p.currency), ...marketCurrencies])].filter((c) => !currencies || currencies.has(c)).sort();
      const { skuId } = sku;
      for (const { termDuration, billingCycle } of termCyclePairs(sku)) {
        for (const currency of skuCurrencies) lines.push(tiers.resellerTenantId === undefined ? { providerTenantId: tiers.providerTenantId, product, skuId, termDuration, billingCycle, currency } : { ...tiers, product, skuId, termDuration, billingCycle, currency });
      }
    }
  }
  const prices = await priceLines(deps, month, lines);
  return lines.flatMap((line, i) => (prices[i] ? [{ line, prices: prices[i] }] : []));
}

function lineFields(month: Month, { line, prices }: PricedLine) {
  const sku = line.product.skus.find((s) => s.skuId === line.skuId)!;
  const source = line.product.source === 'marketplace' ? 'marketplace' : prices.priceListId ? 'priceList' : 'catalog';
  return { month, productId: line.product.id, productName: line.product.name, source, skuId: line.skuId, skuName: sku.name, termDuration: line.termDuration, billingCycle: line.billingCycle, currency: line.currency } as const;
}

/**
 * PRC-2: each buyer's price of each line from the seller's configs, exactly as priceLines applies them
 * (repricedUnitPrice), as decimal text. A config for one buyer matters to that buyer only, so the
 * prices of every buyer without one come from the configs for all buyers: computed once per line.
 */
function buyerPricer(configs: readonly RepricingConfig[], month: Month, lines: readonly PricedLine[], reference: (prices: LinePrices) => { cost: number; list: number }) {
  const withOwnConfig = new Set(configs.flatMap((c) => (c.scope.kind === 'one' ? [c.scope.buyerTenantId] : [])));
  const priceOf = (buyerTenantId: string, { line, prices }: PricedLine) =>
    formatAmount(repricedUnitPrice(configs, { buyerTenantId, productId: line.product.id, skuId: line.skuId, month, currency: line.currency }, reference(prices)).unitPrice, line.currency);
  // No tenant ID is empty: no config for one buyer names this one.
  const forAnyBuyer = lines.map((priced) => priceOf('', priced));
  return (buyerTenantId: string, index: number) => (withOwnConfig.has(buyerTenantId) ? priceOf(buyerTenantId, lines[index]!) : forAnyBuyer[index]!);
}

/** The provider's active resellers, by name. */
async function resellersOf(deps: PricingDeps, actor: Actor): Promise<Buyer[]> {
  const buyers = new Map<string, Buyer>();
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const page = await deps.relationships.listRelationships(actor, { relationshipType: 'IsIndirectCloudSolutionProviderOf', size: buyerPage, after });
    for (const r of page.items) if (r.providerTenantId === actor.tenantId) buyers.set(r.resellerTenantId, { tenantId: r.resellerTenantId, name: r.name });
    const last = page.items.at(-1);
    if (page.items.length < buyerPage || !last) break;
    after = { at: new Date(last.createdAt), id: last.id };
  }
  return [...buyers.values()].sort((a, b) => (a.name === b.name ? (a.tenantId < b.tenantId ? -1 : 1) : a.name < b.name ? -1 : 1));
}

/** The reseller's customers (those it is the reseller of), by name. */
async function customersOf(deps: PricingDeps, actor: Actor): Promise<Buyer[]> {
  const buyers = new Map<string, Buyer>();
  let after: { name: string; tenantId: string } | undefined;
  for (;;) {
    const page = await deps.customers.listCustomers(actor, { size: buyerPage, after });
    for (const c of page.items) if (c.relationships.some((r) => r.partnerTenantId === actor.tenantId && r.role === 'reseller')) buyers.set(c.id, { tenantId: c.id, name: c.companyName });
    const last = page.items.at(-1);
    if (page.items.length < buyerPage || !last) break;
    after = { name: last.companyName, tenantId: last.id };
  }
  return [...buyers.values()];
}

/** Which partner sheet: the one asked, or the provider's for an active provider, else the reseller's. */
async function partnerTier(deps: PricingDeps, actor: Actor, asked: RepricingTier | undefined): Promise<RepricingTier> {
  if (asked) return asked;
  return (await deps.enrollment.standing(actor.tenantId, 'indirectProvider')).enrollmentStatus === 'active' ? 'reseller' : 'customer';
}

export async function priceSheet(deps: PricingDeps, actor: Actor, query: PriceSheetQuery): Promise<PriceSheet> {
  const month = query.month ?? monthOf(deps.now());
  const format = query.format ?? 'csv';
  const fileName = (audience: PriceSheetAudience) => `price-sheet-${audience}-${month}${query.currency ? `-${query.currency}` : ''}.${format}`;
  const amount = (minor: number, currency: string) => formatAmount(minor, currency);

  // The operator's roles see the list prices and the providers' costs (as they read the price lists).
  if (actor.isOperator && hasPermission(actor.roles, 'pricing.priceLists.read')) {
    const { currencies } = await sheetScope(deps, actor, null, query.currency);
    const lines = await pricedLines(deps, month, await sheetProducts(deps, null), currencies, { providerTenantId: actor.tenantId });
    const rows = lines.map((priced): OperatorPriceSheetRow => ({ ...lineFields(month, priced), listPrice: amount(priced.prices.listPrice, priced.line.currency), providerCost: amount(priced.prices.providerCost, priced.line.currency) }));
    return sheetOf('operator', format, fileName('operator'), { lineColumns: priceSheetColumns.operator, lines: rows });
  }

  const tier = await partnerTier(deps, actor, query.tier);
  await requireSeller(deps, actor, tier);
  if (tier === 'reseller') {
    const { currencies, countries } = await sheetScope(deps, actor, 'indirectProvider', query.currency);
    const [lines, resellers] = await Promise.all([
      sheetProducts(deps, countries).then((products) => pricedLines(deps, month, products, currencies, { providerTenantId: actor.tenantId })),
      resellersOf(deps, actor),
    ]);
    const configs = (await configsForBuyers(deps.db, [actor.tenantId], 'reseller', resellers.map((r) => r.tenantId), month)).map(ruleConfigOf);
    const priceFor = buyerPricer(configs, month, lines, (p) => ({ cost: p.providerCost, list: p.listPrice }));
    const fixed = lines.map((priced): Omit<ProviderPriceSheetRow, 'resellerTenantId' | 'resellerName' | 'resellerPrice'> => ({
      ...lineFields(month, priced),
      listPrice: amount(priced.prices.listPrice, priced.line.currency),
      providerCost: amount(priced.prices.providerCost, priced.line.currency),
    }));
    return sheetOf('provider', format, fileName('provider'), {
      lineColumns: priceSheetColumns.provider.slice(0, -3),
      lines: fixed,
      buyers: {
        columns: ['resellerTenantId', 'resellerName'],
        rows: resellers.map((r) => ({ resellerTenantId: r.tenantId, resellerName: r.name })),
        priceColumn: 'resellerPrice',
        priceOf: (b, i) => priceFor(resellers[b]!.tenantId, i),
      },
    });
  }

  // PRC-4: a reseller's cost is its provider's price to it; the provider's cost is never in its rows.
  const providerTenantId = await providerOfReseller(deps, actor, query.providerTenantId);
  const { currencies, countries } = await sheetScope(deps, actor, 'indirectReseller', query.currency);
  const [lines, customers] = await Promise.all([
    sheetProducts(deps, countries).then((products) => pricedLines(deps, month, products, currencies, { providerTenantId, resellerTenantId: actor.tenantId })),
    customersOf(deps, actor),
  ]);
  const configs = (await configsForBuyers(deps.db, [actor.tenantId], 'customer', customers.map((c) => c.tenantId), month)).map(ruleConfigOf);
  const priceFor = buyerPricer(configs, month, lines, (p) => ({ cost: p.resellerPrice!, list: p.listPrice }));
  const fixed = lines.map((priced): Omit<ResellerPriceSheetRow, 'customerTenantId' | 'customerName' | 'customerPrice'> => ({
    ...lineFields(month, priced),
    providerTenantId,
    listPrice: amount(priced.prices.listPrice, priced.line.currency),
    resellerCost: amount(priced.prices.resellerPrice!, priced.line.currency),
  }));
  return sheetOf('reseller', format, fileName('reseller'), {
    lineColumns: priceSheetColumns.reseller.slice(0, -3),
    lines: fixed,
    buyers: {
      columns: ['customerTenantId', 'customerName'],
      rows: customers.map((c) => ({ customerTenantId: c.tenantId, customerName: c.name })),
      priceColumn: 'customerPrice',
      priceOf: (b, i) => priceFor(customers[b]!.tenantId, i),
    },
  });
}
