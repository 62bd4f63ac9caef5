// The shapes the platform shows the world, declared once: the common schema pieces every module's
// contract.ts builds on (problems, UUIDs, dates, paging, collections), the audit log and mail that
// the platform's own routes show, and what every invitation kind shows the same way. Pure TypeBox, no
// Node and no I/O, so that the portal typechecks the contracts it imports (type-only) without the
// server around them. http.ts and invitations.ts re-export the pieces modules build on.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }))),
    /** credit_limit_exceeded (BIL-4): the credit left before the refused order, the limit and their currency. */
    availableCredit: Type.Optional(Type.String()),
    creditLimit: Type.Optional(Type.String()),
    currency: Type.Optional(Type.String()),
    /** invoice_overdue (BIL-4): the unpaid document that blocks orders, and when it was due. */
    invoiceId: Type.Optional(Type.String()),
    dueAt: Type.Optional(Type.String()),
    requestId: Type.String(),
  },
  { title: 'Problem (RFC 9457)' },
);
export type Problem = Static<typeof Problem>;

/** Adds the problem+json error responses to a route's success responses. */
export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { ...responses, '4xx': Problem, '5xx': Problem };
}

export const NoContent = Type.Null({ description: 'No content' });

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/**
 * The page size when a list's query names none. Validation fills it in (PageQuery's default), but the
 * type provider types `size` as optional, so typed routes read `const { size = defaultPageSize } = request.query`.
 */
export const defaultPageSize = 50;

export const PageQuery = {
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: defaultPageSize })),
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
};

export function Collection<T extends TSchema>(item: T, title: string) {
  return Type.Object(
    {
      totalCount: Type.Integer(),
      /** Present and true when counting stopped at a cap: there are more than totalCount items. */
      totalCountCapped: Type.Optional(Type.Boolean()),
      items: Type.Array(item),
      links: Type.Object({ next: Type.Optional(Type.Object({ uri: Type.String() })) }),
    },
    { title },
  );
}
/** A page of a list whose items are T, as Collection(item) declares it (for clients generic over the item). */
export type Collection<T> = Omit<Static<ReturnType<typeof Collection>>, 'items'> & { items: T[] };

export const DateTime = Type.String({ format: 'date-time' });

// ---------------------------------------------------------------------------------------------
// The audit log and the signed-in user's mail (platform routes)

export const AuditRecord = Type.Object(
  {
    id: Type.String(),
    at: DateTime,
    actorUserId: Type.Union([Type.String(), Type.Null()]),
    actorTenantId: Type.Union([Type.String(), Type.Null()]),
    /** The app that acted with its client credentials (actorUserId is then null), and its name at the time. */
    actorAppId: Type.Union([Type.String(), Type.Null()]),
    actorAppName: Type.Union([Type.String(), Type.Null()]),
    tenantId: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    resourceType: Type.String(),
    resourceId: Type.Union([Type.String(), Type.Null()]),
    before: Type.Unknown(),
    after: Type.Unknown(),
    requestId: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'AuditRecord' },
);
export type AuditRecord = Static<typeof AuditRecord>;

export const Notification = Type.Object(
  {
    id: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    to: Type.String(),
    status: Type.String(),
    createdAt: DateTime,
    sentAt: Type.Union([DateTime, Type.Null()]),
    /** When the recipient opened it (POST /v1/me/notifications/{id}/read); null while unread. */
    readAt: Type.Union([DateTime, Type.Null()]),
  },
  { title: 'Notification' },
);
export type Notification = Static<typeof Notification>;

/** A page of the signed-in user's mail, with how many of all of them are unread (the navigation's badge). */
export const Notifications = Type.Object(
  { ...Collection(Notification, 'Notifications').properties, unreadCount: Type.Integer({ minimum: 0 }) },
  { title: 'Notifications' },
);
export type Notifications = Static<typeof Notifications>;

/** POST /v1/me/notifications/read-all: how many messages were unread until then. */
export const NotificationsRead = Type.Object({ marked: Type.Integer({ minimum: 0 }) }, { title: 'NotificationsRead' });
export type NotificationsRead = Static<typeof NotificationsRead>;

// ---------------------------------------------------------------------------------------------
// A resource that may not be created yet (a profile, a connection): 404 by default; the portal asks
// with whenAbsent=noContent and gets 204, so a normal state of a page is not an error.

export const AbsentQuery = Type.Object(
  {
    whenAbsent: Type.Optional(
      Type.Union([Type.Literal('notFound'), Type.Literal('noContent')], {
        description: 'When the resource has not been created yet: 404 (notFound, the default) or 204 without a body (noContent)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AbsentQuery = Static<typeof AbsentQuery>;

// ---------------------------------------------------------------------------------------------
// Invitations (REL-2, CUS-1): each kind's own invitation shape spreads invitationLinkFields

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DraftEmail = Type.Object({ subject: Type.String(), body: Type.String() });
export type DraftEmail = Static<typeof DraftEmail>;

/** The link's state, then the link and its draft (both only in the answer that created it). */
export const invitationLinkFields = {
  status: Type.String(),
  expiresAt: DateTime,
  acceptedAt: Nullable(DateTime),
  acceptedByTenantId: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
  link: Type.Optional(Type.String()),
  draftEmail: Type.Optional(DraftEmail),
};
