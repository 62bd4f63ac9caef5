// REL-3, REL-4, REL-6: "Authorize indirect provider" — the reseller's global admin or admin agent
// accepts a provider's invitation with the box ticked; one winner however many accept at once (row
// lock + unique index), and both sides are told.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { isLocale } from '../../../platform/i18n/index.js';
import { invitationByToken, type AcceptInvitationBody } from '../../../platform/invitations.js';
import type { RelationshipRecord } from '../contract.js';
import { resellerInvitationKind } from '../invitation-kind.js';
import { isEnrolledReseller, resellerAuthorizationGrants } from '../rules.js';
import { partnerRelationships, resellerInvitations } from '../schema.js';
import { relationshipView } from '../views.js';
import type { RelationshipsDeps } from './deps.js';

export async function authorizeIndirectProvider(deps: RelationshipsDeps, ctx: RequestContext, token: string, input: AcceptInvitationBody): Promise<RelationshipRecord> {
  const { platform, db, identity, enrollment, markets } = deps;
  const actor = ctx.actor!;
  if (input.confirm !== true) throw new AppError('confirmation_required', {}, [{ path: '/confirm', code: 'const', params: { value: true } }]);
  // Everything read outside the transaction first (PGlite has one connection), then re-checked under the row lock.
  const preview = await invitationByToken(db, resellerInvitationKind, token);
  if (preview.providerTenantId === actor.tenantId) throw new AppError('self_relationship'); // REL-6: a provider is never its own reseller
  const reseller = await enrollment.standing(actor.tenantId, 'indirectReseller');
  if (reseller.enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
  if (!isEnrolledReseller(reseller.enrollmentStatus)) throw new AppError('not_enrolled_reseller'); // REL-6
  // A suspended provider's pending invitations cannot be accepted.
  const provider = await enrollment.standing(preview.providerTenantId, 'indirectProvider');
  if (provider.enrollmentStatus !== 'active') throw new AppError(provider.enrollmentStatus === 'suspended' ? 'partner_suspended' : 'not_an_active_provider');
  const sameRegion = await markets.sameRegion(await enrollment.contactCountry(preview.providerTenantId), await enrollment.contactCountry(actor.tenantId));
  if (!sameRegion) throw new AppError('region_mismatch'); // MKT-2, REL-6
  try {
    return await platform.transaction(async (tx) => {
      const invitation = await invitationByToken(tx, resellerInvitationKind, token, { lock: true });
      const [existing] = await tx
        .select({ id: partnerRelationships.id })
        .from(partnerRelationships)
        .where(and(eq(partnerRelationships.providerTenantId, invitation.providerTenantId), eq(partnerRelationships.resellerTenantId, actor.tenantId), eq(partnerRelationships.state, 'active')));
      if (existing) throw new AppError('already_authorized');
      const [relationship] = await tx
        .insert(partnerRelationships)
        .values({ providerTenantId: invitation.providerTenantId, resellerTenantId: actor.tenantId, invitationId: invitation.id })
        .returning();
      await tx.update(resellerInvitations).set({ acceptedAt: new Date(), acceptedByTenantId: actor.tenantId }).where(eq(resellerInvitations.id, invitation.id));
      await writeAudit(tx, ctx, {
        tenantId: actor.tenantId,
        action: 'relationship.created',
        resourceType: 'relationship',
        resourceId: relationship!.id,
        after: { ...relationshipView(relationship!), grants: resellerAuthorizationGrants },
        recipients: [{ tenantId: actor.tenantId }, { tenantId: invitation.providerTenantId }],
      });
      // Both sides are told: the provider's inviting user and the reseller's authorizing user.
      const providerTenant = await identity.getTenant(invitation.providerTenantId, tx);
      const resellerTenant = await identity.getTenant(actor.tenantId, tx);
      const inviter = await identity.findUser(invitation.createdByUserId, tx);
      const params = { provider: providerTenant!.name, reseller: resellerTenant!.name };
      for (const [user, url] of [
        [inviter, `${platform.config.publicUrl}/relationships/resellers`],
        [await identity.findUser(actor.userId, tx), `${platform.config.publicUrl}/relationships/providers`],
      ] as const) {
        if (!user) continue;
        await platform.mailer.enqueue(tx, {
          template: 'relationshipCreated',
          locale: isLocale(user.language) ? user.language : 'en',
          to: user.email,
          recipientUserId: user.id,
          tenantId: user.tenantId,
          params: { ...params, url },
        });
      }
      return relationshipView(relationship!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('already_authorized');
    throw error;
  }
}
