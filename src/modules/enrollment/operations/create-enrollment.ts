// ENR-1: a global admin (route permission) starts an enrollment in a program; one open per program
// (a unique index holds it: a second answers enrollment_exists).
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { StartEnrollmentBody } from '../contract.js';
import { enrollments } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';

export async function createEnrollment(deps: EnrollmentDeps, ctx: RequestContext, input: StartEnrollmentBody) {
  const actor = ctx.actor!;
  try {
    return await deps.platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(enrollments)
        .values({ tenantId: actor.tenantId, program: input.program, enrolledByUserId: actor.userId, attestation: input.attestation ?? null })
        .returning();
      await deps.identity.setMembershipIn(tx, ctx, actor.tenantId, input.program, 'draft');
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'enrollment.created', resourceType: 'enrollment', resourceId: row!.id, after: row });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('enrollment_exists');
    throw error;
  }
}
