// BIL-1: the documents the caller's tenant received (the default) or issued, newest first.
import { and, desc, eq, getTableColumns, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { TimeCursor } from '../../../platform/http.js';
import type { InvoiceQuery } from '../contract.js';
import { settledColumns } from '../reads.js';
import { invoices } from '../schema.js';
import type { SettledInvoiceRow } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function listInvoices(
  { db }: BillingDeps,
  actor: Actor,
  query: { direction?: InvoiceQuery['direction']; size: number; after?: TimeCursor },
): Promise<{ items: SettledInvoiceRow[]; totalCount: number }> {
  const i = invoices;
  const mine = query.direction === 'issued' ? eq(i.issuerTenantId, actor.tenantId) : eq(i.recipientTenantId, actor.tenantId);
  const after = query.after ? or(lt(i.issuedAt, query.after.at), and(eq(i.issuedAt, query.after.at), lt(i.id, query.after.id))) : undefined;
  const items = await db
    .select({ ...getTableColumns(i), ...settledColumns })
    .from(i)
    .where(and(mine, after))
    .orderBy(desc(i.issuedAt), desc(i.id))
    .limit(query.size + 1);
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(i).where(mine);
  return { items, totalCount: total?.n ?? 0 };
}
