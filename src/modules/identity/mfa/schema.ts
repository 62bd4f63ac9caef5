// MFA tables (ACC-4): second factors (TOTP, passkeys), recovery codes, sign-in challenges, MFA policies.
// Only the mfa sub-module's own operations and reads (operations/, reads.ts) read or write them.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from '../schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

/**
 * A user's TOTP authenticator (RFC 6238; at most one): the secret sealed, pending until a first code
 * confirms it. `lastUsedStep`: the newest 30-second step accepted, so no code is accepted twice.
 */
export const mfaTotp = pgTable('mfa_totp', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  secretSealed: text().notNull(),
  confirmedAt: ts(),
  lastUsedStep: bigint({ mode: 'number' }),
  createdAt: ts().notNull().defaultNow(),
});

/** Ten single-use recovery codes per user, stored hashed (SHA-256: each has 50 random bits). */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
    usedAt: ts(),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_user_code_idx').on(t.userId, t.codeHash)],
);

/**
 * A sign-in between its first step and its second factor (5 minutes, single use): the user the
 * password named (none for a passwordless passkey sign-in until the passkey names it), what the first
 * step proved (`amr`), and the WebAuthn challenge when passkey options were asked for.
 */
export const mfaChallenges = pgTable(
  'mfa_challenges',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id),
    amr: text().array().notNull(),
    webauthnChallenge: text(),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
  },
  (t) => [index('mfa_challenges_user_idx').on(t.userId), index('mfa_challenges_expires_idx').on(t.expiresAt)],
);

/** The program's MFA enforcement (the operator's setting; one row, none means enforced). */
export const mfaProgramPolicy = pgTable(
  'mfa_program_policy',
  {
    id: boolean().primaryKey().default(true),
    enforced: boolean().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [check('mfa_program_policy_one_row', sql`${t.id}`)],
);

/** A tenant's own MFA policy: its global admin may require a second factor of every user. */
export const mfaTenantPolicies = pgTable('mfa_tenant_policies', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  requireAllUsers: boolean().notNull(),
  updatedAt: ts().notNull().defaultNow(),
});

// ---------------------------------------------------------------- passkeys (WebAuthn)

/**
 * A user's passkeys: several, each named; the public key (COSE, base64url) and the signature counter
 * the library checks on every use (a counter that does not grow betrays a cloned authenticator).
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    /** The credential ID (base64url), unique across users: a passwordless sign-in finds its user by it. */
    credentialId: text().notNull().unique(),
    publicKey: text().notNull(),
    counter: bigint({ mode: 'number' }).notNull().default(0),
    transports: text().array().notNull().default(sql`'{}'`),
    deviceType: text().notNull(), // singleDevice | multiDevice
    backedUp: boolean().notNull(),
    createdAt: ts().notNull().defaultNow(),
    lastUsedAt: ts(),
  },
  (t) => [index('passkeys_user_idx').on(t.userId, t.createdAt)],
);

/** The challenge of a passkey being registered by a signed-in user (5 minutes, single use). */
export const passkeyRegistrations = pgTable(
  'passkey_registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    challenge: text().notNull().unique(),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
  },
  (t) => [index('passkey_registrations_expires_idx').on(t.expiresAt)],
);
