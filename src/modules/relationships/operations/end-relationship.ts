// REL-8: either side ends the relationship; the other side's global admins are told. Customers and
// admin access on customers are not touched.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { isLocale } from '../../../platform/i18n/index.js';
import { relationshipOfSide } from '../reads.js';
import { partnerRelationships } from '../schema.js';
import { relationshipView } from '../views.js';
import type { RelationshipsDeps } from './deps.js';

export async function endRelationship(deps: RelationshipsDeps, ctx: RequestContext, id: string) {
  const { platform, identity } = deps;
  const actor = ctx.actor!;
  await platform.transaction(async (tx) => {
    const row = await relationshipOfSide(tx, actor, id, true);
    if (row.state !== 'active') throw new AppError('relationship_ended');
    const [after] = await tx.update(partnerRelationships).set({ state: 'ended', endedAt: new Date(), endedByTenantId: actor.tenantId }).where(eq(partnerRelationships.id, id)).returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'relationship.ended', resourceType: 'relationship', resourceId: id, before: relationshipView(row), after: relationshipView(after!), recipients: [{ tenantId: row.providerTenantId }, { tenantId: row.resellerTenantId }] });
    const otherTenantId = row.providerTenantId === actor.tenantId ? row.resellerTenantId : row.providerTenantId;
    const [me, other] = [await identity.getTenant(actor.tenantId, tx), await identity.getTenant(otherTenantId, tx)];
    for (const admin of await identity.globalAdminsOf(otherTenantId, tx)) {
      await platform.mailer.enqueue(tx, {
        template: 'relationshipEnded',
        locale: isLocale(admin.language) ? admin.language : 'en',
        to: admin.email,
        recipientUserId: admin.id,
        tenantId: otherTenantId,
        params: { endedBy: me!.name, other: other!.name },
      });
    }
  });
}
