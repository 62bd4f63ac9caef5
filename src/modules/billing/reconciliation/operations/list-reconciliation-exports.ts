// BIL-3: the caller's tenant's exports, newest first (a page at a time); each succeeded one with a fresh download link.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import type { TimeCursor } from '../../../../platform/http.js';
import type { ReconciliationExport } from '../contract.js';
import { viewWithLink } from '../reads.js';
import { reconciliationExports } from '../schema.js';
import type { ReconciliationDeps } from './deps.js';

export async function listReconciliationExports(
  deps: ReconciliationDeps,
  actor: Actor,
  query: { size: number; after?: TimeCursor },
): Promise<{ items: { view: ReconciliationExport; at: Date }[]; totalCount: number }> {
  const e = reconciliationExports;
  const mine = eq(e.tenantId, actor.tenantId);
  const after = query.after ? or(lt(e.createdAt, query.after.at), and(eq(e.createdAt, query.after.at), lt(e.id, query.after.id))) : undefined;
  const rows = await deps.db
    .select()
    .from(e)
    .where(and(mine, after))
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(query.size + 1);
  const [total] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(e).where(mine);
  const items = await Promise.all(rows.map(async (row) => ({ view: await viewWithLink(deps, row), at: row.createdAt })));
  return { items, totalCount: total?.n ?? 0 };
}
