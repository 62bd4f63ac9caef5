// ENR-6: the reviewers' notes on an enrollment, replaced as a whole. Audited in the operator's own tenant
// (before and after), so the partner reads neither the notes nor that they changed; an unchanged text
// writes nothing.
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import type { ReviewNotes, ReviewNotesBody } from '../contract.js';
import { enrollmentReviewNotes, enrollments } from '../schema.js';
import { reviewNotesView } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function putReviewNotes(deps: EnrollmentDeps, ctx: RequestContext, id: string, input: ReviewNotesBody): Promise<ReviewNotes> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const [enrollment] = await tx.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.id, id));
    if (!enrollment) throw notFound('enrollment');
    const [before] = await tx.select().from(enrollmentReviewNotes).where(eq(enrollmentReviewNotes.enrollmentId, id)).for('update');
    const author = async (userId: string | null) => (userId ? ((await deps.identity.userNamesByIds([userId], tx)).get(userId) ?? null) : null);
    if (before && before.notes === input.notes) return reviewNotesView(before, await author(before.updatedByUserId));
    if (!before && input.notes === '') return reviewNotesView(undefined, null);
    const [after] = await tx
      .insert(enrollmentReviewNotes)
      .values({ enrollmentId: id, notes: input.notes, updatedByUserId: actor.userId ?? null })
      .onConflictDoUpdate({ target: enrollmentReviewNotes.enrollmentId, set: { notes: input.notes, updatedByUserId: actor.userId ?? null, updatedAt: sql`now()` } })
      .returning();
    await writeAudit(tx, ctx, {
      tenantId: actor.tenantId,
      action: 'enrollment.reviewNotesUpdated',
      resourceType: 'enrollment',
      resourceId: id,
      before: { notes: before?.notes ?? '' },
      after: { notes: input.notes },
    });
    return reviewNotesView(after!, await author(after!.updatedByUserId));
  });
}
