// Rows → the shapes of contract.ts. Each function's return type is declared from contract.ts, so a
// view and its schema cannot drift apart.
import type { AddressValidation as AddressValidationResult } from './address.js';
import type {
  Acceptance,
  Agreement,
  AddressValidation,
  Attributes,
  EmailVerified,
  Enrollment,
  LegalProfile,
  Location,
  PartnerIdAssociation,
  RegisteredCompany,
  Requirements,
  ReviewItem,
  ReviewNotes,
  SupportProfile,
} from './contract.js';
import { editableStatuses, enrollmentPrograms, missingItems, reviewTimeline, vettingSteps, type EnrollmentFacts, type EnrollmentStatus } from './rules.js';
import type {
  agreementAcceptances,
  agreementTemplates,
  companyRegistry,
  enrollmentReviewNotes,
  enrollments,
  legalBusinessProfiles,
  locations,
  partnerAttributes,
  partnerIdAssociations,
  supportProfiles,
} from './schema.js';

export type EnrollmentRow = typeof enrollments.$inferSelect;
export type ReviewNotesRow = typeof enrollmentReviewNotes.$inferSelect;
export type LegalProfileRow = typeof legalBusinessProfiles.$inferSelect;
export type SupportProfileRow = typeof supportProfiles.$inferSelect;
export type AttributesRow = typeof partnerAttributes.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type AcceptanceRow = typeof agreementAcceptances.$inferSelect;

export function legalProfileView(p: LegalProfileRow, enrollment: EnrollmentRow | undefined): LegalProfile {
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

export function supportProfileView(row: SupportProfileRow): SupportProfile {
  return { email: row.email, phone: row.phone, website: row.website, updatedAt: row.updatedAt.toISOString() };
}

export function attributesView(row: Pick<AttributesRow, 'competencies' | 'skills' | 'servicesOffered'>): Attributes {
  return { competencies: row.competencies, skills: row.skills, servicesOffered: row.servicesOffered };
}

export function registeredCompanyView(row: typeof companyRegistry.$inferSelect): RegisteredCompany {
  return { dunsNumber: row.dunsNumber, legalName: row.legalName, address: row.address };
}

/** ENR-3: the message and the problem only when there is one. */
export function addressValidationView(result: AddressValidationResult): AddressValidation {
  return {
    originalAddress: result.originalAddress,
    suggestedAddresses: result.suggestedAddresses,
    status: result.status,
    ...(result.validationMessage ? { validationMessage: result.validationMessage } : {}),
    ...(result.problem ? { problem: result.problem } : {}),
  };
}

export function locationView(l: LocationRow): Location {
  return { id: l.id, country: l.country, address: l.address, partnerId: String(l.partnerId), createdAt: l.createdAt.toISOString() };
}

export function partnerIdAssociationView(association: Pick<typeof partnerIdAssociations.$inferSelect, 'partnerId' | 'locationId' | 'associatedAt'>, country: string): PartnerIdAssociation {
  return { partnerId: String(association.partnerId), locationId: association.locationId, country, associatedAt: association.associatedAt.toISOString() };
}

/** What the applicant needs before starting (the welcome page; ENR-1, ENR-2, ENR-8). */
export function requirementsView(): Requirements {
  return {
    items: [
      { key: 'globalAdminCredentials', required: true, programs: [...enrollmentPrograms] },
      { key: 'partnerId', required: true, programs: [...enrollmentPrograms] },
      { key: 'legalBusinessProfile', required: true, programs: [...enrollmentPrograms] },
      { key: 'primaryContact', required: true, programs: [...enrollmentPrograms] },
      { key: 'supportProfile', required: true, programs: [...enrollmentPrograms] },
      { key: 'servicesOffered', required: true, programs: ['indirectProvider'] },
      { key: 'billingAndSupportAttestation', required: true, programs: ['indirectProvider'] },
    ],
  };
}

/** ENR-6 dates and ENR-1/ENR-13 missing items, from the facts and holidays the caller loaded. */
export function enrollmentView(row: EnrollmentRow, facts: EnrollmentFacts, now: Date, holidays: Set<string>): Enrollment {
  // ENR-6: the expected dates and overdue from the same start and holidays, never apart.
  const review = reviewTimeline(row.status, row.reviewStartedAt, now, holidays);
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
    expectedDecisionFrom: review.expectedDecisionFrom,
    expectedDecisionBy: review.expectedDecisionBy,
    overdue: review.overdue,
    decisionReason: row.decisionReason ?? null,
    missing: editableStatuses.includes(row.status as EnrollmentStatus) ? missingItems(facts).map((m) => m.path.slice(1)) : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** ENR-6: the reviewers' notes (empty before anyone wrote), with the last writer's name. */
export function reviewNotesView(row: ReviewNotesRow | undefined, authorName: string | null): ReviewNotes {
  if (!row) return { notes: '', updatedAt: null, updatedBy: null };
  return {
    notes: row.notes,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedByUserId ? { userId: row.updatedByUserId, name: authorName ?? '' } : null,
  };
}

export function emailVerifiedView(row: EnrollmentRow): EmailVerified {
  return { enrollmentId: row.id, status: row.status, expectedDecisionBy: row.expectedDecisionBy ?? null };
}

export interface ReviewQueueRow {
  enrollment: EnrollmentRow;
  clock: Date;
  legalName: string | null;
  organizationName: string;
  /** ENR-6: from reviewTimeline, like the enrollment's own view. */
  expectedDecisionBy: string | null;
  ageBusinessDays: number;
  overdue: boolean;
}

export function reviewItemView(i: ReviewQueueRow): ReviewItem {
  return {
    id: i.enrollment.id,
    tenantId: i.enrollment.tenantId,
    organizationName: i.organizationName,
    legalName: i.legalName ?? null,
    program: i.enrollment.program,
    status: i.enrollment.status,
    submittedAt: i.enrollment.submittedAt?.toISOString() ?? null,
    reviewStartedAt: i.enrollment.reviewStartedAt?.toISOString() ?? null,
    expectedDecisionBy: i.expectedDecisionBy,
    ageBusinessDays: i.ageBusinessDays,
    overdue: i.overdue,
  };
}

/** A version with the languages it has, and each language's title. */
export function agreementView(t: typeof agreementTemplates.$inferSelect, docs: { templateId: string; language: string; title: string }[]): Agreement {
  const own = docs.filter((d) => d.templateId === t.id);
  return {
    templateId: t.id,
    type: t.type,
    version: t.version,
    current: t.current,
    languages: own.map((d) => d.language).sort(),
    titles: Object.fromEntries(own.map((d) => [d.language, d.title])),
    createdAt: t.createdAt.toISOString(),
  };
}

export function acceptanceView(a: AcceptanceRow): Acceptance {
  return {
    id: a.id,
    templateId: a.templateId,
    type: a.type,
    version: a.version,
    tenantId: a.tenantId,
    region: a.region,
    user: { id: a.userId, name: a.userName, email: a.userEmail },
    primaryContact: a.primaryContact,
    acceptedAt: a.acceptedAt.toISOString(),
    ip: a.ip,
    userAgent: a.userAgent,
  };
}
