// Apps reads used by several operations, and the prepared statements, built once per service: every
// request with an app's access token is resolved by one of them (resolveApp), every token request by
// the other (secretByHash).
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { arrayLiteral, type Db, type Queryable } from '../../../db/index.js';
import { notFound } from '../../../platform/errors.js';
import { appSecrets, apps } from './schema.js';
import type { AppRow, AppSecretRow } from './views.js';

const actorApp = { id: apps.id, tenantId: apps.tenantId, name: apps.name, permissions: apps.permissions, state: apps.state };

export function appsStatements(db: Db) {
  // Read with the app, so resolving the caller is one query (as for sessions and personal access tokens).
  const operatorTenant = sql<boolean>`exists (select 1 from tenant_memberships m where m.tenant_id = ${apps.tenantId} and m.program = 'operator')`;
  const publisherTenant = sql<boolean>`exists (select 1 from tenant_memberships m where m.tenant_id = ${apps.tenantId} and m.program = 'publisher' and m.status = 'active')`;
  const resolveApp = db
    .select({ app: actorApp, secretRevokedAt: appSecrets.revokedAt, isOperator: operatorTenant, isPublisher: publisherTenant })
    .from(apps)
    .innerJoin(appSecrets, and(eq(appSecrets.appId, apps.id), eq(appSecrets.id, sql.placeholder('secretId'))))
    .where(eq(apps.id, sql.placeholder('appId')))
    .prepare('resolve_app_token');
  const secretByHash = db
    .select({ secret: appSecrets, app: apps })
    .from(appSecrets)
    .innerJoin(apps, eq(apps.id, appSecrets.appId))
    .where(eq(appSecrets.secretHash, sql.placeholder('hash')))
    .prepare('app_secret_by_hash');
  return { resolveApp, secretByHash };
}

export type AppsStatements = ReturnType<typeof appsStatements>;

/** The tenant's app (not deleted), or 404; `lock` takes its row for the transaction. */
export async function loadApp(q: Queryable, tenantId: string, appId: string, lock = false): Promise<AppRow> {
  const where = and(eq(apps.id, appId), eq(apps.tenantId, tenantId), ne(apps.state, 'deleted'));
  const [row] = lock ? await q.select().from(apps).where(where).for('update') : await q.select().from(apps).where(where);
  if (!row) throw notFound('app');
  return row;
}

/** The secrets of these apps that are not revoked, oldest first, by app (one query). */
export async function secretsOf(q: Queryable, appIds: readonly string[]): Promise<Map<string, AppSecretRow[]>> {
  const byApp = new Map<string, AppSecretRow[]>(appIds.map((id) => [id, []]));
  if (appIds.length === 0) return byApp;
  const rows = await q
    .select()
    .from(appSecrets)
    .where(and(sql`${appSecrets.appId} = any(${arrayLiteral([...appIds])}::uuid[])`, sql`${appSecrets.revokedAt} is null`))
    .orderBy(asc(appSecrets.createdAt), asc(appSecrets.id));
  for (const row of rows) byApp.get(row.appId)?.push(row);
  return byApp;
}

/**
 * ACC-3: the directory security groups read their app members from: a tenant's app that is not deleted,
 * and the names of apps by ID (deleted ones too, so a group's history still names them).
 */
export const appDirectory = {
  async find(q: Queryable, tenantId: string, appId: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await q
      .select({ id: apps.id, name: apps.name })
      .from(apps)
      .where(and(eq(apps.id, appId), eq(apps.tenantId, tenantId), ne(apps.state, 'deleted')));
    return row;
  },
  async names(q: Queryable, appIds: string[]): Promise<Map<string, string>> {
    if (appIds.length === 0) return new Map();
    const rows = await q.select({ id: apps.id, name: apps.name }).from(apps).where(inArray(apps.id, appIds));
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
