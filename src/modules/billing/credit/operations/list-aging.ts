// BIL-4: balances by counterparty and currency, by days past due (current, 1–30, 31–60, 61–90, 90+):
// what each of the caller's buyers owes it (issued, the default) or what it owes each of its sellers
// (received). Balances are read from the documents, payments and credit notes (reads.ts); counterparties
// with nothing left are not listed. A page at a time, by counterparty ID and currency.
import { sql } from 'drizzle-orm';
import { query } from '../../../../db/index.js';
import type { Actor } from '../../../../platform/access.js';
import type { AgingRow, DirectionQuery } from '../contract.js';
import { balanceSql } from '../../reads.js';
import type { AgingBucket } from '../rules.js';
import { agingRowView } from '../views.js';
import type { CreditDeps } from './deps.js';

type Row = { tenantId: string; name: string; currency: string; openDocuments: number } & Record<AgingBucket, string>;

export async function listAging(
  deps: CreditDeps,
  actor: Actor,
  options: { direction?: DirectionQuery['direction']; size: number; after?: { tenantId: string; currency: string } },
): Promise<{ items: AgingRow[]; totalCount: number }> {
  const received = options.direction === 'received';
  const mine = received ? sql`i.recipient_tenant_id = ${actor.tenantId}::uuid` : sql`i.issuer_tenant_id = ${actor.tenantId}::uuid`;
  const party = received ? sql`i.issuer_tenant_id` : sql`i.recipient_tenant_id`;
  const partyName = received ? sql`i.issuer_name` : sql`i.recipient_name`;
  const at = deps.now();
  const late = sql`(${at}::timestamptz - d.due_at)`;
  const bucket = (b: AgingBucket) => {
    switch (b) {
      case 'current':
        return sql`d.due_at >= ${at}::timestamptz`;
      case 'days1to30':
        return sql`d.due_at < ${at}::timestamptz and ${late} < interval '31 days'`;
      case 'days31to60':
        return sql`${late} >= interval '31 days' and ${late} < interval '61 days'`;
      case 'days61to90':
        return sql`${late} >= interval '61 days' and ${late} < interval '91 days'`;
      case 'over90':
        return sql`${late} >= interval '91 days'`;
    }
  };
  const sums = (['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const).map(
    (b) => sql`(coalesce(sum(d.balance) filter (where ${bucket(b)}), 0))::text as ${sql.identifier(b)}`,
  );
  const grouped = sql`
    with d as (
      select ${party} as party, ${partyName} as name, i.currency, i.due_at, ${balanceSql} as balance
      from invoices i
      where ${mine} and i.kind <> 'creditNote' and i.issuer_tenant_id <> i.recipient_tenant_id
    )
    select d.party as "tenantId", max(d.name) as name, d.currency, ${sql.join(sums, sql`, `)}, count(*)::int as "openDocuments"
    from d where d.balance <> 0
    group by d.party, d.currency`;
  const rows = await query<Row>(
    deps.db,
    sql`select * from (${grouped}) g
        ${options.after ? sql`where ("tenantId", currency) > (${options.after.tenantId}::uuid, ${options.after.currency})` : sql``}
        order by "tenantId", currency
        limit ${options.size + 1}`,
  );
  const [total] = await query<{ n: number }>(deps.db, sql`select count(*)::int as n from (${grouped}) g`);
  const items = rows.map((r) =>
    agingRowView({
      tenantId: r.tenantId,
      name: r.name,
      currency: r.currency,
      openDocuments: r.openDocuments,
      current: Number(r.current),
      days1to30: Number(r.days1to30),
      days31to60: Number(r.days31to60),
      days61to90: Number(r.days61to90),
      over90: Number(r.over90),
    }),
  );
  return { items, totalCount: total?.n ?? 0 };
}
