// The shapes reconciliation exports show the world, declared once (BIL-3): the request, the export
// resource, and the row of the file (field names after Partner Center's billed invoice reconciliation,
// v2, where it has one). Routes validate and serialize with them, views return them, the portal and
// the API tests read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../../platform/contract.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Amount = Type.String({ description: 'A decimal amount with exactly the currency’s decimals (credits negative)' });

export const exportFormats = ['csv', 'jsonl'] as const;
export const exportDirections = ['received', 'issued'] as const;
export const exportStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export type ExportDirection = (typeof exportDirections)[number];
export type ExportStatus = (typeof exportStatuses)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** A billing period: a calendar month, UTC (BIL-1). */
export const Period = Type.String({ pattern: '^[1-9][0-9]{3}-(0[1-9]|1[0-2])$', description: 'A calendar month, YYYY-MM (UTC)', examples: ['2027-03'] });

export const ReconciliationExportBody = Type.Object(
  {
    period: Period,
    format: literals(exportFormats),
    /** The documents the caller received (the default) or issued in the period. */
    direction: Type.Optional(literals(exportDirections)),
  },
  strict,
);
export type ReconciliationExportBody = Static<typeof ReconciliationExportBody>;

export const ReconciliationExportQuery = Type.Object({ ...PageQuery }, strict);
export type ReconciliationExportQuery = Static<typeof ReconciliationExportQuery>;

export const ReconciliationFileQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 2000, description: 'The token of the export’s downloadUrl' }) }, strict);
export type ReconciliationFileQuery = Static<typeof ReconciliationFileQuery>;

export const ReconciliationExport = Type.Object(
  {
    id: Type.String(),
    period: Type.String({ description: 'YYYY-MM' }),
    format: literals(exportFormats),
    direction: literals(exportDirections),
    /** queued → running → succeeded or failed. */
    status: literals(exportStatuses),
    createdAt: DateTime,
    startedAt: Nullable(DateTime),
    completedAt: Nullable(DateTime),
    /** The file's rows (the lines of the period's documents), once succeeded. */
    rowCount: Nullable(Type.Integer()),
    byteSize: Nullable(Type.Integer()),
    /** The file's SHA-256 (hex), once succeeded. */
    sha256: Nullable(Type.String()),
    /** Once succeeded: a link to the file for the caller's tenant, signed for this export only, that expires (downloadExpiresAt). */
    downloadUrl: Type.Optional(Type.String()),
    downloadExpiresAt: Type.Optional(DateTime),
  },
  { title: 'ReconciliationExport' },
);
export type ReconciliationExport = Static<typeof ReconciliationExport>;
export const ReconciliationExports = Collection(ReconciliationExport, 'ReconciliationExports');
export type ReconciliationExports = Static<typeof ReconciliationExports>;

/**
 * BIL-3: one line of one document, reconciling without a join: the document (its ID, number, date,
 * tier, issuer and the party billed), the customer, the order, the product and SKU, the subscription
 * and its term, the charge, the amounts at the document's tier, and the PartnerID of record. Field
 * names are Partner Center's (billed invoice reconciliation v2) where it has the field; partnerId and
 * partnerName name the party the document bills (its recipient), as Partner Center's name the partner
 * it invoices; the issuer is added as issuerId and issuerName. Amounts are decimal text with the
 * currency's decimals; dates ISO 8601 UTC.
 */
export const ReconciliationRow = Type.Object(
  {
    partnerId: Type.String(),
    partnerName: Type.String(),
    issuerId: Type.String(),
    issuerName: Type.String(),
    invoiceId: Type.String(),
    /** BIL-2: sequential per issuer. */
    invoiceNumber: Type.Integer(),
    invoiceDate: DateTime,
    /** invoice, or statement (a reseller's to its customer). */
    documentType: Type.String(),
    /** BIL-1: provider (operator → provider), reseller (provider → reseller), customer (reseller → customer). */
    tier: Type.String(),
    lineNumber: Type.Integer(),
    customerId: Type.String(),
    customerName: Type.String(),
    customerDomainName: Nullable(Type.String()),
    customerCountry: Nullable(Type.String()),
    /** BIL-3: the PartnerID of record (the reseller's, as its subscription names it). */
    mpnId: Nullable(Type.String()),
    resellerMpnId: Nullable(Type.String()),
    orderId: Type.String(),
    /** When the charge was rated (the billing event behind the line). */
    orderDate: Nullable(DateTime),
    productId: Type.String(),
    skuId: Type.String(),
    productName: Type.String(),
    skuName: Type.String(),
    publisherName: Nullable(Type.String()),
    chargeType: Type.String(),
    chargeId: Type.String(),
    chargeStartDate: DateTime,
    chargeEndDate: DateTime,
    /** Days charged of the period's days (the proration factor). */
    chargedDays: Type.Integer(),
    periodDays: Type.Integer(),
    subscriptionId: Type.String(),
    subscriptionDescription: Type.String(),
    /** The term (ISO 8601 duration) and billing cycle, as "P1Y/monthly". */
    termAndBillingCycle: Type.String(),
    billingFrequency: Type.String(),
    unitType: Type.String(),
    /** The price of a unit for a whole billing period, at the document's tier. */
    unitPrice: Amount,
    /** The line's subtotal per unit (after proration), half to even. */
    effectiveUnitPrice: Amount,
    quantity: Type.Integer(),
    subtotal: Amount,
    taxTotal: Amount,
    totalForCustomer: Amount,
    currency: Type.String(),
  },
  { ...strict, title: 'ReconciliationRow' },
);
export type ReconciliationRow = Static<typeof ReconciliationRow>;

/** The CSV form: a header with ReconciliationRow's fields in order, then one line per row. */
export const ReconciliationCsv = Type.String({ title: 'ReconciliationCsv', description: 'text/csv: a header with the fields of ReconciliationRow in order, then one line per invoice line' });
/** The JSON Lines form: one ReconciliationRow object per line. */
export const ReconciliationJsonLines = Type.String({ title: 'ReconciliationJsonLines', description: 'application/x-ndjson: one ReconciliationRow per line' });
