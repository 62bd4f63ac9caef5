// Identity's reads used by several operations and by other modules (through the service), and the
// prepared statements, built once per service: every request signs in through one of the first two.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { arrayLiteral, type Db, type Queryable } from '../../db/index.js';
import { type Actor, type Role, type TenantKind, tenantKindOf } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { programEnforcesSql, tenantKindSql, tenantRequiresAllSql, userHasFactorSql } from './mfa/reads.js';
import { mfaRequiredFor, passedMfa } from './mfa/rules.js';
import type { IdentityDeps } from './operations/deps.js';
import { accessTokens, sessions, tenantMemberships, tenants, users } from './schema.js';
import { userViewWithCreator, type TenantRow, type UserRow } from './views.js';

/** What a signed-in caller needs of its user row (the per-request look-ups read no more). */
const actorUser = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  displayName: users.displayName,
  roles: users.roles,
  state: users.state,
  mustChangePassword: users.mustChangePassword,
};
type ActorUser = Pick<UserRow, keyof typeof actorUser>;

export function identityStatements(db: Db) {
  /** Read with the session or token that signs a request in, so resolving the caller is one query. */
  const operatorTenant = sql<boolean>`exists (select 1 from tenant_memberships m where m.tenant_id = ${users.tenantId} and m.program = 'operator')`;
  // MKP-3: partner search asks whether the caller's tenant publishes; answered here, not per request.
  const publisherTenant = sql<boolean>`exists (select 1 from tenant_memberships m where m.tenant_id = ${users.tenantId} and m.program = 'publisher' and m.status = 'active')`;
  // ACC-4: the program's MFA policy, the tenant's, its kind and whether the user has a second factor
  // come with the credential too (mfa/reads.ts), so the enrolment check costs no query of its own.
  const mfa = {
    enforced: programEnforcesSql,
    tenantRequiresAll: tenantRequiresAllSql(users.tenantId),
    tenantKind: tenantKindSql(users.tenantId),
    hasFactor: userHasFactorSql(users.id),
  };
  const sessionByHash = db
    .select({
      session: { id: sessions.id, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt, amr: sessions.amr },
      user: actorUser,
      isOperator: operatorTenant,
      isPublisher: publisherTenant,
      mfa,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare('resolve_session');
  const tokenByHash = db
    .select({ token: { id: accessTokens.id, lastUsedAt: accessTokens.lastUsedAt, amr: accessTokens.amr }, user: actorUser, isOperator: operatorTenant, isPublisher: publisherTenant, mfa })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.tokenHash, sql.placeholder('hash')), isNull(accessTokens.revokedAt), gt(accessTokens.expiresAt, sql.placeholder('now'))))
    .prepare('resolve_access_token');
  const tenantById = db.select().from(tenants).where(eq(tenants.id, sql.placeholder('id'))).prepare('tenant_by_id');
  const tenantsById = db
    .select()
    .from(tenants)
    .where(sql`${tenants.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('tenants_by_ids');
  return { sessionByHash, tokenByHash, tenantById, tenantsById };
}

export type IdentityStatements = ReturnType<typeof identityStatements>;

/** What kind of organization the tenant is, for the roles it offers (ACC-1). */
export async function tenantKind(q: Queryable, tenantId: string): Promise<TenantKind> {
  return tenantKindOf(await q.select({ program: tenantMemberships.program }).from(tenantMemberships).where(eq(tenantMemberships.tenantId, tenantId)));
}


/** What the credential's query read about MFA (ACC-4), with the credential's amr. */
export interface CredentialMfa {
  amr: readonly string[];
  enforced: boolean;
  tenantRequiresAll: boolean;
  tenantKind: string;
  hasFactor: boolean;
}

/** The actor's MFA fields: how it signed in, whether that passed a second factor, the program's policy, and whether it must enrol first. */
function mfaOfActor(user: ActorUser, mfa: CredentialMfa): Pick<Actor, 'amr' | 'mfa' | 'mfaEnforced' | 'mfaEnrolmentRequired'> {
  const required = mfaRequiredFor({ enforced: mfa.enforced, tenantKind: mfa.tenantKind as TenantKind, roles: user.roles, tenantRequiresAll: mfa.tenantRequiresAll });
  const passed = passedMfa(mfa.amr);
  // An identity provider that did MFA stands in for a factor of the user's own here.
  return { amr: mfa.amr, mfa: passed, mfaEnforced: mfa.enforced, mfaEnrolmentRequired: required && !mfa.hasFactor && !passed };
}

export async function actorFor(
  deps: IdentityDeps,
  user: ActorUser,
  via: Actor['via'],
  sessionId?: string,
  isOperator?: boolean,
  isPublisher?: boolean,
  mfa?: CredentialMfa,
): Promise<Actor> {
  return {
    userId: user.id,
    tenantId: user.tenantId,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles as Role[],
    isOperator: isOperator ?? (await tenantKind(deps.db, user.tenantId)) === 'operator',
    mustChangePassword: user.mustChangePassword,
    via,
    sessionId,
    ...(isPublisher === undefined ? {} : { isPublisher }),
    ...(mfa ? mfaOfActor(user, mfa) : {}),
  };
}

/** The actor a user would be when signed in (for work done on its behalf, e.g. the demo). */
export async function actorOf(deps: IdentityDeps, userId: string): Promise<Actor> {
  const user = await findUser(deps.db, userId);
  if (!user) throw notFound('user');
  return actorFor(deps, user, 'token');
}

export async function findUser(q: Queryable, userId: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(eq(users.id, userId));
  return row;
}

/** Users' display names by ID, in one query (for lists that name who acted). */
export async function userNamesByIds(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** The user, or 404. */
export async function loadUser(q: Queryable, userId: string): Promise<UserRow> {
  const [user] = await q.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('user');
  return user;
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row;
}

/** Which of these emails belong to users (case-insensitive). */
export async function existingEmails(deps: IdentityDeps, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const lower = emails.map((e) => e.toLowerCase());
  const rows = await deps.db.select({ email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, lower));
  return rows.map((r) => r.email.toLowerCase());
}

export async function getTenant(deps: IdentityDeps, q: Queryable, tenantId: string): Promise<TenantRow | undefined> {
  const [row] = q === deps.db ? await deps.statements.tenantById.execute({ id: tenantId }) : await q.select().from(tenants).where(eq(tenants.id, tenantId));
  return row;
}

/** Tenants by ID, in one query (for lists). */
export async function tenantsByIds(deps: IdentityDeps, ids: string[]): Promise<Map<string, TenantRow>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.statements.tenantsById.execute({ ids: arrayLiteral([...new Set(ids)]) });
  return new Map(rows.map((r) => [r.id, r]));
}

/** REL-4: user views that also name the organization that created each user, where it is another (one query). */
export async function userViewsWithCreators(deps: IdentityDeps, rows: UserRow[]) {
  const ids = [...new Set(rows.flatMap((u) => (u.createdByTenantId ? [u.createdByTenantId] : [])))];
  const creators = ids.length ? new Map((await deps.statements.tenantsById.execute({ ids: arrayLiteral(ids) })).map((t) => [t.id, t.name])) : new Map<string, string>();
  return (u: UserRow) => userViewWithCreator(u, creators);
}

/** The active global admins of a tenant (who hears about what happens to it). */
export async function globalAdminsOf(q: Queryable, tenantId: string) {
  return q
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.state, 'active'), sql`'globalAdmin' = any(${users.roles})`))
    .orderBy(asc(users.createdAt));
}

/** The active users of these tenants holding any of these roles (who hears about a tenant's documents, say), by tenant, oldest first. */
export async function usersWithRolesOf(q: Queryable, tenantIds: string[], roles: readonly Role[]) {
  if (tenantIds.length === 0 || roles.length === 0) return [];
  return q
    .select()
    .from(users)
    .where(and(inArray(users.tenantId, [...new Set(tenantIds)]), eq(users.state, 'active'), sql`${users.roles} && ${arrayLiteral([...roles])}::text[]`))
    .orderBy(asc(users.tenantId), asc(users.createdAt));
}

/** The tenant's programs and their status. */
export async function memberships(q: Queryable, tenantId: string) {
  return q
    .select({ program: tenantMemberships.program, status: tenantMemberships.status })
    .from(tenantMemberships)
    .where(eq(tenantMemberships.tenantId, tenantId))
    .orderBy(asc(tenantMemberships.program));
}
