// Operator routes: the holiday calendar used for review times (ENR-6).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requestContext, withErrors } from '../../platform/http.js';
import { Holidays, HolidaysBody } from './contract.js';
import type { OperatorService } from './service.js';

export function operatorRoutes(fastify: FastifyInstance, operator: OperatorService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/operator/holidays',
    { config: { permission: 'operator.settings.read' }, schema: { tags: ['operator'], summary: 'The holiday calendar (not business days)', response: withErrors({ 200: Holidays }) } },
    async () => ({ items: await operator.listHolidays() }),
  );

  app.put(
    '/v1/operator/holidays',
    {
      config: { permission: 'operator.settings.manage' },
      schema: { tags: ['operator'], summary: 'Replace the holiday calendar', body: HolidaysBody, response: withErrors({ 200: Holidays }) },
    },
    async (request) => ({ items: await operator.replaceHolidays(requestContext(request), request.body.items) }),
  );
}
