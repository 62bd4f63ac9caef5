// ENR-6: an enrollment's history for its reviewers: its audit records, newest first (the partner's
// status changes and the reviewers' notes alike), each naming who acted and for which organization.
// Read from the platform's audit records in the order of their enrollment index.
import { and, eq, sql } from 'drizzle-orm';
import { notFound } from '../../../platform/errors.js';
import { auditRecords } from '../../../platform/schema.js';
import type { EnrollmentHistoryEntry } from '../contract.js';
import { enrollments } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';

/** An enrollment's history is short; a page of this many is all of it. */
export const enrollmentHistoryLimit = 500;

export async function getEnrollmentHistory(deps: EnrollmentDeps, id: string): Promise<EnrollmentHistoryEntry[]> {
  const { db, identity } = deps;
  const [enrollment] = await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.id, id));
  if (!enrollment) throw notFound('enrollment');
  const rows = await db
    .select()
    .from(auditRecords)
    .where(and(eq(auditRecords.resourceType, 'enrollment'), eq(auditRecords.resourceId, id)))
    // NULLS LAST as in the index, so it is read in order.
    .orderBy(sql`${auditRecords.at} desc nulls last`, sql`${auditRecords.id} desc nulls last`)
    .limit(enrollmentHistoryLimit);
  const [names, organizations] = await Promise.all([
    identity.userNamesByIds(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : []))),
    identity.tenantsByIds(rows.flatMap((r) => (r.actorTenantId ? [r.actorTenantId] : []))),
  ]);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actorUserId: r.actorUserId,
    actorName: (r.actorUserId && names.get(r.actorUserId)) ?? r.actorAppName ?? null,
    actorTenantId: r.actorTenantId,
    actorTenantName: (r.actorTenantId && organizations.get(r.actorTenantId)?.name) ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
}
