// ENR-9: a global admin (route permission) accepts the current agreement; the partner agreement only
// once verified and with a PartnerID associated (ENR-8). The acceptance records who, when, which
// version and from where, and covers the partner's CSP region (MKT-1: the legal address country's);
// ENR-10: the partner becomes active when ready.
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Acceptance } from '../contract.js';
import { templateOf } from '../reads.js';
import { agreementAcceptances, enrollments, partnerIdAssociations } from '../schema.js';
import { acceptanceView } from '../views.js';
import type { AgreementsDeps } from './deps.js';

export async function acceptAgreement(
  deps: AgreementsDeps,
  ctx: RequestContext,
  templateId: string,
  input: { primaryContact: { firstName: string; lastName: string; email: string } },
  userAgent?: string,
): Promise<Acceptance> {
  const actor = ctx.actor!;
  const region = (await deps.markets.regionOf(await deps.enrollment.contactCountry(actor.tenantId))) ?? null;
  return deps.platform.transaction(async (tx) => {
    const template = await templateOf(tx, templateId);
    if (!template.current) throw new AppError('agreement_not_current');
    if (template.type === 'partnerAgreement') {
      const vetted = await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.tenantId, actor.tenantId), inArray(enrollments.status, ['verified', 'active'])));
      if (vetted.length === 0) throw new AppError('enrollment_not_verified');
      const [association] = await tx.select().from(partnerIdAssociations).where(eq(partnerIdAssociations.tenantId, actor.tenantId));
      if (!association) throw new AppError('partner_id_not_associated');
    }
    const [existing] = await tx
      .select({ id: agreementAcceptances.id })
      .from(agreementAcceptances)
      .where(and(eq(agreementAcceptances.tenantId, actor.tenantId), eq(agreementAcceptances.templateId, templateId)));
    if (existing) throw new AppError('agreement_already_accepted');
    const [row] = await tx
      .insert(agreementAcceptances)
      .values({
        templateId,
        type: template.type,
        version: template.version,
        tenantId: actor.tenantId,
        region,
        userId: actor.userId,
        userName: actor.displayName,
        userEmail: actor.email,
        primaryContact: input.primaryContact,
        ip: ctx.ip ?? null,
        userAgent: userAgent?.slice(0, 500) ?? null,
      })
      .returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'agreement.accepted', resourceType: 'agreementAcceptance', resourceId: row!.id, after: acceptanceView(row!) });
    if (template.type === 'partnerAgreement') await deps.enrollment.activateWhenReady(tx, ctx, actor.tenantId);
    return acceptanceView(row!);
  });
}
