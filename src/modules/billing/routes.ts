// Billing routes: a tenant's documents, received or issued, and their lines (BIL-1, BIL-3). Path,
// schemas from contract.ts (typed through the TypeBox type provider), permission, one service call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AbsentQuery, answerAbsent, collection, decodeCursor, decodeTimeCursor, defaultPageSize, encodeCursor, IdParams, NoContent, Problem, requestContext, timeCursorOf, uuidPattern, withErrors } from '../../platform/http.js';
import { CountryParams } from '../markets/contract.js';
import { Invoice, InvoiceLineQuery, InvoiceLines, InvoiceQuery, Invoices, TaxRate, TaxRateBody, TaxRates, UnbilledChargeQuery, UnbilledCharges, BillingPeriods, BillingProfile, BillingProfileBody } from './contract.js';
import type { UnbilledCursor } from './operations/list-unbilled-charges.js';
import type { BillingService } from './service.js';
import { invoiceLineView, invoiceView } from './views.js';
import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { InvoicePdf, InvoicePdfQuery } from './documents/contract.js';

/** A page of lines ends at a line number; the cursor is that number. */
function isLineKey(value: unknown): value is [number] {
  return Array.isArray(value) && value.length === 1 && Number.isSafeInteger(value[0]) && (value[0] as number) >= 0 && (value[0] as number) < 2 ** 31;
}

function decodeLineCursor(cursor: string | undefined): number | undefined {
  return decodeCursor(cursor, isLineKey)?.[0];
}

/** A page of unbilled charges ends at a rating time, line and tier. */
function isUnbilledKey(value: unknown): value is [string, string, UnbilledCursor['tier']] {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [at, id, tier] = value as unknown[];
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && uuidPattern.test(id) && (tier === 'provider' || tier === 'reseller' || tier === 'customer');
}

function decodeUnbilledCursor(cursor: string | undefined): UnbilledCursor | undefined {
  const key = decodeCursor(cursor, isUnbilledKey);
  return key === undefined ? undefined : { at: new Date(key[0]).toISOString(), id: key[1].toLowerCase(), tier: key[2] };
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
      const at = billing.now();
      return collection(request, page, size, (i) => timeCursorOf(i, i.issuedAt), (i) => invoiceView(i, at));
    },
  );

  app.get(
    '/v1/invoices/:id',
    { config: { permission: 'billing.read' }, schema: { tags, summary: 'One invoice or statement, for its issuer and its recipient (BIL-1, BIL-2)', params: IdParams, response: withErrors({ 200: Invoice }) } },
    async (request) => invoiceView(await billing.getInvoice(request.actor!, request.params.id), billing.now()),
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
    '/v1/invoices/:id/pdf',
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: "A document as PDF, in the asked language (default: the caller's), every line over as many pages as it takes; for its issuer and its recipient (BIL-1, BIL-3)",
        params: IdParams,
        querystring: InvoicePdfQuery,
        // The body is streamed as pdfkit lays it out: the schema documents it, it is never serialized.
        response: { 200: { description: 'The document, as an attachment', content: { 'application/pdf': { schema: Type.Unsafe<Readable>(InvoicePdf) } } }, '4xx': Problem, '5xx': Problem },
      },
    },
    async (request, reply) => {
      const file = await billing.getInvoicePdf(request.actor!, request.params.id, request.query.lang ?? request.locale);
      return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${file.fileName}"`).header('Cache-Control', 'private, no-store').send(file.body);
    },
  );

  app.get(
    '/v1/billing-profile',
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: "The caller's tenant's billing profile: legal name, tax ID and billing address, as its documents show them (BIL-1); 404 until it is set, or 204 with whenAbsent=noContent",
        querystring: AbsentQuery,
        response: withErrors({ 200: BillingProfile, 204: NoContent }),
      },
    },
    async (request, reply) => (await billing.getBillingProfile(request.actor!)) ?? answerAbsent(reply, request.query, 'billingProfile'),
  );

  app.put(
    '/v1/billing-profile',
    {
      config: { permission: 'billing.manage' },
      schema: {
        tags,
        summary: "Set the caller's tenant's billing profile; documents issued from then on carry it, issued ones keep theirs (BIL-1, BIL-2)",
        body: BillingProfileBody,
        response: withErrors({ 200: BillingProfile }),
      },
    },
    async (request) => billing.setBillingProfile(requestContext(request), request.body),
  );

  app.get(
    '/v1/billing-periods',
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: 'The months the month-end run has closed, newest first, and the one accruing now (BIL-1)', response: withErrors({ 200: BillingPeriods }) },
    },
    async () => billing.listBillingPeriods(),
  );

  app.get(
    '/v1/unbilled-charges',
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: "The open period's charges, accruing: those the caller will be invoiced for (received, the default) or will invoice (issued), each at its tier's amount (BIL-3)",
        querystring: UnbilledChargeQuery,
        response: withErrors({ 200: UnbilledCharges }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, direction } = request.query;
      const page = await billing.listUnbilledCharges(request.actor!, { direction, size, after: decodeUnbilledCursor(cursor) });
      return collection(request, page, size, (c) => encodeCursor([c.cursor.at, c.cursor.id, c.cursor.tier]), ({ cursor: _, ...charge }) => charge);
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
