// PRC-2, PRC-4: the caller's own repricing configs of a tier (optionally for one buyer), newest first.
// A reseller sees the configs it set for its customers, never those its provider set for it.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import type { RepricingTier } from '../contract.js';
import { repricingConfigs } from '../schema.js';
import type { RepricingConfigRow } from '../views.js';
import type { PricingDeps } from './deps.js';

export async function listRepricingConfigs(
  { db }: PricingDeps,
  actor: Actor,
  query: { tier: RepricingTier; buyerTenantId?: string; size: number; after?: TimeCursor },
): Promise<{ items: RepricingConfigRow[]; totalCount: number }> {
  const c = repricingConfigs;
  const filters = and(eq(c.sellerTenantId, actor.tenantId), eq(c.tier, query.tier), query.buyerTenantId ? eq(c.buyerTenantId, query.buyerTenantId) : undefined);
  const after = query.after ? or(lt(c.createdAt, query.after.at), and(eq(c.createdAt, query.after.at), lt(c.id, query.after.id))) : undefined;
  const items = await db
    .select()
    .from(c)
    .where(and(filters, after))
    .orderBy(desc(c.createdAt), desc(c.id))
    .limit(query.size + 1);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(c).where(filters);
  return { items, totalCount: total?.n ?? 0 };
}
