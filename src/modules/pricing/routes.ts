// Pricing routes: the operator's price lists (PRC-1) and partners' repricing configs with their live
// preview (PRC-2, PRC-4). Path, schemas from contract.ts (typed through the TypeBox type provider),
// permission, one service call.
import type { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeTimeCursor, defaultPageSize, IdParams, NoContent, Problem, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import {
  PartnerDiscount,
  PartnerDiscountBody,
  PartnerDiscountParams,
  PartnerDiscounts,
  PriceList,
  PriceListBody,
  PriceListEntries,
  PriceListEntriesBody,
  PriceListEntryQuery,
  PriceListQuery,
  PriceLists,
  PricePreview,
  PricePreviewQuery,
  PriceSheetCsv,
  PriceSheetJson,
  PriceSheetQuery,
  RepricingConfig,
  RepricingConfigBody,
  RepricingConfigQuery,
  RepricingConfigs,
} from './contract.js';
import { monthStart } from './rules.js';
import type { PricingService } from './service.js';
import { decodeEntryCursor, entryCursorOf, repricingConfigView } from './views.js';

/** A body streamed as it is produced: the schema documents what it holds, the handler sends a stream (never serialized). */
const streamed = <T extends TSchema>(schema: T) => Type.Unsafe<Readable>(schema);

export function pricingRoutes(fastify: FastifyInstance, pricing: PricingService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['pricing'];

  app.get(
    '/v1/price-lists',
    { config: { permission: 'pricing.priceLists.read' }, schema: { tags, summary: 'The monthly price-list versions, newest month first (PRC-1)', querystring: PriceListQuery, response: withErrors({ 200: PriceLists }) } },
    async (request) => {
      const { size = defaultPageSize, cursor, status } = request.query;
      const page = await pricing.listPriceLists({ status, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (l) => timeCursorOf(l, monthStart(l.month)), (l) => l);
    },
  );

  app.post(
    '/v1/price-lists',
    {
      config: { permission: 'pricing.priceLists.manage' },
      schema: { tags, summary: "Prepare a month's price list: a draft copied from the version in force before it (PRC-1)", body: PriceListBody, response: withErrors({ 201: PriceList }) },
    },
    async (request, reply) => reply.code(201).send(await pricing.createPriceList(requestContext(request), request.body.month)),
  );

  app.get(
    '/v1/price-lists/:id',
    { config: { permission: 'pricing.priceLists.read' }, schema: { tags, summary: 'One price-list version', params: IdParams, response: withErrors({ 200: PriceList }) } },
    async (request) => pricing.getPriceList(request.params.id),
  );

  app.get(
    '/v1/price-lists/:id/entries',
    {
      config: { permission: 'pricing.priceLists.read' },
      schema: { tags, summary: "A price list's list prices and provider costs per SKU, term, billing cycle and currency, then the live marketplace plans' (the publisher's price less the partner discount of the offer type)", params: IdParams, querystring: PriceListEntryQuery, response: withErrors({ 200: PriceListEntries }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, productId, currency, source } = request.query;
      const page = await pricing.listPriceListEntries(request.params.id, { productId, currency, source, size, after: decodeEntryCursor(cursor) });
      return collection(request, page, size, entryCursorOf, (e) => e);
    },
  );

  app.put(
    '/v1/price-lists/:id/entries',
    {
      config: { permission: 'pricing.priceLists.manage' },
      schema: { tags, summary: "Set or remove entries of a draft price list (amounts as decimal text, at most the currency's decimals)", params: IdParams, body: PriceListEntriesBody, response: withErrors({ 200: PriceList }) },
    },
    async (request) => pricing.setPriceListEntries(requestContext(request), request.params.id, request.body.entries),
  );

  app.post(
    '/v1/price-lists/:id/publish',
    {
      config: { permission: 'pricing.priceLists.manage' },
      schema: { tags, summary: 'Publish a draft: it never changes again and takes effect on the first day of its month (UTC)', params: IdParams, response: withErrors({ 200: PriceList }) },
    },
    async (request) => pricing.publishPriceList(requestContext(request), request.params.id),
  );

  app.get(
    '/v1/repricing-configs',
    {
      config: { permission: 'pricing.manage' },
      schema: { tags, summary: "The caller's repricing configs of a tier: for its resellers (a provider) or its customers (a reseller), newest first", querystring: RepricingConfigQuery, response: withErrors({ 200: RepricingConfigs }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, tier, buyerTenantId } = request.query;
      const page = await pricing.listRepricingConfigs(request.actor!, { tier, buyerTenantId, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (c) => timeCursorOf(c, c.createdAt), repricingConfigView);
    },
  );

  app.post(
    '/v1/repricing-configs',
    {
      config: { permission: 'pricing.manage' },
      schema: { tags, summary: 'Add a repricing config: scope, target, basis, percentage or fixed price, effective month (PRC-2)', body: RepricingConfigBody, response: withErrors({ 201: RepricingConfig }) },
    },
    async (request, reply) => reply.code(201).send(await pricing.createRepricingConfig(requestContext(request), request.body)),
  );

  app.get(
    '/v1/repricing-configs/preview',
    {
      config: { permission: 'pricing.manage' },
      schema: { tags, summary: "What the caller pays, the list price and what one buyer pays for a SKU in a month, with the config behind it (PRC-2, PRC-4)", querystring: PricePreviewQuery, response: withErrors({ 200: PricePreview }) },
    },
    async (request) => pricing.previewPrice(request.actor!, request.query),
  );

  app.delete(
    '/v1/repricing-configs/:id',
    { config: { permission: 'pricing.manage' }, schema: { tags, summary: 'Delete a repricing config whose month has not begun', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await pricing.deleteRepricingConfig(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/operator/partner-discounts',
    { config: { permission: 'pricing.priceLists.read' }, schema: { tags, summary: "The program's partner discount for each marketplace offer type, in percent (0 when not set) (PRC-1)", response: withErrors({ 200: PartnerDiscounts }) } },
    async () => pricing.listPartnerDiscounts(),
  );

  app.put(
    '/v1/operator/partner-discounts/:offerType',
    {
      config: { permission: 'pricing.priceLists.manage' },
      schema: {
        tags,
        summary: "Set an offer type's partner discount (0 to 100 %, two decimals at most): the provider's cost of its marketplace plans is the publisher's price less it (PRC-1)",
        params: PartnerDiscountParams,
        body: PartnerDiscountBody,
        response: withErrors({ 200: PartnerDiscount }),
      },
    },
    async (request) => pricing.setPartnerDiscount(requestContext(request), request.params.offerType, request.body.percent),
  );

  app.get(
    '/v1/price-sheets',
    {
      config: { permission: 'pricing.sheets.read' },
      schema: {
        tags,
        summary: "The caller's price sheet for a month, streamed as CSV or JSON: the operator's list prices and providers' costs; a provider's cost and each active reseller's price; a reseller's cost, the list price and each customer's price (PRC-4)",
        querystring: PriceSheetQuery,
        response: {
          200: { description: 'The sheet, as an attachment', content: { 'text/csv': { schema: streamed(PriceSheetCsv) }, 'application/json': { schema: streamed(PriceSheetJson) } } },
          '4xx': Problem,
          '5xx': Problem,
        },
      },
    },
    async (request, reply) => {
      const sheet = await pricing.priceSheet(request.actor!, request.query);
      return reply.type(sheet.contentType).header('Content-Disposition', `attachment; filename="${sheet.fileName}"`).send(sheet.body);
    },
  );
}
