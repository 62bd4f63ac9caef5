// ENR-10: every verified enrollment of the tenant becomes active once the partner agreement is
// accepted and a PartnerID associated (ENR-8, ENR-9), in the caller's transaction.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/index.js';
import type { RequestContext } from '../../../platform/audit.js';
import { agreementAccepted, associationOf } from '../reads.js';
import { becomesActive } from '../rules.js';
import { enrollments } from '../schema.js';
import type { EnrollmentRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';
import { transitionEnrollment } from './transition-enrollment.js';

export async function activateWhenReady(deps: EnrollmentDeps, tx: Tx, ctx: RequestContext, tenantId: string): Promise<EnrollmentRow | undefined> {
  const accepted = await agreementAccepted(tx, tenantId);
  const association = await associationOf(tx, tenantId);
  const verified = await tx.select().from(enrollments).where(and(eq(enrollments.tenantId, tenantId), eq(enrollments.status, 'verified'))).for('update');
  let last: EnrollmentRow | undefined;
  for (const row of verified) {
    if (becomesActive({ enrollmentStatus: 'verified', agreementAccepted: accepted !== undefined, partnerIdAssociated: association !== undefined })) {
      last = await transitionEnrollment(deps, tx, ctx, row, 'active');
    }
  }
  return last;
}
