// What several customers operations read: the prepared statements (built once per service), a
// partner's active relationship with a customer, who may see a customer, and delegated roles.
// Customers join identity's `tenants` for its lists (one query instead of one per row): the stated
// exception of "How modules meet".
import { and, asc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { isoText, preparedByShape, type Db, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { tenants } from '../identity/schema.js';
import type { CustomersDeps } from './operations/deps.js';
import { activeRoles } from './rules.js';
import { customerRelationships, delegatedAdminRelationships } from './schema.js';

export const customerColumns = {
  id: tenants.id,
  companyName: tenants.name,
  country: tenants.country,
  primaryDomain: tenants.primaryDomain,
  createdAt: isoText(tenants.createdAt),
};

/**
 * Constants in prepared statements are written into the SQL, not bound: a generic plan can then use
 * the partial indexes on active relationships.
 */
const activeState = sql`'active'`;

/**
 * A customer's active relationships, as a JSON array (one correlated subquery, no second round trip).
 * The outer column is spelled out: Drizzle leaves columns unqualified in single-table selects.
 */
const relationshipsOfCustomer = sql<{ partnerTenantId: string; role: string }[]>`(select coalesce(json_agg(json_build_object('partnerTenantId', l.partner_tenant_id, 'role', l.role)), '[]'::json) from customer_relationships l where l.customer_tenant_id = "tenants"."id" and l.state = 'active')`;

export function customerStatements(db: Db) {
  return {
    /**
     * A reseller's customers; a provider's customers, optionally of one reseller. Pages are ranges of
     * (partner, customer name, customer ID); the unfiltered total is the count the trigger keeps. The page,
     * each customer's relationships and the total come back from one prepared statement.
     */
    customerPage: preparedByShape('customers_page', (shape: { q: boolean; reseller: boolean; after: boolean }, name) => {
      const partner = sql.placeholder('partner');
      const filters: SQL[] = [eq(customerRelationships.partnerTenantId, partner), eq(customerRelationships.state, activeState)];
      if (shape.reseller) filters.push(eq(customerRelationships.resellerTenantId, sql.placeholder('reseller')));
      if (shape.q) filters.push(ilike(customerRelationships.customerName, sql.placeholder('q')));
      if (shape.after) filters.push(sql`(${customerRelationships.customerName}, ${customerRelationships.customerTenantId}) > (${sql.placeholder('afterName')}, ${sql.placeholder('afterId')})`);
      const total =
        shape.q || shape.reseller
          ? sql<number>`(select count(*)::int from customer_relationships c where c.partner_tenant_id = ${partner} and c.state = 'active'${
              shape.reseller ? sql` and c.reseller_tenant_id = ${sql.placeholder('reseller')}` : sql``
            }${shape.q ? sql` and c.customer_name ilike ${sql.placeholder('q')}` : sql``})`
          : sql<number>`(select k.active from partner_customer_counts k where k.partner_tenant_id = ${partner})`;
      return db
        .select({ ...customerColumns, relationships: relationshipsOfCustomer, total })
        .from(customerRelationships)
        .innerJoin(tenants, eq(tenants.id, customerRelationships.customerTenantId))
        .where(and(...filters))
        .orderBy(asc(customerRelationships.customerName), asc(customerRelationships.customerTenantId))
        .limit(sql.placeholder('limit'))
        .prepare(name);
    }),
    activeRelationship: db
      .select()
      .from(customerRelationships)
      .where(and(eq(customerRelationships.customerTenantId, sql.placeholder('customer')), eq(customerRelationships.partnerTenantId, sql.placeholder('partner')), eq(customerRelationships.state, activeState)))
      .prepare('customer_relationship_active'),
    customerById: db
      .select({ ...customerColumns, relationships: relationshipsOfCustomer })
      .from(tenants)
      .where(eq(tenants.id, sql.placeholder('id')))
      .prepare('customer_by_id'),
  };
}
export type CustomerStatements = ReturnType<typeof customerStatements>;

/** Customers with their active relationships (one query for all of them). */
export async function withRelationships<T extends { id: string }>(deps: CustomersDeps, rows: T[]) {
  if (rows.length === 0) return [];
  const links = await deps.db
    .select({ customerTenantId: customerRelationships.customerTenantId, partnerTenantId: customerRelationships.partnerTenantId, role: customerRelationships.role })
    .from(customerRelationships)
    .where(and(inArray(customerRelationships.customerTenantId, rows.map((r) => r.id)), eq(customerRelationships.state, 'active')));
  return rows.map((r) => ({ ...r, relationships: links.filter((l) => l.customerTenantId === r.id).map((l) => ({ partnerTenantId: l.partnerTenantId, role: l.role })) }));
}

/** The partner's active relationship with a customer, if there is one. */
export async function relationshipWith(deps: CustomersDeps, q: Queryable, partnerTenantId: string, customerTenantId: string) {
  if (q === deps.db) return (await deps.statements.activeRelationship.execute({ partner: partnerTenantId, customer: customerTenantId }))[0];
  const [row] = await q
    .select()
    .from(customerRelationships)
    .where(and(eq(customerRelationships.customerTenantId, customerTenantId), eq(customerRelationships.partnerTenantId, partnerTenantId), eq(customerRelationships.state, 'active')));
  return row;
}

/** "Not found" unless the actor is the customer or has an active relationship with it. */
export async function requireVisible(deps: CustomersDeps, actor: Actor, customerTenantId: string) {
  if (actor.tenantId !== customerTenantId && !(await relationshipWith(deps, deps.db, actor.tenantId, customerTenantId))) throw notFound('customer');
}

/** CUS-4: the delegated-admin roles a partner holds in a customer's tenant now (active relationships only). */
export async function delegatedRolesOf(deps: CustomersDeps, partnerTenantId: string, customerTenantId: string, now = new Date()): Promise<string[]> {
  const rows = await deps.db
    .select()
    .from(delegatedAdminRelationships)
    .where(and(eq(delegatedAdminRelationships.customerTenantId, customerTenantId), eq(delegatedAdminRelationships.partnerTenantId, partnerTenantId), eq(delegatedAdminRelationships.status, 'active')));
  return [...activeRoles(rows, now)];
}
