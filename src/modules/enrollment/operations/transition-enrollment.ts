// Moves an enrollment along its state machine (rules.ts transitions; a concurrent move loses with
// invalid_transition), mirrors the status into the tenant's program membership, audits, and mails
// the primary contact (ENR-7) unless the caller sends one mail for several enrollments (`mail: false`).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { translate, type MessageKey } from '../../../platform/i18n/index.js';
import { contactLanguage, legalProfileOf } from '../reads.js';
import { canTransition, type EnrollmentProgram, type EnrollmentStatus } from '../rules.js';
import { enrollments } from '../schema.js';
import type { EnrollmentRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function transitionEnrollment(
  deps: EnrollmentDeps,
  tx: Tx,
  ctx: RequestContext,
  row: EnrollmentRow,
  to: EnrollmentStatus,
  changes: Partial<typeof enrollments.$inferInsert> = {},
  options: { mail?: boolean } = {},
) {
  const { identity } = deps;
  const from = row.status as EnrollmentStatus;
  if (!canTransition(from, to)) throw new AppError('invalid_transition', { from, to });
  const [after] = await tx
    .update(enrollments)
    .set({ ...changes, status: to, updatedAt: new Date() })
    .where(and(eq(enrollments.id, row.id), eq(enrollments.status, from)))
    .returning();
  if (!after) throw new AppError('invalid_transition', { from, to });
  await identity.setMembershipIn(tx, ctx, row.tenantId, row.program as EnrollmentProgram, to);
  await writeAudit(tx, ctx, { tenantId: row.tenantId, action: `enrollment.${to}`, resourceType: 'enrollment', resourceId: row.id, before: { status: from }, after: { status: to, ...changes } });
  const legal = options.mail === false ? undefined : await legalProfileOf(tx, row.tenantId);
  if (legal) {
    const locale = await contactLanguage(deps, tx, row, legal.primaryContact.email);
    const tenant = await identity.getTenant(row.tenantId, tx);
    const contactUser = await identity.findUserByEmail(legal.primaryContact.email, tx);
    await deps.platform.mailer.enqueue(tx, {
      template: 'enrollmentStatus',
      locale,
      to: legal.primaryContact.email,
      recipientUserId: contactUser?.tenantId === row.tenantId ? contactUser.id : null,
      tenantId: row.tenantId,
      params: {
        name: `${legal.primaryContact.firstName} ${legal.primaryContact.lastName}`,
        organization: tenant!.name,
        program: translate(locale, `program.${row.program}` as MessageKey),
        status: translate(locale, `status.${to}` as MessageKey),
        reason: changes.decisionReason ? translate(locale, 'mail.reasonLine', { reason: changes.decisionReason }) : '',
        url: `${deps.config.publicUrl}/enrollment`,
      },
    });
  }
  return after;
}
