// A provider changes its billing and support attestation (ENR-1's requirements) while the enrollment
// is a draft or action is required.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { UpdateEnrollmentBody } from '../contract.js';
import { loadOwnEnrollment } from '../reads.js';
import { editableStatuses, type EnrollmentStatus } from '../rules.js';
import { enrollments } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';

export async function updateEnrollment(deps: EnrollmentDeps, ctx: RequestContext, id: string, input: UpdateEnrollmentBody) {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const row = await loadOwnEnrollment(tx, actor, id, true);
    if (!editableStatuses.includes(row.status as EnrollmentStatus)) throw new AppError('invalid_transition', { from: row.status, to: row.status });
    const [after] = await tx.update(enrollments).set({ attestation: input.attestation, updatedAt: new Date() }).where(eq(enrollments.id, id)).returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'enrollment.updated', resourceType: 'enrollment', resourceId: id, before: { attestation: row.attestation }, after: { attestation: after!.attestation } });
    return after!;
  });
}
