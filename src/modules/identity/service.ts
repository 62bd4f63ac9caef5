// Identity operations: work accounts (tenants), users and roles, sign-in sessions, personal access
// tokens. Every change is one transaction with its audit record and its mail.
import { and, asc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import countries from 'i18n-iso-countries';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Actor, type Role, type TenantKind, type TenantRelation, grantProblem, permissionsOf, tenantKindOf } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import { decoyPasswordHash, hashPassword, passwordProblems, temporaryPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { csrfTokenFor, hashSecret, newSecret } from '../../platform/auth/tokens.js';
import { isUniqueViolation, type Platform } from '../../platform/context.js';
import { AppError, invalidFields, notFound, type FieldError } from '../../platform/errors.js';
import { isLocale, type Locale } from '../../platform/i18n/index.js';
import { attemptCount, clearAttempts, forgiveAttempts, recordAttempt, releaseAttempt, reserveAttempt, slowdownMs } from '../../platform/rate-limit.js';
import { arrayLiteral, escapeLike, type Queryable } from '../../db/index.js';
import {
  domainPrefixFrom,
  keepsAGlobalAdmin,
  primaryDomainOf,
  roleProblems,
  sessionAbsoluteDays,
  sessionIsLive,
  sortRoles,
} from './rules.js';
import { accessTokens, identityProviderDomains, passwordResets, sessions, tenantMemberships, tenants, users } from './schema.js';
import { emailDomain, passwordSignInAllowed } from './sso/rules.js';

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export const programs = ['operator', 'indirectProvider', 'indirectReseller', 'customer', 'publisher'] as const;
export type Program = (typeof programs)[number];

export interface CreateTenantInput {
  organizationName: string;
  country: string;
  domainPrefix?: string;
  admin: { displayName: string; email: string; password: string; language?: Locale };
}

export interface NewUserInput {
  displayName: string;
  email: string;
  roles: string[];
  password?: string;
}

const signInWindowSeconds = 15 * 60;
/**
 * Failed sign-ins per 15 minutes: per (account, address) pair and per account across addresses they
 * refuse (429); per address (any accounts: a proxy or an office shares one) they only slow down, by
 * `stepMs` for each failure past `after`, at most `maxMs`.
 */
export const signInLimits = { perAccountAndAddress: 5, perAccount: 20, addressSlowdown: { after: 20, stepMs: 100, maxMs: 2000 } };

export function tenantView(t: TenantRow) {
  return { id: t.id, name: t.name, country: t.country, primaryDomain: t.primaryDomain };
}

export function userView(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    state: u.state,
    language: u.language,
    mustChangePassword: u.mustChangePassword,
    createdByTenantId: u.createdByTenantId ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

function countryProblems(country: string, path: string): FieldError[] {
  return countries.isValid(country) && /^[A-Z]{2}$/.test(country) ? [] : [{ path, code: 'country_invalid' }];
}

export function identityService(platform: Platform) {
  const { db, config } = platform;

  async function emailTaken(q: Queryable, email: string): Promise<boolean> {
    const [row] = await q.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row !== undefined;
  }

  /** What kind of organization the tenant is, for the roles it offers (ACC-1). */
  async function tenantKind(q: Queryable, tenantId: string): Promise<TenantKind> {
    return tenantKindOf(await q.select({ program: tenantMemberships.program }).from(tenantMemberships).where(eq(tenantMemberships.tenantId, tenantId)));
  }

  async function tenantIsOperator(q: Queryable, tenantId: string): Promise<boolean> {
    const [row] = await q
      .select({ program: tenantMemberships.program })
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.program, 'operator')));
    return row !== undefined;
  }

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

  /** Read with the session or token that signs a request in, so resolving the caller is one query. */
  const operatorTenant = sql<boolean>`exists (select 1 from tenant_memberships m where m.tenant_id = ${users.tenantId} and m.program = 'operator')`;

  async function actorFor(user: ActorUser, via: Actor['via'], sessionId?: string, isOperator?: boolean): Promise<Actor> {
    return {
      userId: user.id,
      tenantId: user.tenantId,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles as Role[],
      isOperator: isOperator ?? (await tenantIsOperator(db, user.tenantId)),
      mustChangePassword: user.mustChangePassword,
      via,
      sessionId,
    };
  }

  /** A free primary domain: the chosen prefix (409 when taken) or one derived from the name. */
  async function pickDomain(q: Queryable, organizationName: string, chosen?: string): Promise<string> {
    if (chosen) {
      const domain = primaryDomainOf(chosen);
      const [taken] = await q.select({ id: tenants.id }).from(tenants).where(eq(tenants.primaryDomain, domain));
      if (taken) throw new AppError('domain_taken', { domain });
      return domain;
    }
    const base = domainPrefixFrom(organizationName);
    const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base}${i + 1}`), `${base}${Date.now().toString(36)}`];
    const taken = new Set(
      (await q.select({ d: tenants.primaryDomain }).from(tenants).where(inArray(tenants.primaryDomain, candidates.map(primaryDomainOf)))).map((r) => r.d),
    );
    return primaryDomainOf(candidates.find((c) => !taken.has(primaryDomainOf(c)))!);
  }

  async function insertUser(
    tx: Queryable,
    ctx: RequestContext,
    tenant: TenantRow,
    input: { displayName: string; email: string; roles: string[]; passwordHash: string; language: Locale; mustChangePassword: boolean; createdByTenantId?: string },
  ): Promise<UserRow> {
    if (await emailTaken(tx, input.email)) throw new AppError('email_taken');
    try {
      const [user] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          email: input.email.trim(),
          displayName: input.displayName.trim(),
          passwordHash: input.passwordHash,
          roles: sortRoles(input.roles),
          language: input.language,
          mustChangePassword: input.mustChangePassword,
          createdByTenantId: input.createdByTenantId ?? null,
        })
        .returning();
      return user!;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('email_taken');
      throw error;
    }
  }

  /** "Create a work account": a new tenant whose first user is its global admin. */
  async function createTenant(ctx: RequestContext, input: CreateTenantInput, memberships: { program: Program; status: string }[] = []) {
    const problems = [
      ...countryProblems(input.country, '/country'),
      ...passwordProblems(input.admin.password, input.admin.email, '/admin/password'),
    ];
    if (problems.length) throw invalidFields(...problems);
    const passwordHash = await hashPassword(input.admin.password);
    return platform.transaction((tx) => insertTenant(tx, ctx, input, memberships, passwordHash, false));
  }

  /** The tenant, its first user (global admin), audit records and welcome mail, in the caller's transaction. */
  async function insertTenant(
    tx: Queryable,
    ctx: RequestContext,
    input: Omit<CreateTenantInput, 'admin'> & { admin: Omit<CreateTenantInput['admin'], 'password'> },
    memberships: { program: Program; status: string }[],
    passwordHash: string,
    mustChangePassword: boolean,
  ) {
    const language = input.admin.language ?? ctx.locale;
    const primaryDomain = await pickDomain(tx, input.organizationName, input.domainPrefix?.toLowerCase());
    let tenant: TenantRow;
    try {
      [tenant] = (await tx.insert(tenants).values({ name: input.organizationName.trim(), country: input.country, primaryDomain }).returning()) as [TenantRow];
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('domain_taken', { domain: primaryDomain });
      throw error;
    }
    const roles = memberships.some((m) => m.program === 'operator') ? ['globalAdmin', 'operatorAdmin'] : ['globalAdmin'];
    const user = await insertUser(tx, ctx, tenant, {
      displayName: input.admin.displayName,
      email: input.admin.email,
      roles,
      passwordHash,
      language,
      mustChangePassword,
    });
    const self = { actorUserId: ctx.actor?.userId ?? user.id, actorTenantId: ctx.actor?.tenantId ?? tenant.id };
    await writeAudit(tx, ctx, { ...self, tenantId: tenant.id, action: 'tenant.created', resourceType: 'tenant', resourceId: tenant.id, after: tenantView(tenant) });
    await writeAudit(tx, ctx, { ...self, tenantId: tenant.id, action: 'user.created', resourceType: 'user', resourceId: user.id, after: userView(user) });
    for (const m of memberships) await addMembership(tx, ctx, tenant.id, m.program, m.status);
    await platform.mailer.enqueue(tx, {
      template: 'welcome',
      locale: language,
      to: user.email,
      recipientUserId: user.id,
      tenantId: tenant.id,
      params: { name: user.displayName, email: user.email, organization: tenant.name, domain: tenant.primaryDomain, url: `${config.publicUrl}/signin` },
    });
    return { tenant: tenantView(tenant), user: { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles } };
  }

  /** Records that a tenant takes part in a program (operator, indirectProvider, …), or changes its status. */
  async function addMembership(tx: Queryable, ctx: RequestContext, tenantId: string, program: Program, status: string) {
    const [before] = await tx
      .select()
      .from(tenantMemberships)
      .where(and(eq(tenantMemberships.tenantId, tenantId), eq(tenantMemberships.program, program)));
    await tx
      .insert(tenantMemberships)
      .values({ tenantId, program, status })
      .onConflictDoUpdate({ target: [tenantMemberships.tenantId, tenantMemberships.program], set: { status, updatedAt: new Date() } });
    await writeAudit(tx, ctx, {
      tenantId,
      action: before ? 'membership.updated' : 'membership.created',
      resourceType: 'membership',
      resourceId: `${tenantId}:${program}`,
      before: before ? { program, status: before.status } : null,
      after: { program, status },
    });
  }

  async function setMembership(ctx: RequestContext, tenantId: string, program: Program, status: string) {
    await platform.transaction((tx) => addMembership(tx, ctx, tenantId, program, status));
  }

  async function memberships(q: Queryable, tenantId: string) {
    return q
      .select({ program: tenantMemberships.program, status: tenantMemberships.status })
      .from(tenantMemberships)
      .where(eq(tenantMemberships.tenantId, tenantId))
      .orderBy(asc(tenantMemberships.program));
  }

  /** The operator tenant and its admin from OPERATOR_EMAIL / OPERATOR_PASSWORD, when absent. */
  async function ensureOperator(ctx: RequestContext, input: { email: string; password: string; name?: string; country?: string }) {
    const [existing] = await db.select({ tenantId: tenantMemberships.tenantId }).from(tenantMemberships).where(eq(tenantMemberships.program, 'operator'));
    if (existing) return { created: false, tenantId: existing.tenantId };
    const created = await createTenant(
      ctx,
      {
        organizationName: input.name ?? 'Channel Center Operator',
        country: input.country ?? 'US',
        domainPrefix: undefined,
        admin: { displayName: 'Operator Admin', email: input.email, password: input.password, language: 'en' },
      },
      [{ program: 'operator', status: 'active' }],
    );
    return { created: true, tenantId: created.tenant.id };
  }

  // ------------------------------------------------------------------------------------------
  // Sign-in

  /** The rate-limit counters of a sign-in: the (account, address) pair, the account, the address. */
  function signInKeys(email: string, ip: string | undefined) {
    const account = email.trim().toLowerCase();
    const address = ip ?? 'unknown';
    // An address has no spaces, so a pair key names one account and one address.
    return { pair: `signin:pair:${address} ${account}`, account: `signin:account:${account}`, address: `signin:ip:${address}` };
  }

  /**
   * Each attempt is reserved against its pair and its account before the password is checked, so
   * parallel guesses pass no more than the limit; a failure keeps its reservation, a correct password
   * gives back its pair's. Other accounts' failures from the same address only slow it down.
   */
  async function signIn(ctx: RequestContext, input: { email: string; password: string }, userAgent?: string) {
    const keys = signInKeys(input.email, ctx.ip);
    const delay = slowdownMs(await attemptCount(db, keys.address, signInWindowSeconds), signInLimits.addressSlowdown);
    if (delay > 0) await sleep(delay);
    let wait = await reserveAttempt(db, keys.pair, signInLimits.perAccountAndAddress, signInWindowSeconds);
    if (wait === 0) {
      wait = await reserveAttempt(db, keys.account, signInLimits.perAccount, signInWindowSeconds);
      if (wait > 0) await releaseAttempt(db, keys.pair);
    }
    if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
    const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
    if (!user || !valid || user.state !== 'active') {
      await recordAttempt(db, keys.address, signInWindowSeconds);
      throw new AppError('invalid_credentials');
    }
    await forgiveAttempts(db, keys.pair, keys.account, signInWindowSeconds);
    if (!passwordSignInAllowed(user, await domainUsesSso(db, user))) throw new AppError('sso_required');
    return startSession(ctx, user, userAgent, { method: 'password' });
  }

  /** Whether the user's email domain signs in through its tenant's identity provider. */
  async function domainUsesSso(q: Queryable, user: UserRow): Promise<boolean> {
    const [row] = await q
      .select({ domain: identityProviderDomains.domain })
      .from(identityProviderDomains)
      .where(and(eq(identityProviderDomains.domain, emailDomain(user.email)), eq(identityProviderDomains.tenantId, user.tenantId)));
    return row !== undefined;
  }

  /**
   * A new session for a user whose credentials were checked (password, or the identity provider's
   * ID token): a fresh random session ID, stored hashed, and its audit record saying how.
   */
  async function startSession(ctx: RequestContext, user: UserRow, userAgent: string | undefined, how: { method: 'password' } | { method: 'sso'; identityProviderId: string; issuer: string }) {
    const token = newSecret('ccs');
    const session = await platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(sessions)
        .values({
          tokenHash: hashSecret(token),
          userId: user.id,
          expiresAt: new Date(Date.now() + sessionAbsoluteDays * 86_400_000),
          ip: ctx.ip ?? null,
          userAgent: userAgent?.slice(0, 500) ?? null,
        })
        .returning();
      await writeAudit(tx, ctx, {
        actorUserId: user.id,
        actorTenantId: user.tenantId,
        tenantId: user.tenantId,
        action: how.method === 'sso' ? 'session.createdViaSso' : 'session.created',
        resourceType: 'session',
        resourceId: row!.id,
        after: { userId: user.id, expiresAt: row!.expiresAt, ...how },
      });
      return row!;
    });
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, user.tenantId));
    return {
      token,
      expiresAt: session.expiresAt,
      body: { user: userView(user), tenant: tenantView(tenant!), csrfToken: csrfTokenFor(token, config.sessionSecret) },
    };
  }

  async function signOut(ctx: RequestContext) {
    const actor = ctx.actor!;
    if (!actor.sessionId) return;
    await platform.transaction(async (tx) => {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId!));
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'session.revoked', resourceType: 'session', resourceId: actor.sessionId });
    });
  }

  // Every request signs in through one of these two: prepared once, so no query is built per request.
  const sessionByHash = db
    .select({
      session: { id: sessions.id, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt },
      user: actorUser,
      isOperator: operatorTenant,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare('resolve_session');
  const tokenByHash = db
    .select({ token: { id: accessTokens.id, lastUsedAt: accessTokens.lastUsedAt }, user: actorUser, isOperator: operatorTenant })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.tokenHash, sql.placeholder('hash')), isNull(accessTokens.revokedAt), gt(accessTokens.expiresAt, sql.placeholder('now'))))
    .prepare('resolve_access_token');

  /** The actor behind a session token, or undefined when unknown, expired, idle too long or revoked. */
  async function resolveSession(token: string): Promise<Actor | undefined> {
    if (token.length > 200) return undefined;
    const [row] = await sessionByHash.execute({ hash: hashSecret(token) });
    const now = new Date();
    if (!row || !sessionIsLive(row.session, now) || row.user.state !== 'active') return undefined;
    if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
    }
    return actorFor(row.user, 'session', row.session.id, row.isOperator);
  }

  async function resolveAccessToken(token: string): Promise<Actor | undefined> {
    if (token.length > 200) return undefined;
    const [row] = await tokenByHash.execute({ hash: hashSecret(token), now: new Date() });
    if (!row || row.user.state !== 'active') return undefined;
    const now = new Date();
    if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) {
      await db.update(accessTokens).set({ lastUsedAt: now }).where(eq(accessTokens.id, row.token.id));
    }
    return actorFor(row.user, 'token', undefined, row.isOperator);
  }

  // ------------------------------------------------------------------------------------------
  // The signed-in user

  async function loadUser(q: Queryable, userId: string): Promise<UserRow> {
    const [user] = await q.select().from(users).where(eq(users.id, userId));
    if (!user) throw notFound('user');
    return user;
  }

  async function me(actor: Actor, sessionToken?: string) {
    const user = await loadUser(db, actor.userId);
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, actor.tenantId));
    return {
      user: userView(user),
      tenant: tenantView(tenant!),
      memberships: await memberships(db, actor.tenantId),
      permissions: permissionsOf(user.roles),
      ...(sessionToken ? { csrfToken: csrfTokenFor(sessionToken, config.sessionSecret) } : {}),
    };
  }

  async function updateMe(ctx: RequestContext, input: { displayName?: string; language?: Locale }) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const before = await loadUser(tx, actor.userId);
      const [after] = await tx
        .update(users)
        .set({
          ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}),
          ...(input.language !== undefined ? { language: input.language } : {}),
          updatedAt: new Date(),
        })
        .where(eq(users.id, actor.userId))
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'user.updated', resourceType: 'user', resourceId: actor.userId, before: userView(before), after: userView(after!) });
      return userView(after!);
    });
  }

  async function changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }) {
    const actor = ctx.actor!;
    const user = await loadUser(db, actor.userId);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('current_password_invalid', {}, [{ path: '/currentPassword', code: 'invalid' }]);
    }
    const problems = passwordProblems(input.newPassword, user.email, '/newPassword');
    if (problems.length) throw invalidFields(...problems);
    const passwordHash = await hashPassword(input.newPassword);
    await platform.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
      // Every other session and every personal access token of the user ends; the session that
      // changed the password stays.
      const now = new Date();
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), actor.sessionId ? sql`${sessions.id} <> ${actor.sessionId}` : undefined));
      await tx.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.userId, user.id), isNull(accessTokens.revokedAt)));
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'user.passwordChanged', resourceType: 'user', resourceId: user.id });
    });
  }

  // ------------------------------------------------------------------------------------------
  // Password reset: an emailed single-use link valid one hour; afterwards every session and every
  // personal access token ends.

  /**
   * Always answers the same, whether or not the email belongs to a user; limited per email and IP,
   * each request reserved before any mail is made, so parallel requests send no more than the limit.
   */
  async function requestPasswordReset(ctx: RequestContext, email: string) {
    const emailKey = `reset:email:${email.trim().toLowerCase()}`;
    const ipKey = `reset:ip:${ctx.ip ?? 'unknown'}`;
    let wait = await reserveAttempt(db, emailKey, 3, signInWindowSeconds);
    if (wait === 0) {
      wait = await reserveAttempt(db, ipKey, 30, signInWindowSeconds);
      if (wait > 0) await releaseAttempt(db, emailKey);
    }
    if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
    const user = await findUserByEmail(db, email);
    if (!user || user.state !== 'active') return;
    const token = newSecret('ccr');
    await platform.transaction(async (tx) => {
      await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
      const [row] = await tx.insert(passwordResets).values({ userId: user.id, tokenHash: hashSecret(token), expiresAt: new Date(Date.now() + 3_600_000) }).returning();
      await writeAudit(tx, ctx, { actorUserId: null, actorTenantId: null, tenantId: user.tenantId, action: 'user.passwordResetRequested', resourceType: 'user', resourceId: user.id, after: { resetId: row!.id } });
      await platform.mailer.enqueue(tx, {
        template: 'passwordReset',
        locale: isLocale(user.language) ? user.language : 'en',
        to: user.email,
        recipientUserId: user.id,
        tenantId: user.tenantId,
        params: { name: user.displayName, email: user.email, url: `${config.publicUrl}/reset-password?token=${token}` },
      });
    });
  }

  async function confirmPasswordReset(ctx: RequestContext, input: { token: string; newPassword: string }) {
    const [found] = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, hashSecret(input.token)));
    if (!found) throw notFound('passwordReset');
    if (found.usedAt) throw new AppError('reset_link_used');
    if (found.expiresAt.getTime() <= Date.now()) throw new AppError('reset_link_expired');
    const user = await loadUser(db, found.userId);
    const problems = passwordProblems(input.newPassword, user.email, '/newPassword');
    if (problems.length) throw invalidFields(...problems);
    const passwordHash = await hashPassword(input.newPassword);
    await platform.transaction(async (tx) => {
      const [reset] = await tx.select().from(passwordResets).where(eq(passwordResets.id, found.id)).for('update');
      if (reset!.usedAt) throw new AppError('reset_link_used');
      await tx.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.id, found.id));
      await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, user.id));
      await endSignIns(tx, user.id);
      await writeAudit(tx, ctx, { actorUserId: user.id, actorTenantId: user.tenantId, tenantId: user.tenantId, action: 'user.passwordReset', resourceType: 'user', resourceId: user.id });
    });
    // The link proved the account's owner: its failures, and those of the address it came from, are
    // forgotten (pairs of other addresses stay, so a guesser's address remains refused).
    const keys = signInKeys(user.email, ctx.ip);
    await clearAttempts(db, keys.account);
    await clearAttempts(db, keys.pair);
  }

  // ------------------------------------------------------------------------------------------
  // Personal access tokens

  function tokenView(t: typeof accessTokens.$inferSelect) {
    return {
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    };
  }

  async function createToken(ctx: RequestContext, input: { name: string; expiresInDays: number }) {
    const actor = ctx.actor!;
    const token = newSecret('ccp');
    return platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(accessTokens)
        .values({
          userId: actor.userId,
          name: input.name.trim(),
          tokenHash: hashSecret(token),
          prefix: token.slice(0, 8),
          expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        })
        .returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessToken.created', resourceType: 'accessToken', resourceId: row!.id, after: tokenView(row!) });
      return { ...tokenView(row!), token };
    });
  }

  async function listTokens(actor: Actor) {
    const rows = await db
      .select()
      .from(accessTokens)
      .where(and(eq(accessTokens.userId, actor.userId), isNull(accessTokens.revokedAt)))
      .orderBy(asc(accessTokens.createdAt));
    return { totalCount: rows.length, items: rows.map(tokenView), links: {} };
  }

  async function revokeToken(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    await platform.transaction(async (tx) => {
      const [row] = await tx
        .update(accessTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(accessTokens.id, id), eq(accessTokens.userId, actor.userId), isNull(accessTokens.revokedAt)))
        .returning();
      if (!row) throw notFound('accessToken');
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessToken.revoked', resourceType: 'accessToken', resourceId: id, before: tokenView(row) });
    });
  }

  // ------------------------------------------------------------------------------------------
  // User management (ENR-12)

  // The callers have checked access to `tenantId`: the actor's own tenant, or one it administers
  // on behalf of its owner (REL-4 delegated admin access).

  async function listUsers(tenantId: string, query: { q?: string; size: number; after?: { at: Date; id: string } }) {
    const mine = eq(users.tenantId, tenantId);
    const search = query.q ? or(ilike(users.displayName, `%${escapeLike(query.q)}%`), ilike(users.email, `%${escapeLike(query.q)}%`)) : undefined;
    const page = query.after
      ? or(gt(users.createdAt, query.after.at), and(eq(users.createdAt, query.after.at), gt(users.id, query.after.id)))
      : undefined;
    const [items, [count]] = await Promise.all([
      db.select().from(users).where(and(mine, search, page)).orderBy(asc(users.createdAt), asc(users.id)).limit(query.size + 1),
      db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(mine, search)),
    ]);
    return { items, totalCount: count?.n ?? 0 };
  }

  /** A user of the tenant; another tenant's user is "not found". */
  async function getUser(tenantId: string, id: string) {
    const [user] = await db.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
    if (!user) throw notFound('user');
    return user;
  }

  /** ENR-12, ACC-1: a new user of `tenantId`, with roles the actor may grant there (grantProblem). */
  async function addUser(ctx: RequestContext, tenantId: string, input: NewUserInput, relation?: TenantRelation) {
    const actor = ctx.actor!;
    const kind = await tenantKind(db, tenantId);
    const problems = [...roleProblems(input.roles, kind)];
    if (input.password !== undefined) problems.push(...passwordProblems(input.password, input.email, '/password'));
    if (problems.length) throw invalidFields(...problems);
    const refused = grantProblem(actor, { id: tenantId, kind }, relation, { after: input.roles });
    if (refused) throw new AppError(refused);
    const temporary = input.password === undefined ? temporaryPassword() : undefined;
    const passwordHash = await hashPassword(input.password ?? temporary!);
    return platform.transaction(async (tx) => {
      const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
      const user = await insertUser(tx, ctx, tenant!, {
        displayName: input.displayName,
        email: input.email,
        roles: input.roles,
        passwordHash,
        language: ctx.locale,
        mustChangePassword: temporary !== undefined,
        // REL-4: a user made by another organization (a provider's admin agent) is marked as such.
        createdByTenantId: actor.tenantId === tenantId ? undefined : actor.tenantId,
      });
      await writeAudit(tx, ctx, { tenantId, action: 'user.created', resourceType: 'user', resourceId: user.id, after: userView(user) });
      await platform.mailer.enqueue(tx, {
        template: 'userAdded',
        locale: user.language as Locale,
        to: user.email,
        recipientUserId: user.id,
        tenantId,
        params: { name: user.displayName, inviter: actor.displayName, organization: tenant!.name, email: user.email, url: `${config.publicUrl}/signin` },
      });
      return { user: userView(user), ...(temporary ? { temporaryPassword: temporary } : {}) };
    });
  }

  async function updateUser(
    ctx: RequestContext,
    tenantId: string,
    id: string,
    input: { displayName?: string; roles?: string[]; state?: 'active' | 'inactive' },
    checkVersion: (current: UserRow) => void = () => {},
    relation?: TenantRelation,
  ) {
    const actor = ctx.actor!;
    const kind = await tenantKind(db, tenantId);
    if (input.roles) {
      const problems = roleProblems(input.roles, kind);
      if (problems.length) throw invalidFields(...problems);
    }
    return platform.transaction(async (tx) => {
      // Lock the tenant's users so two admins cannot each remove "the other" last global admin.
      const tenantUsers = await tx.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.id)).for('update');
      const before = tenantUsers.find((u) => u.id === id);
      if (!before) throw notFound('user');
      checkVersion(before);
      const roles = input.roles ? sortRoles(input.roles) : before.roles;
      const state = input.state ?? before.state;
      // ACC-1: the same grant check as for a new user, over the user's roles before and after.
      const refused = grantProblem(actor, { id: tenantId, kind }, relation, { before, after: roles });
      if (refused) throw new AppError(refused);
      if (before.state === 'active' && state === 'inactive' && before.id === actor.userId) throw new AppError('cannot_change_own_state');
      if (!keepsAGlobalAdmin(tenantUsers, { id, roles, state })) throw new AppError('last_global_admin');
      const [after] = await tx
        .update(users)
        .set({ ...(input.displayName !== undefined ? { displayName: input.displayName.trim() } : {}), roles, state, updatedAt: new Date() })
        .where(eq(users.id, id))
        .returning();
      if (state === 'inactive') await endSignIns(tx, id);
      await writeAudit(tx, ctx, {
        tenantId,
        action: before.state !== state ? (state === 'inactive' ? 'user.deactivated' : 'user.activated') : 'user.updated',
        resourceType: 'user',
        resourceId: id,
        before: userView(before),
        after: userView(after!),
      });
      return after!;
    });
  }

  /** Every session and personal access token of the user ends. */
  async function endSignIns(tx: Queryable, userId: string) {
    const now = new Date();
    await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    await tx.update(accessTokens).set({ revokedAt: now }).where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)));
  }

  /**
   * An admin gives a user of `tenantId` a temporary password, shown once; the user must replace it at
   * its next sign-in, and its sessions and tokens end. ACC-2: the same grant check as a role change, so
   * a helpdesk or user administrator resets non-admin users only and nobody resets a global admin but a
   * global admin of that tenant.
   */
  async function resetUserPassword(ctx: RequestContext, tenantId: string, id: string, relation?: TenantRelation) {
    const actor = ctx.actor!;
    const kind = await tenantKind(db, tenantId);
    const temporary = temporaryPassword();
    const passwordHash = await hashPassword(temporary);
    return platform.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, tenantId))).for('update');
      if (!before) throw notFound('user');
      const refused = grantProblem(actor, { id: tenantId, kind }, relation, { before, after: before.roles }, 'users.resetPassword');
      if (refused) throw new AppError(refused);
      if (before.id === actor.userId) throw new AppError('cannot_change_own_state');
      const [after] = await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      await endSignIns(tx, id);
      await writeAudit(tx, ctx, { tenantId, action: 'user.passwordResetByAdmin', resourceType: 'user', resourceId: id, before: userView(before), after: userView(after!) });
      return { user: userView(after!), temporaryPassword: temporary };
    });
  }

  /** Which of these emails belong to users (case-insensitive). */
  async function existingEmails(emails: string[]): Promise<string[]> {
    if (emails.length === 0) return [];
    const lower = emails.map((e) => e.toLowerCase());
    const rows = await db.select({ email: users.email }).from(users).where(inArray(sql`lower(${users.email})`, lower));
    return rows.map((r) => r.email.toLowerCase());
  }

  const tenantById = db.select().from(tenants).where(eq(tenants.id, sql.placeholder('id'))).prepare('tenant_by_id');
  const tenantsById = db
    .select()
    .from(tenants)
    .where(sql`${tenants.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('tenants_by_ids');

  async function getTenant(q: Queryable, tenantId: string): Promise<TenantRow | undefined> {
    const [row] = q === db ? await tenantById.execute({ id: tenantId }) : await q.select().from(tenants).where(eq(tenants.id, tenantId));
    return row;
  }

  async function findUser(q: Queryable, userId: string): Promise<UserRow | undefined> {
    const [row] = await q.select().from(users).where(eq(users.id, userId));
    return row;
  }

  async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
    const [row] = await q.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
    return row;
  }

  /** CUS-5: a customer tenant made by a partner, whose admin gets a temporary password shown once. */
  async function insertCustomerTenant(tx: Queryable, ctx: RequestContext, input: { organizationName: string; country: string; domainPrefix?: string; admin: { displayName: string; email: string; language?: Locale } }) {
    const problems = countryProblems(input.country, '/country');
    if (problems.length) throw invalidFields(...problems);
    const temporary = temporaryPassword();
    const created = await insertTenant(tx, ctx, input, [{ program: 'customer', status: 'active' }], await hashPassword(temporary), true);
    return { ...created, temporaryPassword: temporary };
  }

  return {
    createTenant,
    insertTenant,
    insertCustomerTenant,
    existingEmails,
    getTenant: (tenantId: string, q: Queryable = db) => getTenant(q, tenantId),
    /** Tenants by ID, in one query (for lists). */
    async tenantsByIds(ids: string[]): Promise<Map<string, TenantRow>> {
      if (ids.length === 0) return new Map();
      const rows = await tenantsById.execute({ ids: arrayLiteral([...new Set(ids)]) });
      return new Map(rows.map((r) => [r.id, r]));
    },
    findUser: (userId: string, q: Queryable = db) => findUser(q, userId),
    /** REL-4: user views that also name the organization that created each user, where it is another (one query). */
    async userViewsWithCreators(rows: UserRow[]) {
      const ids = [...new Set(rows.flatMap((u) => (u.createdByTenantId ? [u.createdByTenantId] : [])))];
      const creators = ids.length ? new Map((await tenantsById.execute({ ids: arrayLiteral(ids) })).map((t) => [t.id, t.name])) : new Map<string, string>();
      return (u: UserRow) => ({ ...userView(u), createdByTenantName: u.createdByTenantId ? (creators.get(u.createdByTenantId) ?? null) : null });
    },
    findUserByEmail: (email: string, q: Queryable = db) => findUserByEmail(q, email),
    /** The actor a user would be when signed in (for work done on its behalf, e.g. the demo). */
    async actorOf(userId: string): Promise<Actor> {
      const user = await findUser(db, userId);
      if (!user) throw notFound('user');
      return actorFor(user, 'token');
    },
    /** The active global admins of a tenant (who hears about what happens to it). */
    async globalAdminsOf(tenantId: string, q: Queryable = db) {
      return q
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.state, 'active'), sql`'globalAdmin' = any(${users.roles})`))
        .orderBy(asc(users.createdAt));
    },
    /** Records a program membership's status inside the caller's transaction (audited). */
    setMembershipIn: addMembership,
    setMembership,
    memberships: (tenantId: string) => memberships(db, tenantId),
    ensureOperator,
    signIn,
    startSession,
    signOut,
    requestPasswordReset,
    confirmPasswordReset,
    resolveSession,
    resolveAccessToken,
    me,
    updateMe,
    changePassword,
    createToken,
    listTokens,
    revokeToken,
    listUsers,
    getUser,
    addUser,
    updateUser,
    resetUserPassword,
    tenantKind: (tenantId: string) => tenantKind(db, tenantId),
    isLocale,
  };
}

export type IdentityService = ReturnType<typeof identityService>;
