// Enrollment's loaders, shared by several operations, and the prepared statements of the hot reads
// other modules make (standing for ORD-3/REL-3, PartnerID and summary look-ups), built once per
// service instance.
import { and, asc, desc, eq, inArray, ne, sql, type SQLWrapper } from 'drizzle-orm';
import { arrayLiteral, type Db, type Queryable, type Tx } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { isLocale, translate, type Locale } from '../../platform/i18n/index.js';
import type { EnrollmentDeps } from './operations/deps.js';
import type { EnrollmentProgram, EnrollmentStatus } from './rules.js';
import type { AgreementType } from './contract.js';
import { agreementAcceptances, agreementDocuments, agreementTemplates, enrollments, legalBusinessProfiles, locations, partnerAttributes, partnerIdAssociations, supportProfiles } from './schema.js';
import { acceptanceView, agreementView, enrollmentView, legalProfileView, locationView, partnerIdAssociationView, type EnrollmentRow } from './views.js';

// ------------------------------------------------------------------------------------------
// Prepared statements

/** A tenant's latest enrollment status in a program, as a column. */
const latestStatus = (tenantId: SQLWrapper | string, program: SQLWrapper | string) =>
  sql<EnrollmentStatus | null>`(select e.status from enrollments e where e.tenant_id = ${tenantId} and e.program = ${program} order by e.created_at desc limit 1)`;
const standingColumns = (tenantId: SQLWrapper | string, program: SQLWrapper | string) => ({
  status: latestStatus(tenantId, program),
  accepted: sql<boolean>`exists (select 1 from agreement_acceptances a where a.tenant_id = ${tenantId} and a.type = 'partnerAgreement')`,
  partnerId: sql<string | null>`(select p.partner_id::text from partner_id_associations p where p.tenant_id = ${tenantId})`,
  legalCountry: sql<string | null>`(select l.country from legal_business_profiles l where l.tenant_id = ${tenantId})`,
});
const oneRow = sql`(values (1)) as one(x)`;

export function enrollmentStatements(db: Db) {
  return {
    standingOf: db.select(standingColumns(sql.placeholder('tenant'), sql.placeholder('program'))).from(oneRow).prepare('partner_standing'),
    programStatusesOf: db
      .select({ indirectProvider: latestStatus(sql.placeholder('tenant'), 'indirectProvider'), indirectReseller: latestStatus(sql.placeholder('tenant'), 'indirectReseller') })
      .from(oneRow)
      .prepare('partner_program_statuses'),
    locationsByPartnerIds: db
      .select({ partnerId: locations.partnerId, tenantId: locations.tenantId })
      .from(locations)
      .where(sql`${locations.partnerId} = any(${sql.placeholder('ids')}::bigint[])`)
      .prepare('locations_by_partner_ids'),
    summariesOf: db
      .select({ tenantId: sql<string>`p.id`, partnerId: partnerIdAssociations.partnerId, country: legalBusinessProfiles.country })
      .from(sql`unnest(${sql.placeholder('ids')}::uuid[]) as p(id)`)
      .leftJoin(partnerIdAssociations, sql`${partnerIdAssociations.tenantId} = p.id`)
      .leftJoin(legalBusinessProfiles, sql`${legalBusinessProfiles.tenantId} = p.id`)
      .prepare('partner_summaries'),
  };
}
export type EnrollmentStatements = ReturnType<typeof enrollmentStatements>;

/** Where a tenant stands in a program — what ORD-3, REL-3 and the directory ask — in one round trip. */
export async function standing(deps: EnrollmentDeps, tenantId: string, program: EnrollmentProgram, q: Queryable = deps.db) {
  const [row] = q === deps.db ? await deps.statements.standingOf.execute({ tenant: tenantId, program }) : await q.select(standingColumns(tenantId, program)).from(oneRow);
  return {
    enrollmentStatus: row?.status ?? null,
    agreementAccepted: row?.accepted === true,
    partnerIdAssociated: row?.partnerId != null,
    partnerId: row?.partnerId ?? null,
    legalCountry: row?.legalCountry ?? null,
  };
}

/** A tenant's enrollment status in both partner programs (the catalog's audience, PRC-4), in one round trip. */
export async function programStatuses(deps: EnrollmentDeps, tenantId: string): Promise<Record<'indirectProvider' | 'indirectReseller', EnrollmentStatus | null>> {
  const [row] = await deps.statements.programStatusesOf.execute({ tenant: tenantId });
  return { indirectProvider: row?.indirectProvider ?? null, indirectReseller: row?.indirectReseller ?? null };
}

/** The tenants whose locations carry these PartnerIDs. */
export async function tenantsByPartnerIds(deps: EnrollmentDeps, partnerIds: string[]): Promise<Map<string, string>> {
  const numbers = partnerIds.filter((p) => /^\d{1,15}$/.test(p)).map(Number);
  if (numbers.length === 0) return new Map();
  const rows = await deps.statements.locationsByPartnerIds.execute({ ids: `{${numbers.join(',')}}` });
  return new Map(rows.map((r) => [String(r.partnerId), r.tenantId]));
}

/** The associated PartnerID and legal country of each tenant (for lists): one prepared statement for any number. */
export async function partnerSummaries(deps: EnrollmentDeps, tenantIds: string[]): Promise<Map<string, { partnerId: string | null; legalCountry: string | null }>> {
  const ids = [...new Set(tenantIds)];
  if (ids.length === 0) return new Map();
  const rows = await deps.statements.summariesOf.execute({ ids: arrayLiteral(ids) });
  return new Map(rows.map((row) => [row.tenantId, { partnerId: row.partnerId?.toString() ?? null, legalCountry: row.country ?? null }]));
}

// ------------------------------------------------------------------------------------------
// Profiles (ENR-2, ENR-8)

export async function legalProfileOf(q: Queryable, tenantId: string) {
  const [row] = await q.select().from(legalBusinessProfiles).where(eq(legalBusinessProfiles.tenantId, tenantId));
  return row;
}

/** The legal profile and its view; undefined until the tenant has one (the route answers 404 or 204). */
export async function getLegalProfile(deps: EnrollmentDeps, tenantId: string) {
  const row = await legalProfileOf(deps.db, tenantId);
  if (!row) return undefined;
  return { row, view: legalProfileView(row, await latestEnrollment(deps.db, tenantId)) };
}

/** MKT-1: the legal address country, or the tenant's until there is a legal profile. */
export async function contactCountry(deps: EnrollmentDeps, q: Queryable, tenantId: string): Promise<string> {
  const legal = await legalProfileOf(q, tenantId);
  return legal?.country ?? (await deps.identity.getTenant(tenantId, q))!.country;
}

/** The support profile; undefined until the tenant has one. */
export async function getSupportProfile(deps: EnrollmentDeps, tenantId: string) {
  const [row] = await deps.db.select().from(supportProfiles).where(eq(supportProfiles.tenantId, tenantId));
  return row;
}

export async function getAttributes(deps: EnrollmentDeps, tenantId: string) {
  const [row] = await deps.db.select().from(partnerAttributes).where(eq(partnerAttributes.tenantId, tenantId));
  return row ?? { tenantId, competencies: [], skills: [], servicesOffered: [], updatedAt: new Date(0) };
}

export async function listLocations(deps: EnrollmentDeps, tenantId: string) {
  const rows = await deps.db.select().from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.createdAt));
  return rows.map(locationView);
}

export async function associationOf(q: Queryable, tenantId: string) {
  const [row] = await q.select().from(partnerIdAssociations).where(eq(partnerIdAssociations.tenantId, tenantId));
  return row;
}

/** The PartnerID associated with the CSP account; undefined until one is. */
export async function getPartnerIdAssociation(deps: EnrollmentDeps, tenantId: string) {
  const row = await associationOf(deps.db, tenantId);
  if (!row) return undefined;
  const [location] = await deps.db.select().from(locations).where(eq(locations.id, row.locationId));
  return partnerIdAssociationView(row, location!.country);
}

/** ENR-9: the partner agreement's latest acceptance. */
export async function agreementAccepted(q: Queryable, tenantId: string): Promise<{ acceptedAt: Date; version: string } | undefined> {
  const [row] = await q
    .select({ acceptedAt: agreementAcceptances.acceptedAt, version: agreementAcceptances.version })
    .from(agreementAcceptances)
    .where(and(eq(agreementAcceptances.tenantId, tenantId), eq(agreementAcceptances.type, 'partnerAgreement')))
    .orderBy(desc(agreementAcceptances.acceptedAt))
    .limit(1);
  return row;
}

// ------------------------------------------------------------------------------------------
// Enrollments

export async function latestEnrollment(q: Queryable, tenantId: string, program?: EnrollmentProgram) {
  const [row] = await q
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.tenantId, tenantId), program ? eq(enrollments.program, program) : undefined))
    .orderBy(desc(enrollments.createdAt))
    .limit(1);
  return row;
}

export async function listEnrollments(deps: EnrollmentDeps, tenantId: string) {
  return deps.db.select().from(enrollments).where(eq(enrollments.tenantId, tenantId)).orderBy(asc(enrollments.createdAt));
}

export async function loadOwnEnrollment(q: Queryable, actor: Actor, id: string, lock = false) {
  const query = q.select().from(enrollments).where(eq(enrollments.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || row.tenantId !== actor.tenantId) throw notFound('enrollment');
  return row;
}

/** Every enrollment of a partner, locked: suspension and its reinstatement change them together. */
export async function lockedEnrollments(tx: Tx, tenantId: string) {
  const rows = await tx.select().from(enrollments).where(eq(enrollments.tenantId, tenantId)).orderBy(asc(enrollments.createdAt)).for('update');
  if (rows.length === 0) throw notFound('partner');
  return rows;
}

/** ENR-6: the operator's holiday calendar, for business days. */
export async function holidaysNow(deps: EnrollmentDeps, q: Queryable = deps.db) {
  return deps.operator.holidaySet(q);
}

async function alreadyVetted(q: Queryable, tenantId: string, program: string): Promise<boolean> {
  const [row] = await q
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.tenantId, tenantId), ne(enrollments.program, program), inArray(enrollments.status, ['verified', 'active'])));
  return row !== undefined;
}

/** What ENR-1 and ENR-13 ask before submit. */
export async function factsFor(q: Queryable, row: EnrollmentRow) {
  // Sequential: q may be a transaction, which runs one query at a time.
  const legal = await legalProfileOf(q, row.tenantId);
  const [support] = await q.select({ id: supportProfiles.tenantId }).from(supportProfiles).where(eq(supportProfiles.tenantId, row.tenantId));
  const attributes = await q.select().from(partnerAttributes).where(eq(partnerAttributes.tenantId, row.tenantId));
  return {
    program: row.program as EnrollmentProgram,
    hasLegalProfile: legal !== undefined,
    hasSupportProfile: support !== undefined,
    servicesOffered: attributes[0]?.servicesOffered ?? [],
    attestation: row.attestation ?? null,
    alreadyVetted: await alreadyVetted(q, row.tenantId, row.program),
  };
}

/** An enrollment as the API shows it: its facts and the holiday calendar are loaded here. */
export async function loadEnrollmentView(deps: EnrollmentDeps, row: EnrollmentRow, now = new Date(), holidays?: Set<string>) {
  const days = holidays ?? (await holidaysNow(deps));
  const facts = await factsFor(deps.db, row);
  return enrollmentView(row, facts, now, days);
}

/** The language to write to the primary contact in: theirs if they are a user, else the enrolling user's. */
export async function contactLanguage(deps: EnrollmentDeps, q: Queryable, row: EnrollmentRow, contactEmail: string): Promise<Locale> {
  const contact = await deps.identity.findUserByEmail(contactEmail, q);
  const enrolling = contact ?? (await deps.identity.findUser(row.enrolledByUserId, q));
  return enrolling && isLocale(enrolling.language) ? enrolling.language : 'en';
}

/** ENR-11: the user who enrolled should hold adminAgent once the account is ready. */
export async function warningsFor(deps: EnrollmentDeps, actor: Actor, locale: Locale) {
  if (actor.roles.includes('adminAgent')) return [];
  const [row] = await deps.db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.tenantId, actor.tenantId), eq(enrollments.enrolledByUserId, actor.userId), inArray(enrollments.status, ['verified', 'active'])));
  return row ? [{ code: 'admin_agent_role_missing', message: translate(locale, 'warning.admin_agent_role_missing') }] : [];
}

// ------------------------------------------------------------------------------------------
// Agreements (ENR-9)

export async function templateOf(q: Queryable, templateId: string) {
  const [row] = await q.select().from(agreementTemplates).where(eq(agreementTemplates.id, templateId));
  if (!row) throw notFound('agreement');
  return row;
}

/** Agreement versions with their languages, by type and newest first. */
export async function listAgreements(q: Queryable, type?: string) {
  const templates = await q
    .select()
    .from(agreementTemplates)
    .where(type ? eq(agreementTemplates.type, type) : undefined)
    .orderBy(asc(agreementTemplates.type), desc(agreementTemplates.createdAt));
  if (templates.length === 0) return [];
  const docs = await q
    .select({ templateId: agreementDocuments.templateId, language: agreementDocuments.language, title: agreementDocuments.title })
    .from(agreementDocuments)
    .where(inArray(agreementDocuments.templateId, templates.map((t) => t.id)));
  return templates.map((t) => agreementView(t, docs));
}

/** The document in the asked language, else English, else the first there is. */
export async function documentOf(q: Queryable, templateId: string, language: string) {
  const template = await templateOf(q, templateId);
  const docs = await q.select().from(agreementDocuments).where(eq(agreementDocuments.templateId, templateId));
  const doc = docs.find((d) => d.language === language) ?? docs.find((d) => d.language === 'en') ?? docs[0];
  if (!doc) throw notFound('agreement');
  return { template, doc };
}

export async function acceptancesOf(q: Queryable, tenantId: string) {
  const rows = await q.select().from(agreementAcceptances).where(eq(agreementAcceptances.tenantId, tenantId)).orderBy(desc(agreementAcceptances.acceptedAt));
  return rows.map(acceptanceView);
}

/** The current template of a type, if the operator published one. */
export async function currentAgreement(q: Queryable, type: AgreementType) {
  const [row] = await q.select().from(agreementTemplates).where(and(eq(agreementTemplates.type, type), eq(agreementTemplates.current, true)));
  return row;
}
