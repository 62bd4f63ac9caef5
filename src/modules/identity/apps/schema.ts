// Apps: client credentials for integrations, their secrets and the token signing keys. Only the apps
// operations (apps/operations/, apps/reads.ts, apps/signing-keys.ts) read or write them.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../schema.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

/**
 * An app a tenant's global admin registered: it signs in with a client ID and a secret (OAuth 2.0 client
 * credentials) and acts with exactly its permissions, in its own tenant. state: active | disabled |
 * deleted (terminal; the row stays so that the audit log and group memberships keep naming it).
 */
export const apps = pgTable(
  'apps',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    clientId: text().notNull().unique(),
    name: text().notNull(),
    permissions: text().array().notNull(),
    state: text().notNull().default('active'),
    createdByUserId: uuid(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('apps_tenant_idx').on(t.tenantId, t.createdAt, t.id)],
);

/** An app's client secrets: stored hashed (platform/auth/tokens.ts), shown once; at most two valid at a time. */
export const appSecrets = pgTable(
  'app_secrets',
  {
    id: uuid().primaryKey().defaultRandom(),
    appId: uuid()
      .notNull()
      .references(() => apps.id),
    secretHash: text().notNull().unique(),
    prefix: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    lastUsedAt: ts(),
    revokedAt: ts(),
  },
  (t) => [index('app_secrets_app_idx').on(t.appId)],
);

/**
 * The keys app access tokens are signed with (ES256): the newest unretired one signs; a retired one is
 * still published (GET /v1/oauth/jwks) until the last token it signed has expired. The private key is
 * kept sealed (platform/auth/sealing.ts).
 */
export const oauthSigningKeys = pgTable('oauth_signing_keys', {
  kid: text().primaryKey(),
  algorithm: text().notNull(),
  publicJwk: jsonb().notNull(),
  privateJwkSealed: text().notNull(),
  createdAt: ts().notNull().defaultNow(),
  retiredAt: ts(),
});
