// What several customers operations read: the prepared statements (built once per service), a
// partner's active relationship with a customer, a delegated-admin relationship's assignments and its
// approval link.
// Customers join identity's `tenants` for its lists (one query instead of one per row): the stated
// exception of "How modules meet".
import { and, asc, eq, ilike, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isoText, preparedByShape, type Db, type Queryable } from '../../db/index.js';
import type { Actor, TenantRelation } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { invitationDays } from '../../platform/invitations.js';
import { byTokenHash, type SingleUseLink } from '../../platform/single-use-links.js';
import { tenants } from '../identity/schema.js';
import type { CustomersDeps } from './operations/deps.js';
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

/** What the relation resolver reads of other modules, as SQL fragments (relationships' REL-4, groups' members). */
export interface RelationFragments {
  providerRelation: (provider: SQLWrapper, reseller: SQLWrapper) => { related: SQL<boolean>; adminAccess: SQL<boolean> };
  memberGroupIds: (tenant: SQLWrapper, user: SQLWrapper, app: SQLWrapper) => SQL;
}

/**
 * The one relation resolver's statement (ACC-2, ACC-3, REL-4): how an actor (a user or an app) of one
 * tenant relates to another tenant, read in one round trip, every time (nothing cached: expiry,
 * termination, role changes and group membership take effect on the next request).
 * - adminAccess: REL-4, the actor's tenant is a provider holding admin access to that reseller;
 * - delegatedRoles: the union of the roles of the access assignments of the actor's security groups on
 *   that customer's active, unexpired delegated-admin relationships with the actor's tenant;
 * - customer / related: an active customer relationship; any active relationship at all.
 */
function relationStatement(db: Db, fragments: RelationFragments) {
  const actorTenant = sql.placeholder('actorTenant');
  const tenant = sql.placeholder('tenant');
  const user = sql.placeholder('user');
  const app = sql.placeholder('app');
  const provider = fragments.providerRelation(actorTenant, tenant);
  const delegatedRoles = sql<string[]>`(select coalesce(json_agg(distinct r.role), '[]'::json)
    from delegated_admin_relationships d
    join delegated_admin_access_assignments a on a.relationship_id = d.id
    cross join lateral unnest(a.roles) as r(role)
    where d.customer_tenant_id = ${tenant} and d.partner_tenant_id = ${actorTenant} and d.status = ${activeState}
      and d.ends_at > ${sql.placeholder('now')}::timestamptz
      and a.security_group_id in ${fragments.memberGroupIds(actorTenant, user, app)})`;
  const customer = sql<boolean>`exists (select 1 from customer_relationships c where c.partner_tenant_id = ${actorTenant} and c.customer_tenant_id = ${tenant} and c.state = ${activeState})`;
  return db
    .select({ adminAccess: provider.adminAccess, providerRelated: provider.related, customer, delegatedRoles })
    .from(tenants)
    .where(eq(tenants.id, tenant))
    .prepare('relation_to');
}

export function customerStatements(db: Db, fragments: RelationFragments) {
  return {
    relation: relationStatement(db, fragments),
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

/**
 * ACC-3: the approved roles a relationship's access assignments use, as a column of a select from
 * delegated_admin_relationships (a correlated subquery: no second round trip).
 */
export const assignedRolesColumn = sql<string[]>`(select coalesce(json_agg(x.role order by x.role), '[]'::json) from (select distinct unnest(a.roles) as role from delegated_admin_access_assignments a where a.relationship_id = "delegated_admin_relationships"."id") x)`;

/** A delegated-admin relationship of the caller's tenant as its partner; any other is "not found" (ACC-3). */
export async function partnersRelationship(q: Queryable, actor: Pick<Actor, 'tenantId'>, relationshipId: string, lock = false) {
  const where = and(eq(delegatedAdminRelationships.id, relationshipId), eq(delegatedAdminRelationships.partnerTenantId, actor.tenantId));
  const [row] = lock ? await q.select().from(delegatedAdminRelationships).where(where).for('update') : await q.select().from(delegatedAdminRelationships).where(where);
  if (!row) throw notFound('delegatedAdminRelationship');
  return row;
}

/** How an actor relates to a tenant (TenantRelation), and whether its tenant is that customer's partner. */
export type CustomerRelation = TenantRelation & { customer: boolean };

const home: CustomerRelation = { adminAccess: false, delegatedRoles: [], related: true, customer: false };

/** The one relation resolver: one statement, every time it is asked (see relationStatement). */
export async function resolveRelation(deps: CustomersDeps, actor: Actor, tenantId: string, now = new Date()): Promise<CustomerRelation> {
  if (actor.tenantId === tenantId) return home;
  const [row] = await deps.statements.relation.execute({
    actorTenant: actor.tenantId,
    tenant: tenantId,
    // An app acting with its client credentials is a member by its app ID, a user by its user ID.
    user: actor.app ? null : actor.userId,
    app: actor.app?.id ?? null,
    now: now.toISOString(),
  });
  if (!row) return { adminAccess: false, delegatedRoles: [], related: false, customer: false };
  return { adminAccess: row.adminAccess, delegatedRoles: row.delegatedRoles, related: row.adminAccess || row.providerRelated || row.customer, customer: row.customer };
}

/**
 * The relation of this request's actor to a customer, as the customer routes' check resolved it before
 * the handler ran (admitToCustomer), so the operation does not ask again; resolved here when it was not
 * (an operation called directly through the service, or another tenant).
 */
export async function relationFor(deps: CustomersDeps, actor: Actor, tenantId: string): Promise<CustomerRelation> {
  const admitted = deps.admitted.get(actor);
  if (admitted?.tenantId === tenantId) return admitted.relation;
  return resolveRelation(deps, actor, tenantId);
}

/** "Not found" unless the actor is the customer or its tenant has an active relationship with it (CUS-4). */
export async function requireVisible(deps: CustomersDeps, actor: Actor, customerTenantId: string): Promise<CustomerRelation> {
  const relation = await relationFor(deps, actor, customerTenantId);
  if (actor.tenantId !== customerTenantId && !relation.customer) throw notFound('customer');
  return relation;
}

/**
 * A delegated-admin request's emailed approval link (platform/single-use-links.ts): it works while the
 * request is pending, for as long as an invitation would (30 days); opened to read it or to approve it.
 */
export const delegatedAdminApprovalLink: SingleUseLink<typeof delegatedAdminRelationships.$inferSelect> = {
  resource: 'delegatedAdminRelationship',
  find: byTokenHash(delegatedAdminRelationships, delegatedAdminRelationships.approvalTokenHash),
  refusal: (row, now) => (row.status !== 'approvalPending' || now.getTime() > approvalLinkExpiry(row).getTime() ? 'invitation_used' : undefined),
};

/** When a request's approval link stops working. */
export function approvalLinkExpiry(row: { createdAt: Date }): Date {
  return new Date(row.createdAt.getTime() + invitationDays * 86_400_000);
}
