// Customer rules, pure: delegated admin (GDAP-like) roles, durations and their lifecycle.

export const delegatedAdminRoles = ['userAdministrator', 'licenseAdministrator', 'helpdeskAdministrator', 'billingReader', 'globalAdministrator'] as const;
export type DelegatedAdminRole = (typeof delegatedAdminRoles)[number];

export const delegatedAdminLimits = { minDays: 1, maxDays: 730, extensionDays: 180 } as const;

export type DelegatedAdminStatus = 'approvalPending' | 'active' | 'expired' | 'terminated';

/** Field problems of a delegated-admin request: auto-extend is not allowed with globalAdministrator. */
export function delegatedAdminProblems(request: { roles: string[]; durationDays: number; autoExtend: boolean }, path: string) {
  const problems: { path: string; code: string; params?: Record<string, unknown> }[] = [];
  if (request.durationDays < delegatedAdminLimits.minDays || request.durationDays > delegatedAdminLimits.maxDays) {
    problems.push({ path: `${path}/durationDays`, code: 'maximum', params: { limit: delegatedAdminLimits.maxDays } });
  }
  if (request.autoExtend && request.roles.includes('globalAdministrator')) problems.push({ path: `${path}/autoExtend`, code: 'auto_extend_not_allowed' });
  return problems;
}

/** What the periodic sweep does to an active relationship at `now`: nothing, extend it, or let it expire. */
export function sweepDecision(dar: { status: string; endsAt: Date | null; autoExtend: boolean }, now: Date): { action: 'none' } | { action: 'extend'; endsAt: Date } | { action: 'expire' } {
  if (dar.status !== 'active' || !dar.endsAt || dar.endsAt.getTime() > now.getTime()) return { action: 'none' };
  if (dar.autoExtend) return { action: 'extend', endsAt: new Date(dar.endsAt.getTime() + delegatedAdminLimits.extensionDays * 86_400_000) };
  return { action: 'expire' };
}

/** The roles a partner holds in a customer tenant right now (active relationships only). */
export function activeRoles(relationships: { status: string; endsAt: Date | null; roles: string[] }[], now: Date): Set<string> {
  const roles = new Set<string>();
  for (const r of relationships) {
    if (r.status === 'active' && r.endsAt && r.endsAt.getTime() > now.getTime()) for (const role of r.roles) roles.add(role);
  }
  return roles;
}

/** A partner tenant (operator, provider, reseller, publisher) cannot become a customer. */
export function isPartnerTenant(memberships: { program: string }[]): boolean {
  return memberships.some((m) => m.program !== 'customer');
}
