// BIL-4: the credit terms the caller gives its buyers (issued, the default) or its sellers give it
// (received), by buyer (or seller) name, each with the buyer's standing now; a page at a time, its
// standing read with its rows in one statement (reads.ts termsWithStanding), and its count.
import { sql } from 'drizzle-orm';
import { query } from '../../../../db/index.js';
import type { Actor } from '../../../../platform/access.js';
import type { CreditTerms, DirectionQuery } from '../contract.js';
import { termsWithStanding } from '../reads.js';
import type { CreditDeps } from './deps.js';
import { standingView } from './get-credit-terms.js';

export async function listCreditTerms(
  deps: CreditDeps,
  actor: Actor,
  options: { direction?: DirectionQuery['direction']; size: number; after?: string },
): Promise<{ items: CreditTerms[]; totalCount: number }> {
  const received = options.direction === 'received';
  const mine = received ? sql`ct.buyer_tenant_id = ${actor.tenantId}::uuid` : sql`ct.seller_tenant_id = ${actor.tenantId}::uuid`;
  const other = received ? sql`ct.seller_tenant_id` : sql`ct.buyer_tenant_id`;
  const rows = await termsWithStanding(
    deps.db,
    deps.now(),
    sql`${mine} ${options.after ? sql`and ${other} > ${options.after}::uuid` : sql``}`,
    sql`order by ${other} limit ${options.size + 1}`,
  );
  const [total] = await query<{ n: number }>(deps.db, sql`select count(*)::int as n from credit_terms ct where ${mine}`);
  return { items: rows.map(standingView), totalCount: total?.n ?? 0 };
}
