// CUS-1 "Request a reseller relationship" (reseller only, optionally asking for delegated admin) and
// CUS-2 "Invite new customer" (with one of the reseller's authorized providers): a single-use link,
// shown once, and an editable draft email.
import type { RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/index.js';
import { createInvitation as createInvitationLink, invitationDays } from '../../../platform/invitations.js';
import type { CreateCustomerInvitationBody, CustomerInvitation } from '../contract.js';
import { customerInvitationKind } from '../invitation-kind.js';
import { delegatedAdminProblems } from '../rules.js';
import { invitationView } from '../views.js';
import type { CustomersDeps } from './deps.js';

export async function createInvitation(deps: CustomersDeps, ctx: RequestContext, input: CreateCustomerInvitationBody): Promise<CustomerInvitation> {
  const { identity, enrollment, relationships } = deps;
  const actor = ctx.actor!;
  if (input.delegatedAdmin) {
    const problems = delegatedAdminProblems(input.delegatedAdmin, '/delegatedAdmin');
    if (problems.length) throw invalidFields(...problems);
  }
  if ((await enrollment.standing(actor.tenantId, 'indirectReseller')).enrollmentStatus !== 'active') throw new AppError('reseller_not_active');
  let providerTenantId: string | null = null;
  if (input.type === 'resellerAndProvider') {
    if (!input.providerRelationshipId) throw invalidFields({ path: '/providerRelationshipId', code: 'required' });
    const relationship = await relationships.getRelationship(actor, input.providerRelationshipId).catch(() => undefined);
    if (!relationship || relationship.resellerTenantId !== actor.tenantId || relationship.state !== 'active') throw new AppError('provider_relationship_invalid');
    providerTenantId = relationship.providerTenantId;
  }
  const locale = input.locale ?? ctx.locale;
  const { row, link } = await createInvitationLink(deps.platform, customerInvitationKind, ctx, {
    email: input.email,
    locale,
    values: {
      type: input.type,
      resellerTenantId: actor.tenantId,
      providerTenantId,
      providerRelationshipId: input.type === 'resellerAndProvider' ? input.providerRelationshipId! : null,
      delegatedAdmin: input.delegatedAdmin ?? null,
    },
  });
  const reseller = await identity.getTenant(actor.tenantId);
  const provider = providerTenantId ? await identity.getTenant(providerTenantId) : undefined;
  const params = {
    reseller: reseller!.name,
    withProvider: provider ? translate(locale, 'mail.customerInvitation.withProvider', { provider: provider.name }) : '',
    link,
    days: invitationDays,
    sender: actor.displayName,
  };
  return invitationView(row, {
    link,
    draftEmail: { subject: translate(locale, 'mail.customerInvitation.subject', params), body: translate(locale, 'mail.customerInvitation.body', params) },
  });
}
