// App rows → the shapes of contract.ts (return types from it, so drift fails tsc). A secret's hash never
// leaves; the secret itself only in the answer that created it (register-app.ts, add-secret.ts).
import type { App, AppSecret } from './contract.js';
import type { apps, appSecrets } from './schema.js';

export type AppRow = typeof apps.$inferSelect;
export type AppSecretRow = typeof appSecrets.$inferSelect;

export function secretView(s: AppSecretRow): AppSecret {
  return { id: s.id, prefix: s.prefix, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString(), lastUsedAt: s.lastUsedAt?.toISOString() ?? null };
}

/** `secrets`: the app's secrets that are not revoked. */
export function appView(a: AppRow, secrets: readonly AppSecretRow[]): App {
  return {
    id: a.id,
    tenantId: a.tenantId,
    clientId: a.clientId,
    name: a.name,
    permissions: a.permissions,
    state: a.state === 'disabled' ? 'disabled' : 'active',
    secrets: secrets.filter((s) => s.revokedAt === null).map(secretView),
    createdByUserId: a.createdByUserId ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an app (its secrets by ID and prefix only). */
export function appAudit(a: AppRow) {
  return { id: a.id, clientId: a.clientId, name: a.name, permissions: a.permissions, state: a.state };
}
