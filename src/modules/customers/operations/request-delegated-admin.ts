// Delegated admin requested later: pending until a global admin of the customer approves through the
// emailed single-use link (approve-delegated-admin.ts); only the link's token hash is kept. The answer
// carries the link and how many global admins it was mailed to, so the partner knows whether it must
// hand the link over itself.
import type { RequestContext } from '../../../platform/audit.js';
import { hashSecret, newSecret } from '../../../platform/auth/tokens.js';
import { invalidFields, notFound } from '../../../platform/errors.js';
import { isLocale, roleNames } from '../../../platform/i18n/index.js';
import type { DelegatedAdminBody, RequestedDelegatedAdminRelationship } from '../contract.js';
import { relationshipWith } from '../reads.js';
import { delegatedAdminProblems } from '../rules.js';
import { darView } from '../views.js';
import { insertDelegatedAdmin } from '../writes.js';
import type { CustomersDeps } from './deps.js';

export async function requestDelegatedAdmin(deps: CustomersDeps, ctx: RequestContext, customerTenantId: string, input: DelegatedAdminBody): Promise<RequestedDelegatedAdminRelationship> {
  const { platform, identity } = deps;
  const actor = ctx.actor!;
  const problems = delegatedAdminProblems(input, '');
  if (problems.length) throw invalidFields(...problems);
  if (!(await relationshipWith(deps, deps.db, actor.tenantId, customerTenantId))) throw notFound('customer');
  const token = newSecret('cca');
  const [partner, customer] = [await identity.getTenant(actor.tenantId), await identity.getTenant(customerTenantId)];
  return platform.transaction(async (tx) => {
    const row = await insertDelegatedAdmin(tx, ctx, { customerTenantId, partnerTenantId: actor.tenantId, ...input, status: 'approvalPending', now: new Date(), approvalTokenHash: hashSecret(token) });
    const link = `${platform.config.publicUrl}/delegated-admin/approve?token=${token}`;
    const admins = await identity.globalAdminsOf(customerTenantId, tx);
    for (const admin of admins) {
      const locale = isLocale(admin.language) ? admin.language : 'en';
      await platform.mailer.enqueue(tx, {
        template: 'delegatedAdminRequest',
        locale,
        to: admin.email,
        recipientUserId: admin.id,
        tenantId: customerTenantId,
        params: { name: admin.displayName, partner: partner!.name, customer: customer!.name, days: input.durationDays, roles: roleNames(locale, input.roles), link },
      });
    }
    return { ...darView(row), approval: { link, mailedTo: admins.length } };
  });
}
