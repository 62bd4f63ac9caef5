// BIL-4: the credit terms the caller gives its buyers (issued, the default) or its sellers give it
// (received), by buyer (or seller) name, each with the buyer's standing now; a page at a time.
import { sql } from 'drizzle-orm';
import { query } from '../../../../db/index.js';
import type { Actor } from '../../../../platform/access.js';
import type { CreditTerms, DirectionQuery } from '../contract.js';
import type { CreditTermsRow } from '../views.js';
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
  const rows = await query<CreditTermsRow & { sellerName: string; buyerName: string }>(
    deps.db,
    sql`select ct.seller_tenant_id as "sellerTenantId", ct.buyer_tenant_id as "buyerTenantId", ct.currency, ct.credit_limit::text as "creditLimit",
          ct.payment_term_days as "paymentTermDays", ct.grace_days as "graceDays", ct.updated_at as "updatedAt", s.name as "sellerName", b.name as "buyerName"
        from credit_terms ct join tenants s on s.id = ct.seller_tenant_id join tenants b on b.id = ct.buyer_tenant_id
        where ${mine} ${options.after ? sql`and ${other} > ${options.after}::uuid` : sql``}
        order by ${other}
        limit ${options.size + 1}`,
  );
  const [total] = await query<{ n: number }>(deps.db, sql`select count(*)::int as n from credit_terms ct where ${mine}`);
  const items: CreditTerms[] = [];
  for (const row of rows) items.push(await standingView(deps, deps.db, row));
  return { items, totalCount: total?.n ?? 0 };
}
