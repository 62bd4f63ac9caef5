// BIL-4: one buyer's credit terms, for the seller that set them, with where the buyer stands now
// (exposure, available credit, overdue documents). A tenant that does not buy from the caller is
// not_a_buyer; a buyer without terms is not found (the defaults apply: 30 days, 10 days' grace, no limit).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../../db/index.js';
import { query } from '../../../../db/index.js';
import type { Actor } from '../../../../platform/access.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import type { CreditTerms } from '../contract.js';
import { termsWithStanding, type TermsStandingRow } from '../reads.js';
import { creditTermsView } from '../views.js';
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

/** The terms' view, read on `q`; undefined when the seller set none for the buyer. */
export async function creditTermsOf(deps: CreditDeps, q: Queryable, sellerTenantId: string, buyerTenantId: string): Promise<CreditTerms | undefined> {
  const [row] = await termsWithStanding(q, deps.now(), sql`ct.seller_tenant_id = ${sellerTenantId}::uuid and ct.buyer_tenant_id = ${buyerTenantId}::uuid`);
  return row ? standingView(row) : undefined;
}

/** A terms row (as read raw) with its buyer's standing. */
export function standingView(raw: TermsStandingRow): CreditTerms {
  const row = { ...raw, creditLimit: raw.creditLimit === null ? null : Number(raw.creditLimit), updatedAt: new Date(raw.updatedAt) };
  return creditTermsView(row, { exposure: Number(raw.open) + Number(raw.unbilled), overdueCount: raw.overdueCount });
}

export async function getCreditTerms(deps: CreditDeps, actor: Actor, buyerTenantId: string): Promise<CreditTerms> {
  await requireBuyer(deps, actor, buyerTenantId);
  const terms = await creditTermsOf(deps, deps.db, actor.tenantId, buyerTenantId);
  if (!terms) throw notFound('creditTerms');
  return terms;
}
