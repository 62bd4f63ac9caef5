// BIL-3: the open period's charge lines (rated since the last closed period ended), accruing, as the
// month-end run will invoice them: those the caller will be invoiced for (received) or will invoice
// (issued), each at the amount of its tier (rules.ts tiers), naming what it reconciles to as an
// invoice line does. Oldest first, a page at a time (keyset on rating time, line and tier); the count
// stops at countCap.
import { sql, type SQL } from 'drizzle-orm';
import { query } from '../../../db/index.js';
import type { Actor } from '../../../platform/access.js';
import { formatAmount } from '../../../platform/money.js';
import type { UnbilledCharge, UnbilledChargeQuery } from '../contract.js';
import { operatorTenantSql } from '../reads.js';
import type { Tier } from '../rules.js';
import type { BillingDeps } from './deps.js';

export const unbilledCountCap = 10_000;

export interface UnbilledCursor {
  at: string;
  id: string;
  tier: Tier;
}

interface Branch {
  tier: Tier;
  where: SQL;
  amount: SQL;
  issuer: SQL;
  recipient: SQL;
}

function branchesOf(actor: Actor, direction: UnbilledChargeQuery['direction']): Branch[] {
  const me = sql`${actor.tenantId}::uuid`;
  const provider = { amount: sql`c.provider_amount`, issuer: operatorTenantSql, recipient: sql`c.provider_tenant_id` };
  const reseller = { amount: sql`c.reseller_amount`, issuer: sql`c.provider_tenant_id`, recipient: sql`c.reseller_tenant_id` };
  const customer = { amount: sql`c.customer_amount`, issuer: sql`c.reseller_tenant_id`, recipient: sql`c.customer_tenant_id` };
  if (direction === 'issued') {
    return [
      ...(actor.isOperator ? [{ tier: 'provider' as const, where: sql`true`, ...provider }] : []),
      { tier: 'reseller', where: sql`c.provider_tenant_id = ${me} and c.reseller_tenant_id <> ${me}`, ...reseller },
      { tier: 'customer', where: sql`c.reseller_tenant_id = ${me}`, ...customer },
    ];
  }
  return [
    { tier: 'provider', where: sql`c.provider_tenant_id = ${me}`, ...provider },
    { tier: 'reseller', where: sql`c.reseller_tenant_id = ${me} and c.provider_tenant_id <> ${me}`, ...reseller },
    { tier: 'customer', where: sql`c.subscription_id in (select s.id from subscriptions s where s.customer_tenant_id = ${me})`, ...customer },
  ];
}

type Row = {
  chargeLineId: string;
  tier: Tier;
  issuerId: string;
  recipientId: string;
  customerId: string;
  customerName: string;
  subscriptionId: string;
  subscriptionName: string;
  orderId: string;
  offerId: string;
  productName: string;
  skuId: string;
  termDuration: string;
  billingCycle: string;
  chargeType: string;
  chargeStart: string;
  chargeEnd: string;
  quantity: number;
  chargedDays: number;
  periodDays: number;
  unitPrice: string;
  amount: string;
  currency: string;
  partnerIdOnRecord: string | null;
  ratedAt: string;
};

export async function listUnbilledCharges(
  deps: BillingDeps,
  actor: Actor,
  options: { direction?: UnbilledChargeQuery['direction']; size: number; after?: UnbilledCursor },
): Promise<{ items: (UnbilledCharge & { cursor: UnbilledCursor })[]; totalCount: number; totalCountCapped: boolean }> {
  const open = sql`c.created_at >= coalesce((select max(period_end) from billing_runs), '-infinity'::timestamptz)`;
  const branches = branchesOf(actor, options.direction);
  const after = options.after;
  const page = sql.join(
    branches.map(
      (b) => sql`(select c.id, c.created_at, ${b.tier}::text as tier, ${b.amount} as amount, ${b.issuer} as issuer_id, ${b.recipient} as recipient_id
        from charge_lines c
        where ${b.where} and ${open} ${after ? sql`and (c.created_at, c.id::text, ${b.tier}::text) > (${after.at}::timestamptz, ${after.id}::text, ${after.tier}::text)` : sql``}
        order by c.created_at, c.id
        limit ${options.size + 1})`,
    ),
    sql` union all `,
  );
  const rows = await query<Row>(
    deps.db,
    sql`select u.id as "chargeLineId", u.tier, u.issuer_id as "issuerId", u.recipient_id as "recipientId", c.customer_tenant_id as "customerId", cu.name as "customerName",
          c.subscription_id as "subscriptionId", s.name as "subscriptionName", c.order_id as "orderId", c.offer_id as "offerId", coalesce(p.name, s.name) as "productName",
          c.sku_id as "skuId", s.term_duration as "termDuration", s.billing_cycle as "billingCycle", c.charge_type as "chargeType",
          c.period_start as "chargeStart", c.period_end as "chargeEnd", c.quantity, c.charged_days as "chargedDays", c.period_days as "periodDays",
          div_half_even(abs(u.amount)::numeric * c.period_days, c.quantity * greatest(c.charged_days, 1))::text as "unitPrice", u.amount::text as amount, c.currency,
          s.partner_id_on_record as "partnerIdOnRecord", u.created_at as "ratedAt"
        from (${page}) u
          join charge_lines c on c.id = u.id
          join subscriptions s on s.id = c.subscription_id
          join tenants cu on cu.id = c.customer_tenant_id
          left join products p on p.id = c.offer_id
        order by u.created_at, u.id::text, u.tier
        limit ${options.size + 1}`,
  );
  const counted = sql.join(
    branches.map((b) => sql`(select 1 from charge_lines c where ${b.where} and ${open} limit ${unbilledCountCap + 1})`),
    sql` union all `,
  );
  const [count] = await query<{ n: number }>(deps.db, sql`select count(*)::int as n from (${counted}) n`);
  const n = count?.n ?? 0;
  const iso = (v: string | Date) => new Date(v).toISOString();
  const items = rows.map((r) => {
    const money = (minor: string) => formatAmount(Number(minor), r.currency);
    return {
      chargeLineId: r.chargeLineId,
      tier: r.tier,
      issuerId: r.issuerId,
      recipientId: r.recipientId,
      customerId: r.customerId,
      customerName: r.customerName,
      subscriptionId: r.subscriptionId,
      subscriptionDescription: r.subscriptionName,
      orderId: r.orderId,
      productId: r.offerId,
      productName: r.productName,
      skuId: r.skuId,
      termAndBillingCycle: { termDuration: r.termDuration, billingCycle: r.billingCycle },
      chargeType: r.chargeType,
      chargeStartDate: iso(r.chargeStart),
      chargeEndDate: iso(r.chargeEnd),
      quantity: r.quantity,
      chargedDays: r.chargedDays,
      periodDays: r.periodDays,
      unitPrice: money(r.unitPrice),
      subtotal: money(r.amount),
      currency: r.currency,
      partnerIdOnRecord: r.partnerIdOnRecord,
      ratedAt: iso(r.ratedAt),
      cursor: { at: iso(r.ratedAt), id: r.chargeLineId, tier: r.tier },
    };
  });
  return { items, totalCount: Math.min(n, unbilledCountCap), totalCountCapped: n > unbilledCountCap };
}
