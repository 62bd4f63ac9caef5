// BIL-4: the credit check commerce runs in the transaction of a checkout or a seat increase, after its
// charge lines are written (commerce.useCreditCheck). For each seller → buyer pair of the order (the
// operator → the provider; the provider → each reseller of record other than itself):
// - an invoice past its due date and grace with a balance refuses the order (invoice_overdue);
// - where the seller set a credit limit, the terms' rows are locked (in one order, so two checkouts
//   never wait on each other crosswise), then the buyer's exposure is read by a statement of its own,
//   which sees every order committed before the lock was granted: two parallel checkouts cannot both
//   pass a limit that only one fits under. Over the limit: credit_limit_exceeded, with the credit that
//   was available before this order.
import { sql } from 'drizzle-orm';
import { arrayLiteral, query, type Queryable } from '../../../../db/index.js';
import { AppError } from '../../../../platform/errors.js';
import { formatAmount } from '../../../../platform/money.js';
import { operatorTenantSql } from '../../reads.js';
import { exposureOf, overdueSql, type CreditPair } from '../reads.js';
import { availableCreditOf } from '../rules.js';
import type { CreditDeps } from './deps.js';

/** One charge of the order being written: who sells to whom, and what it adds at each tier. */
export interface OrderCharge {
  providerTenantId: string;
  resellerTenantId: string;
  currency: string;
  providerAmount: number;
  resellerAmount: number;
}

export async function checkCredit(deps: CreditDeps, tx: Queryable, charges: OrderCharge[]): Promise<void> {
  if (charges.length === 0) return;
  // The pairs, the operator's as '' (its tenant is read in the statement): operator → provider, provider → reseller.
  const wanted = new Map<string, { seller: string; buyer: string }>();
  for (const c of charges) {
    wanted.set(`:${c.providerTenantId}`, { seller: '', buyer: c.providerTenantId });
    if (c.resellerTenantId !== c.providerTenantId) wanted.set(`${c.providerTenantId}:${c.resellerTenantId}`, { seller: c.providerTenantId, buyer: c.resellerTenantId });
  }
  const list = [...wanted.values()];
  const at = deps.now();
  // One statement in the common case: the operator, the oldest overdue invoice, and whether any pair has a limit.
  const [first] = await query<{ operator: string | null; overdue: { id: string; number: number; issuerName: string; dueAt: string } | null; limited: boolean }>(
    tx,
    sql`with op as (select ${operatorTenantSql} as tenant_id),
        pairs as (
          select coalesce(nullif(p.seller, '')::uuid, (select tenant_id from op)) as seller, p.buyer::uuid as buyer
          from unnest(${arrayLiteral(list.map((p) => p.seller))}::text[], ${arrayLiteral(list.map((p) => p.buyer))}::text[]) as p(seller, buyer)
        )
        select (select tenant_id from op) as operator,
          (select json_build_object('id', i.id, 'number', i.number, 'issuerName', i.issuer_name, 'dueAt', i.due_at)
            from pairs join invoices i on i.recipient_tenant_id = pairs.buyer and i.issuer_tenant_id = pairs.seller
            where pairs.seller <> pairs.buyer and ${overdueSql(at)}
            order by i.due_at, i.id limit 1) as overdue,
          exists (select 1 from pairs join credit_terms ct on ct.seller_tenant_id = pairs.seller and ct.buyer_tenant_id = pairs.buyer
            where pairs.seller <> pairs.buyer and ct.credit_limit is not null) as limited`,
  );
  const overdue = first?.overdue;
  if (overdue) {
    const dueAt = new Date(overdue.dueAt).toISOString();
    throw new AppError('invoice_overdue', { invoiceNumber: overdue.number, seller: overdue.issuerName, dueAt: dueAt.slice(0, 10) }, [], {}, { invoiceId: overdue.id, dueAt });
  }
  if (!first?.limited) return;
  const operator = first.operator;
  const pairs = new Map<string, CreditPair>();
  for (const p of list) {
    const seller = p.seller || operator;
    if (!seller || seller === p.buyer) continue;
    pairs.set(`${seller}:${p.buyer}`, { sellerTenantId: seller, buyerTenantId: p.buyer, tier: p.seller ? 'reseller' : 'provider' });
  }
  const sorted = [...pairs.values()].sort((a, b) => (a.sellerTenantId + a.buyerTenantId < b.sellerTenantId + b.buyerTenantId ? -1 : 1));
  if (sorted.length === 0) return;
  const limited = await query<{ seller: string; buyer: string; currency: string; credit_limit: string }>(
    tx,
    sql`select seller_tenant_id as seller, buyer_tenant_id as buyer, currency, credit_limit::text as credit_limit from credit_terms
        where (${sql.join(
          sorted.map((p) => sql`(seller_tenant_id = ${p.sellerTenantId}::uuid and buyer_tenant_id = ${p.buyerTenantId}::uuid)`),
          sql` or `,
        )}) and credit_limit is not null
        order by seller_tenant_id, buyer_tenant_id
        for update`,
  );
  for (const terms of limited) {
    const pair = pairs.get(`${terms.seller}:${terms.buyer}`)!;
    const added = charges
      .filter((c) => c.currency === terms.currency && (pair.tier === 'provider' ? c.providerTenantId === pair.buyerTenantId : c.providerTenantId === pair.sellerTenantId && c.resellerTenantId === pair.buyerTenantId))
      .reduce((sum, c) => sum + (pair.tier === 'provider' ? c.providerAmount : c.resellerAmount), 0);
    if (added <= 0) continue;
    const limit = Number(terms.credit_limit);
    const { exposure } = await exposureOf(tx, pair, terms.currency);
    if (exposure > limit) {
      const available = availableCreditOf(limit, exposure - added)!;
      const money = (minor: number) => formatAmount(minor, terms.currency);
      throw new AppError(
        'credit_limit_exceeded',
        { availableCredit: money(available), creditLimit: money(limit), currency: terms.currency },
        [],
        {},
        { availableCredit: money(available), creditLimit: money(limit), currency: terms.currency },
      );
    }
  }
}
