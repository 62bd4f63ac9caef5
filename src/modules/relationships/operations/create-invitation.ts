// REL-2: a provider invites a reseller — a single-use, expiring link (shown once; only its token's hash
// is kept) and an editable draft email. REL-6: never its own organization, never a suspended partner.
import type { RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { countryName, translate, type Locale } from '../../../platform/i18n/index.js';
import { createInvitation as createInvitationLink, invitationDays, type DraftEmail } from '../../../platform/invitations.js';
import type { CreateResellerInvitationBody, ResellerInvitation } from '../contract.js';
import { resellerInvitationKind } from '../invitation-kind.js';
import { refuseInvitee } from '../reads.js';
import { invitationView } from '../views.js';
import type { RelationshipsDeps } from './deps.js';

async function requireActiveProvider(deps: RelationshipsDeps, tenantId: string) {
  const standing = await deps.enrollment.standing(tenantId, 'indirectProvider');
  if (standing.enrollmentStatus === 'suspended') throw new AppError('partner_suspended');
  if (standing.enrollmentStatus !== 'active') throw new AppError('not_an_active_provider');
  return standing;
}

async function draftFor(deps: RelationshipsDeps, providerTenantId: string, locale: Locale, link: string, sender: string): Promise<DraftEmail> {
  const tenant = await deps.identity.getTenant(providerTenantId);
  const country = await deps.enrollment.contactCountry(providerTenantId);
  const params = { provider: tenant!.name, country: countryName(country, locale), link, days: invitationDays, sender };
  return { subject: translate(locale, 'mail.resellerInvitation.subject', params), body: translate(locale, 'mail.resellerInvitation.body', params) };
}

export async function createInvitation(deps: RelationshipsDeps, ctx: RequestContext, input: CreateResellerInvitationBody): Promise<ResellerInvitation> {
  const actor = ctx.actor!;
  await requireActiveProvider(deps, actor.tenantId);
  if (input.email) await refuseInvitee(deps, deps.db, actor.tenantId, input.email, '/email');
  const locale = input.locale ?? ctx.locale;
  const { row, link } = await createInvitationLink(deps.platform, resellerInvitationKind, ctx, { email: input.email, locale, values: { providerTenantId: actor.tenantId } });
  return invitationView(row, { link, draftEmail: await draftFor(deps, actor.tenantId, locale, link, actor.displayName) });
}
