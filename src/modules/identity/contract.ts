// The shapes identity shows the world, declared once: routes validate and serialize with them (its own
// and the customers module's user routes), and tests and the portal read their types.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime } from '../../platform/http.js';

export const User = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
    state: Type.String(),
    language: Type.String(),
    mustChangePassword: Type.Boolean(),
    /** REL-4: the organization that created this user, when it is not the user's own (e.g. a provider with admin access). */
    createdByTenantId: Type.Union([Type.String(), Type.Null()]),
    createdByTenantName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    createdAt: DateTime,
  },
  { title: 'User' },
);
export type User = Static<typeof User>;
