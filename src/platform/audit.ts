// Audit records: written inside the caller's transaction, append-only, never holding a secret.
import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
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

/** A tenant's records: those about it and those its users made. */
export async function listAuditRecords(db: Queryable, query: AuditQuery) {
  const filters: SQL[] = [];
  if (query.tenantId) filters.push(or(eq(auditRecords.tenantId, query.tenantId), eq(auditRecords.actorTenantId, query.tenantId))!);
  if (query.from) filters.push(gte(auditRecords.at, query.from));
  if (query.to) filters.push(lte(auditRecords.at, query.to));
  if (query.action) filters.push(eq(auditRecords.action, query.action));
  if (query.resourceType) filters.push(eq(auditRecords.resourceType, query.resourceType));
  const where = filters.length ? and(...filters) : undefined;
  const pageFilter = query.after
    ? or(lt(auditRecords.at, query.after.at), and(eq(auditRecords.at, query.after.at), lt(auditRecords.id, query.after.id)))
    : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(auditRecords)
      .where(and(where, pageFilter))
      .orderBy(desc(auditRecords.at), desc(auditRecords.id))
      .limit(query.size + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(auditRecords).where(where),
  ]);
  return { items, totalCount: count?.n ?? 0 };
}
