// What credit's operations read (BIL-4): a buyer's exposure to one seller, its overdue documents, and
// credit terms with where their buyer stands. Exposure is read, never stored: the open documents'
// balances (total less payments and credit notes) plus the unbilled charge lines of the open period
// (rated since the last closed period ended), at the amount of the tier between the two. (Checkout
// reads overdue documents in its own statement: check-credit.ts.)
import { sql, type SQL } from 'drizzle-orm';
import { query, type Queryable } from '../../../db/index.js';
import { balanceSql, operatorTenantSql } from '../reads.js';
import { defaultGraceDays } from './rules.js';
import type { CreditTermsRow } from './views.js';

/** The seller's tier: the operator invoices providers (their cost), a provider its resellers (their price). */
export type CreditTier = 'provider' | 'reseller';
export interface CreditPair {
  sellerTenantId: string;
  buyerTenantId: string;
  tier: CreditTier;
}

/** The balances (minor units) of the buyer's open invoices from the seller in one currency, as a subquery. */
function openSql(seller: SQL, buyer: SQL, currency: SQL): SQL {
  return sql`(select coalesce(sum(${balanceSql}), 0) from invoices i
    where i.recipient_tenant_id = ${buyer} and i.issuer_tenant_id = ${seller} and i.kind = 'invoice' and i.currency = ${currency})`;
}

/** The buyer's unbilled charge lines from the seller in one currency, at the amount of the tier between them (minor units), as a subquery. */
function unbilledSql(tier: CreditTier, seller: SQL, buyer: SQL, currency: SQL): SQL {
  const { party, amount } =
    tier === 'provider'
      ? { party: sql`c.provider_tenant_id = ${buyer}`, amount: sql`c.provider_amount` }
      : { party: sql`c.reseller_tenant_id = ${buyer} and c.provider_tenant_id = ${seller}`, amount: sql`c.reseller_amount` };
  return sql`(select coalesce(sum(${amount}), 0) from charge_lines c
    where ${party} and c.currency = ${currency}
      and c.created_at >= coalesce((select max(period_end) from billing_runs), '-infinity'::timestamptz))`;
}

/** BIL-4: the buyer's exposure to the seller in one currency (minor units), as the statement that runs it sees the tables. */
export async function exposureOf(q: Queryable, pair: CreditPair, currency: string): Promise<{ open: number; unbilled: number; exposure: number }> {
  const [seller, buyer, inCurrency] = [sql`${pair.sellerTenantId}::uuid`, sql`${pair.buyerTenantId}::uuid`, sql`${currency}`];
  const [row] = await query<{ open: string; unbilled: string }>(
    q,
    sql`select ${openSql(seller, buyer, inCurrency)}::text as open, ${unbilledSql(pair.tier, seller, buyer, inCurrency)}::text as unbilled`,
  );
  const open = Number(row?.open ?? 0);
  const unbilled = Number(row?.unbilled ?? 0);
  return { open, unbilled, exposure: open + unbilled };
}

/** BIL-4: the document aliased `i` is an invoice past its due date and its grace (its terms', else the default) at `at`, with a balance left. */
export function overdueSql(at: Date): SQL {
  const grace = sql`(select g.grace_days from credit_terms g where g.seller_tenant_id = i.issuer_tenant_id and g.buyer_tenant_id = i.recipient_tenant_id)`;
  return sql`(i.kind = 'invoice' and i.due_at + make_interval(days => coalesce(${grace}, ${defaultGraceDays})) < ${at}::timestamptz and ${balanceSql} > 0)`;
}

/** A terms row as read: its limit in minor units as text, its parties' names, its buyer's exposure in its two parts (minor units as text) and overdue documents. */
export type TermsStandingRow = Omit<CreditTermsRow, 'creditLimit' | 'updatedAt'> & {
  creditLimit: string | null;
  updatedAt: Date | string;
  sellerName: string;
  buyerName: string;
  open: string;
  unbilled: string;
  overdueCount: number;
};

/**
 * BIL-4: the credit terms (aliased `ct`) that `where` picks, with their parties' names and each buyer's
 * standing at `at`, in one statement (`page`: its order and limit). The tier is the seller's: the
 * operator sells to providers, anyone else to its resellers.
 */
export async function termsWithStanding(q: Queryable, at: Date, where: SQL, page: SQL = sql``): Promise<TermsStandingRow[]> {
  const [seller, buyer, currency] = [sql`ct.seller_tenant_id`, sql`ct.buyer_tenant_id`, sql`ct.currency`];
  return query<TermsStandingRow>(
    q,
    sql`select ct.seller_tenant_id as "sellerTenantId", ct.buyer_tenant_id as "buyerTenantId", ct.currency, ct.credit_limit::text as "creditLimit",
          ct.payment_term_days as "paymentTermDays", ct.grace_days as "graceDays", ct.updated_at as "updatedAt", s.name as "sellerName", b.name as "buyerName",
          ${openSql(seller, buyer, currency)}::text as open,
          (case when ct.seller_tenant_id = ${operatorTenantSql} then ${unbilledSql('provider', seller, buyer, currency)}
            else ${unbilledSql('reseller', seller, buyer, currency)} end)::text as unbilled,
          (select count(*)::int from invoices i where i.recipient_tenant_id = ${buyer} and i.issuer_tenant_id = ${seller} and ${overdueSql(at)}) as "overdueCount"
        from credit_terms ct join tenants s on s.id = ct.seller_tenant_id join tenants b on b.id = ct.buyer_tenant_id
        where ${where}
        ${page}`,
  );
}
