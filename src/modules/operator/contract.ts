// The shapes the operator module shows the world, declared once: the holiday calendar (ENR-6) and
// support requests (the enrollment escalation's and the marketplace's).
import { Type, type Static } from '@sinclair/typebox';
import { DateTime } from '../../platform/contract.js';

export const Holiday = Type.Object({ day: Type.String({ format: 'date' }), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false, title: 'Holiday' });
export type Holiday = Static<typeof Holiday>;

export const Holidays = Type.Object({ items: Type.Array(Holiday) });
export type Holidays = Static<typeof Holidays>;

export const HolidaysBody = Type.Object({ items: Type.Array(Holiday, { maxItems: 1000 }) }, { additionalProperties: false });
export type HolidaysBody = Static<typeof HolidaysBody>;

export const SupportRequest = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    kind: Type.String(),
    title: Type.String(),
    details: Type.String(),
    subject: Type.Record(Type.String(), Type.Unknown()),
    status: Type.String(),
    resolution: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'SupportRequest' },
);
export type SupportRequest = Static<typeof SupportRequest>;
