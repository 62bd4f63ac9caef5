// Audit records: written inside the caller's transaction, append-only, never holding a secret.
import { and, eq, gte, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/index.js';
import type { Actor } from './access.js';
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

export async function writeAudit(tx: Queryable, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditRecords).values({
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (ctx.actor?.userId ?? null),
    actorTenantId: entry.actorTenantId !== undefined ? entry.actorTenantId : (ctx.actor?.tenantId ?? null),
    tenantId: entry.tenantId,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    before: redactSecrets(entry.before ?? null),
    after: redactSecrets(entry.after ?? null),
    requestId: ctx.requestId,
    ip: ctx.ip ?? null,
  });
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
  size: number;
  after?: { at: Date; id: string };
}

/**
 * A tenant's records: those about it and those its users made. Each of the two is read in index order
 * (tenant_id or actor_tenant_id, at, id) and limited before they are merged, so a page costs the same
 * whatever the tenant's history; an OR of the two would read and sort every record in the range.
 */
export async function listAuditRecords(db: Queryable, query: AuditQuery) {
  const filters: SQL[] = [];
  if (query.from) filters.push(gte(auditRecords.at, query.from));
  if (query.to) filters.push(lte(auditRecords.at, query.to));
  if (query.action) filters.push(eq(auditRecords.action, query.action));
  if (query.resourceType) filters.push(eq(auditRecords.resourceType, query.resourceType));
  const pageFilter = query.after ? sql`(${auditRecords.at}, ${auditRecords.id}) < (${query.after.at}, ${query.after.id})` : undefined;
  // NULLS LAST as in the (…, at DESC NULLS LAST, id DESC NULLS LAST) indexes, so they are read in order.
  const newestFirst = [sql`${auditRecords.at} desc nulls last`, sql`${auditRecords.id} desc nulls last`];
  const page = (where: SQL | undefined) => db.select().from(auditRecords).where(and(where, pageFilter)).orderBy(...newestFirst).limit(query.size + 1);
  // Counting stops at auditCountCap matching records (the history of a busy tenant has millions).
  const count = (where: SQL | undefined) =>
    db.select({ n: sql<number>`count(*)::int` }).from(db.select({ one: sql`1` }).from(auditRecords).where(where).limit(auditCountCap + 1).as('capped'));
  if (!query.tenantId) {
    const where = filters.length ? and(...filters) : undefined;
    const [items, [total]] = await Promise.all([page(where), count(where)]);
    return capped(items, total?.n ?? 0);
  }
  const about = and(eq(auditRecords.tenantId, query.tenantId), ...filters);
  const madeElsewhere = and(eq(auditRecords.actorTenantId, query.tenantId), or(isNull(auditRecords.tenantId), ne(auditRecords.tenantId, query.tenantId)), ...filters);
  const [items, [aboutCount], [elsewhereCount]] = await Promise.all([
    page(about)
      .unionAll(page(madeElsewhere))
      .orderBy(sql`at desc, id desc`)
      .limit(query.size + 1),
    count(about),
    count(madeElsewhere),
  ]);
  return capped(items, (aboutCount?.n ?? 0) + (elsewhereCount?.n ?? 0));
}

function capped<T>(items: T[], counted: number) {
  return counted > auditCountCap ? { items, totalCount: auditCountCap, totalCountCapped: true } : { items, totalCount: counted };
}
