// A page of the tenant's apps (not deleted), oldest first, each with its secrets that are not revoked.
import { and, asc, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { TimeCursor } from '../../../../platform/http.js';
import { secretsOf } from '../reads.js';
import { apps } from '../schema.js';
import { appView } from '../views.js';
import type { AppsDeps } from './deps.js';

export async function listApps(deps: AppsDeps, tenantId: string, query: { size: number; after?: TimeCursor }) {
  const { db } = deps;
  const mine = and(eq(apps.tenantId, tenantId), ne(apps.state, 'deleted'));
  const page = query.after ? or(gt(apps.createdAt, query.after.at), and(eq(apps.createdAt, query.after.at), gt(apps.id, query.after.id))) : undefined;
  const [items, [count]] = await Promise.all([
    db.select().from(apps).where(and(mine, page)).orderBy(asc(apps.createdAt), asc(apps.id)).limit(query.size + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(apps).where(mine),
  ]);
  const secrets = await secretsOf(db, items.map((a) => a.id));
  return { items: items.map((a) => ({ row: a, view: appView(a, secrets.get(a.id) ?? []) })), totalCount: count?.n ?? 0 };
}
