// BIL-1, BIL-2, BIL-3: the month-end run of one period. In one transaction, set-based over the period's
// charge lines (those rated in it: created_at within the month, UTC): for each tier (rules.ts) one
// document per issuer, recipient and currency, numbered after the issuer's last number without gaps,
// with its tax per line at the recipient's market rate (half to even) and its due date on the payment
// terms its issuer gave the recipient (credit_terms, BIL-4; 30 days without), then its lines, each naming what
// it reconciles to. The period's billing_runs row is written first: a second run waits on it and then
// finds the period closed, so rerunning a closed period changes nothing, and a run killed halfway
// leaves nothing of itself (the next one does it all).
import { sql, type SQL } from 'drizzle-orm';
import { query, type Queryable } from '../../../db/index.js';
import { operatorTenant } from '../reads.js';
import { defaultPaymentTermDays, invoiceNoticeQueue, tiers } from '../rules.js';
import type { BillingDeps } from './deps.js';

export interface BillingRunResult {
  periodStart: Date;
  periodEnd: Date;
  /** False when the period was closed already (nothing changed) or no operator exists yet. */
  closed: boolean;
  documents: number;
  lines: number;
}

export async function closeBillingPeriod(deps: BillingDeps, period: { start: Date; end: Date }, at?: Date): Promise<BillingRunResult> {
  const issuedAt = at ?? deps.now();
  const nothing = { periodStart: period.start, periodEnd: period.end, closed: false, documents: 0, lines: 0 };
  return deps.platform.transaction(async (tx) => {
    const operator = await operatorTenant(tx);
    if (!operator) return nothing;
    const claimed = await query<{ p: Date }>(
      tx,
      sql`insert into billing_runs (period_start, period_end, closed_at) values (${period.start}::timestamptz, ${period.end}::timestamptz, ${issuedAt}::timestamptz)
          on conflict (period_start) do nothing returning period_start as p`,
    );
    if (claimed.length === 0) return nothing;
    let documents = 0;
    let lines = 0;
    const tierSql = tiers.map((t) => {
      const issuer = t.issuer === 'operator' ? sql`${operator.id}::uuid` : sql.raw(`c.${t.issuer}`);
      const recipient = sql.raw(`c.${t.recipient}`);
      const amount = sql.raw(`c.${t.amount}`);
      // A provider reselling its own subscriptions does not invoice itself.
      const filter = t.tier === 'reseller' ? sql`and c.provider_tenant_id <> c.reseller_tenant_id` : sql``;
      const inPeriod = sql`c.created_at >= ${period.start}::timestamptz and c.created_at < ${period.end}::timestamptz ${filter}`;
      return { tier: t.tier, kind: t.kind, issuer, recipient, amount, inPeriod, period, issuedAt };
    });
    // Every tier's documents first, then their lines: each line's foreign-key check (its document) is then planned
    // on all of the period's documents. Planned while they were few (the operator's invoices to a few providers), it
    // would scan the documents for every line of the larger tiers.
    for (const t of tierSql) documents += await issueDocuments(tx, t);
    await gatherLines(tx, tierSql[0]!.inPeriod);
    for (const t of tierSql) {
      lines += await issueLines(tx, t);
      deps.platform.crashPoint('billing');
    }
    await tx.execute(sql`update billing_runs set documents = ${documents}, lines = ${lines} where period_start = ${period.start}::timestamptz`);
    // BIL-1: the documents' invoice-ready notices, sent in batches by one job once this run commits
    // (send-invoice-notices.ts); a run that does not commit leaves no job.
    if (documents > 0) await deps.platform.jobs.enqueue(tx, invoiceNoticeQueue, { periodStart: period.start.toISOString(), issuedAt: issuedAt.toISOString() });
    return { periodStart: period.start, periodEnd: period.end, closed: true, documents, lines };
  });
}

/** BIL-1: a party's billing profile as the document shows it (null without one). */
const profileOf = (alias: 'ip' | 'rp') =>
  sql.raw(`case when ${alias}.tenant_id is null then null else jsonb_build_object('legalName', ${alias}.legal_name, 'taxId', ${alias}.tax_id, 'address', ${alias}.address, 'email', ${alias}.email) end`);

interface TierSql {
  tier: string;
  issuer: SQL;
  recipient: SQL;
  amount: SQL;
  inPeriod: SQL;
  period: { start: Date; end: Date };
}

/** The tier's documents, numbered per issuer after its last number (BIL-2); answers how many. */
async function issueDocuments(tx: Queryable, t: TierSql & { kind: string; issuedAt: Date }): Promise<number> {
  const [row] = await query<{ n: number }>(
    tx,
    sql`with docs as (
        select ${t.issuer} as issuer, ${t.recipient} as recipient, c.currency, count(*)::int as n, sum(${t.amount}) as subtotal,
          sum(${divHalfEven(sql`${t.amount} * coalesce(tr.rate_bp, 0)`, sql`10000`)}) as tax, coalesce(max(tr.rate_bp), 0) as rate
        from charge_lines c join tenants r on r.id = ${t.recipient} left join tax_rates tr on tr.country = r.country
        where ${t.inPeriod}
        group by 1, 2, 3
      ), numbered as (
        insert into invoices (kind, tier, issuer_tenant_id, recipient_tenant_id, number, period_start, period_end, currency, issuer_name, recipient_name,
          recipient_country, tax_rate_bp, line_count, subtotal, tax, total, issued_at, due_at, issuer_profile, recipient_profile)
        select ${t.kind}, ${t.tier}, d.issuer, d.recipient, coalesce(s.last_number, 0) + row_number() over (partition by d.issuer order by d.recipient, d.currency),
          ${t.period.start}::timestamptz, ${t.period.end}::timestamptz, d.currency, i.name, r.name, r.country, d.rate, d.n, d.subtotal, d.tax, d.subtotal + d.tax,
          ${t.issuedAt}::timestamptz, ${t.issuedAt}::timestamptz + make_interval(days => coalesce(ct.payment_term_days, ${defaultPaymentTermDays})),
          ${profileOf('ip')}, ${profileOf('rp')}
        from docs d join tenants i on i.id = d.issuer join tenants r on r.id = d.recipient left join invoice_sequences s on s.issuer_tenant_id = d.issuer
          left join credit_terms ct on ct.seller_tenant_id = d.issuer and ct.buyer_tenant_id = d.recipient
          left join billing_profiles ip on ip.tenant_id = d.issuer left join billing_profiles rp on rp.tenant_id = d.recipient
        returning issuer_tenant_id, number
      ), sequences as (
        insert into invoice_sequences (issuer_tenant_id, last_number)
        select issuer_tenant_id, max(number) from numbered group by 1
        on conflict (issuer_tenant_id) do update set last_number = excluded.last_number
        returning 1
      )
      select (select count(*)::int from numbered) as n, (select count(*) from sequences) as s`,
  );
  return row?.n ?? 0;
}

/**
 * BIL-3: what every tier's lines name, gathered once: the period's charge lines with their customer's
 * name, their subscription's name, term, billing cycle and PartnerID of record, and their product's
 * name, in a table of this transaction (billing_run_lines); then the statistics of it and of the
 * documents just written, so that the lines are joined to their documents by hash whatever their
 * number (the planner has not seen them yet).
 */
async function gatherLines(tx: Queryable, inPeriod: SQL): Promise<void> {
  await tx.execute(sql`create temp table billing_run_lines on commit drop as
    select c.id, c.customer_tenant_id, c.provider_tenant_id, c.reseller_tenant_id, c.currency, c.created_at, c.subscription_id, c.order_id, c.offer_id, c.sku_id,
      c.charge_type, c.period_start, c.period_end, c.quantity, c.charged_days, c.period_days, c.provider_amount, c.reseller_amount, c.customer_amount,
      cu.name as customer_name, s.name as subscription_name, coalesce(p.name, s.name) as product_name, s.term_duration, s.billing_cycle, s.partner_id_on_record
    from charge_lines c
      join subscriptions s on s.id = c.subscription_id
      join tenants cu on cu.id = c.customer_tenant_id
      left join products p on p.id = c.offer_id
    where ${inPeriod}`);
  await tx.execute(sql`analyze invoices, billing_run_lines`);
}

/**
 * n ÷ d rounded half to even (n bigint, d > 0), in integer arithmetic: div_half_even's rule without
 * numeric, which costs seconds over the millions of lines of a large program.
 */
function divHalfEven(n: SQL, d: SQL): SQL {
  return sql`((${n}) / (${d}) + case when 2 * abs((${n}) % (${d})) > (${d}) or (2 * abs((${n}) % (${d})) = (${d}) and ((${n}) / (${d})) % 2 <> 0) then case when (${n}) < 0 then -1 else 1 end else 0 end)`;
}

/** BIL-3: the tier's lines (from billing_run_lines), each on its document, in the order they were rated; answers how many. */
async function issueLines(tx: Queryable, t: TierSql): Promise<number> {
  const [row] = await query<{ n: number }>(
    tx,
    sql`with lines as (
        insert into invoice_lines (invoice_id, line_number, charge_line_id, customer_tenant_id, customer_name, subscription_id, subscription_name, order_id,
          offer_id, product_name, sku_id, term_duration, billing_cycle, charge_type, charge_start, charge_end, quantity, charged_days, period_days,
          unit_price, amount, tax, total, currency, partner_id_on_record)
        select i.id, row_number() over (partition by i.id order by c.created_at, c.id), c.id, c.customer_tenant_id, c.customer_name, c.subscription_id, c.subscription_name, c.order_id,
          c.offer_id, c.product_name, c.sku_id, c.term_duration, c.billing_cycle, c.charge_type, c.period_start, c.period_end, c.quantity, c.charged_days, c.period_days,
          ${divHalfEven(sql`abs(${t.amount}) * c.period_days`, sql`c.quantity * greatest(c.charged_days, 1)`)},
          ${t.amount}, ${divHalfEven(sql`${t.amount} * i.tax_rate_bp`, sql`10000`)}, ${t.amount} + ${divHalfEven(sql`${t.amount} * i.tax_rate_bp`, sql`10000`)},
          c.currency, c.partner_id_on_record
        from billing_run_lines c
          join invoices i on i.period_start = ${t.period.start}::timestamptz and i.tier = ${t.tier} and i.issuer_tenant_id = ${t.issuer}
            and i.recipient_tenant_id = ${t.recipient} and i.currency = c.currency
        where ${t.inPeriod}
        returning 1
      )
      select count(*)::int as n from lines`,
  );
  return row?.n ?? 0;
}
