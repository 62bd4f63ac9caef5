// CUS-2, CUS-3, MKT-3: a customer's global admin accepts an invitation with the box ticked; one
// transaction creates every relationship it names (reseller, provider), the delegated admin it asked
// for, and the customer membership, and tells the inviting user.
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/audit.js';
import { isUniqueViolation } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { countryName, isLocale } from '../../../platform/i18n/index.js';
import { invitationByToken, type AcceptInvitationBody } from '../../../platform/invitations.js';
import type { AcceptedCustomerInvitation } from '../contract.js';
import { customerInvitationKind } from '../invitation-kind.js';
import { isPartnerTenant } from '../rules.js';
import { customerInvitations } from '../schema.js';
import { insertDelegatedAdmin, relate } from '../writes.js';
import type { CustomersDeps } from './deps.js';

export async function acceptInvitation(deps: CustomersDeps, ctx: RequestContext, token: string, input: AcceptInvitationBody): Promise<AcceptedCustomerInvitation> {
  const { platform, db, identity, enrollment, markets, agreements } = deps;
  const actor = ctx.actor!;
  const preview = await invitationByToken(db, customerInvitationKind, token);
  if (input.confirm !== true) throw new AppError('confirmation_required', {}, [{ path: '/confirm', code: 'const', params: { value: true } }]);
  // Partner suspension: a suspended partner's pending invitations cannot be accepted.
  const inviters: [string | null, 'indirectReseller' | 'indirectProvider'][] = [[preview.resellerTenantId, 'indirectReseller'], [preview.providerTenantId, 'indirectProvider']];
  for (const [tenantId, program] of inviters) {
    if (tenantId && (await enrollment.standing(tenantId, program)).enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
  }
  if (isPartnerTenant(await identity.memberships(actor.tenantId))) throw new AppError('not_a_customer_tenant');
  const agreement = await agreements.current('customerAgreement');
  if (agreement && !(await agreements.acceptancesOf(actor.tenantId)).some((a) => a.templateId === agreement.id)) throw new AppError('customer_agreement_required');
  const customer = (await identity.getTenant(actor.tenantId))!;
  const resellerCountry = await enrollment.contactCountry(preview.resellerTenantId);
  if (!(await markets.sameRegion(customer.country, resellerCountry))) throw new AppError('region_mismatch'); // MKT-3
  if (preview.providerTenantId && !(await markets.sameRegion(customer.country, await enrollment.contactCountry(preview.providerTenantId)))) throw new AppError('region_mismatch');
  const now = new Date();
  try {
    return await platform.transaction(async (tx) => {
      const invitation = await invitationByToken(tx, customerInvitationKind, token, { lock: true, now });
      const created = [await relate(tx, ctx, actor.tenantId, invitation.resellerTenantId, 'reseller', null)];
      if (invitation.providerTenantId) created.push(await relate(tx, ctx, actor.tenantId, invitation.providerTenantId, 'provider', invitation.resellerTenantId));
      if (invitation.delegatedAdmin) {
        await insertDelegatedAdmin(tx, ctx, { customerTenantId: actor.tenantId, partnerTenantId: invitation.resellerTenantId, ...invitation.delegatedAdmin, status: 'active', now });
      }
      await identity.setMembershipIn(tx, ctx, actor.tenantId, 'customer', 'active');
      await tx.update(customerInvitations).set({ acceptedAt: now, acceptedByTenantId: actor.tenantId }).where(eq(customerInvitations.id, invitation.id));
      const inviter = await identity.findUser(invitation.createdByUserId, tx);
      if (inviter) {
        const locale = isLocale(inviter.language) ? inviter.language : 'en';
        await platform.mailer.enqueue(tx, {
          template: 'customerAccepted',
          locale,
          to: inviter.email,
          recipientUserId: inviter.id,
          tenantId: inviter.tenantId,
          params: { customer: customer.name, country: countryName(customer.country, locale), url: `${platform.config.publicUrl}/customers` },
        });
      }
      return { customerTenantId: actor.tenantId, relationships: created.map((r) => ({ id: r.id, partnerTenantId: r.partnerTenantId, role: r.role })) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('invitation_used');
    throw error;
  }
}
