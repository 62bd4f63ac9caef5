// ENR-12: a page of a tenant's users, oldest first, optionally searched by name or email. The caller
// has checked access to the tenant (its own, or one it administers on its owner's behalf: REL-4).
import { and, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../../db/index.js';
import type { TimeCursor } from '../../../platform/http.js';
import { users } from '../schema.js';
import type { IdentityDeps } from './deps.js';

export async function listUsers(deps: IdentityDeps, tenantId: string, query: { q?: string; size: number; after?: TimeCursor }) {
  const { db } = deps;
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
