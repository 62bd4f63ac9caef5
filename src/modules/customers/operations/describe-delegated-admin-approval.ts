// Delegated admin: what a pending request asks of the customer, read through its emailed link before the
// customer's global admin approves it (approve-delegated-admin.ts): the partner, the roles, the duration
// and until when the link works. The same look-up as the approval, so the link names nothing outside the
// customer's own tenant and a used or stale link is refused the same way.
import type { Actor } from '../../../platform/access.js';
import { openSingleUseLink } from '../../../platform/single-use-links.js';
import type { DelegatedAdminApproval } from '../contract.js';
import { approvalLinkExpiry, delegatedAdminApprovalLink } from '../reads.js';
import type { CustomersDeps } from './deps.js';

export async function describeDelegatedAdminApproval(deps: CustomersDeps, actor: Actor, token: string): Promise<DelegatedAdminApproval> {
  const row = await openSingleUseLink(deps.db, delegatedAdminApprovalLink, token, { visibleTo: (request) => request.customerTenantId === actor.tenantId });
  const partner = await deps.identity.getTenant(row.partnerTenantId);
  return {
    id: row.id,
    partner: { tenantId: row.partnerTenantId, name: partner!.name, country: partner!.country },
    roles: row.roles,
    durationDays: row.durationDays,
    autoExtend: row.autoExtend,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    expiresAt: approvalLinkExpiry(row).toISOString(),
  };
}
