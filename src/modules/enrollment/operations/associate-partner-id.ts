// ENR-8: the CSP account is associated with a PartnerID of one of the tenant's own locations in the
// account's country (MKT-1: the legal address country); ENR-10: verified enrollments become active
// once the agreement is accepted too.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { associationOf, contactCountry } from '../reads.js';
import { locations, partnerIdAssociations } from '../schema.js';
import { partnerIdAssociationView } from '../views.js';
import { activateWhenReady } from './activate-when-ready.js';
import type { EnrollmentDeps } from './deps.js';

export async function associatePartnerId(deps: EnrollmentDeps, ctx: RequestContext, partnerId: string) {
  const actor = ctx.actor!;
  const numeric = Number(partnerId);
  return deps.platform.transaction(async (tx) => {
    const [location] = await tx
      .select()
      .from(locations)
      .where(and(eq(locations.partnerId, numeric), eq(locations.tenantId, actor.tenantId)));
    if (!location) throw notFound('partnerId');
    const accountCountry = await contactCountry(deps, tx, actor.tenantId);
    if (location.country !== accountCountry) throw new AppError('partner_id_country_mismatch');
    const before = await associationOf(tx, actor.tenantId);
    const values = { locationId: location.id, partnerId: location.partnerId, associatedAt: new Date() };
    await tx.insert(partnerIdAssociations).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: partnerIdAssociations.tenantId, set: values });
    await writeAudit(tx, ctx, {
      tenantId: actor.tenantId,
      action: 'partnerId.associated',
      resourceType: 'partnerIdAssociation',
      resourceId: actor.tenantId,
      before: before ? { partnerId: String(before.partnerId) } : null,
      after: { partnerId: String(location.partnerId), locationId: location.id },
    });
    await activateWhenReady(deps, tx, ctx, actor.tenantId);
    return partnerIdAssociationView(values, location.country);
  });
}
