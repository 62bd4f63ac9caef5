// Enrollment: partner profiles (ENR-2, ENR-13), DUNS look-up and the company registry, address
// validation (ENR-3), locations and PartnerIDs (ENR-8), enrollments with email verification (ENR-1,
// ENR-4, ENR-5, ENR-7), review (ENR-6), partner suspension, and the standing other modules ask about
// (ENR-10). Binds the operations (operations/) and reads (reads.ts) to their dependencies, once.
import type { Queryable, Tx } from '../../db/index.js';
import type { Actor } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import type { Platform } from '../../platform/context.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { IdentityService } from '../identity/service.js';
import type { OperatorService } from '../operator/service.js';
import type { AddressInput } from './address.js';
import type { DecisionBody, EscalationBody, ReasonBody, ReviewNotesBody, StartEnrollmentBody, SupportProfileBody, UpdateEnrollmentBody } from './contract.js';
import { activateWhenReady } from './operations/activate-when-ready.js';
import { addLocation } from './operations/add-location.js';
import { associatePartnerId } from './operations/associate-partner-id.js';
import { createEnrollment } from './operations/create-enrollment.js';
import { decideEnrollment } from './operations/decide-enrollment.js';
import type { EnrollmentDeps } from './operations/deps.js';
import { escalateEnrollment } from './operations/escalate-enrollment.js';
import { getProgramInformation } from './operations/get-program-information.js';
import { getEnrollmentHistory } from './operations/get-enrollment-history.js';
import { getReviewDetail } from './operations/get-review-detail.js';
import { importRegistry } from './operations/import-registry.js';
import { listActivePartners, type ActivePartnersQuery } from './operations/list-active-partners.js';
import { listReviewQueue, type ReviewQuery } from './operations/list-review-queue.js';
import { lookupDuns } from './operations/lookup-duns.js';
import { putAttributes } from './operations/put-attributes.js';
import { putReviewNotes } from './operations/put-review-notes.js';
import { putLegalProfile, type LegalProfileInput } from './operations/put-legal-profile.js';
import { putSupportProfile } from './operations/put-support-profile.js';
import { reinstatePartner } from './operations/reinstate-partner.js';
import { resendVerification } from './operations/resend-verification.js';
import { submitEnrollment } from './operations/submit-enrollment.js';
import { suspendPartner } from './operations/suspend-partner.js';
import { updateEnrollment } from './operations/update-enrollment.js';
import { validateAddressInput } from './operations/validate-address.js';
import { verifyEmail } from './operations/verify-email.js';
import {
  agreementAccepted,
  contactCountry,
  enrollmentStatements,
  getAttributes,
  getLegalProfile,
  getPartnerIdAssociation,
  getSupportProfile,
  listEnrollments,
  listLocations,
  loadEnrollmentView,
  loadOwnEnrollment,
  partnerSummaries,
  programStatuses,
  standing,
  tenantsByPartnerIds,
  warningsFor,
} from './reads.js';
import type { EnrollmentProgram } from './rules.js';
import type { Address } from './schema.js';
import type { EnrollmentRow, LegalProfileRow } from './views.js';

export { servicesOfferedValues } from './contract.js';
export type { LegalProfileInput } from './operations/put-legal-profile.js';
export { legalProfileView, type EnrollmentRow, type LegalProfileRow } from './views.js';

export function enrollmentService(platform: Platform, services: { identity: IdentityService; operator: OperatorService }) {
  const { db, config } = platform;
  const deps: EnrollmentDeps = { platform, db, config, ...services, statements: enrollmentStatements(db) };
  return {
    activePartners: (query: ActivePartnersQuery) => listActivePartners(deps, query),
    partnerSummaries: (tenantIds: string[]) => partnerSummaries(deps, tenantIds),
    tenantsByPartnerIds: (partnerIds: string[]) => tenantsByPartnerIds(deps, partnerIds),
    getLegalProfile: (tenantId: string) => getLegalProfile(deps, tenantId),
    putLegalProfile: (ctx: RequestContext, input: LegalProfileInput, checkVersion: (current: LegalProfileRow | undefined) => void) => putLegalProfile(deps, ctx, input, checkVersion),
    getSupportProfile: (tenantId: string) => getSupportProfile(deps, tenantId),
    putSupportProfile: (ctx: RequestContext, input: SupportProfileBody, checkVersion: (current: { updatedAt: Date } | undefined) => void) =>
      putSupportProfile(deps, ctx, input, checkVersion),
    getAttributes: (tenantId: string) => getAttributes(deps, tenantId),
    putAttributes: (ctx: RequestContext, input: { competencies: string[]; skills: string[]; servicesOffered: string[] }) => putAttributes(deps, ctx, input),
    lookupDuns: (dunsNumber: string) => lookupDuns(deps, dunsNumber),
    importRegistry: (ctx: RequestContext, csv: string) => importRegistry(deps, ctx, csv),
    validateAddress: (input: AddressInput) => validateAddressInput(input),
    listLocations: (tenantId: string) => listLocations(deps, tenantId),
    addLocation: (ctx: RequestContext, input: { country: string; address: Address }) => addLocation(deps, ctx, input),
    getPartnerIdAssociation: (tenantId: string) => getPartnerIdAssociation(deps, tenantId),
    associatePartnerId: (ctx: RequestContext, partnerId: string) => associatePartnerId(deps, ctx, partnerId),
    startEnrollment: (ctx: RequestContext, input: StartEnrollmentBody) => createEnrollment(deps, ctx, input),
    updateEnrollment: (ctx: RequestContext, id: string, input: UpdateEnrollmentBody) => updateEnrollment(deps, ctx, id, input),
    listEnrollments: (tenantId: string) => listEnrollments(deps, tenantId),
    getEnrollment: (actor: Actor, id: string) => loadOwnEnrollment(db, actor, id),
    enrollmentView: (row: EnrollmentRow, now?: Date, holidays?: Set<string>) => loadEnrollmentView(deps, row, now, holidays),
    submit: (ctx: RequestContext, id: string) => submitEnrollment(deps, ctx, id),
    verifyEmail: (ctx: RequestContext, token: string) => verifyEmail(deps, ctx, token),
    resendVerification: (ctx: RequestContext, id: string) => resendVerification(deps, ctx, id),
    escalate: (ctx: RequestContext, id: string, input: EscalationBody) => escalateEnrollment(deps, ctx, id, input),
    reviewQueue: (query: ReviewQuery) => listReviewQueue(deps, query),
    reviewDetail: (id: string) => getReviewDetail(deps, id),
    putReviewNotes: (ctx: RequestContext, id: string, input: ReviewNotesBody) => putReviewNotes(deps, ctx, id, input),
    enrollmentHistory: (id: string) => getEnrollmentHistory(deps, id),
    decide: (ctx: RequestContext, id: string, input: DecisionBody) => decideEnrollment(deps, ctx, id, input),
    suspendPartner: (ctx: RequestContext, tenantId: string, input: ReasonBody) => suspendPartner(deps, ctx, tenantId, input),
    reinstatePartner: (ctx: RequestContext, tenantId: string, input: ReasonBody) => reinstatePartner(deps, ctx, tenantId, input),
    standing: (tenantId: string, program: EnrollmentProgram, q?: Queryable) => standing(deps, tenantId, program, q),
    programStatuses: (tenantId: string) => programStatuses(deps, tenantId),
    programInformation: (tenantId: string) => getProgramInformation(deps, tenantId),
    warningsFor: (actor: Actor, locale: Locale) => warningsFor(deps, actor, locale),
    agreementAccepted: (tenantId: string) => agreementAccepted(db, tenantId),
    activateWhenReady: (tx: Tx, ctx: RequestContext, tenantId: string) => activateWhenReady(deps, tx, ctx, tenantId),
    contactCountry: (tenantId: string) => contactCountry(deps, db, tenantId),
  };
}

export type EnrollmentService = ReturnType<typeof enrollmentService>;
