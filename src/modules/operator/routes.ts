// Operator routes: the holiday calendar used for review times (ENR-6).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requestContext, withErrors } from '../../platform/http.js';
import type { OperatorService } from './service.js';

const Holiday = Type.Object({ day: Type.String({ format: 'date' }), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false, title: 'Holiday' });
const Holidays = Type.Object({ items: Type.Array(Holiday) });

export function operatorRoutes(app: FastifyInstance, operator: OperatorService) {
  app.get(
    '/v1/operator/holidays',
    { config: { permission: 'operator.settings.read' }, schema: { tags: ['operator'], summary: 'The holiday calendar (not business days)', response: withErrors({ 200: Holidays }) } },
    async () => ({ items: await operator.listHolidays() }),
  );

  app.put(
    '/v1/operator/holidays',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags: ['operator'],
        summary: 'Replace the holiday calendar',
        body: Type.Object({ items: Type.Array(Holiday, { maxItems: 1000 }) }, { additionalProperties: false }),
        response: withErrors({ 200: Holidays }),
      },
    },
    async (request) => {
      const items = (request.body as { items: { day: string; name: string }[] }).items;
      const unique = [...new Map(items.map((h) => [h.day, h])).values()];
      return { items: await operator.replaceHolidays(requestContext(request), unique) };
    },
  );
}
