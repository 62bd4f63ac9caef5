// What credit's operations read (BIL-4): the operator's tenant, a buyer's exposure to one seller and
// its overdue documents. Exposure is read, never stored: the open documents' balances (total less
// payments and credit notes) plus the unbilled charge lines of the open period (rated since the last
// closed period ended), at the amount of the tier between the two. (Checkout reads overdue documents
// in its own statement: check-credit.ts.)
import { sql, type SQL } from 'drizzle-orm';
import { query, type Queryable } from '../../../db/index.js';
import { defaultGraceDays } from './rules.js';

/** The seller's tier: the operator invoices providers (their cost), a provider its resellers (their price). */
export type CreditTier = 'provider' | 'reseller';
export interface CreditPair {
  sellerTenantId: string;
  buyerTenantId: string;
  tier: CreditTier;
}

export async function operatorTenantId(q: Queryable): Promise<string | undefined> {
  const [row] = await query<{ id: string }>(q, sql`select tenant_id as id from tenant_memberships where program = 'operator' order by created_at limit 1`);
  return row?.id;
}

/** A document's balance, for the document aliased `i`. */
export const balanceSql = sql`(i.total - (select coalesce(sum(p.amount), 0) from payments p where p.invoice_id = i.id) + (select coalesce(sum(n.total), 0) from invoices n where n.corrects_invoice_id = i.id))`;

/** The buyer's charge lines from the seller, and the amount of the tier between them. */
function unbilledOf(pair: CreditPair): { party: SQL; amount: SQL } {
  return pair.tier === 'provider'
    ? { party: sql`c.provider_tenant_id = ${pair.buyerTenantId}::uuid`, amount: sql`c.provider_amount` }
    : { party: sql`c.reseller_tenant_id = ${pair.buyerTenantId}::uuid and c.provider_tenant_id = ${pair.sellerTenantId}::uuid`, amount: sql`c.reseller_amount` };
}

/** BIL-4: the buyer's exposure to the seller in one currency (minor units), as the statement that runs it sees the tables. */
export async function exposureOf(q: Queryable, pair: CreditPair, currency: string): Promise<{ open: number; unbilled: number; exposure: number }> {
  const { party, amount } = unbilledOf(pair);
  const [row] = await query<{ open: string; unbilled: string }>(
    q,
    sql`select
          (select coalesce(sum(${balanceSql}), 0) from invoices i
            where i.recipient_tenant_id = ${pair.buyerTenantId}::uuid and i.issuer_tenant_id = ${pair.sellerTenantId}::uuid and i.kind = 'invoice' and i.currency = ${currency})::text as open,
          (select coalesce(sum(${amount}), 0) from charge_lines c
            where ${party} and c.currency = ${currency}
              and c.created_at >= coalesce((select max(period_end) from billing_runs), '-infinity'::timestamptz))::text as unbilled`,
  );
  const open = Number(row?.open ?? 0);
  const unbilled = Number(row?.unbilled ?? 0);
  return { open, unbilled, exposure: open + unbilled };
}

/** How many of one buyer's documents from one seller are overdue (past grace) at `at`. */
export async function overdueCount(q: Queryable, pair: CreditPair, at: Date): Promise<number> {
  const [row] = await query<{ n: number }>(
    q,
    sql`select count(*)::int as n
        from invoices i left join credit_terms ct on ct.seller_tenant_id = i.issuer_tenant_id and ct.buyer_tenant_id = i.recipient_tenant_id
        where i.recipient_tenant_id = ${pair.buyerTenantId}::uuid and i.issuer_tenant_id = ${pair.sellerTenantId}::uuid and i.kind = 'invoice'
          and i.due_at + make_interval(days => coalesce(ct.grace_days, ${defaultGraceDays})) < ${at}::timestamptz and ${balanceSql} > 0`,
  );
  return row?.n ?? 0;
}
