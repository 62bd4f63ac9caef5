// The shapes of credit between the tiers (BIL-4), payments and credit notes (BIL-2), balances and aging,
// declared once: routes validate and serialize with them, views return them. Amounts are decimal
// strings with exactly the currency's decimals.
import { Type, type Static } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery, Uuid } from '../../../platform/contract.js';

const strict = { additionalProperties: false } as const;
const Amount = Type.String({ description: 'A decimal amount with exactly the currency’s decimals' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' });
/** A decimal amount a client sends: zero or more, its decimals checked against the currency. */
const AmountInput = Type.String({ pattern: '^[0-9]{1,15}(\\.[0-9]{1,4})?$', description: 'A decimal amount of zero or more, such as 1500.00' });
const Days = Type.Integer({ minimum: 0, maximum: 365 });

export const creditDirections = ['issued', 'received'] as const;
export const DirectionQuery = Type.Object(
  {
    /** Terms the caller gives its buyers (issued, the default) or those its sellers give it (received). */
    direction: Type.Optional(Type.Union(creditDirections.map((d) => Type.Literal(d)))),
    ...PageQuery,
  },
  strict,
);
export type DirectionQuery = Static<typeof DirectionQuery>;

export const BuyerParams = Type.Object({ buyerTenantId: Uuid }, strict);

/** BIL-4: what a seller gives a buyer, and where the buyer stands with it now. */
export const CreditTerms = Type.Object(
  {
    seller: Type.Object({ tenantId: Type.String(), name: Type.String() }),
    buyer: Type.Object({ tenantId: Type.String(), name: Type.String() }),
    currency: Type.String(),
    /** Null: no limit (only overdue documents block orders). */
    creditLimit: Type.Union([Amount, Type.Null()]),
    paymentTermDays: Type.Integer(),
    graceDays: Type.Integer(),
    /** Open documents' balances plus the unbilled charges of the open period, in the terms' currency. */
    exposure: Amount,
    /** What is left under the limit (null without one; never below zero). */
    availableCredit: Type.Union([Amount, Type.Null()]),
    /** The buyer's documents past their due date and grace with a balance: orders are refused while any. */
    overdueCount: Type.Integer(),
    updatedAt: DateTime,
  },
  { title: 'CreditTerms' },
);
export type CreditTerms = Static<typeof CreditTerms>;
export const CreditTermsList = Collection(CreditTerms, 'CreditTermsList');

export const CreditTermsBody = Type.Object(
  {
    currency: Currency,
    /** Null or absent: no limit. */
    creditLimit: Type.Optional(Type.Union([AmountInput, Type.Null()])),
    paymentTermDays: Type.Optional(Days),
    graceDays: Type.Optional(Days),
  },
  strict,
);
export type CreditTermsBody = Static<typeof CreditTermsBody>;

// ---------------------------------------------------------------------------------------------
// Payments (recorded by the issuer against its documents)

export const Payment = Type.Object(
  {
    id: Type.String(),
    invoiceId: Type.String(),
    amount: Amount,
    currency: Type.String(),
    paidOn: Type.String({ format: 'date' }),
    reference: Type.String(),
    recordedAt: DateTime,
  },
  { title: 'Payment' },
);
export type Payment = Static<typeof Payment>;
export const Payments = Type.Object({ items: Type.Array(Payment) }, { title: 'Payments' });
export type Payments = Static<typeof Payments>;

export const PaymentBody = Type.Object(
  {
    amount: AmountInput,
    /** The value date (YYYY-MM-DD). */
    paidOn: Type.String({ format: 'date' }),
    reference: Type.String({ minLength: 1, maxLength: 140 }),
  },
  strict,
);
export type PaymentBody = Static<typeof PaymentBody>;

// ---------------------------------------------------------------------------------------------
// Credit notes (BIL-2: an issued document never changes; a credit note corrects it)

export const CreditNoteBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    /** The lines to credit and how much of each (before tax); absent: everything left to credit on every line. */
    lines: Type.Optional(
      Type.Array(Type.Object({ lineNumber: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), amount: Type.Optional(AmountInput) }, strict), { minItems: 1, maxItems: 1000 }),
    ),
  },
  strict,
);
export type CreditNoteBody = Static<typeof CreditNoteBody>;

// ---------------------------------------------------------------------------------------------
// Aging (BIL-4: balances per counterparty, by days past due)

export const AgingRow = Type.Object(
  {
    tenantId: Type.String(),
    name: Type.String(),
    currency: Type.String(),
    /** Not yet due. */
    current: Amount,
    days1to30: Amount,
    days31to60: Amount,
    days61to90: Amount,
    over90: Amount,
    total: Amount,
    openDocuments: Type.Integer(),
  },
  { title: 'AgingRow' },
);
export type AgingRow = Static<typeof AgingRow>;
export const Aging = Collection(AgingRow, 'Aging');
