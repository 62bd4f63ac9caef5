// MFA reads shared by its operations, identity's sign-in and the per-request actor look-up: which
// factors a user has, the SQL fragments the session and token queries read (one round trip per
// request), the policies, and a sign-in challenge still open.
import { and, count, eq, getTableName, gt, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../db/index.js';
import type { TenantKind } from '../../../platform/access.js';
import { users } from '../schema.js';
import type { MfaStatus } from './contract.js';
import { passkeyCount } from './passkeys-reads.js';
import { mfaRequiredFor, passedMfa } from './rules.js';
import { mfaChallenges, mfaProgramPolicy, mfaRecoveryCodes, mfaTenantPolicies, mfaTotp } from './schema.js';

export interface Factors {
  totp: boolean;
  passkeys: number;
  recoveryCodesRemaining: number;
}

export async function factorsOf(q: Queryable, userId: string): Promise<Factors> {
  const [totp] = await q.select({ userId: mfaTotp.userId }).from(mfaTotp).where(and(eq(mfaTotp.userId, userId), isNotNull(mfaTotp.confirmedAt)));
  const [codes] = await q.select({ n: count() }).from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return { totp: totp !== undefined, passkeys: await passkeyCount(q, userId), recoveryCodesRemaining: codes?.n ?? 0 };
}

/** A second factor to sign in with: a confirmed TOTP or a passkey (recovery codes only stand in for one). */
export function hasFactor(factors: Factors): boolean {
  return factors.totp || factors.passkeys > 0;
}

/**
 * The column named with its table: a query over one table renders its columns bare ("id"), and inside
 * these subqueries a bare name would be the subquery's own column (passkeys.id, tenant_memberships.tenant_id).
 * Names are snake_case, as the database handle's casing writes them.
 */
function outer(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(toSnakeCase(column.name))}`;
}

/** SQL: the user (a column holding its ID) has a confirmed TOTP or a passkey. */
export function userHasFactorSql(userId: AnyPgColumn): SQL<boolean> {
  return sql<boolean>`(exists (select 1 from mfa_totp f where f.user_id = ${outer(userId)} and f.confirmed_at is not null) or exists (select 1 from passkeys p where p.user_id = ${outer(userId)}))`;
}

/** SQL: the program enforces MFA (no row: on, the default). */
export const programEnforcesSql = sql<boolean>`coalesce((select p.enforced from mfa_program_policy p where p.id), true)`;

/** SQL: the user's tenant (a column holding its ID) requires a second factor of all its users. */
export function tenantRequiresAllSql(tenantId: AnyPgColumn): SQL<boolean> {
  return sql<boolean>`coalesce((select t.require_all_users from mfa_tenant_policies t where t.tenant_id = ${outer(tenantId)}), false)`;
}

/** SQL: the tenant's kind from its memberships, as access.ts's tenantKindOf says it. */
export function tenantKindSql(tenantId: AnyPgColumn): SQL<string> {
  return sql<string>`(select case when bool_or(m.program = 'operator') then 'operator' when count(*) > 0 and bool_and(m.program = 'customer') then 'customer' else 'partner' end from tenant_memberships m where m.tenant_id = ${outer(tenantId)})`;
}

export async function programEnforces(q: Queryable): Promise<boolean> {
  const [row] = await q.select({ enforced: mfaProgramPolicy.enforced }).from(mfaProgramPolicy);
  return row?.enforced ?? true;
}

export async function tenantRequiresAll(q: Queryable, tenantId: string): Promise<boolean> {
  const [row] = await q.select({ requireAllUsers: mfaTenantPolicies.requireAllUsers }).from(mfaTenantPolicies).where(eq(mfaTenantPolicies.tenantId, tenantId));
  return row?.requireAllUsers ?? false;
}

export type MfaChallengeRow = typeof mfaChallenges.$inferSelect;

/** A sign-in challenge that is neither used nor expired, or undefined. */
export async function pendingMfaChallenge(q: Queryable, challengeId: string): Promise<MfaChallengeRow | undefined> {
  const [row] = await q
    .select()
    .from(mfaChallenges)
    .where(and(eq(mfaChallenges.id, challengeId), isNull(mfaChallenges.usedAt), gt(mfaChallenges.expiresAt, new Date())));
  return row;
}

/** Where a user stands with MFA, for a credential with this amr (one query). */
export async function mfaStatusOf(q: Queryable, userId: string, amr: readonly string[]): Promise<MfaStatus> {
  const [row] = await q
    .select({
      roles: users.roles,
      enforced: programEnforcesSql,
      tenantRequiresAll: tenantRequiresAllSql(users.tenantId),
      tenantKind: tenantKindSql(users.tenantId),
      hasFactor: userHasFactorSql(users.id),
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return { required: false, enrolmentRequired: false, sessionMfa: passedMfa(amr) };
  const required = mfaRequiredFor({ enforced: row.enforced, tenantKind: row.tenantKind as TenantKind, roles: row.roles, tenantRequiresAll: row.tenantRequiresAll });
  return { required, enrolmentRequired: required && !row.hasFactor && !passedMfa(amr), sessionMfa: passedMfa(amr) };
}
