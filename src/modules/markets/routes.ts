// Markets (MKT-1 … MKT-5): regions with their countries and currencies, country names in the
// caller's language; the operator edits them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requestContext, withErrors } from '../../platform/http.js';
import { CountryParams, Market, MarketBody, Regions } from './contract.js';
import type { MarketsService } from './service.js';

export function marketsRoutes(fastify: FastifyInstance, markets: MarketsService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/markets',
    { config: { permission: 'tenant.read' }, schema: { tags: ['markets'], summary: 'CSP regions with their countries and currencies', response: withErrors({ 200: Regions }) } },
    async (request) => ({ items: await markets.regions(request.locale) }),
  );

  app.get(
    '/v1/markets/:country',
    { config: { permission: 'tenant.read' }, schema: { tags: ['markets'], summary: 'One country: its region and currency', params: CountryParams, response: withErrors({ 200: Market }) } },
    async (request) => markets.market(request.params.country, request.locale),
  );

  app.put(
    '/v1/operator/markets/:country',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags: ['operator'],
        summary: 'Add a country, move it to another region, or change its currency',
        params: CountryParams,
        body: MarketBody,
        response: withErrors({ 200: Market }),
      },
    },
    async (request) => markets.setMarket(requestContext(request), request.params.country, request.body),
  );
}
