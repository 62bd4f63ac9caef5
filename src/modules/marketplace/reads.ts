// Loaders several marketplace operations share, and the prepared statements, built once per service.
import { and, asc, eq, ilike, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { arrayLiteral, preparedByShape, type Db, type Queryable } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { AppError, notFound } from '../../platform/errors.js';
import { uuidPattern } from '../../platform/http.js';
import type { CommerceService } from '../commerce/service.js';
import { enrollments, legalBusinessProfiles, partnerSearch } from '../enrollment/schema.js';
import { tenants } from '../identity/schema.js';
import type { IdentityService } from '../identity/service.js';
import { offerAudience, offers } from './schema.js';

export type OfferRow = typeof offers.$inferSelect;

/** The caller's own offer (another publisher's is "not found"), locked for update when asked. */
export async function ownOffer(q: Queryable, actor: Actor, id: string, lock = false): Promise<OfferRow> {
  const select = q.select().from(offers).where(eq(offers.id, id));
  const [row] = lock ? await select.for('update') : await select;
  if (!row || row.publisherTenantId !== actor.tenantId) throw notFound('offer');
  return row;
}

export async function requirePublisher(identity: IdentityService, tenantId: string): Promise<void> {
  if (!(await identity.memberships(tenantId)).some((m) => m.program === 'publisher' && m.status === 'active')) throw new AppError('not_a_publisher');
}

/** An offer's audience partners (draft and live flags), their names and when each resold it (MKP-7, from commerce). */
export async function audienceRows(q: Queryable, commerce: CommerceService, offerId: string) {
  return q
    .select({
      partnerTenantId: offerAudience.partnerTenantId,
      inDraft: offerAudience.inDraft,
      inLive: offerAudience.inLive,
      name: legalBusinessProfiles.legalName,
      country: legalBusinessProfiles.country,
      resoldAt: commerce.resoldAtOf(offerAudience.offerId, offerAudience.partnerTenantId),
    })
    .from(offerAudience)
    .leftJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, offerAudience.partnerTenantId))
    .where(eq(offerAudience.offerId, offerId))
    .orderBy(asc(legalBusinessProfiles.legalName));
}
export type AudienceRow = Awaited<ReturnType<typeof audienceRows>>[number];

/** What the operator's queue names in a request: the requesting tenant, the offer and the partners a requested change removes. */
export interface SupportRequestNames {
  tenantName: string | null;
  offerName: string | null;
  partners: { tenantId: string; name: string }[];
}

const uuidText = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`;

/**
 * MKP-9: the names of a support request's subject, as one JSON column over the request's row (correlated
 * subqueries on keys: the queue stays one statement). Partners are named by their legal business name,
 * else their tenant's; an ID that names nothing is left out. Marketplace joins identity's tenants and the
 * enrollment profile, the stated exception of "How modules meet".
 */
export function supportRequestNames(request: { tenantId: SQLWrapper; subject: SQLWrapper }): SQL<SupportRequestNames> {
  const offerId = sql`(${request.subject} -> 'category' ->> 'offerId')`;
  const removed = sql`(${request.subject} -> 'requestedChange' -> 'removePartnerTenantIds')`;
  return sql<SupportRequestNames>`json_build_object(
    'tenantName', (select t.name from ${tenants} t where t.id = ${request.tenantId}),
    'offerName', (select o.name from ${offers} o where o.id = case when ${offerId} ~ ${uuidText} then ${offerId}::uuid end),
    'partners', coalesce((
      select json_agg(json_build_object('tenantId', t.id, 'name', coalesce(l.legal_name, t.name)) order by x.ord)
      from jsonb_array_elements_text(case when jsonb_typeof(${removed}) = 'array' then ${removed} else '[]'::jsonb end) with ordinality as x(id, ord)
      join ${tenants} t on t.id = case when x.id ~ ${uuidText} then x.id::uuid end
      left join ${legalBusinessProfiles} l on l.tenant_id = t.id
    ), '[]'::json)
  )`;
}

/** Validated UUIDs as one PostgreSQL array literal, bound as a single parameter. */
export function uuidArray(ids: string[]): string {
  if (!ids.every((id) => uuidPattern.test(id))) throw new Error('uuidArray: not a UUID');
  return arrayLiteral(ids);
}

/** The tenants among these that are active CSP resellers. */
export async function activeResellers(q: Queryable, tenantIds: string[]): Promise<Set<string>> {
  if (tenantIds.length === 0) return new Set();
  const rows = await q
    .select({ tenantId: enrollments.tenantId })
    .from(enrollments)
    .where(and(sql`${enrollments.tenantId} = any(${uuidArray(tenantIds)}::uuid[])`, eq(enrollments.program, 'indirectReseller'), eq(enrollments.status, 'active')));
  return new Set(rows.map((r) => r.tenantId));
}

// Drizzle types OFFSET as a number or a placeholder and leaves a number 0 out of the SQL; this one is written out.
const offsetWrittenOut = sql`0` as unknown as number;

/** The marketplace's prepared statements: built once per service instance, planned once per connection. */
export function marketplaceStatements(db: Db) {
  /**
   * MKP-3: active CSP resellers by name fragment, country, competency and skill. The filters other than
   * the ID are one GIN index's conditions (name trigrams and terms), so they narrow together. The
   * candidates are sorted first (a subquery kept apart by its OFFSET), so being an active reseller is
   * checked on the page's rows only, not on every candidate.
   */
  const partnerSearchQuery = preparedByShape('partner_search', (shape: { tenantId: boolean; q: boolean; terms: boolean; after: boolean }, name) => {
    const filters: SQL[] = [];
    if (shape.tenantId) filters.push(eq(partnerSearch.tenantId, sql.placeholder('tenantId')));
    if (shape.q) filters.push(ilike(partnerSearch.legalName, sql.placeholder('q')));
    if (shape.terms) filters.push(sql`${partnerSearch.terms} @> ${sql.placeholder('terms')}::text[]`);
    // The keyset position: the candidates after the last partner of the previous page.
    if (shape.after) filters.push(sql`(${partnerSearch.legalName}, ${partnerSearch.tenantId}) > (${sql.placeholder('afterName')}, ${sql.placeholder('afterTenantId')}::uuid)`);
    const candidates = db
      .select({ tenantId: partnerSearch.tenantId, name: partnerSearch.legalName, country: partnerSearch.country, competencies: partnerSearch.competencies, skills: partnerSearch.skills })
      .from(partnerSearch)
      .where(and(...filters))
      .orderBy(asc(partnerSearch.legalName), asc(partnerSearch.tenantId))
      .offset(offsetWrittenOut) // it keeps the subquery apart
      .as('candidates');
    return (
      db
        .select()
        .from(candidates)
        .where(sql`exists (select 1 from ${enrollments} e where e.tenant_id = ${candidates.tenantId} and e.program = 'indirectReseller' and e.status = 'active')`)
        .orderBy(asc(candidates.name), asc(candidates.tenantId))
        .limit(sql.placeholder('limit'))
        // Named, so planned once per connection: whatever the fragment, the plan is the GIN index's.
        .prepare(name)
    );
  });

  // ORD-3: each offer's live audience mode and which of the resellers its live audience lists, in one statement.
  const liveAudienceOf = db
    .select({
      id: offers.id,
      mode: offers.liveAudienceMode,
      listed: sql<string[]>`array(select a.partner_tenant_id::text from offer_audience a where a.offer_id = "offers"."id" and a.partner_tenant_id = any(${sql.placeholder('resellers')}::uuid[]) and a.in_live)`,
    })
    .from(offers)
    .where(sql`${offers.id} = any(${sql.placeholder('offers')}::uuid[])`)
    .prepare('offers_live_audience');

  return { partnerSearchQuery, liveAudienceOf };
}
export type MarketplaceStatements = ReturnType<typeof marketplaceStatements>;
