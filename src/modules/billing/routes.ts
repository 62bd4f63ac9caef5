// Billing routes: a tenant's documents, received or issued, and their lines (BIL-1, BIL-3). Path,
// schemas from contract.ts (typed through the TypeBox type provider), permission, one service call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { invalidFields } from '../../platform/errors.js';
import { collection, decodeTimeCursor, defaultPageSize, encodeCursor, IdParams, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { CountryParams } from '../markets/contract.js';
import { Invoice, InvoiceLineQuery, InvoiceLines, InvoiceQuery, Invoices, TaxRate, TaxRateBody, TaxRates } from './contract.js';
import type { BillingService } from './service.js';
import { invoiceLineView, invoiceView } from './views.js';

/** A page of lines ends at a line number; the cursor is that number. */
function decodeLineCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 1 && Number.isSafeInteger(value[0]) && (value[0] as number) >= 0 && (value[0] as number) < 2 ** 31) return value[0] as number;
  } catch {
    /* fall through */
  }
  throw invalidFields({ path: '/query/cursor', code: 'cursor_invalid' });
}

export function billingRoutes(fastify: FastifyInstance, billing: BillingService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['billing'];

  app.get(
    '/v1/invoices',
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: "The caller's invoices and statements, received (default) or issued, newest first (BIL-1)", querystring: InvoiceQuery, response: withErrors({ 200: Invoices }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, direction } = request.query;
      const page = await billing.listInvoices(request.actor!, { direction, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (i) => timeCursorOf(i, i.issuedAt), invoiceView);
    },
  );

  app.get(
    '/v1/invoices/:id',
    { config: { permission: 'billing.read' }, schema: { tags, summary: 'One invoice or statement, for its issuer and its recipient (BIL-1, BIL-2)', params: IdParams, response: withErrors({ 200: Invoice }) } },
    async (request) => invoiceView(await billing.getInvoice(request.actor!, request.params.id)),
  );

  app.get(
    '/v1/invoices/:id/lines',
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: "A document's lines in order, each naming what it reconciles to (BIL-3)", params: IdParams, querystring: InvoiceLineQuery, response: withErrors({ 200: InvoiceLines }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const { invoice, items } = await billing.listInvoiceLines(request.actor!, request.params.id, { size, afterLine: decodeLineCursor(cursor) });
      return collection(request, { items, totalCount: invoice.lineCount }, size, (l) => encodeCursor([l.lineNumber]), invoiceLineView);
    },
  );

  app.get(
    '/v1/operator/tax-rates',
    { config: { permission: 'operator.settings.read' }, schema: { tags: ['operator'], summary: 'The tax rate (VAT/GST) of each market, by country (BIL-1)', response: withErrors({ 200: TaxRates }) } },
    async () => billing.listTaxRates(),
  );

  app.put(
    '/v1/operator/tax-rates/:country',
    {
      config: { permission: 'operator.settings.manage' },
      schema: { tags: ['operator'], summary: "Set a market's tax rate, applied to the periods closed from then on (BIL-1)", params: CountryParams, body: TaxRateBody, response: withErrors({ 200: TaxRate }) },
    },
    async (request) => billing.setTaxRate(requestContext(request), request.params.country, request.body.rate),
  );
}
