// BIL-1: one document, for its issuer and its recipient only (404 for anyone else: its existence is theirs).
import { and, eq, getTableColumns, or } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import { settledColumns } from '../reads.js';
import { invoices } from '../schema.js';
import type { SettledInvoiceRow } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function getInvoice({ db }: BillingDeps, actor: Actor, id: string): Promise<SettledInvoiceRow> {
  const [row] = await db
    .select({ ...getTableColumns(invoices), ...settledColumns })
    .from(invoices)
    .where(and(eq(invoices.id, id), or(eq(invoices.issuerTenantId, actor.tenantId), eq(invoices.recipientTenantId, actor.tenantId))));
  if (!row) throw notFound('invoice');
  return row;
}
