// Audit records: written inside the caller's transaction, append-only, never holding a secret.
import { randomUUID } from 'node:crypto';
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { preparedByShape, type Queryable } from '../db/index.js';
import type { Actor } from './access.js';
import { writeEvents, type EventName, type EventRecipient } from './events.js';
import type { Locale } from './i18n/index.js';
import { auditRecords } from './schema.js';

/** What every service call knows about the request it serves. */
export interface RequestContext {
  actor?: Actor;
  requestId: string;
  ip?: string;
  locale: Locale;
}

export interface AuditEntry {
  /** The tenant the record is about (who may read it). */
  tenantId: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Set when the actor is not the signed-in user (e.g. a public sign-up acts as the new admin). */
  actorUserId?: string | null;
  actorTenantId?: string | null;
  /** Set when an app acts without a request actor (e.g. the token endpoint, where its secret signs it in). */
  actorApp?: { id: string; name: string };
  /** EVT-1: the event this change raises when its action's is not the right one (see events.ts). */
  event?: EventName;
  /**
   * EVT-1: the tenants the change's event is for, each with the resource as the API shows it (absent:
   * the tenant the record is about and the actor's, both with `after`).
   */
  recipients?: readonly EventRecipient[];
  /** The resource's name in its event (absent: read from `after`). */
  resourceName?: string | null;
}

const secretKey = /password|secret|token|hash|^session|cookie/i;

/** Copies a value without any field whose name suggests a secret. */
export function redactSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (!secretKey.test(key)) out[key] = redactSecrets(item);
    }
    return out;
  }
  return value;
}

/** Writes the record (and its events); answers its ID. */
export async function writeAudit(tx: Queryable, ctx: RequestContext, entry: AuditEntry): Promise<string> {
  return (await writeAudits(tx, ctx, [entry]))[0]!;
}

/** Many records of one context in one statement (a sweep's batch), as writeAudit writes each; then their events. */
export async function writeAudits(tx: Queryable, ctx: RequestContext, entries: AuditEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows = entries.map((entry) => auditRowOf(ctx, entry));
  await tx.insert(auditRecords).values(rows);
  await writeEvents(
    tx,
    rows.map((row, i) => ({
      auditRecordId: row.id!,
      tenantId: row.tenantId ?? null,
      actorTenantId: row.actorTenantId ?? null,
      action: row.action,
      resourceType: row.resourceType,
      resourceId: row.resourceId ?? null,
      after: row.after ?? null,
      event: entries[i]!.event,
      recipients: entries[i]!.recipients?.map((r) => (r.resource === undefined ? r : { ...r, resource: redactSecrets(r.resource) })),
      resourceName: entries[i]!.resourceName,
    })),
  );
  return rows.map((row) => row.id!);
}

function auditRowOf(ctx: RequestContext, entry: AuditEntry): typeof auditRecords.$inferInsert {
  // An app is named as the actor by its ID and its name at the time; it is no user.
  const app = entry.actorApp ?? ctx.actor?.app;
  return {
    id: randomUUID(),
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : app ? null : (ctx.actor?.userId ?? null),
    actorAppId: app?.id ?? null,
    actorAppName: app?.name ?? null,
    actorTenantId: entry.actorTenantId !== undefined ? entry.actorTenantId : (ctx.actor?.tenantId ?? null),
    tenantId: entry.tenantId,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    before: redactSecrets(entry.before ?? null),
    after: redactSecrets(entry.after ?? null),
    requestId: ctx.requestId,
    ip: ctx.ip ?? null,
  };
}

/** Audit lists count matching records exactly up to this many, then say "more" (totalCountCapped). */
export const auditCountCap = 10_000;

export interface AuditQuery {
  /** null: every tenant (the operator's view). */
  tenantId: string | null;
  from?: Date;
  to?: Date;
  action?: string;
  resourceType?: string;
  /** Only what this user did. */
  actorUserId?: string;
  size: number;
  after?: { at: Date; id: string };
}

type AuditShape = { tenant: boolean; from: boolean; to: boolean; action: boolean; resourceType: boolean; actor: boolean; after: boolean };

/** The page and the capped count(s) of an audit list, prepared once per shape of the query and per database handle. */
function auditStatements(db: Queryable) {
  const filtersOf = (shape: AuditShape) => {
    const filters: SQL[] = [];
    if (shape.from) filters.push(gte(auditRecords.at, sql.placeholder('from')));
    if (shape.to) filters.push(lte(auditRecords.at, sql.placeholder('to')));
    if (shape.action) filters.push(eq(auditRecords.action, sql.placeholder('action')));
    if (shape.resourceType) filters.push(eq(auditRecords.resourceType, sql.placeholder('resourceType')));
    if (shape.actor) filters.push(eq(auditRecords.actorUserId, sql.placeholder('actor')));
    return filters;
  };
  const pageFilter = (shape: AuditShape) => (shape.after ? sql`(${auditRecords.at}, ${auditRecords.id}) < (${sql.placeholder('afterAt')}, ${sql.placeholder('afterId')})` : undefined);
  // NULLS LAST as in the (…, at DESC NULLS LAST, id DESC NULLS LAST) indexes, so they are read in order.
  const newestFirst = [sql`${auditRecords.at} desc nulls last`, sql`${auditRecords.id} desc nulls last`];
  const page = (shape: AuditShape, where: SQL | undefined) => db.select().from(auditRecords).where(and(where, pageFilter(shape))).orderBy(...newestFirst).limit(sql.placeholder('limit'));
  // Counting stops at auditCountCap matching records (the history of a busy tenant has millions).
  const count = (where: SQL | undefined) => sql<number>`(select count(*)::int from (select 1 from ${auditRecords} where ${where ?? sql`true`} limit ${auditCountCap + 1}) capped)`;
  const scopes = (shape: AuditShape) => {
    const filters = filtersOf(shape);
    if (!shape.tenant) return { all: filters.length ? and(...filters) : undefined };
    const tenant = sql.placeholder('tenant');
    return {
      about: and(eq(auditRecords.tenantId, tenant), ...filters),
      madeElsewhere: and(eq(auditRecords.actorTenantId, tenant), sql`${auditRecords.tenantId} is distinct from ${auditRecords.actorTenantId}`, ...filters),
    };
  };
  return {
    page: preparedByShape('audit_page', (shape: AuditShape, name) => {
      const { all, about, madeElsewhere } = scopes(shape);
      if (!shape.tenant) return page(shape, all).prepare(name);
      return page(shape, about)
        .unionAll(page(shape, madeElsewhere))
        .orderBy(sql`at desc, id desc`)
        .limit(sql.placeholder('limit'))
        .prepare(name);
    }),
    counts: preparedByShape('audit_count', (shape: Omit<AuditShape, 'after'>, name) => {
      const { all, about, madeElsewhere } = scopes({ ...shape, after: false });
      // Both counts of a tenant's records in one statement (one round trip).
      const counted = shape.tenant ? sql<number>`${count(about)} + ${count(madeElsewhere)}` : count(all);
      return db.select({ n: counted }).from(sql`(values (1)) as one(x)`).prepare(name);
    }),
  };
}

const statementsByDb = new WeakMap<Queryable, ReturnType<typeof auditStatements>>();

/**
 * A tenant's records: those about it and those its users made. Each of the two is read in index order
 * (tenant_id or actor_tenant_id, at, id) and limited before they are merged, so a page costs the same
 * whatever the tenant's history; an OR of the two would read and sort every record in the range.
 */
export async function listAuditRecords(db: Queryable, query: AuditQuery) {
  const statements = statementsOf(db);
  const shape = shapeOf(query);
  const values = valuesOf(query, query.size + 1);
  const [items, [total]] = await Promise.all([statements.page({ ...shape, after: !!query.after }).execute(values), statements.counts(shape).execute(values)]);
  return capped(items, total?.n ?? 0);
}

/** The most records an export holds: the newest ones when more match (narrow the dates for the rest). */
export const auditExportCap = auditCountCap;
const exportBatch = 500;

/**
 * Every record matching the query, newest first, up to `cap`: read in batches with the list's prepared
 * statements (a keyset over the same indexes), so an export holds one batch at a time.
 */
export async function* auditRecordsToExport(db: Queryable, query: Omit<AuditQuery, 'size' | 'after'>, cap = auditExportCap) {
  const statements = statementsOf(db);
  let after: { at: Date; id: string } | undefined;
  let left = cap;
  while (left > 0) {
    const size = Math.min(exportBatch, left);
    const rows = await statements.page({ ...shapeOf(query), after: !!after }).execute(valuesOf({ ...query, after }, size));
    yield* rows;
    left -= rows.length;
    const last = rows.at(-1);
    if (rows.length < size || !last) return;
    after = { at: last.at, id: last.id };
  }
}

function statementsOf(db: Queryable) {
  let statements = statementsByDb.get(db);
  if (!statements) statementsByDb.set(db, (statements = auditStatements(db)));
  return statements;
}

function shapeOf(query: Omit<AuditQuery, 'size' | 'after'>): Omit<AuditShape, 'after'> {
  return { tenant: query.tenantId !== null, from: !!query.from, to: !!query.to, action: !!query.action, resourceType: !!query.resourceType, actor: !!query.actorUserId };
}

function valuesOf(query: Omit<AuditQuery, 'size'>, limit: number) {
  return {
    tenant: query.tenantId,
    from: query.from,
    to: query.to,
    action: query.action,
    resourceType: query.resourceType,
    actor: query.actorUserId,
    afterAt: query.after?.at,
    afterId: query.after?.id,
    limit,
  };
}

function capped<T>(items: T[], counted: number) {
  return counted > auditCountCap ? { items, totalCount: auditCountCap, totalCountCapped: true } : { items, totalCount: counted };
}

/** One record, for a tenant that may read it (about it or made by its users; the operator: any), else undefined. */
export async function findAuditRecord(db: Queryable, id: string, reader: { tenantId: string; isOperator: boolean }) {
  const [row] = await db.select().from(auditRecords).where(eq(auditRecords.id, id));
  if (!row) return undefined;
  return reader.isOperator || row.tenantId === reader.tenantId || row.actorTenantId === reader.tenantId ? row : undefined;
}
