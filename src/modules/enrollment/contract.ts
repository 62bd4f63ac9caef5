// The shapes enrollment shows the world, declared once: profiles (ENR-2, ENR-13), DUNS and address
// validation (ENR-3), locations and PartnerIDs (ENR-8), enrollments and their review (ENR-1, ENR-4 …
// ENR-7), partner suspension, agreements (ENR-9, ENR-10). Routes validate and serialize with them,
// views return them, tests and the portal read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DateTime, PageQuery, Uuid } from '../../platform/contract.js';
import { locales } from '../../platform/i18n/index.js';
import { enrollmentPrograms, enrollmentStatuses } from './rules.js';

export const servicesOfferedValues = ['technicalTraining', 'marketingHelp', 'financingAndCredit', 'customerSupport'] as const;
export const agreementTypes = ['partnerAgreement', 'customerAgreement', 'publisherAgreement'] as const;
export type AgreementType = (typeof agreementTypes)[number];
export const decisions = ['approve', 'reject', 'requestInfo'] as const;

const strict = { additionalProperties: false } as const;
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max, pattern: min > 0 ? '\\S' : undefined });
const Country = Type.String({ minLength: 2, maxLength: 2 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));

// ---------------------------------------------------------------- profiles (ENR-2, ENR-13)

// Field limits as in Partner Center: address lines ≤ 200, names ≤ 50.
export const AddressBody = Type.Object(
  {
    addressLine1: Text(200),
    addressLine2: Type.Optional(Text(200, 0)),
    addressLine3: Type.Optional(Text(200, 0)),
    city: Text(100),
    state: Type.Optional(Text(100, 0)),
    postalCode: Type.Optional(Text(20, 0)),
    country: Country,
  },
  { ...strict, title: 'Address' },
);
export type AddressBody = Static<typeof AddressBody>;

export const Address = Type.Object(
  {
    addressLine1: Type.String(),
    addressLine2: Type.Optional(Type.String()),
    addressLine3: Type.Optional(Type.String()),
    city: Type.String(),
    state: Type.Optional(Type.String()),
    postalCode: Type.Optional(Type.String()),
    country: Type.String(),
  },
  { title: 'AddressView' },
);
export type Address = Static<typeof Address>;

const Contact = Type.Object({ firstName: Type.String(), lastName: Type.String(), email: Type.String(), phone: Type.String() });
export const Warning = Type.Object({ path: Type.Optional(Type.String()), code: Type.String(), message: Type.String() });
export type Warning = Static<typeof Warning>;

export const LegalProfile = Type.Object(
  {
    legalName: Type.String(),
    address: Address,
    dunsNumber: Nullable(Type.String()),
    primaryContact: Contact,
    addressValidationStatus: Type.String(),
    vettingStatus: Type.String(),
    vettingSubStatus: Type.String(),
    updatedAt: DateTime,
    warnings: Type.Optional(Type.Array(Warning)),
  },
  { title: 'LegalBusinessProfile' },
);
export type LegalProfile = Static<typeof LegalProfile>;

export const LegalProfileBody = Type.Object(
  {
    legalName: Text(200),
    address: AddressBody,
    dunsNumber: Type.Optional(Type.String({ maxLength: 20 })),
    primaryContact: Type.Object({ firstName: Text(50), lastName: Text(50), email: Email, phone: Text(30) }, strict),
  },
  strict,
);
export type LegalProfileBody = Static<typeof LegalProfileBody>;

export const SupportProfile = Type.Object({ email: Type.String(), phone: Type.String(), website: Type.String(), updatedAt: DateTime }, { title: 'SupportProfile' });
export type SupportProfile = Static<typeof SupportProfile>;

export const SupportProfileBody = Type.Object({ email: Email, phone: Text(30), website: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }) }, strict);
export type SupportProfileBody = Static<typeof SupportProfileBody>;

export const Attributes = Type.Object(
  { competencies: Type.Array(Type.String()), skills: Type.Array(Type.String()), servicesOffered: Type.Array(Type.String()) },
  { title: 'PartnerAttributes' },
);
export type Attributes = Static<typeof Attributes>;

export const AttributesBody = Type.Object(
  {
    competencies: Type.Array(Text(100), { maxItems: 50 }),
    skills: Type.Array(Text(100), { maxItems: 100 }),
    servicesOffered: Type.Array(enumOf(servicesOfferedValues), { maxItems: 4, uniqueItems: true }),
  },
  strict,
);
export type AttributesBody = Static<typeof AttributesBody>;

// ---------------------------------------------------------------- DUNS and address validation (ENR-2, ENR-3)

export const DunsParams = Type.Object({ dunsNumber: Type.String({ maxLength: 30 }) }, strict);
export const RegisteredCompany = Type.Object({ dunsNumber: Type.String(), legalName: Type.String(), address: Address });
export type RegisteredCompany = Static<typeof RegisteredCompany>;
export const RegistryCsv = Type.String({ maxLength: 1_000_000 });
export const RegistryImported = Type.Object({ imported: Type.Integer() });
export type RegistryImported = Static<typeof RegistryImported>;

export const AddressValidation = Type.Object(
  {
    originalAddress: Address,
    suggestedAddresses: Type.Array(Address),
    status: Type.String(),
    validationMessage: Type.Optional(Type.String()),
    problem: Type.Optional(Type.String({ description: 'A stable code for what is wrong, e.g. postal_code_invalid, state_unknown' })),
  },
  { title: 'AddressValidation' },
);
export type AddressValidation = Static<typeof AddressValidation>;

// ---------------------------------------------------------------- locations and PartnerIDs (ENR-8)

export const Location = Type.Object({ id: Type.String(), country: Type.String(), address: Address, partnerId: Type.String(), createdAt: DateTime }, { title: 'Location' });
export type Location = Static<typeof Location>;
export const LocationBody = Type.Object({ country: Country, address: AddressBody }, strict);
export type LocationBody = Static<typeof LocationBody>;

export const PartnerIdAssociation = Type.Object({ partnerId: Type.String(), locationId: Type.String(), country: Type.String(), associatedAt: DateTime }, { title: 'PartnerIdAssociation' });
export type PartnerIdAssociation = Static<typeof PartnerIdAssociation>;
export const PartnerIdBody = Type.Object({ partnerId: Type.String({ pattern: '^[0-9]{1,15}$' }) }, strict);

// ---------------------------------------------------------------- enrollments (ENR-1, 4, 5, 6, 7, 13)

export const Requirements = Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), required: Type.Boolean(), programs: Type.Array(Type.String()) })) });
export type Requirements = Static<typeof Requirements>;

export const Attestation = Type.Object({ billingCapability: Type.Boolean(), supportCapability: Type.Boolean() }, strict);
export type Attestation = Static<typeof Attestation>;

export const Enrollment = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    program: Type.String(),
    status: Type.String(),
    vettingSteps: Type.Array(Type.Object({ step: Type.String(), state: Type.String() })),
    attestation: Nullable(Type.Object({ billingCapability: Type.Boolean(), supportCapability: Type.Boolean() })),
    submittedAt: Nullable(DateTime),
    emailVerifiedAt: Nullable(DateTime),
    reviewStartedAt: Nullable(DateTime),
    expectedDecisionFrom: Nullable(Type.String()),
    expectedDecisionBy: Nullable(Type.String()),
    overdue: Type.Boolean(),
    decisionReason: Nullable(Type.String()),
    missing: Type.Array(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Enrollment' },
);
export type Enrollment = Static<typeof Enrollment>;

export const StartEnrollmentBody = Type.Object({ program: enumOf(enrollmentPrograms), attestation: Type.Optional(Attestation) }, strict);
export type StartEnrollmentBody = Static<typeof StartEnrollmentBody>;
export const UpdateEnrollmentBody = Type.Object({ attestation: Attestation }, strict);
export type UpdateEnrollmentBody = Static<typeof UpdateEnrollmentBody>;
export const EscalationBody = Type.Object({ details: Type.Optional(Text(4000)) }, strict);
export type EscalationBody = Static<typeof EscalationBody>;

export const EmailVerificationBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, strict);
export const EmailVerified = Type.Object({ enrollmentId: Type.String(), status: Type.String(), expectedDecisionBy: Nullable(Type.String()) });
export type EmailVerified = Static<typeof EmailVerified>;

export const ProgramInformation = Type.Object({
  programs: Type.Array(Type.Object({ program: Type.String(), status: Type.String(), agreementAcceptedAt: Nullable(DateTime), agreementVersion: Nullable(Type.String()) })),
});
export type ProgramInformation = Static<typeof ProgramInformation>;

// ---------------------------------------------------------------- operator review (ENR-6) and suspension

export const ReviewItem = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    organizationName: Type.String(),
    legalName: Nullable(Type.String()),
    program: Type.String(),
    status: Type.String(),
    submittedAt: Nullable(DateTime),
    reviewStartedAt: Nullable(DateTime),
    expectedDecisionBy: Nullable(Type.String()),
    ageBusinessDays: Type.Integer(),
    overdue: Type.Boolean(),
  },
  { title: 'ReviewQueueItem' },
);
export type ReviewItem = Static<typeof ReviewItem>;

export const ReviewQueueQuery = Type.Object(
  {
    /** One status or several (status=inReview&status=actionRequired: what needs action); absent, every status. */
    status: Type.Optional(Type.Array(enumOf(enrollmentStatuses), { minItems: 1, maxItems: enrollmentStatuses.length, uniqueItems: true })),
    overdue: Type.Optional(Type.Boolean()),
    program: Type.Optional(enumOf(enrollmentPrograms)),
    ...PageQuery,
  },
  strict,
);
export type ReviewQueueQuery = Static<typeof ReviewQueueQuery>;

/** ENR-6: what the operator's reviewers noted on an enrollment (never shown to the partner); empty until someone writes. */
export const ReviewNotes = Type.Object(
  {
    notes: Type.String(),
    updatedAt: Nullable(DateTime),
    updatedBy: Nullable(Type.Object({ userId: Type.String(), name: Type.String() })),
  },
  { title: 'EnrollmentReviewNotes' },
);
export type ReviewNotes = Static<typeof ReviewNotes>;

export const ReviewNotesBody = Type.Object({ notes: Type.String({ maxLength: 10_000 }) }, strict);
export type ReviewNotesBody = Static<typeof ReviewNotesBody>;

/**
 * One change in an enrollment's history (its audit records, newest first): the status transitions and
 * the reviewers' notes, with who made them and for which organization.
 */
export const EnrollmentHistoryEntry = Type.Object(
  {
    id: Type.String(),
    at: DateTime,
    action: Type.String(),
    actorUserId: Nullable(Type.String()),
    actorName: Nullable(Type.String()),
    actorTenantId: Nullable(Type.String()),
    actorTenantName: Nullable(Type.String()),
    before: Type.Unknown(),
    after: Type.Unknown(),
  },
  { title: 'EnrollmentHistoryEntry' },
);
export type EnrollmentHistoryEntry = Static<typeof EnrollmentHistoryEntry>;

export const ReviewDetail = Type.Object({
  enrollment: Enrollment,
  reviewNotes: ReviewNotes,
  organizationName: Type.String(),
  legalBusinessProfile: Nullable(LegalProfile),
  supportProfile: Nullable(Type.Object({ email: Type.String(), phone: Type.String(), website: Type.String() })),
  servicesOffered: Type.Array(Type.String()),
  checks: Type.Object({
    webmail: Nullable(Type.Boolean()),
    emailDomainMatchesWebsite: Nullable(Type.Boolean()),
    dunsMatchesLegalName: Nullable(Type.Boolean()),
    addressValidationStatus: Nullable(Type.String()),
  }),
});
export type ReviewDetail = Static<typeof ReviewDetail>;

export const DecisionBody = Type.Object({ decision: enumOf(decisions), reason: Type.Optional(Text(2000)) }, strict);
export type DecisionBody = Static<typeof DecisionBody>;

export const PartnerParams = Type.Object({ tenantId: Uuid }, strict);
export const PartnerEnrollments = Type.Object({ tenantId: Type.String(), enrollments: Type.Array(Enrollment) }, { title: 'PartnerEnrollments' });
export type PartnerEnrollments = Static<typeof PartnerEnrollments>;
export const ReasonBody = Type.Object({ reason: Text(2000) }, strict);
export type ReasonBody = Static<typeof ReasonBody>;

// ---------------------------------------------------------------- agreements (ENR-9, ENR-10)

export const Agreement = Type.Object(
  {
    templateId: Type.String(),
    type: Type.String(),
    version: Type.String(),
    current: Type.Boolean(),
    languages: Type.Array(Type.String()),
    titles: Type.Record(Type.String(), Type.String()),
    createdAt: DateTime,
  },
  { title: 'Agreement' },
);
export type Agreement = Static<typeof Agreement>;

export const PublishAgreementBody = Type.Object(
  { type: enumOf(agreementTypes), version: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }), language: enumOf(locales), title: Text(200), body: Text(200_000) },
  strict,
);
export type PublishAgreementBody = Static<typeof PublishAgreementBody>;
export const AgreementHtml = Type.String();
export const AgreementPdf = Type.Unknown();
export const AgreementsQuery = Type.Object({ type: Type.Optional(enumOf(agreementTypes)) }, strict);
export const LanguageQuery = Type.Object({ language: Type.Optional(enumOf(locales)) }, strict);

export const Acceptance = Type.Object(
  {
    id: Type.String(),
    templateId: Type.String(),
    type: Type.String(),
    version: Type.String(),
    tenantId: Type.String(),
    region: Nullable(Type.String()),
    user: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
    primaryContact: Type.Object({ firstName: Type.String(), lastName: Type.String(), email: Type.String() }),
    acceptedAt: DateTime,
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
  },
  { title: 'AgreementAcceptance' },
);
export type Acceptance = Static<typeof Acceptance>;

export const AcceptAgreementBody = Type.Object({ primaryContact: Type.Object({ firstName: Text(50), lastName: Text(50), email: Email }, strict) }, strict);
export type AcceptAgreementBody = Static<typeof AcceptAgreementBody>;

export const AgreementStatusQuery = Type.Object({ partnerId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })), tenantId: Type.Optional(Type.String({ format: 'uuid' })) }, strict);
export type AgreementStatusQuery = Static<typeof AgreementStatusQuery>;
export const AgreementStatus = Type.Object({ isAgreementSigned: Type.Boolean() });
export type AgreementStatus = Static<typeof AgreementStatus>;
