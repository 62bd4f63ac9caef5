// The shapes billing shows the world, declared once: routes validate and serialize with them, views
// return them (views.ts). Amounts are decimal strings with exactly the currency's decimals.
import { Type, type Static } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery } from '../../platform/contract.js';
import { Address, AddressBody } from '../enrollment/contract.js';

const strict = { additionalProperties: false } as const;
const Amount = Type.String({ description: 'A decimal amount with exactly the currency’s decimals (credits negative)' });
/** A party's billing profile as a document shows it (as it was when the document was issued). */
export const BillingProfileSnapshot = Type.Object(
  { legalName: Type.String(), taxId: Type.Union([Type.String(), Type.Null()]), address: Address, email: Type.Union([Type.String(), Type.Null()]) },
  { title: 'BillingProfileSnapshot' },
);
const Party = Type.Object({
  tenantId: Type.String(),
  name: Type.String(),
  /** BIL-1: legal name, tax ID and billing address as issued; null where the party had set none. */
  billingProfile: Type.Union([BillingProfileSnapshot, Type.Null()]),
});

export const invoiceDirections = ['received', 'issued'] as const;

export const InvoiceQuery = Type.Object(
  {
    /** Documents the caller received (the default) or issued. */
    direction: Type.Optional(Type.Union(invoiceDirections.map((d) => Type.Literal(d)))),
    ...PageQuery,
  },
  strict,
);
export type InvoiceQuery = Static<typeof InvoiceQuery>;

export const Invoice = Type.Object(
  {
    id: Type.String(),
    /** BIL-2: sequential per issuer, without gaps. */
    number: Type.Integer(),
    /** invoice, statement (a reseller's to its customer), or creditNote (BIL-2: corrects an invoice or statement, its amounts negative). */
    kind: Type.Union([Type.Literal('invoice'), Type.Literal('statement'), Type.Literal('creditNote')]),
    /** BIL-1: provider (the operator's to a provider), reseller (a provider's to a reseller), customer (a reseller's to a customer). */
    tier: Type.Union([Type.Literal('provider'), Type.Literal('reseller'), Type.Literal('customer')]),
    issuer: Party,
    recipient: Type.Intersect([Party, Type.Object({ country: Type.String() })]),
    periodStart: DateTime,
    periodEnd: DateTime,
    currency: Type.String(),
    /** The tax rate of the recipient's market, in percent ("20", "7.7"). */
    taxRate: Type.String(),
    lineCount: Type.Integer(),
    subtotal: Amount,
    tax: Amount,
    total: Amount,
    issuedAt: DateTime,
    dueAt: DateTime,
    /** A credit note's corrected document, and why it was issued (null otherwise). */
    correctsInvoiceId: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    /** BIL-4: payments recorded against it, the credit notes' total on it (positive), and what is left to pay (total − paid − credited). */
    amountPaid: Amount,
    amountCredited: Amount,
    balance: Amount,
    /** open (a balance, not yet due), overdue (a balance after its due date), paid (nothing left), or issued (a credit note). */
    status: Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('paid'), Type.Literal('issued')]),
  },
  { title: 'Invoice' },
);
export type Invoice = Static<typeof Invoice>;
export const Invoices = Collection(Invoice, 'Invoices');

export const InvoiceLineQuery = Type.Object({ ...PageQuery }, strict);
export type InvoiceLineQuery = Static<typeof InvoiceLineQuery>;

/** BIL-3: a line names everything it reconciles to (field names after Partner Center's billed reconciliation where it has one). */
export const InvoiceLine = Type.Object(
  {
    lineNumber: Type.Integer(),
    chargeLineId: Type.String(),
    customerId: Type.String(),
    customerName: Type.String(),
    subscriptionId: Type.String(),
    subscriptionDescription: Type.String(),
    orderId: Type.String(),
    productId: Type.String(),
    productName: Type.String(),
    skuId: Type.String(),
    termAndBillingCycle: Type.Object({ termDuration: Type.String(), billingCycle: Type.String() }),
    chargeType: Type.String(),
    chargeStartDate: DateTime,
    chargeEndDate: DateTime,
    quantity: Type.Integer(),
    /** Charged days of the period's days (proration factor chargedDays / periodDays). */
    chargedDays: Type.Integer(),
    periodDays: Type.Integer(),
    unitPrice: Amount,
    subtotal: Amount,
    taxTotal: Amount,
    total: Amount,
    currency: Type.String(),
    partnerIdOnRecord: Type.Union([Type.String(), Type.Null()]),
    /** A credit note's line: the line of the corrected document it credits (null otherwise). */
    correctsLineNumber: Type.Union([Type.Integer(), Type.Null()]),
  },
  { title: 'InvoiceLine' },
);
export type InvoiceLine = Static<typeof InvoiceLine>;
export const InvoiceLines = Collection(InvoiceLine, 'InvoiceLines');

// ---------------------------------------------------------------------------------------------
// Tax rates the operator keeps per market (BIL-1: tax per line at the recipient's country's rate)

export const TaxRate = Type.Object(
  {
    country: Type.String(),
    /** Percent with at most two decimals ("20", "7.7"). */
    rate: Type.String(),
    updatedAt: DateTime,
  },
  { title: 'TaxRate' },
);
export type TaxRate = Static<typeof TaxRate>;
export const TaxRates = Type.Object({ items: Type.Array(TaxRate) }, { title: 'TaxRates' });
export type TaxRates = Static<typeof TaxRates>;

export const TaxRateBody = Type.Object(
  { rate: Type.String({ pattern: '^(100(\\.0{1,2})?|[0-9]{1,2}(\\.[0-9]{1,2})?)$', description: 'A percentage from 0 to 100 with at most two decimals, such as "20" or "7.7"' }) },
  strict,
);
export type TaxRateBody = Static<typeof TaxRateBody>;

// ---------------------------------------------------------------------------------------------
// Unbilled charges: the open period's charge lines, accruing, as the month-end run will invoice them (BIL-3)

export const UnbilledChargeQuery = Type.Object(
  {
    /** Charges the caller will be invoiced for (received, the default) or will invoice (issued). */
    direction: Type.Optional(Type.Union(invoiceDirections.map((d) => Type.Literal(d)))),
    ...PageQuery,
  },
  strict,
);
export type UnbilledChargeQuery = Static<typeof UnbilledChargeQuery>;

export const UnbilledCharge = Type.Object(
  {
    chargeLineId: Type.String(),
    /** The tier it will be invoiced at (BIL-1), which sets its amount: provider (provider cost), reseller (reseller price), customer (customer price). */
    tier: Type.Union([Type.Literal('provider'), Type.Literal('reseller'), Type.Literal('customer')]),
    issuerId: Type.String(),
    recipientId: Type.String(),
    customerId: Type.String(),
    customerName: Type.String(),
    subscriptionId: Type.String(),
    subscriptionDescription: Type.String(),
    orderId: Type.String(),
    productId: Type.String(),
    productName: Type.String(),
    skuId: Type.String(),
    termAndBillingCycle: Type.Object({ termDuration: Type.String(), billingCycle: Type.String() }),
    chargeType: Type.String(),
    chargeStartDate: DateTime,
    chargeEndDate: DateTime,
    quantity: Type.Integer(),
    chargedDays: Type.Integer(),
    periodDays: Type.Integer(),
    unitPrice: Amount,
    /** Before tax (the run taxes it at the recipient's market rate). */
    subtotal: Amount,
    currency: Type.String(),
    partnerIdOnRecord: Type.Union([Type.String(), Type.Null()]),
    /** When the charge was rated (the period it is invoiced in is the month of this instant, UTC). */
    ratedAt: DateTime,
  },
  { title: 'UnbilledCharge' },
);
export type UnbilledCharge = Static<typeof UnbilledCharge>;
export const UnbilledCharges = Collection(UnbilledCharge, 'UnbilledCharges');

// ---------------------------------------------------------------------------------------------
// Billing periods (BIL-1): the months the run has closed, newest first

export const BillingPeriod = Type.Object(
  {
    /** "YYYY-MM" (the form reconciliation exports take). */
    period: Type.String(),
    periodStart: DateTime,
    periodEnd: DateTime,
    closedAt: DateTime,
    documents: Type.Integer(),
    lines: Type.Integer(),
  },
  { title: 'BillingPeriod' },
);
export type BillingPeriod = Static<typeof BillingPeriod>;
export const BillingPeriods = Type.Object(
  {
    items: Type.Array(BillingPeriod),
    /** The period accruing now (its charges are unbilled), "YYYY-MM". */
    openPeriod: Type.String(),
  },
  { title: 'BillingPeriods' },
);
export type BillingPeriods = Static<typeof BillingPeriods>;

// ---------------------------------------------------------------------------------------------
// Billing profiles (BIL-1): what a tenant's documents show of it

export const BillingProfile = Type.Object(
  {
    tenantId: Type.String(),
    legalName: Type.String(),
    /** The VAT/GST or other tax registration number shown on documents (null: none). */
    taxId: Type.Union([Type.String(), Type.Null()]),
    address: Address,
    email: Type.Union([Type.String(), Type.Null()]),
    updatedAt: DateTime,
  },
  { title: 'BillingProfile' },
);
export type BillingProfile = Static<typeof BillingProfile>;

export const BillingProfileBody = Type.Object(
  {
    legalName: Type.String({ minLength: 1, maxLength: 200 }),
    /** Letters, digits, spaces, dots and dashes, as tax registration numbers are written (FR12345678901, DE 123456789). */
    taxId: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9 .\\-/]*$' }), Type.Null()])),
    address: AddressBody,
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  },
  strict,
);
export type BillingProfileBody = Static<typeof BillingProfileBody>;
