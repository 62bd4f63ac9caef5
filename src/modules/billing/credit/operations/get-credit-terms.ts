// BIL-4: one buyer's credit terms, for the seller that set them, with where the buyer stands now
// (exposure, available credit, overdue documents). A tenant that does not buy from the caller is
// not_a_buyer; a buyer without terms is not found (the defaults apply: 30 days, 10 days' grace, no limit).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../../db/index.js';
import { query } from '../../../../db/index.js';
import type { Actor } from '../../../../platform/access.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import type { CreditTerms } from '../contract.js';
import { exposureOf, operatorTenantId, overdueCount, type CreditPair } from '../reads.js';
import { creditTermsView, type CreditTermsRow } from '../views.js';
import type { CreditDeps } from './deps.js';

/** The operator sells to providers; a provider to its resellers (an active relationship). */
export async function requireBuyer(deps: CreditDeps, actor: Actor, buyerTenantId: string): Promise<void> {
  if (buyerTenantId === actor.tenantId) throw new AppError('not_a_buyer');
  if (actor.isOperator) {
    const [member] = await query<{ n: number }>(deps.db, sql`select 1 as n from tenant_memberships where tenant_id = ${buyerTenantId}::uuid and program = 'indirectProvider'`);
    if (!member) throw new AppError('not_a_buyer');
    return;
  }
  const active = await deps.relationships.activeBetween([actor.tenantId], buyerTenantId);
  if (active.length === 0) throw new AppError('not_a_buyer');
}

/** The tier between a seller and a buyer (the operator's buyers are providers). */
export async function pairOf(q: Queryable, row: { sellerTenantId: string; buyerTenantId: string }): Promise<CreditPair> {
  const operator = await operatorTenantId(q);
  return { sellerTenantId: row.sellerTenantId, buyerTenantId: row.buyerTenantId, tier: row.sellerTenantId === operator ? 'provider' : 'reseller' };
}

/** The terms' view, read on `q`; undefined when the seller set none for the buyer. */
export async function creditTermsOf(deps: CreditDeps, q: Queryable, sellerTenantId: string, buyerTenantId: string): Promise<CreditTerms | undefined> {
  const [row] = await query<CreditTermsRow & { sellerName: string; buyerName: string }>(
    q,
    sql`select ct.seller_tenant_id as "sellerTenantId", ct.buyer_tenant_id as "buyerTenantId", ct.currency, ct.credit_limit::text as "creditLimit",
          ct.payment_term_days as "paymentTermDays", ct.grace_days as "graceDays", ct.updated_at as "updatedAt", s.name as "sellerName", b.name as "buyerName"
        from credit_terms ct join tenants s on s.id = ct.seller_tenant_id join tenants b on b.id = ct.buyer_tenant_id
        where ct.seller_tenant_id = ${sellerTenantId}::uuid and ct.buyer_tenant_id = ${buyerTenantId}::uuid`,
  );
  return row ? standingView(deps, q, row) : undefined;
}

/** A terms row (as read raw) with its buyer's standing. */
export async function standingView(deps: CreditDeps, q: Queryable, raw: CreditTermsRow & { sellerName: string; buyerName: string }): Promise<CreditTerms> {
  const row = { ...raw, creditLimit: raw.creditLimit === null ? null : Number(raw.creditLimit), updatedAt: new Date(raw.updatedAt) };
  const pair = await pairOf(q, row);
  const { exposure } = await exposureOf(q, pair, row.currency);
  const overdue = await overdueCount(q, pair, deps.now());
  return creditTermsView(row, { exposure, overdueCount: overdue });
}

export async function getCreditTerms(deps: CreditDeps, actor: Actor, buyerTenantId: string): Promise<CreditTerms> {
  await requireBuyer(deps, actor, buyerTenantId);
  const terms = await creditTermsOf(deps, deps.db, actor.tenantId, buyerTenantId);
  if (!terms) throw notFound('creditTerms');
  return terms;
}
