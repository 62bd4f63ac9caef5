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

/**
 * A delegated-admin relationship is usable now: active and not yet past its end (the hourly sweep
 * marks it expired later; until then its end date decides, so expiry takes effect on the next request).
 */
export function isUsableAt(dar: { status: string; endsAt: Date | null }, now: Date): boolean {
  return dar.status === 'active' && dar.endsAt !== null && dar.endsAt.getTime() > now.getTime();
}

/** ACC-3: an access assignment is active while its relationship is usable; otherwise it shows why not. */
export function assignmentStatus(dar: { status: string; endsAt: Date | null }, now: Date): 'active' | 'expired' | 'terminated' | 'approvalPending' {
  if (isUsableAt(dar, now)) return 'active';
  if (dar.status === 'active') return 'expired';
  return dar.status as 'expired' | 'terminated' | 'approvalPending';
}

/** ACC-3: field problems of an assignment's roles: each one must be a role the customer approved on the relationship. */
export function assignmentRoleProblems(roles: readonly string[], approved: readonly string[]) {
  return roles.flatMap((role, i) => (approved.includes(role) ? [] : [{ path: `/roles/${i}`, code: 'role_not_approved', params: { role } }]));
}

/** A partner tenant (operator, provider, reseller, publisher) cannot become a customer. */
export function isPartnerTenant(memberships: { program: string }[]): boolean {
  return memberships.some((m) => m.program !== 'customer');
}
