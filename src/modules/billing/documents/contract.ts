// What a document's PDF route takes and answers (BIL-1, BIL-3): the reader's language, and the file.
import { Type, type Static } from '@sinclair/typebox';
import { locales } from '../../../platform/i18n/index.js';

export const InvoicePdfQuery = Type.Object(
  {
    /** The document's language; without it, the caller's (Accept-Language, as the portal sends the user's). */
    lang: Type.Optional(Type.Union(locales.map((l) => Type.Literal(l)))),
  },
  { additionalProperties: false },
);
export type InvoicePdfQuery = Static<typeof InvoicePdfQuery>;

/** The body: a PDF document, streamed (never serialized). */
export const InvoicePdf = Type.String({
  title: 'InvoicePdf',
  format: 'binary',
  description: 'application/pdf: the header (issuer, recipient, number, period, dates, subtotal, tax, total, currency), then every line',
});
