// ENR-6: the operator's review queue, oldest first (by review start, else submission, else
// creation), filtered by one status or several, with each enrollment's dates as one story
// (rules.ts reviewTimeline: expected date, age in business days, overdue).
import { and, asc, eq, gt, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { holidaysNow } from '../reads.js';
import { overdueCutoff, reviewTimeline } from '../rules.js';
import { enrollments, legalBusinessProfiles } from '../schema.js';
import type { ReviewQueueRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export interface ReviewQuery {
  /** Any of these statuses (absent: every status). */
  status?: string[];
  overdue?: boolean;
  program?: string;
  size: number;
  after?: { at: Date; id: string };
}

const reviewClock = sql`coalesce(${enrollments.reviewStartedAt}, ${enrollments.submittedAt}, ${enrollments.createdAt})`;

export async function listReviewQueue(deps: EnrollmentDeps, query: ReviewQuery): Promise<{ totalCount: number; items: ReviewQueueRow[] }> {
  const { db } = deps;
  const now = new Date();
  const holidays = await holidaysNow(deps);
  const filters: SQL[] = [];
  if (query.status?.length) filters.push(inArray(enrollments.status, query.status));
  if (query.program) filters.push(eq(enrollments.program, query.program));
  if (query.overdue !== undefined) {
    const cutoff = new Date(`${overdueCutoff(now, holidays)}T00:00:00Z`);
    const overdue = and(eq(enrollments.status, 'inReview'), isNotNull(enrollments.reviewStartedAt), lt(enrollments.reviewStartedAt, cutoff))!;
    filters.push(query.overdue ? overdue : sql`not (${overdue})`);
  }
  const where = filters.length ? and(...filters) : undefined;
  const page = query.after ? or(gt(reviewClock, query.after.at), and(eq(reviewClock, query.after.at), gt(enrollments.id, query.after.id))) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select({ enrollment: enrollments, clock: sql<Date>`${reviewClock}`.mapWith(enrollments.createdAt), legalName: legalBusinessProfiles.legalName })
      .from(enrollments)
      .leftJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, enrollments.tenantId))
      .where(and(where, page))
      .orderBy(asc(reviewClock), asc(enrollments.id))
      .limit(query.size + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(enrollments).where(where),
  ]);
  const tenantRows = await deps.identity.tenantsByIds(items.map((i) => i.enrollment.tenantId));
  return {
    totalCount: count?.n ?? 0,
    items: items.map((item) => {
      const review = reviewTimeline(item.enrollment.status, item.enrollment.reviewStartedAt, now, holidays);
      return {
        ...item,
        organizationName: tenantRows.get(item.enrollment.tenantId)?.name ?? '',
        expectedDecisionBy: review.expectedDecisionBy,
        ageBusinessDays: review.ageBusinessDays,
        overdue: review.overdue,
      };
    }),
  };
}
