// What several relationships operations read: the prepared statements (built once per service), a
// relationship as one side sees it, and who an invitation may name.
import { and, desc, eq, getTableColumns, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { arrayLiteral, preparedByShape, type Db, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Relationship, RelationshipType } from './contract.js';
import type { RelationshipsDeps } from './operations/deps.js';
import { partnerRelationships } from './schema.js';
import { relationshipView, type RelationshipRow } from './views.js';

export function relationshipStatements(db: Db) {
  return {
    /** A page of the caller's active relationships and their total: one prepared statement per shape. */
    relationshipPage: preparedByShape('relationships_page', (shape: { asReseller: boolean; asProvider: boolean; after: boolean }, name) => {
      const caller = sql.placeholder('caller');
      const afterAt = sql.placeholder('afterAt');
      const mine: SQL[] = [];
      if (shape.asReseller) mine.push(eq(partnerRelationships.resellerTenantId, caller));
      if (shape.asProvider) mine.push(eq(partnerRelationships.providerTenantId, caller));
      const page = shape.after ? or(lt(partnerRelationships.createdAt, afterAt), and(eq(partnerRelationships.createdAt, afterAt), lt(partnerRelationships.id, sql.placeholder('afterId')))) : undefined;
      const sides = [shape.asReseller ? sql`r.reseller_tenant_id = ${caller}` : undefined, shape.asProvider ? sql`r.provider_tenant_id = ${caller}` : undefined].filter((side) => side !== undefined);
      const total = sql<number>`(select count(*)::int from partner_relationships r where (${sql.join(sides, sql` or `)}) and r.state = 'active')`;
      return db
        .select({ row: getTableColumns(partnerRelationships), total })
        .from(partnerRelationships)
        .where(and(or(...mine), eq(partnerRelationships.state, sql`'active'`), page))
        .orderBy(desc(partnerRelationships.createdAt), desc(partnerRelationships.id))
        .limit(sql.placeholder('limit'))
        .prepare(name);
    }),
    activeWithProviders: db
      .select()
      .from(partnerRelationships)
      .where(
        and(
          sql`${partnerRelationships.providerTenantId} = any(${sql.placeholder('providers')}::uuid[])`,
          eq(partnerRelationships.resellerTenantId, sql.placeholder('reseller')),
          eq(partnerRelationships.state, sql`'active'`),
        ),
      )
      .prepare('relationships_active_between'),
  };
}
export type RelationshipStatements = ReturnType<typeof relationshipStatements>;

/** A relationship the actor is a side of (404 otherwise), locked when asked. */
export async function relationshipOfSide(q: Queryable, actor: Actor, id: string, lock = false) {
  const select = q.select().from(partnerRelationships).where(eq(partnerRelationships.id, id));
  const [row] = lock ? await select.for('update') : await select;
  if (!row || (row.providerTenantId !== actor.tenantId && row.resellerTenantId !== actor.tenantId)) throw notFound('relationship');
  return row;
}

/** Relationships as one side sees them (the other side's name, PartnerID, country), in a fixed number of queries. */
export async function itemsFor(deps: RelationshipsDeps, actor: Actor, rows: RelationshipRow[]): Promise<Relationship[]> {
  const others = rows.map((row) => (row.resellerTenantId === actor.tenantId ? row.providerTenantId : row.resellerTenantId));
  const [tenantRows, summaries] = await Promise.all([deps.identity.tenantsByIds(others), deps.enrollment.partnerSummaries(others)]);
  return rows.map((row, index) => {
    const iAmReseller = row.resellerTenantId === actor.tenantId;
    const partnerTenantId = others[index]!;
    const tenant = tenantRows.get(partnerTenantId)!;
    const summary = summaries.get(partnerTenantId)!;
    const relationshipType: RelationshipType = iAmReseller ? 'IsIndirectResellerOf' : 'IsIndirectCloudSolutionProviderOf';
    return {
      ...relationshipView(row),
      partnerTenantId,
      name: tenant.name,
      partnerId: summary.partnerId,
      country: summary.legalCountry ?? tenant.country,
      // Seen from the reseller: it is an indirect reseller of the provider; from the provider the other way round.
      relationshipType,
    };
  });
}

/**
 * REL-2, REL-6: who an invitation may name, where the invitee is known by its email: never the
 * provider's own organization, never a suspended partner.
 */
export async function refuseInvitee(deps: RelationshipsDeps, q: Queryable, providerTenantId: string, email: string, path: string) {
  const invitee = await deps.identity.findUserByEmail(email.trim(), q);
  if (!invitee) return;
  if (invitee.tenantId === providerTenantId) throw new AppError('self_relationship', {}, [{ path, code: 'self_relationship' }]);
  if ((await deps.enrollment.standing(invitee.tenantId, 'indirectReseller', q)).enrollmentStatus === 'suspended') {
    throw new AppError('partner_suspended', {}, [{ path, code: 'partner_suspended' }]);
  }
}

/** REL-4: does this provider hold admin access to this reseller's tenant right now? */
export async function hasAdminAccess(deps: RelationshipsDeps, providerTenantId: string, resellerTenantId: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: partnerRelationships.id })
    .from(partnerRelationships)
    .where(
      and(
        eq(partnerRelationships.providerTenantId, providerTenantId),
        eq(partnerRelationships.resellerTenantId, resellerTenantId),
        eq(partnerRelationships.state, 'active'),
        eq(partnerRelationships.adminAccess, 'granted'),
      ),
    );
  return row !== undefined;
}

/**
 * REL-4, as SQL expressions over a provider and a reseller (placeholders or columns), for the one
 * relation resolver (customers' relationTo), which reads every relation of a request in one statement:
 * whether they have an active relationship, and whether it holds the provider's admin access.
 */
export function providerRelation(provider: SQLWrapper, reseller: SQLWrapper) {
  const active = sql`p.provider_tenant_id = ${provider} and p.reseller_tenant_id = ${reseller} and p.state = 'active'`;
  return {
    related: sql<boolean>`exists (select 1 from partner_relationships p where ${active})`,
    adminAccess: sql<boolean>`exists (select 1 from partner_relationships p where ${active} and p.admin_access = 'granted')`,
  };
}

/** Active relationships between these tenants (ORD-3 and CUS-2 ask). */
export async function activeBetween(deps: RelationshipsDeps, providerTenantIds: string[], resellerTenantId: string) {
  if (providerTenantIds.length === 0) return [];
  return deps.statements.activeWithProviders.execute({ providers: arrayLiteral(providerTenantIds), reseller: resellerTenantId });
}
