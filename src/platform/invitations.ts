// One invitation mechanism for every kind (reseller invitations REL-2, customer invitations CUS-1, CUS-2):
// it makes the single-use link (only its token's hash is kept), shows an invitation, sends its edited
// draft (the link must stay in it), lists, revokes and finds one by its token. A module describes its
// kind with an InvitationKind (its table, the inviting side's column, its view and mail template) and
// keeps its own rules and its accept operation.
import { Type, type Static } from '@sinclair/typebox';
import { and, desc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/index.js';
import { writeAudit, type RequestContext } from './audit.js';
import { hashSecret, newSecret } from './auth/tokens.js';
import type { Platform } from './context.js';
import { AppError, notFound, type ErrorCode } from './errors.js';
import { PageQuery, type TimeCursor } from './http.js';
import { isLocale, type Locale } from './i18n/index.js';
import type { Template } from './mail/templates.js';
import { byTokenHash, maxTokenLength, openSingleUseLink, type SingleUseLink } from './single-use-links.js';

/** REL-2, CUS-1: an invitation link works for 30 days. */
export const invitationDays = 30;

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export const invitationStatuses = ['pending', 'accepted', 'expired', 'revoked'] as const;

/** A link works once and until it expires; a revoked link never works (REL-2, CUS-1). */
export function invitationStatus(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** The code of a link that cannot be used any more (410), or undefined while it can. */
export function invitationRefusal(status: InvitationStatus): ErrorCode | undefined {
  if (status === 'accepted') return 'invitation_used';
  if (status === 'expired') return 'invitation_expired';
  if (status === 'revoked') return 'invitation_revoked';
  return undefined;
}

/** 410 with the reason a link cannot be used any more. */
export function refuseUnusable(status: InvitationStatus): void {
  const refused = invitationRefusal(status);
  if (refused) throw new AppError(refused);
}

/** The SQL condition for invitations in a status, over a table's acceptedAt, revokedAt and expiresAt. */
export function statusFilter(columns: { acceptedAt: PgColumn; revokedAt: PgColumn; expiresAt: PgColumn }, status: InvitationStatus, now: Date): SQL {
  if (status === 'accepted') return isNotNull(columns.acceptedAt);
  if (status === 'revoked') return and(isNull(columns.acceptedAt), isNotNull(columns.revokedAt))!;
  if (status === 'expired') return and(isNull(columns.acceptedAt), isNull(columns.revokedAt), lt(columns.expiresAt, now))!;
  return and(isNull(columns.acceptedAt), isNull(columns.revokedAt), gt(columns.expiresAt, now))!;
}

/** REL-2: the tokens of the invitation links in a (possibly edited) draft — the link must stay in it; it is recognised by its token's hash, since the link itself is not stored. */
export function linksIn(text: string, publicUrl: string, kind: 'reseller' | 'customer'): string[] {
  const prefix = invitationLink(publicUrl, kind, '');
  const found: string[] = [];
  let at = text.indexOf(prefix);
  while (at >= 0) {
    const match = /^[\w-]+/.exec(text.slice(at + prefix.length));
    if (match) found.push(match[0]);
    at = text.indexOf(prefix, at + prefix.length);
  }
  return found;
}

/** REL-2, CUS-1: an edited draft must still carry the invitation's own link (its token matches the stored hash). */
export function draftKeepsLink(body: string, publicUrl: string, kind: 'reseller' | 'customer', tokenHash: string): boolean {
  return linksIn(body, publicUrl, kind).some((token) => hashSecret(token) === tokenHash);
}

/** Where an invitation link points: `${publicUrl}/invitations/<kind>/<token>`. */
export function invitationLink(publicUrl: string, kind: 'reseller' | 'customer', token: string): string {
  return `${publicUrl}/invitations/${kind}/${token}`;
}

// ---------------------------------------------------------------------------------------------
// The shapes every kind shows the same way (each kind's own invitation shape spreads invitationLinkFields)

const strict = { additionalProperties: false } as const;

export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: maxTokenLength }) }, strict);
export const InvitationListQuery = Type.Object({ status: Type.Optional(Type.Union(invitationStatuses.map((s) => Type.Literal(s)))), ...PageQuery }, strict);
export type InvitationListQuery = Static<typeof InvitationListQuery>;
export const SendInvitationBody = Type.Object(
  { to: Type.String({ format: 'email', maxLength: 254 }), subject: Type.String({ minLength: 1, maxLength: 300 }), body: Type.String({ minLength: 1, maxLength: 20_000 }) },
  strict,
);
export type SendInvitationBody = Static<typeof SendInvitationBody>;
/** REL-3, CUS-3: nothing happens unless the confirmation is ticked. */
export const AcceptInvitationBody = Type.Object({ confirm: Type.Boolean() }, strict);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;
// DraftEmail and invitationLinkFields are pure TypeBox (the portal reads their types): declared in contract.ts.
export { DraftEmail, invitationLinkFields } from './contract.js';

/** The fields of invitationLinkFields from a row (views.ts of each kind spreads them). */
export function invitationLinkView(row: InvitationRow, now = new Date()) {
  return {
    status: invitationStatus(row, now),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    acceptedByTenantId: row.acceptedByTenantId,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// One kind of invitation

/** What every invitation table holds. */
export interface InvitationRow {
  id: string;
  createdByUserId: string;
  email: string | null;
  locale: string;
  tokenHash: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedByTenantId: string | null;
  revokedAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** An invitation table: the columns every invitation has, its rows InvitationRows. */
export type InvitationTable = PgTable & {
  $inferSelect: InvitationRow;
  id: PgColumn;
  tokenHash: PgColumn;
  createdAt: PgColumn;
  acceptedAt: PgColumn;
  revokedAt: PgColumn;
  expiresAt: PgColumn;
};

/** The columns createInvitation writes itself. */
type LinkColumns = 'id' | 'createdByUserId' | 'email' | 'locale' | 'tokenHash' | 'expiresAt' | 'acceptedAt' | 'acceptedByTenantId' | 'revokedAt' | 'sentAt' | 'createdAt';

export interface InvitationKind<T extends InvitationTable, View> {
  /** The link's path segment (/invitations/<kind>/<token>), which an edited draft must keep. */
  kind: 'reseller' | 'customer';
  /** Audit resource type and action prefix (`<resource>.created`, `.sent`, `.revoked`); what a foreign ID is "not found" as. */
  resource: 'resellerInvitation' | 'customerInvitation';
  /** newSecret's prefix for the kind's tokens. */
  tokenPrefix: string;
  /** The outbox template a sent draft is filed under. */
  template: Template;
  table: T;
  /** The inviting organization's column: only it sees, sends, lists and revokes its invitations. */
  owner: PgColumn;
  ownerOf(row: T['$inferSelect']): string;
  view(row: T['$inferSelect']): View;
}

// Drizzle cannot type queries over a table given as a type parameter: the table is passed as a PgTable
// and its rows read back as the kind's own (InvitationTable guarantees the columns used here).
type Row<T extends InvitationTable> = T['$inferSelect'];
type Insert<T extends InvitationTable> = T['$inferInsert'];

/** The kind's invitation with this ID, locked, if the caller's organization made it (404 otherwise). */
async function lockOwnInvitation<T extends InvitationTable, View>(tx: Queryable, kind: InvitationKind<T, View>, ownerTenantId: string, id: string) {
  const [row] = (await tx
    .select()
    .from(kind.table as PgTable)
    .where(eq(kind.table.id, id))
    .for('update')) as Row<T>[];
  if (!row || kind.ownerOf(row) !== ownerTenantId) throw notFound(kind.resource);
  return row;
}

async function updateInvitation<T extends InvitationTable>(tx: Queryable, kind: InvitationKind<T, unknown>, id: string, set: Partial<InvitationRow>) {
  const [after] = (await tx
    .update(kind.table as PgTable)
    .set(set)
    .where(eq(kind.table.id, id))
    .returning()) as Row<T>[];
  return after!;
}

/**
 * REL-2, CUS-1: a new single-use, 30-day invitation of the caller's organization, audited. Returns the
 * row and its link, which holds the token: it is shown once, only the token's hash is kept.
 */
export async function createInvitation<T extends InvitationTable, View>(
  platform: Platform,
  kind: InvitationKind<T, View>,
  ctx: RequestContext,
  input: { email?: string; locale: Locale; values: Omit<Insert<T>, LinkColumns> },
) {
  const actor = ctx.actor!;
  const token = newSecret(kind.tokenPrefix);
  const row = await platform.transaction(async (tx) => {
    const values = {
      ...input.values,
      createdByUserId: actor.userId,
      email: input.email?.trim() ?? null,
      locale: input.locale,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + invitationDays * 86_400_000),
    };
    const [created] = (await tx
      .insert(kind.table as PgTable)
      .values(values as PgTable['$inferInsert'])
      .returning()) as Row<T>[];
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: `${kind.resource}.created`, resourceType: kind.resource, resourceId: created!.id, after: kind.view(created!) });
    return created!;
  });
  return { row, link: invitationLink(platform.config.publicUrl, kind.kind, token) };
}

/**
 * REL-2, CUS-1: sends the (possibly edited) draft of a usable invitation; its body must still hold the
 * invitation's own link. `refuseRecipient` is the kind's own check of who it goes to; `findUser` names
 * the recipient's account, if it has one (its notifications).
 */
export async function sendInvitation<T extends InvitationTable, View>(
  platform: Platform,
  kind: InvitationKind<T, View>,
  ctx: RequestContext,
  id: string,
  input: SendInvitationBody,
  hooks: { refuseRecipient?: (tx: Queryable) => Promise<void>; findUser: (email: string, tx: Queryable) => Promise<{ id: string } | undefined> },
) {
  const actor = ctx.actor!;
  return platform.transaction(async (tx) => {
    const row = await lockOwnInvitation(tx, kind, actor.tenantId, id);
    refuseUnusable(invitationStatus(row, new Date()));
    if (!draftKeepsLink(input.body, platform.config.publicUrl, kind.kind, row.tokenHash)) {
      throw new AppError('invitation_link_missing', {}, [{ path: '/body', code: 'invitation_link_missing' }]);
    }
    await hooks.refuseRecipient?.(tx);
    const recipient = await hooks.findUser(input.to, tx);
    await platform.mailer.enqueue(tx, {
      template: kind.template,
      locale: isLocale(row.locale) ? row.locale : 'en',
      to: input.to,
      recipientUserId: recipient?.id ?? null,
      tenantId: actor.tenantId,
      params: {},
      content: { subject: input.subject, text: input.body },
    });
    const after = await updateInvitation(tx, kind, id, { sentAt: new Date(), email: input.to });
    // The body holds the link's token: the audit keeps who sent it where, not the text.
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: `${kind.resource}.sent`, resourceType: kind.resource, resourceId: id, after: { to: input.to, subject: input.subject } });
    return kind.view(after);
  });
}

/** The inviting organization's invitations, newest first, optionally in one status, with their total. */
export async function listInvitations<T extends InvitationTable, View>(
  db: Queryable,
  kind: InvitationKind<T, View>,
  ownerTenantId: string,
  query: { status?: InvitationStatus; size: number; after?: TimeCursor },
) {
  const now = new Date();
  const t = kind.table;
  const filters: SQL[] = [eq(kind.owner, ownerTenantId)];
  if (query.status) filters.push(statusFilter(t, query.status, now));
  const where = and(...filters);
  const page = query.after ? or(lt(t.createdAt, query.after.at), and(eq(t.createdAt, query.after.at), lt(t.id, query.after.id))) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(t as PgTable)
      .where(and(where, page))
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(query.size + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(t as PgTable)
      .where(where),
  ]);
  return { items: items as Row<T>[], totalCount: count?.n ?? 0 };
}

/** Revokes a usable invitation of the caller's organization: its link never works again (REL-2, CUS-1). */
export async function revokeInvitation<T extends InvitationTable, View>(platform: Platform, kind: InvitationKind<T, View>, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  await platform.transaction(async (tx) => {
    const row = await lockOwnInvitation(tx, kind, actor.tenantId, id);
    refuseUnusable(invitationStatus(row, new Date()));
    const after = await updateInvitation(tx, kind, id, { revokedAt: new Date() });
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: `${kind.resource}.revoked`, resourceType: kind.resource, resourceId: id, before: kind.view(row), after: kind.view(after) });
  });
}

/** The single-use link of a kind's invitations: "not found" as an invitation, refused once used, expired or revoked. */
function invitationLinkOf<T extends InvitationTable, View>(kind: InvitationKind<T, View>): SingleUseLink<Row<T>> {
  return { resource: 'invitation', find: byTokenHash(kind.table, kind.table.tokenHash), refusal: (row, now) => invitationRefusal(invitationStatus(row, now)) };
}

/**
 * The invitation behind a token, while its link works (the accepting side's look-up, no sign-in
 * needed): locked when the caller accepts it, refused as of `now`.
 */
export function invitationByToken<T extends InvitationTable, View>(q: Queryable, kind: InvitationKind<T, View>, token: string, options: { lock?: boolean; now?: Date } = {}) {
  return openSingleUseLink(q, invitationLinkOf(kind), token, options);
}
