// What several billing operations read: the operator's tenant (the issuer of the provider tier), and a
// document's settlement (its payments and credit notes, summed where it is read: an issued document
// never changes, so nothing stored is kept in step with them).
import { sql, type SQL } from 'drizzle-orm';
import { query, type Queryable } from '../../db/index.js';

/** The operator's tenant ID (its first operator membership), as a subquery: null before there is one. */
export const operatorTenantSql = sql`(select tenant_id from tenant_memberships where program = 'operator' order by created_at limit 1)`;

/** The operator's tenant, undefined before there is one. */
export async function operatorTenant(q: Queryable): Promise<{ id: string; name: string } | undefined> {
  const [row] = await query<{ id: string; name: string }>(q, sql`select t.id, t.name from tenants t where t.id = ${operatorTenantSql}`);
  return row;
}

// A column interpolated alone is rendered unqualified and would bind to a subquery's own table, so
// each fragment takes the name (or alias) its outer query reads `invoices` by.

/** Minor units paid against the document (payments recorded by its issuer). */
const paidOn = (doc: SQL) => sql`(select coalesce(sum(p.amount), 0) from payments p where p.invoice_id = ${doc}.id)`;

/** Minor units credited on the document (its credit notes' totals, which are negative, made positive). */
const creditedOn = (doc: SQL) => sql`(select coalesce(-sum(n.total), 0) from invoices n where n.corrects_invoice_id = ${doc}.id)`;

/** BIL-4: what is left to pay on the document: its total less its payments and its credit notes. */
const balanceOn = (doc: SQL) => sql`(${doc}.total - ${paidOn(doc)} - ${creditedOn(doc)})`;

/** A document's balance, for the document aliased `i`. */
export const balanceSql = balanceOn(sql.raw('i'));

const ownName = sql.raw('invoices');

/** The columns a document is read with besides its own: its settlement, for a query that reads `invoices` by its own name. */
export const settledColumns = {
  amountPaid: sql<number>`${paidOn(ownName)}`.mapWith(Number),
  amountCredited: sql<number>`${creditedOn(ownName)}`.mapWith(Number),
  balance: sql<number>`${balanceOn(ownName)}`.mapWith(Number),
};
