// Markets (MKT-1 … MKT-5): regions with their countries and currencies, country names in the
// caller's language; the operator edits them.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requestContext, withErrors } from '../../platform/http.js';
import type { MarketsService } from './service.js';

const Country = Type.Object({ country: Type.String(), name: Type.String(), regionId: Type.String(), currency: Type.String() }, { title: 'Market' });
const Region = Type.Object({ id: Type.String(), name: Type.String(), countries: Type.Array(Country) }, { title: 'Region' });
const CountryParams = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }, { additionalProperties: false });

export function marketsRoutes(app: FastifyInstance, markets: MarketsService) {
  app.get(
    '/v1/markets',
    { config: { permission: 'tenant.read' }, schema: { tags: ['markets'], summary: 'CSP regions with their countries and currencies', response: withErrors({ 200: Type.Object({ items: Type.Array(Region) }) }) } },
    async (request) => ({ items: await markets.regions(request.locale) }),
  );

  app.get(
    '/v1/markets/:country',
    { config: { permission: 'tenant.read' }, schema: { tags: ['markets'], summary: 'One country: its region and currency', params: CountryParams, response: withErrors({ 200: Country }) } },
    async (request) => markets.market((request.params as { country: string }).country, request.locale),
  );

  app.put(
    '/v1/operator/markets/:country',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags: ['operator'],
        summary: 'Add a country, move it to another region, or change its currency',
        params: CountryParams,
        body: Type.Object({ regionId: Type.String({ minLength: 1, maxLength: 50 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) }, { additionalProperties: false }),
        response: withErrors({ 200: Country }),
      },
    },
    async (request) => markets.setMarket(requestContext(request), (request.params as { country: string }).country, request.body as never),
  );
}
