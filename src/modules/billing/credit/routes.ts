// Credit, payments, credit notes and aging over HTTP (BIL-2, BIL-4). Path, schemas from contract.ts
// (typed through the TypeBox type provider), permission, one service call.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeCursor, defaultPageSize, encodeCursor, IdParams, requestContext, uuidPattern, withErrors } from '../../../platform/http.js';
import { Invoice } from '../contract.js';
import { Aging, BuyerParams, CreditNoteBody, CreditTerms, CreditTermsBody, CreditTermsList, DirectionQuery, Payment, PaymentBody, Payments } from './contract.js';
import type { CreditService } from './service.js';

/** A cursor of IDs (and a currency): the last row's key. */
function decodeKeyCursor(cursor: string | undefined, parts: 1 | 2): string[] | undefined {
  const isKey = (value: unknown): value is unknown[] =>
    Array.isArray(value) && value.length === parts && uuidPattern.test(String(value[0])) && (parts === 1 || /^[A-Z]{3}$/.test(String(value[1])));
  return decodeCursor(cursor, isKey)?.map(String);
}

export function creditRoutes(fastify: FastifyInstance, credit: CreditService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['billing'];

  app.get(
    '/v1/credit-terms',
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: "Credit terms the caller gives its buyers (issued, the default) or its sellers give it (received), each with the buyer's exposure and available credit (BIL-4)",
        querystring: DirectionQuery,
        response: withErrors({ 200: CreditTermsList }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, direction } = request.query;
      const after = decodeKeyCursor(cursor, 1)?.[0];
      const page = await credit.listCreditTerms(request.actor!, { direction, size, after });
      const key = direction === 'received' ? (t: CreditTerms) => t.seller.tenantId : (t: CreditTerms) => t.buyer.tenantId;
      return collection(request, page, size, (t) => encodeCursor([key(t)]), (t) => t);
    },
  );

  app.get(
    '/v1/credit-terms/:buyerTenantId',
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: "One buyer's credit terms, for the seller that set them, with its exposure now (BIL-4)", params: BuyerParams, response: withErrors({ 200: CreditTerms }) },
    },
    async (request) => credit.getCreditTerms(request.actor!, request.params.buyerTenantId),
  );

  app.put(
    '/v1/credit-terms/:buyerTenantId',
    {
      config: { permission: 'billing.manage' },
      schema: {
        tags,
        summary: "Set a buyer's credit limit, payment terms and grace: a provider its resellers', the operator its providers' (BIL-4)",
        params: BuyerParams,
        body: CreditTermsBody,
        response: withErrors({ 200: CreditTerms }),
      },
    },
    async (request) => credit.setCreditTerms(requestContext(request), request.params.buyerTenantId, request.body),
  );

  app.get(
    '/v1/invoices/:id/payments',
    {
      config: { permission: 'billing.read' },
      schema: { tags, summary: 'The payments recorded against a document, oldest first (BIL-4)', params: IdParams, response: withErrors({ 200: Payments }) },
    },
    async (request) => credit.listPayments(request.actor!, request.params.id),
  );

  app.post(
    '/v1/invoices/:id/payments',
    {
      config: { permission: 'billing.manage' },
      schema: {
        tags,
        summary: 'The issuer records a payment against its invoice or statement (partial payments add up; never above the balance) (BIL-4)',
        params: IdParams,
        body: PaymentBody,
        response: withErrors({ 201: Payment }),
      },
    },
    async (request, reply) => reply.code(201).send(await credit.recordPayment(requestContext(request), request.params.id, request.body)),
  );

  app.post(
    '/v1/invoices/:id/credit-notes',
    {
      config: { permission: 'billing.manage' },
      schema: {
        tags,
        summary: 'The issuer corrects its document with a credit note of its own number, crediting some or all of its lines (BIL-2)',
        params: IdParams,
        body: CreditNoteBody,
        response: withErrors({ 201: Invoice }),
      },
    },
    async (request, reply) => reply.code(201).send(await credit.issueCreditNote(requestContext(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/aging',
    {
      config: { permission: 'billing.read' },
      schema: {
        tags,
        summary: 'Balances by counterparty and currency, by days past due: what each buyer owes the caller (issued, the default) or what it owes each seller (received) (BIL-4)',
        querystring: DirectionQuery,
        response: withErrors({ 200: Aging }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, direction } = request.query;
      const key = decodeKeyCursor(cursor, 2);
      const page = await credit.listAging(request.actor!, { direction, size, after: key ? { tenantId: key[0]!, currency: key[1]! } : undefined });
      return collection(request, page, size, (r) => encodeCursor([r.tenantId, r.currency]), (r) => r);
    },
  );
}
