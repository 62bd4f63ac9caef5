// Identity tables: tenants (every organization), their program memberships, users, sessions,
// personal access tokens and single sign-on (identity provider connections). Only identity's own
// operations and reads (operations/, reads.ts and their sso/ counterparts) read or write them.
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const tenants = pgTable('tenants', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  country: text().notNull(),
  primaryDomain: text().notNull().unique(),
  createdAt: ts().notNull().defaultNow(),
});

/** A tenant's programs: operator, indirectProvider, indirectReseller, customer, publisher. */
export const tenantMemberships = pgTable(
  'tenant_memberships',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    program: text().notNull(),
    status: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tenant_memberships_tenant_program_idx').on(t.tenantId, t.program), index('tenant_memberships_program_idx').on(t.program, t.status)],
);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    email: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    roles: text().array().notNull(),
    state: text().notNull().default('active'), // active | inactive
    language: text().notNull().default('en'),
    mustChangePassword: boolean().notNull().default(false),
    // REL-4, ACC-1: the organization whose user created this one, when it is not the user's own (a
    // provider acting with admin access); such a user never holds global admin.
    createdByTenantId: uuid(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`), index('users_tenant_idx').on(t.tenantId, t.createdAt, t.id)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    lastSeenAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    revokedAt: ts(),
    ip: text(),
    userAgent: text(),
    /** ACC-4: how the sign-in was authenticated (pwd, otp, webauthn, sso; mfa when the identity provider said so). */
    amr: text().array().notNull().default(sql`'{pwd}'`),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accessTokens = pgTable(
  'access_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    prefix: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    lastUsedAt: ts(),
    revokedAt: ts(),
    /** ACC-4: the amr of the session that created it (a token is created only from a session that passed MFA). */
    amr: text().array().notNull().default(sql`'{}'`),
  },
  (t) => [index('access_tokens_user_idx').on(t.userId)],
);

/** Single-use password reset links (1 hour). */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/** A tenant's OpenID Connect identity provider (at most one); the client secret is stored sealed. */
export const identityProviders = pgTable('identity_providers', {
  id: uuid().primaryKey().defaultRandom(),
  tenantId: uuid()
    .notNull()
    .unique()
    .references(() => tenants.id),
  issuer: text().notNull(),
  clientId: text().notNull(),
  clientSecretSealed: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
  updatedAt: ts().notNull().defaultNow(),
});

/**
 * ACC-5: the email domains a tenant claims for single sign-on, each with the token its DNS TXT record
 * must hold. Any number of tenants may claim a domain; once one proves control (verifiedAt), it is the
 * only one: a domain is verified for one tenant at most, and the others' claims are dropped.
 */
export const identityProviderDomainClaims = pgTable(
  'identity_provider_domain_claims',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    domain: text().notNull(),
    verificationToken: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
    verifiedAt: ts(),
  },
  (t) => [
    uniqueIndex('identity_provider_domain_claims_tenant_domain_idx').on(t.tenantId, t.domain),
    uniqueIndex('identity_provider_domain_claims_verified_idx')
      .on(t.domain)
      .where(sql`${t.verifiedAt} is not null`),
    index('identity_provider_domain_claims_domain_idx').on(t.domain),
  ],
);

/**
 * The email domains whose users sign in through a connection: the tenant's verified claims (ACC-5),
 * while it has a connection. A domain belongs to one connection only; removing the claim removes it.
 */
export const identityProviderDomains = pgTable(
  'identity_provider_domains',
  {
    domain: text().primaryKey(),
    identityProviderId: uuid()
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
  },
  (t) => [
    index('identity_provider_domains_provider_idx').on(t.identityProviderId),
    foreignKey({ name: 'identity_provider_domains_claim_fk', columns: [t.tenantId, t.domain], foreignColumns: [identityProviderDomainClaims.tenantId, identityProviderDomainClaims.domain] }).onDelete('cascade'),
  ],
);

/**
 * Single sign-ins under way (10 minutes, single use): looked up by the hash of the `state` sent to
 * the provider, and bound to the browser that started them by the hash of a cookie.
 */
export const ssoSignIns = pgTable(
  'sso_sign_ins',
  {
    id: uuid().primaryKey().defaultRandom(),
    stateHash: text().notNull().unique(),
    browserHash: text().notNull(),
    identityProviderId: uuid()
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    nonce: text().notNull(),
    codeVerifierSealed: text().notNull(),
    nextPath: text(),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
  },
  (t) => [index('sso_sign_ins_expires_idx').on(t.expiresAt)],
);
