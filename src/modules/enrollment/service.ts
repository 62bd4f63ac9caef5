// Enrollment operations: partner profiles (ENR-2, ENR-13), DUNS look-up and the company registry,
// address validation (ENR-3), locations and PartnerIDs (ENR-8), enrollments with email verification
// (ENR-1, ENR-4, ENR-5, ENR-7), review (ENR-6), partner suspension, and the standing other modules
// ask about (ENR-10). A vetted partner's legal country is fixed (MKT-1, MKT-5).
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import countries from 'i18n-iso-countries';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js';
import { arrayLiteral, escapeLike, type Queryable, type Tx } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit, type RequestContext } from '../../platform/audit.js';
import { hashSecret, newSecret } from '../../platform/auth/tokens.js';
import { isUniqueViolation, type Platform } from '../../platform/context.js';
import { AppError, invalidFields, notFound, type FieldError } from '../../platform/errors.js';
import { isLocale, translate, type Locale, type MessageKey } from '../../platform/i18n/index.js';
import type { IdentityService } from '../identity/service.js';
import type { OperatorService } from '../operator/service.js';
import { validateAddress, type AddressInput } from './address.js';
import {
  addBusinessDays,
  becomesActive,
  businessDaysBetween,
  canTransition,
  editableStatuses,
  emailMatchesWebsite,
  isOverdue,
  isWebmail,
  legalCountryFixed,
  legalNameMatches,
  missingItems,
  overdueCutoff,
  reinstatedStatus,
  reviewDays,
  reviewStatuses,
  suspendableStatuses,
  vettingSteps,
  type EnrollmentProgram,
  type EnrollmentStatus,
} from './rules.js';
import {
  agreementAcceptances,
  companyRegistry,
  emailVerifications,
  enrollments,
  legalBusinessProfiles,
  locations,
  partnerAttributes,
  partnerIdAssociations,
  supportProfiles,
  type Address,
  type PrimaryContact,
} from './schema.js';

export type EnrollmentRow = typeof enrollments.$inferSelect;
export type LegalProfileRow = typeof legalBusinessProfiles.$inferSelect;

export const servicesOfferedValues = ['technicalTraining', 'marketingHelp', 'financingAndCredit', 'customerSupport'] as const;
const verificationDays = 7;

export interface LegalProfileInput {
  legalName: string;
  address: Address;
  dunsNumber?: string;
  primaryContact: PrimaryContact;
}

function phoneProblems(phone: string, country: string, path: string): FieldError[] {
  try {
    return isValidPhoneNumber(phone, country as CountryCode) ? [] : [{ path, code: 'phone_invalid', params: { country } }];
  } catch {
    return [{ path, code: 'phone_invalid', params: { country } }];
  }
}

function countryProblems(country: string, path: string): FieldError[] {
  return /^[A-Z]{2}$/.test(country) && countries.isValid(country) ? [] : [{ path, code: 'country_invalid' }];
}

/** The field of the legal address an invalid validation (status None) names. */
function addressProblemPath(problem: string | undefined): string {
  if (problem?.startsWith('postal_code_')) return '/address/postalCode';
  if (problem?.startsWith('state_')) return '/address/state';
  return '/address';
}

export function legalProfileView(p: LegalProfileRow, enrollment: EnrollmentRow | undefined) {
  const status = (enrollment?.status ?? null) as EnrollmentStatus | null;
  const current = status ? vettingSteps(status).find((s) => s.state === 'inProgress' || s.state === 'actionRequired' || s.state === 'failed') : undefined;
  return {
    legalName: p.legalName,
    address: p.address,
    dunsNumber: p.dunsNumber ?? null,
    primaryContact: p.primaryContact,
    addressValidationStatus: p.addressValidationStatus,
    vettingStatus: status ?? 'notStarted',
    vettingSubStatus: current?.step ?? (status === 'verified' || status === 'active' ? 'decision' : 'none'),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function enrollmentService(
  platform: Platform,
  deps: { identity: IdentityService; operator: OperatorService },
) {
  const { db, config } = platform;
  const { identity, operator } = deps;

  // ------------------------------------------------------------------------------------------
  // Profiles

  async function legalProfileOf(q: Queryable, tenantId: string) {
    const [row] = await q.select().from(legalBusinessProfiles).where(eq(legalBusinessProfiles.tenantId, tenantId));
    return row;
  }

  async function latestEnrollment(q: Queryable, tenantId: string, program?: EnrollmentProgram) {
    const [row] = await q
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.tenantId, tenantId), program ? eq(enrollments.program, program) : undefined))
      .orderBy(desc(enrollments.createdAt))
      .limit(1);
    return row;
  }

  async function getLegalProfile(tenantId: string) {
    const row = await legalProfileOf(db, tenantId);
    if (!row) throw notFound('legalBusinessProfile');
    return { row, view: legalProfileView(row, await latestEnrollment(db, tenantId)) };
  }

  /**
   * MKP-3: the partner's search entry follows its legal profile and attributes, in their transaction
   * (no entry until there is a legal profile, as search needs a name and a country).
   */
  async function refreshSearchEntry(tx: Queryable, tenantId: string) {
    await tx.execute(sql`
      insert into partner_search (tenant_id, legal_name, country, competencies, skills, terms)
      select l.tenant_id, l.legal_name, l.country, coalesce(a.competencies, '{}'), coalesce(a.skills, '{}'), partner_search_terms(l.country, a.competencies, a.skills)
      from legal_business_profiles l left join partner_attributes a on a.tenant_id = l.tenant_id
      where l.tenant_id = ${tenantId}
      on conflict (tenant_id) do update set legal_name = excluded.legal_name, country = excluded.country, competencies = excluded.competencies,
        skills = excluded.skills, terms = excluded.terms`);
  }

  /** ENR-2, ENR-3, ENR-4 (warning only here; submit refuses). */
  async function putLegalProfile(ctx: RequestContext, input: LegalProfileInput, checkVersion: (current: LegalProfileRow | undefined) => void) {
    const actor = ctx.actor!;
    const problems = [
      ...countryProblems(input.address.country, '/address/country'),
      ...(input.dunsNumber !== undefined && !/^\d{9}$/.test(input.dunsNumber) ? [{ path: '/dunsNumber', code: 'duns_invalid' }] : []),
    ];
    if (problems.length === 0) problems.push(...phoneProblems(input.primaryContact.phone, input.address.country, '/primaryContact/phone'));
    if (problems.length) throw invalidFields(...problems);
    const validation = validateAddress(input.address as AddressInput);
    const result = await platform.transaction(async (tx) => {
      const before = await legalProfileOf(tx, actor.tenantId);
      checkVersion(before);
      const statuses = await tx.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.tenantId, actor.tenantId));
      if (before && legalCountryFixed(statuses.map((e) => e.status))) {
        // MKT-1, MKT-5: the legal country is the CSP region; another region is another legal entity.
        if (input.address.country !== before.country) {
          throw new AppError('legal_country_fixed', { country: before.country }, [{ path: '/address/country', code: 'legal_country_fixed', params: { country: before.country } }]);
        }
        // ENR-3: no review follows a vetted partner's change, so an address that fails validation is refused.
        if (validation.status === 'None') throw new AppError('address_invalid', {}, [{ path: addressProblemPath(validation.problem), code: validation.problem ?? 'invalid' }]);
      }
      const values = {
        legalName: input.legalName.trim(),
        address: input.address,
        country: input.address.country,
        dunsNumber: input.dunsNumber ?? null,
        primaryContact: { ...input.primaryContact, email: input.primaryContact.email.trim() },
        addressValidationStatus: validation.status,
        updatedAt: new Date(),
      };
      const [after] = await tx
        .insert(legalBusinessProfiles)
        .values({ tenantId: actor.tenantId, ...values })
        .onConflictDoUpdate({ target: legalBusinessProfiles.tenantId, set: values })
        .returning();
      await refreshSearchEntry(tx, actor.tenantId);
      await writeAudit(tx, ctx, {
        tenantId: actor.tenantId,
        action: before ? 'legalBusinessProfile.updated' : 'legalBusinessProfile.created',
        resourceType: 'legalBusinessProfile',
        resourceId: actor.tenantId,
        before: before ?? null,
        after,
      });
      return after!;
    });
    const warnings = isWebmail(input.primaryContact.email)
      ? [{ path: '/primaryContact/email', code: 'webmail_not_allowed', message: translate(ctx.locale, 'warning.webmail') }]
      : [];
    return { row: result, view: legalProfileView(result, await latestEnrollment(db, actor.tenantId)), warnings, addressValidation: validation };
  }

  /** ENR-3: an unknown country code is a bad field (400), not an address without rules. */
  function validateAddressInput(input: AddressInput) {
    const problems = countryProblems(input.country, '/country');
    if (problems.length) throw invalidFields(...problems);
    return validateAddress(input);
  }

  async function contactCountry(q: Queryable, tenantId: string): Promise<string> {
    const legal = await legalProfileOf(q, tenantId);
    return legal?.country ?? (await identity.getTenant(tenantId, q))!.country;
  }

  async function getSupportProfile(tenantId: string) {
    const [row] = await db.select().from(supportProfiles).where(eq(supportProfiles.tenantId, tenantId));
    if (!row) throw notFound('supportProfile');
    return row;
  }

  async function putSupportProfile(ctx: RequestContext, input: { email: string; phone: string; website: string }, checkVersion: (current: { updatedAt: Date } | undefined) => void) {
    const actor = ctx.actor!;
    const country = await contactCountry(db, actor.tenantId);
    const problems = phoneProblems(input.phone, country, '/phone');
    if (problems.length) throw invalidFields(...problems);
    return platform.transaction(async (tx) => {
      const [before] = await tx.select().from(supportProfiles).where(eq(supportProfiles.tenantId, actor.tenantId));
      checkVersion(before);
      const values = { email: input.email.trim(), phone: input.phone.trim(), website: input.website.trim(), updatedAt: new Date() };
      const [after] = await tx.insert(supportProfiles).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: supportProfiles.tenantId, set: values }).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: before ? 'supportProfile.updated' : 'supportProfile.created', resourceType: 'supportProfile', resourceId: actor.tenantId, before: before ?? null, after });
      return after!;
    });
  }

  async function getAttributes(tenantId: string) {
    const [row] = await db.select().from(partnerAttributes).where(eq(partnerAttributes.tenantId, tenantId));
    return row ?? { tenantId, competencies: [], skills: [], servicesOffered: [], updatedAt: new Date(0) };
  }

  async function putAttributes(ctx: RequestContext, input: { competencies: string[]; skills: string[]; servicesOffered: string[] }) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const [before] = await tx.select().from(partnerAttributes).where(eq(partnerAttributes.tenantId, actor.tenantId));
      const values = {
        competencies: [...new Set(input.competencies.map((c) => c.trim()))],
        skills: [...new Set(input.skills.map((c) => c.trim()))],
        servicesOffered: [...new Set(input.servicesOffered)],
        updatedAt: new Date(),
      };
      const [after] = await tx.insert(partnerAttributes).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: partnerAttributes.tenantId, set: values }).returning();
      await refreshSearchEntry(tx, actor.tenantId);
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'partnerAttributes.updated', resourceType: 'partnerAttributes', resourceId: actor.tenantId, before: before ?? null, after });
      return after!;
    });
  }

  // ------------------------------------------------------------------------------------------
  // Company registry (DUNS)

  async function lookupDuns(dunsNumber: string) {
    if (!/^\d{9}$/.test(dunsNumber)) throw new AppError('invalid_duns', {}, [{ path: '/params/dunsNumber', code: 'duns_invalid' }]);
    const [row] = await db.select().from(companyRegistry).where(eq(companyRegistry.dunsNumber, dunsNumber));
    if (!row) throw new AppError('duns_not_found');
    return { dunsNumber: row.dunsNumber, legalName: row.legalName, address: row.address };
  }

  const registryColumns = ['dunsNumber', 'legalName', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country'] as const;

  /** All rows or none; every bad row is reported. */
  async function importRegistry(ctx: RequestContext, csv: string) {
    let records: Record<string, string>[];
    try {
      records = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }) as Record<string, string>[];
    } catch (error) {
      throw new AppError('registry_import_invalid', {}, [{ path: '/csv', code: 'invalid', params: { detail: (error as Error).message } }]);
    }
    const errors: FieldError[] = [];
    const header = records.length ? Object.keys(records[0]!) : [];
    for (const column of ['dunsNumber', 'legalName', 'addressLine1', 'city', 'country']) {
      if (records.length && !header.includes(column)) errors.push({ path: `/columns/${column}`, code: 'required' });
    }
    const seen = new Set<string>();
    const rows = records.map((record, index) => {
      const row = index + 2; // line number in the file (after the header)
      const duns = record.dunsNumber ?? '';
      if (!/^\d{9}$/.test(duns)) errors.push({ path: `/rows/${row}/dunsNumber`, code: 'duns_invalid' });
      else if (seen.has(duns)) errors.push({ path: `/rows/${row}/dunsNumber`, code: 'duplicate' });
      seen.add(duns);
      if (!record.legalName) errors.push({ path: `/rows/${row}/legalName`, code: 'required' });
      if (!record.addressLine1) errors.push({ path: `/rows/${row}/addressLine1`, code: 'required' });
      if (!record.city) errors.push({ path: `/rows/${row}/city`, code: 'required' });
      errors.push(...countryProblems(record.country ?? '', `/rows/${row}/country`));
      for (const column of registryColumns) {
        if ((record[column] ?? '').length > 200) errors.push({ path: `/rows/${row}/${column}`, code: 'maxLength', params: { limit: 200 } });
      }
      const address: Address = { addressLine1: record.addressLine1 ?? '', city: record.city ?? '', country: record.country ?? '' };
      if (record.addressLine2) address.addressLine2 = record.addressLine2;
      if (record.state) address.state = record.state;
      if (record.postalCode) address.postalCode = record.postalCode;
      return { dunsNumber: duns, legalName: record.legalName ?? '', address };
    });
    if (records.length === 0) errors.push({ path: '/rows', code: 'minItems', params: { limit: 1 } });
    if (errors.length) throw new AppError('registry_import_invalid', {}, errors.slice(0, 500));
    await platform.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await tx
          .insert(companyRegistry)
          .values(chunk)
          .onConflictDoUpdate({ target: companyRegistry.dunsNumber, set: { legalName: sql`excluded.legal_name`, address: sql`excluded.address`, importedAt: new Date() } });
      }
      await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'companyRegistry.imported', resourceType: 'companyRegistry', after: { rows: rows.length } });
    });
    return { imported: rows.length };
  }

  // ------------------------------------------------------------------------------------------
  // Locations and PartnerIDs (ENR-8)

  function locationView(l: typeof locations.$inferSelect) {
    return { id: l.id, country: l.country, address: l.address, partnerId: String(l.partnerId), createdAt: l.createdAt.toISOString() };
  }

  async function listLocations(tenantId: string) {
    const rows = await db.select().from(locations).where(eq(locations.tenantId, tenantId)).orderBy(asc(locations.createdAt));
    return rows.map(locationView);
  }

  async function addLocation(ctx: RequestContext, input: { country: string; address: Address }) {
    const actor = ctx.actor!;
    const problems = [...countryProblems(input.country, '/country'), ...countryProblems(input.address.country, '/address/country')];
    if (input.address.country !== input.country) problems.push({ path: '/address/country', code: 'const', params: { value: input.country } });
    if (problems.length) throw invalidFields(...problems);
    return platform.transaction(async (tx) => {
      const [row] = await tx.insert(locations).values({ tenantId: actor.tenantId, country: input.country, address: input.address }).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'location.created', resourceType: 'location', resourceId: row!.id, after: locationView(row!) });
      return locationView(row!);
    });
  }

  async function associationOf(q: Queryable, tenantId: string) {
    const [row] = await q.select().from(partnerIdAssociations).where(eq(partnerIdAssociations.tenantId, tenantId));
    return row;
  }

  async function getPartnerIdAssociation(tenantId: string) {
    const row = await associationOf(db, tenantId);
    if (!row) throw notFound('partnerId');
    const [location] = await db.select().from(locations).where(eq(locations.id, row.locationId));
    return { partnerId: String(row.partnerId), locationId: row.locationId, country: location!.country, associatedAt: row.associatedAt.toISOString() };
  }

  /** ENR-8: only a PartnerID of one of the tenant's own locations in the CSP account's country. */
  async function associatePartnerId(ctx: RequestContext, partnerId: string) {
    const actor = ctx.actor!;
    const numeric = Number(partnerId);
    return platform.transaction(async (tx) => {
      const [location] = await tx
        .select()
        .from(locations)
        .where(and(eq(locations.partnerId, numeric), eq(locations.tenantId, actor.tenantId)));
      if (!location) throw notFound('partnerId');
      const accountCountry = await contactCountry(tx, actor.tenantId);
      if (location.country !== accountCountry) throw new AppError('partner_id_country_mismatch');
      const before = await associationOf(tx, actor.tenantId);
      const values = { locationId: location.id, partnerId: location.partnerId, associatedAt: new Date() };
      await tx.insert(partnerIdAssociations).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: partnerIdAssociations.tenantId, set: values });
      await writeAudit(tx, ctx, {
        tenantId: actor.tenantId,
        action: 'partnerId.associated',
        resourceType: 'partnerIdAssociation',
        resourceId: actor.tenantId,
        before: before ? { partnerId: String(before.partnerId) } : null,
        after: { partnerId: String(location.partnerId), locationId: location.id },
      });
      await activateWhenReady(tx, ctx, actor.tenantId);
      return { partnerId: String(location.partnerId), locationId: location.id, country: location.country, associatedAt: values.associatedAt.toISOString() };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Enrollments

  async function holidaysNow(q: Queryable = db) {
    return operator.holidaySet(q);
  }

  async function enrollmentView(row: EnrollmentRow, now = new Date(), holidays?: Set<string>) {
    const days = holidays ?? (await holidaysNow());
    const facts = await factsFor(db, row);
    return {
      id: row.id,
      tenantId: row.tenantId,
      program: row.program,
      status: row.status,
      vettingSteps: vettingSteps(row.status as EnrollmentStatus),
      attestation: row.attestation ?? null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      emailVerifiedAt: row.emailVerifiedAt?.toISOString() ?? null,
      reviewStartedAt: row.reviewStartedAt?.toISOString() ?? null,
      expectedDecisionFrom: row.reviewStartedAt ? addBusinessDays(row.reviewStartedAt, reviewDays.earliest, days) : null,
      expectedDecisionBy: row.expectedDecisionBy ?? null,
      overdue: isOverdue(row.status, row.reviewStartedAt, now, days),
      decisionReason: row.decisionReason ?? null,
      missing: editableStatuses.includes(row.status as EnrollmentStatus) ? missingItems(facts).map((m) => m.path.slice(1)) : [],
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function alreadyVetted(q: Queryable, tenantId: string, program: string): Promise<boolean> {
    const [row] = await q
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.tenantId, tenantId), ne(enrollments.program, program), inArray(enrollments.status, ['verified', 'active'])));
    return row !== undefined;
  }

  async function factsFor(q: Queryable, row: EnrollmentRow) {
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

  async function loadOwnEnrollment(q: Queryable, actor: Actor, id: string, lock = false) {
    const query = q.select().from(enrollments).where(eq(enrollments.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row || row.tenantId !== actor.tenantId) throw notFound('enrollment');
    return row;
  }

  /** The language to write to the primary contact in: theirs if they are a user, else the enrolling user's. */
  async function contactLanguage(q: Queryable, row: EnrollmentRow, contactEmail: string): Promise<Locale> {
    const contact = await identity.findUserByEmail(contactEmail, q);
    const enrolling = contact ?? (await identity.findUser(row.enrolledByUserId, q));
    return enrolling && isLocale(enrolling.language) ? enrolling.language : 'en';
  }

  /**
   * Moves an enrollment, mirrors the status into the tenant's program membership, audits, and mails the
   * primary contact (ENR-7) unless the caller sends one mail for several enrollments (`mail: false`).
   */
  async function transition(
    tx: Tx,
    ctx: RequestContext,
    row: EnrollmentRow,
    to: EnrollmentStatus,
    changes: Partial<typeof enrollments.$inferInsert> = {},
    options: { mail?: boolean } = {},
  ) {
    const from = row.status as EnrollmentStatus;
    if (!canTransition(from, to)) throw new AppError('invalid_transition', { from, to });
    const [after] = await tx
      .update(enrollments)
      .set({ ...changes, status: to, updatedAt: new Date() })
      .where(and(eq(enrollments.id, row.id), eq(enrollments.status, from)))
      .returning();
    if (!after) throw new AppError('invalid_transition', { from, to });
    await identity.setMembershipIn(tx, ctx, row.tenantId, row.program as EnrollmentProgram, to);
    await writeAudit(tx, ctx, { tenantId: row.tenantId, action: `enrollment.${to}`, resourceType: 'enrollment', resourceId: row.id, before: { status: from }, after: { status: to, ...changes } });
    const legal = options.mail === false ? undefined : await legalProfileOf(tx, row.tenantId);
    if (legal) {
      const locale = await contactLanguage(tx, row, legal.primaryContact.email);
      const tenant = await identity.getTenant(row.tenantId, tx);
      const contactUser = await identity.findUserByEmail(legal.primaryContact.email, tx);
      await platform.mailer.enqueue(tx, {
        template: 'enrollmentStatus',
        locale,
        to: legal.primaryContact.email,
        recipientUserId: contactUser?.tenantId === row.tenantId ? contactUser.id : null,
        tenantId: row.tenantId,
        params: {
          name: `${legal.primaryContact.firstName} ${legal.primaryContact.lastName}`,
          organization: tenant!.name,
          program: translate(locale, `program.${row.program}` as MessageKey),
          status: translate(locale, `status.${to}` as MessageKey),
          reason: changes.decisionReason ? translate(locale, 'mail.reasonLine', { reason: changes.decisionReason }) : '',
          url: `${config.publicUrl}/enrollment`,
        },
      });
    }
    return after;
  }

  async function startEnrollment(ctx: RequestContext, input: { program: EnrollmentProgram; attestation?: { billingCapability: boolean; supportCapability: boolean } }) {
    const actor = ctx.actor!;
    try {
      return await platform.transaction(async (tx) => {
        const [row] = await tx
          .insert(enrollments)
          .values({ tenantId: actor.tenantId, program: input.program, enrolledByUserId: actor.userId, attestation: input.attestation ?? null })
          .returning();
        await identity.setMembershipIn(tx, ctx, actor.tenantId, input.program, 'draft');
        await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'enrollment.created', resourceType: 'enrollment', resourceId: row!.id, after: row });
        return row!;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('enrollment_exists');
      throw error;
    }
  }

  async function updateEnrollment(ctx: RequestContext, id: string, input: { attestation: { billingCapability: boolean; supportCapability: boolean } }) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await loadOwnEnrollment(tx, actor, id, true);
      if (!editableStatuses.includes(row.status as EnrollmentStatus)) throw new AppError('invalid_transition', { from: row.status, to: row.status });
      const [after] = await tx.update(enrollments).set({ attestation: input.attestation, updatedAt: new Date() }).where(eq(enrollments.id, id)).returning();
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'enrollment.updated', resourceType: 'enrollment', resourceId: id, before: { attestation: row.attestation }, after: { attestation: after!.attestation } });
      return after!;
    });
  }

  async function listEnrollments(tenantId: string) {
    return db.select().from(enrollments).where(eq(enrollments.tenantId, tenantId)).orderBy(asc(enrollments.createdAt));
  }

  async function getEnrollment(actor: Actor, id: string) {
    return loadOwnEnrollment(db, actor, id);
  }

  /** ENR-4, ENR-5, ENR-13: submit (or resubmit after action required). */
  async function submit(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await loadOwnEnrollment(tx, actor, id, true);
      const from = row.status as EnrollmentStatus;
      if (!editableStatuses.includes(from)) throw new AppError('invalid_transition', { from, to: 'emailVerificationPending' });
      const facts = await factsFor(tx, row);
      const missing = missingItems(facts);
      if (missing.length) throw new AppError('enrollment_incomplete', {}, missing);
      const legal = await legalProfileOf(tx, row.tenantId);
      if (legal && isWebmail(legal.primaryContact.email)) {
        throw new AppError('webmail_not_allowed', {}, [{ path: '/legalBusinessProfile/primaryContact/email', code: 'webmail_not_allowed' }]);
      }
      const now = new Date();
      if (from === 'actionRequired') {
        const holidays = await holidaysNow(tx);
        return transition(tx, ctx, row, 'inReview', { submittedAt: now, reviewStartedAt: now, expectedDecisionBy: addBusinessDays(now, reviewDays.latest, holidays), decisionReason: null });
      }
      if (facts.alreadyVetted) {
        // ENR-13: a partner vetted in another program only adds its support details.
        const after = await transition(tx, ctx, row, 'verified', { submittedAt: now, decidedAt: now });
        return (await activateWhenReady(tx, ctx, row.tenantId)) ?? after;
      }
      const after = await transition(tx, ctx, row, 'emailVerificationPending', { submittedAt: now });
      await sendVerification(tx, after, legal!);
      return after;
    });
  }

  async function sendVerification(tx: Tx, row: EnrollmentRow, legal: LegalProfileRow) {
    const token = newSecret('ccv');
    const email = legal.primaryContact.email;
    await tx.insert(emailVerifications).values({ enrollmentId: row.id, email, tokenHash: hashSecret(token), expiresAt: new Date(Date.now() + verificationDays * 86_400_000) });
    const locale = await contactLanguage(tx, row, email);
    const tenant = await identity.getTenant(row.tenantId, tx);
    const contactUser = await identity.findUserByEmail(email, tx);
    await platform.mailer.enqueue(tx, {
      template: 'verifyEmail',
      locale,
      to: email,
      recipientUserId: contactUser?.tenantId === row.tenantId ? contactUser.id : null,
      tenantId: row.tenantId,
      params: {
        name: `${legal.primaryContact.firstName} ${legal.primaryContact.lastName}`,
        organization: tenant!.name,
        program: translate(locale, `program.${row.program}` as MessageKey),
        days: verificationDays,
        url: `${config.publicUrl}/verify-email?token=${token}`,
      },
    });
  }

  /** ENR-5: a new link when the first expired or got lost; the earlier ones stop working. */
  async function resendVerification(ctx: RequestContext, id: string) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await loadOwnEnrollment(tx, actor, id, true);
      if (row.status !== 'emailVerificationPending') throw new AppError('invalid_transition', { from: row.status, to: 'emailVerificationPending' });
      const legal = await legalProfileOf(tx, row.tenantId);
      await tx.update(emailVerifications).set({ usedAt: new Date() }).where(and(eq(emailVerifications.enrollmentId, id), sql`${emailVerifications.usedAt} is null`));
      await sendVerification(tx, row, legal!);
      await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'enrollment.verificationResent', resourceType: 'enrollment', resourceId: id });
      return row;
    });
  }

  /** ENR-5: the primary contact confirms; review starts (ENR-6 expected date). */
  async function verifyEmail(ctx: RequestContext, token: string) {
    return platform.transaction(async (tx) => {
      const [verification] = await tx.select().from(emailVerifications).where(eq(emailVerifications.tokenHash, hashSecret(token))).for('update');
      if (!verification) throw notFound('emailVerification');
      if (verification.usedAt) throw new AppError('verification_link_used');
      if (verification.expiresAt.getTime() <= Date.now()) throw new AppError('verification_link_expired');
      await tx.update(emailVerifications).set({ usedAt: new Date() }).where(eq(emailVerifications.id, verification.id));
      const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, verification.enrollmentId)).for('update');
      const now = new Date();
      const holidays = await holidaysNow(tx);
      const after = await transition(tx, ctx, row!, 'inReview', { emailVerifiedAt: now, reviewStartedAt: now, expectedDecisionBy: addBusinessDays(now, reviewDays.latest, holidays) });
      return after;
    });
  }

  /**
   * ENR-6: after 5 business days in review, the applicant may escalate with a support request; while
   * one is open, escalating again returns it (`created: false`). The enrollment's row lock orders
   * simultaneous escalations, so only one request is opened.
   */
  async function escalate(ctx: RequestContext, id: string, input: { details?: string }) {
    const actor = ctx.actor!;
    return platform.transaction(async (tx) => {
      const row = await loadOwnEnrollment(tx, actor, id, true);
      if (!isOverdue(row.status, row.reviewStartedAt, new Date(), await holidaysNow(tx))) throw new AppError('enrollment_not_overdue');
      const open = await operator.openSupportRequestAbout(tx, { tenantId: actor.tenantId, kind: 'accountVerification', subject: { enrollmentId: row.id } });
      if (open) return { request: open, created: false };
      const request = await operator.openSupportRequest(tx, ctx, {
        tenantId: actor.tenantId,
        kind: 'accountVerification',
        title: 'Account verification overdue',
        details: input.details ?? `Enrollment ${row.id} has been in review since ${row.reviewStartedAt!.toISOString()}.`,
        subject: { enrollmentId: row.id },
      });
      return { request, created: true };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Operator review (ENR-6)

  interface ReviewQuery {
    status?: string;
    overdue?: boolean;
    program?: string;
    size: number;
    after?: { at: Date; id: string };
  }

  const reviewClock = sql`coalesce(${enrollments.reviewStartedAt}, ${enrollments.submittedAt}, ${enrollments.createdAt})`;

  async function reviewQueue(query: ReviewQuery) {
    const now = new Date();
    const holidays = await holidaysNow();
    const filters: SQL[] = [];
    if (query.status) filters.push(eq(enrollments.status, query.status));
    if (query.program) filters.push(eq(enrollments.program, query.program));
    if (query.overdue !== undefined) {
      const cutoff = new Date(`${overdueCutoff(now, holidays)}T00:00:00Z`);
      const overdue = and(eq(enrollments.status, 'inReview'), isNotNull(enrollments.reviewStartedAt), lt(enrollments.reviewStartedAt, cutoff))!;
      filters.push(query.overdue ? overdue : sql`not (${overdue})`);
    }
    const where = filters.length ? and(...filters) : undefined;
    const page = query.after ? or(gt(reviewClock, query.after.at), and(eq(reviewClock, query.after.at), gt(enrollments.id, query.after.id))) : undefined;
    const [items, [count]] = await Promise.all([
      db
        .select({ enrollment: enrollments, clock: sql<Date>`${reviewClock}`.mapWith(enrollments.createdAt), legalName: legalBusinessProfiles.legalName })
        .from(enrollments)
        .leftJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, enrollments.tenantId))
        .where(and(where, page))
        .orderBy(asc(reviewClock), asc(enrollments.id))
        .limit(query.size + 1),
      db.select({ n: sql<number>`count(*)::int` }).from(enrollments).where(where),
    ]);
    const tenantRows = await identity.tenantsByIds(items.map((i) => i.enrollment.tenantId));
    return {
      totalCount: count?.n ?? 0,
      items: items.map((item) => ({
        ...item,
        organizationName: tenantRows.get(item.enrollment.tenantId)?.name ?? '',
        ageBusinessDays: item.enrollment.reviewStartedAt ? businessDaysBetween(item.enrollment.reviewStartedAt, now, holidays) : 0,
        overdue: isOverdue(item.enrollment.status, item.enrollment.reviewStartedAt, now, holidays),
      })),
    };
  }

  /** The enrollment with its profile and the automatic checks the reviewer sees. */
  async function reviewDetail(id: string) {
    const [row] = await db.select().from(enrollments).where(eq(enrollments.id, id));
    if (!row) throw notFound('enrollment');
    const [legal, support, attributes, tenant] = await Promise.all([
      legalProfileOf(db, row.tenantId),
      db.select().from(supportProfiles).where(eq(supportProfiles.tenantId, row.tenantId)),
      getAttributes(row.tenantId),
      identity.getTenant(row.tenantId),
    ]);
    let dunsMatchesLegalName: boolean | null = null;
    if (legal?.dunsNumber) {
      const [registry] = await db.select().from(companyRegistry).where(eq(companyRegistry.dunsNumber, legal.dunsNumber));
      dunsMatchesLegalName = registry ? legalNameMatches(legal.legalName, registry.legalName) : false;
    }
    return {
      enrollment: await enrollmentView(row),
      organizationName: tenant!.name,
      legalBusinessProfile: legal ? legalProfileView(legal, row) : null,
      supportProfile: support[0] ? { email: support[0].email, phone: support[0].phone, website: support[0].website } : null,
      servicesOffered: attributes.servicesOffered,
      checks: {
        webmail: legal ? isWebmail(legal.primaryContact.email) : null,
        emailDomainMatchesWebsite: legal && support[0] ? emailMatchesWebsite(legal.primaryContact.email, support[0].website) : null,
        dunsMatchesLegalName,
        addressValidationStatus: legal?.addressValidationStatus ?? null,
      },
    };
  }

  const decisionTarget = { approve: 'verified', reject: 'rejected', requestInfo: 'actionRequired' } as const;

  /** The operator decides; two reviewers at once: the row lock makes one win, the other gets 409. */
  async function decide(ctx: RequestContext, id: string, input: { decision: keyof typeof decisionTarget; reason?: string }) {
    if (input.decision !== 'approve' && !input.reason?.trim()) throw invalidFields({ path: '/reason', code: 'required' });
    return platform.transaction(async (tx) => {
      const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id)).for('update');
      if (!row) throw notFound('enrollment');
      // Only a review is decided here: a draft is not approved unseen, a suspension is lifted by reinstatement.
      if (!reviewStatuses.includes(row.status as EnrollmentStatus)) throw new AppError('invalid_transition', { from: row.status, to: decisionTarget[input.decision] });
      const after = await transition(tx, ctx, row, decisionTarget[input.decision], { decidedAt: new Date(), decisionReason: input.reason?.trim() ?? null });
      if (input.decision === 'approve') return (await activateWhenReady(tx, ctx, row.tenantId)) ?? after;
      return after;
    });
  }

  // ------------------------------------------------------------------------------------------
  // Partner suspension: the operator suspends a vetted partner and reinstates it, with a reason.
  // A suspended enrollment is neither active nor verified, so every check that asks for those refuses
  // it: signing relationships (REL-3, CUS-1), checkout (ORD-3), the directory (REL-1), search (MKP-3).

  /** Every enrollment of a partner, locked: suspension and its reinstatement change them together. */
  async function lockedEnrollments(tx: Tx, tenantId: string) {
    const rows = await tx.select().from(enrollments).where(eq(enrollments.tenantId, tenantId)).orderBy(asc(enrollments.createdAt)).for('update');
    if (rows.length === 0) throw notFound('partner');
    return rows;
  }

  /** One mail to the primary contact for the whole partner (ENR-7 sends one per enrollment otherwise). */
  async function mailSuspension(tx: Tx, rows: EnrollmentRow[], template: 'partnerSuspended' | 'partnerReinstated', reason: string, status?: EnrollmentStatus) {
    const first = rows[0]!;
    const legal = await legalProfileOf(tx, first.tenantId);
    if (!legal) return;
    const locale = await contactLanguage(tx, first, legal.primaryContact.email);
    const tenant = await identity.getTenant(first.tenantId, tx);
    const contactUser = await identity.findUserByEmail(legal.primaryContact.email, tx);
    const programs = new Intl.ListFormat(locale, { type: 'conjunction' }).format(rows.map((row) => translate(locale, `program.${row.program}` as MessageKey)));
    await platform.mailer.enqueue(tx, {
      template,
      locale,
      to: legal.primaryContact.email,
      recipientUserId: contactUser?.tenantId === first.tenantId ? contactUser.id : null,
      tenantId: first.tenantId,
      params: {
        name: `${legal.primaryContact.firstName} ${legal.primaryContact.lastName}`,
        organization: tenant!.name,
        programs,
        reason,
        status: status ? translate(locale, `status.${status}` as MessageKey) : '',
        url: `${config.publicUrl}/enrollment`,
      },
    });
  }

  /** Suspends every verified or active enrollment of the partner; audited per enrollment, one mail. */
  async function suspendPartner(ctx: RequestContext, tenantId: string, input: { reason: string }) {
    const reason = input.reason.trim();
    return platform.transaction(async (tx) => {
      const rows = await lockedEnrollments(tx, tenantId);
      const vetted = rows.filter((row) => suspendableStatuses.includes(row.status as EnrollmentStatus));
      if (vetted.length === 0) throw new AppError('invalid_transition', { from: rows.at(-1)!.status, to: 'suspended' });
      const now = new Date();
      const suspended: EnrollmentRow[] = [];
      for (const row of vetted) suspended.push(await transition(tx, ctx, row, 'suspended', { decidedAt: now, decisionReason: reason }, { mail: false }));
      await mailSuspension(tx, suspended, 'partnerSuspended', reason);
      return rows.map((row) => suspended.find((s) => s.id === row.id) ?? row);
    });
  }

  /** Lifts the suspension: each suspended enrollment returns to where it was (reinstatedStatus). */
  async function reinstatePartner(ctx: RequestContext, tenantId: string, input: { reason: string }) {
    const reason = input.reason.trim();
    return platform.transaction(async (tx) => {
      const rows = await lockedEnrollments(tx, tenantId);
      const suspended = rows.filter((row) => row.status === 'suspended');
      const to = reinstatedStatus({ agreementAccepted: (await agreementAccepted(tx, tenantId)) !== undefined, partnerIdAssociated: (await associationOf(tx, tenantId)) !== undefined });
      if (suspended.length === 0) throw new AppError('invalid_transition', { from: rows.at(-1)!.status, to });
      const now = new Date();
      const reinstated: EnrollmentRow[] = [];
      for (const row of suspended) reinstated.push(await transition(tx, ctx, row, to, { decidedAt: now, decisionReason: reason }, { mail: false }));
      await mailSuspension(tx, reinstated, 'partnerReinstated', reason, to);
      return rows.map((row) => reinstated.find((r) => r.id === row.id) ?? row);
    });
  }

  // ------------------------------------------------------------------------------------------
  // Standing (ENR-8, ENR-9, ENR-10)

  async function agreementAccepted(q: Queryable, tenantId: string): Promise<{ acceptedAt: Date; version: string } | undefined> {
    const [row] = await q
      .select({ acceptedAt: agreementAcceptances.acceptedAt, version: agreementAcceptances.version })
      .from(agreementAcceptances)
      .where(and(eq(agreementAcceptances.tenantId, tenantId), eq(agreementAcceptances.type, 'partnerAgreement')))
      .orderBy(desc(agreementAcceptances.acceptedAt))
      .limit(1);
    return row;
  }

  /** ENR-10: every verified enrollment of the tenant becomes active once the agreement is accepted and a PartnerID associated. */
  async function activateWhenReady(tx: Tx, ctx: RequestContext, tenantId: string): Promise<EnrollmentRow | undefined> {
    const accepted = await agreementAccepted(tx, tenantId);
    const association = await associationOf(tx, tenantId);
    const verified = await tx.select().from(enrollments).where(and(eq(enrollments.tenantId, tenantId), eq(enrollments.status, 'verified'))).for('update');
    let last: EnrollmentRow | undefined;
    for (const row of verified) {
      if (becomesActive({ enrollmentStatus: 'verified', agreementAccepted: accepted !== undefined, partnerIdAssociated: association !== undefined })) {
        last = await transition(tx, ctx, row, 'active');
      }
    }
    return last;
  }

  const standingColumns = (tenantId: SQLWrapper | string, program: SQLWrapper | string) => ({
    status: sql<EnrollmentStatus | null>`(select e.status from enrollments e where e.tenant_id = ${tenantId} and e.program = ${program} order by e.created_at desc limit 1)`,
    accepted: sql<boolean>`exists (select 1 from agreement_acceptances a where a.tenant_id = ${tenantId} and a.type = 'partnerAgreement')`,
    partnerId: sql<string | null>`(select p.partner_id::text from partner_id_associations p where p.tenant_id = ${tenantId})`,
    legalCountry: sql<string | null>`(select l.country from legal_business_profiles l where l.tenant_id = ${tenantId})`,
  });
  const oneRow = sql`(values (1)) as one(x)`;
  const standingOf = db.select(standingColumns(sql.placeholder('tenant'), sql.placeholder('program'))).from(oneRow).prepare('partner_standing');

  /** Where a tenant stands in a program — what ORD-3, REL-3 and the directory ask — in one round trip. */
  async function standing(tenantId: string, program: EnrollmentProgram, q: Queryable = db) {
    const [row] = q === db ? await standingOf.execute({ tenant: tenantId, program }) : await q.select(standingColumns(tenantId, program)).from(oneRow);
    return {
      enrollmentStatus: row?.status ?? null,
      agreementAccepted: row?.accepted === true,
      partnerIdAssociated: row?.partnerId != null,
      partnerId: row?.partnerId ?? null,
      legalCountry: row?.legalCountry ?? null,
    };
  }

  async function programInformation(tenantId: string) {
    const [rows, accepted] = await Promise.all([listEnrollments(tenantId), agreementAccepted(db, tenantId)]);
    const latest = new Map<string, EnrollmentRow>();
    for (const row of rows) latest.set(row.program, row);
    return {
      programs: [...latest.values()].map((row) => ({
        program: row.program,
        status: row.status,
        agreementAcceptedAt: accepted?.acceptedAt.toISOString() ?? null,
        agreementVersion: accepted?.version ?? null,
      })),
    };
  }

  /** ENR-11: the user who enrolled should hold adminAgent once the account is ready. */
  async function warningsFor(actor: Actor, locale: Locale) {
    if (actor.roles.includes('adminAgent')) return [];
    const [row] = await db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.tenantId, actor.tenantId), eq(enrollments.enrolledByUserId, actor.userId), inArray(enrollments.status, ['verified', 'active'])));
    return row ? [{ code: 'admin_agent_role_missing', message: translate(locale, 'warning.admin_agent_role_missing') }] : [];
  }

  /** Active partners of a program with their public contact details (REL-1's directory; partner pickers). */
  async function activePartners(query: { program: EnrollmentProgram; countries?: string[]; service?: string; q?: string; size: number; after?: { name: string; tenantId: string } }) {
    const filters: SQL[] = [eq(enrollments.program, query.program), eq(enrollments.status, 'active')];
    if (query.countries) filters.push(query.countries.length ? inArray(legalBusinessProfiles.country, query.countries) : sql`false`);
    if (query.service) filters.push(sql`${query.service} = any(${partnerAttributes.servicesOffered})`);
    if (query.q) filters.push(sql`${legalBusinessProfiles.legalName} ilike ${`%${escapeLike(query.q)}%`}`);
    const where = and(...filters);
    const page = query.after
      ? or(gt(legalBusinessProfiles.legalName, query.after.name), and(eq(legalBusinessProfiles.legalName, query.after.name), gt(enrollments.tenantId, query.after.tenantId)))
      : undefined;
    const base = () =>
      db
        .select({
          tenantId: enrollments.tenantId,
          name: legalBusinessProfiles.legalName,
          country: legalBusinessProfiles.country,
          servicesOffered: partnerAttributes.servicesOffered,
          website: supportProfiles.website,
          supportEmail: supportProfiles.email,
          supportPhone: supportProfiles.phone,
        })
        .from(enrollments)
        .innerJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, enrollments.tenantId))
        .leftJoin(supportProfiles, eq(supportProfiles.tenantId, enrollments.tenantId))
        .leftJoin(partnerAttributes, eq(partnerAttributes.tenantId, enrollments.tenantId));
    const [items, [count]] = await Promise.all([
      base().where(and(where, page)).orderBy(asc(legalBusinessProfiles.legalName), asc(enrollments.tenantId)).limit(query.size + 1),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(enrollments)
        .innerJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, enrollments.tenantId))
        .leftJoin(partnerAttributes, eq(partnerAttributes.tenantId, enrollments.tenantId))
        .where(where),
    ]);
    return { items: items.map((i) => ({ ...i, servicesOffered: i.servicesOffered ?? [] })), totalCount: count?.n ?? 0 };
  }

  const locationsByPartnerIds = db
    .select({ partnerId: locations.partnerId, tenantId: locations.tenantId })
    .from(locations)
    .where(sql`${locations.partnerId} = any(${sql.placeholder('ids')}::bigint[])`)
    .prepare('locations_by_partner_ids');

  /** The tenants whose locations carry these PartnerIDs. */
  async function tenantsByPartnerIds(partnerIds: string[]): Promise<Map<string, string>> {
    const numbers = partnerIds.filter((p) => /^\d{1,15}$/.test(p)).map(Number);
    if (numbers.length === 0) return new Map();
    const rows = await locationsByPartnerIds.execute({ ids: `{${numbers.join(',')}}` });
    return new Map(rows.map((r) => [String(r.partnerId), r.tenantId]));
  }

  const summariesOf = db
    .select({ tenantId: sql<string>`p.id`, partnerId: partnerIdAssociations.partnerId, country: legalBusinessProfiles.country })
    .from(sql`unnest(${sql.placeholder('ids')}::uuid[]) as p(id)`)
    .leftJoin(partnerIdAssociations, sql`${partnerIdAssociations.tenantId} = p.id`)
    .leftJoin(legalBusinessProfiles, sql`${legalBusinessProfiles.tenantId} = p.id`)
    .prepare('partner_summaries');

  /** The associated PartnerID and legal country of each tenant (for lists): one prepared statement for any number. */
  async function partnerSummaries(tenantIds: string[]): Promise<Map<string, { partnerId: string | null; legalCountry: string | null }>> {
    const ids = [...new Set(tenantIds)];
    if (ids.length === 0) return new Map();
    const rows = await summariesOf.execute({ ids: arrayLiteral(ids) });
    return new Map(rows.map((row) => [row.tenantId, { partnerId: row.partnerId?.toString() ?? null, legalCountry: row.country ?? null }]));
  }

  return {
    activePartners,
    partnerSummaries,
    tenantsByPartnerIds,
    getLegalProfile,
    putLegalProfile,
    getSupportProfile,
    putSupportProfile,
    getAttributes,
    putAttributes,
    lookupDuns,
    importRegistry,
    validateAddress: validateAddressInput,
    listLocations,
    addLocation,
    getPartnerIdAssociation,
    associatePartnerId,
    startEnrollment,
    updateEnrollment,
    listEnrollments,
    getEnrollment,
    enrollmentView,
    submit,
    verifyEmail,
    resendVerification,
    escalate,
    reviewQueue,
    reviewDetail,
    decide,
    suspendPartner,
    reinstatePartner,
    standing,
    programInformation,
    warningsFor,
    agreementAccepted: (tenantId: string) => agreementAccepted(db, tenantId),
    activateWhenReady,
    contactCountry: (tenantId: string) => contactCountry(db, tenantId),
  };
}

export type EnrollmentService = ReturnType<typeof enrollmentService>;
