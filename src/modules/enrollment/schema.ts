// Enrollment tables: partner profiles, the company registry (DUNS), locations and PartnerIDs,
// enrollments, their reviewers' notes and their email verifications, partner agreements and their
// acceptances.
import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, boolean, date } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

export interface Address {
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
}

export interface PrimaryContact {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/** ENR-2: the legal business profile (one per tenant). */
export const legalBusinessProfiles = pgTable(
  'legal_business_profiles',
  {
    tenantId: uuid().primaryKey(),
    legalName: text().notNull(),
    address: jsonb().$type<Address>().notNull(),
    country: text().notNull(),
    dunsNumber: text(),
    primaryContact: jsonb().$type<PrimaryContact>().notNull(),
    addressValidationStatus: text().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('legal_business_profiles_country_idx').on(t.country)],
);

/** ENR-2 / ENR-13: the customer-support contact. */
export const supportProfiles = pgTable('support_profiles', {
  tenantId: uuid().primaryKey(),
  email: text().notNull(),
  phone: text().notNull(),
  website: text().notNull(),
  updatedAt: ts().notNull().defaultNow(),
});

/** Attributes used by partner search and the provider directory. */
export const partnerAttributes = pgTable(
  'partner_attributes',
  {
    tenantId: uuid().primaryKey(),
    competencies: text().array().notNull().default(sql`'{}'::text[]`),
    skills: text().array().notNull().default(sql`'{}'::text[]`),
    servicesOffered: text().array().notNull().default(sql`'{}'::text[]`),
    updatedAt: ts().notNull().defaultNow(),
  },
  // No index on competencies or skills: partner search reads them from partner_search (its terms).
);

/**
 * Partner search (MKP-3) in one table: legal name and country from the legal business profile,
 * competencies and skills from the attributes, and all three filters as terms ('country:FR',
 * 'competency:…', 'skill:…'). One GIN index over (legal_name trigrams, terms) narrows a search by all
 * of them at once (migration 0010). Written with the profile and the attributes (refreshSearchEntry).
 */
export const partnerSearch = pgTable('partner_search', {
  tenantId: uuid().primaryKey(),
  legalName: text().notNull(),
  country: text().notNull(),
  competencies: text().array().notNull().default(sql`'{}'::text[]`),
  skills: text().array().notNull().default(sql`'{}'::text[]`),
  terms: text().array().notNull(),
});

/** The built-in company registry behind DUNS look-up, filled by the operator's CSV import. */
export const companyRegistry = pgTable('company_registry', {
  dunsNumber: text().primaryKey(),
  legalName: text().notNull(),
  address: jsonb().$type<Address>().notNull(),
  importedAt: ts().notNull().defaultNow(),
});

/** ENR-8: PartnerIDs are numbers issued by the program, one per location. */
export const partnerIdSequence = pgSequence('partner_id_seq', { startWith: 6000001, increment: 1 });

export const locations = pgTable(
  'locations',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    country: text().notNull(),
    address: jsonb().$type<Address>().notNull(),
    partnerId: bigint({ mode: 'number' })
      .notNull()
      .unique()
      .default(sql`nextval('partner_id_seq')`),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('locations_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** ENR-8: the PartnerID associated with the tenant's CSP account. */
export const partnerIdAssociations = pgTable('partner_id_associations', {
  tenantId: uuid().primaryKey(),
  locationId: uuid()
    .notNull()
    .references(() => locations.id),
  partnerId: bigint({ mode: 'number' }).notNull(),
  associatedAt: ts().notNull().defaultNow(),
});

export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    program: text().notNull(), // indirectReseller | indirectProvider
    status: text().notNull().default('draft'),
    enrolledByUserId: uuid().notNull(),
    attestation: jsonb().$type<{ billingCapability: boolean; supportCapability: boolean }>(),
    submittedAt: ts(),
    emailVerifiedAt: ts(),
    reviewStartedAt: ts(),
    expectedDecisionBy: date({ mode: 'string' }),
    decidedAt: ts(),
    decisionReason: text(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    // One open enrollment per tenant and program (a rejected one may be followed by a new one).
    uniqueIndex('enrollments_open_idx').on(t.tenantId, t.program).where(sql`status <> 'rejected'`),
    // A partner's latest enrollment in a program (its standing, read by every checkout).
    index('enrollments_latest_idx').on(t.tenantId, t.program, t.createdAt.desc()),
    index('enrollments_status_idx').on(t.status, t.reviewStartedAt),
  ],
);

/** ENR-6: the operator's reviewers' notes on an enrollment (one text, last writer's name and time); never the partner's to read. */
export const enrollmentReviewNotes = pgTable('enrollment_review_notes', {
  enrollmentId: uuid()
    .primaryKey()
    .references(() => enrollments.id),
  notes: text().notNull(),
  updatedByUserId: uuid(),
  updatedAt: ts().notNull().defaultNow(),
});

/** ENR-5: the single-use link sent to the primary contact. */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    enrollmentId: uuid()
      .notNull()
      .references(() => enrollments.id),
    email: text().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [index('email_verifications_enrollment_idx').on(t.enrollmentId)],
);

/** ENR-9: an agreement version ("template"), with a document per language. */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text().notNull(), // partnerAgreement | customerAgreement | publisherAgreement
    version: text().notNull(),
    current: boolean().notNull().default(false),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_templates_type_version_idx').on(t.type, t.version), uniqueIndex('agreement_templates_current_idx').on(t.type).where(sql`current`)],
);

export const agreementDocuments = pgTable(
  'agreement_documents',
  {
    templateId: uuid()
      .notNull()
      .references(() => agreementTemplates.id),
    language: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.language] })],
);

export const agreementAcceptances = pgTable(
  'agreement_acceptances',
  {
    id: uuid().primaryKey().defaultRandom(),
    templateId: uuid()
      .notNull()
      .references(() => agreementTemplates.id),
    type: text().notNull(),
    version: text().notNull(),
    tenantId: uuid().notNull(),
    region: text(),
    userId: uuid().notNull(),
    userName: text().notNull(),
    userEmail: text().notNull(),
    primaryContact: jsonb().$type<{ firstName: string; lastName: string; email: string }>().notNull(),
    acceptedAt: ts().notNull().defaultNow(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('agreement_acceptances_tenant_idx').on(t.tenantId, t.type, t.acceptedAt)],
);
