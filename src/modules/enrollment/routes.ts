// Enrollment HTTP routes: profiles, DUNS, address validation, locations/PartnerIDs, enrollments,
// email verification, the operator's review queue, agreements and program information.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AbsentQuery, answerAbsent, checkIfMatch, Collection, collection, decodeTimeCursor, defaultPageSize, etagOf, IdParams, NoContent, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { SupportRequest } from '../operator/contract.js';
import { supportRequestView } from '../operator/service.js';
import type { AgreementsService } from './agreements.js';
import {
  AcceptAgreementBody,
  Acceptance,
  AddressBody,
  AddressValidation,
  Agreement,
  AgreementHtml,
  AgreementPdf,
  AgreementsQuery,
  AgreementStatus,
  AgreementStatusQuery,
  Attributes,
  AttributesBody,
  DecisionBody,
  DunsParams,
  EmailVerificationBody,
  EmailVerified,
  Enrollment,
  EscalationBody,
  LanguageQuery,
  LegalProfile,
  LegalProfileBody,
  Location,
  LocationBody,
  PartnerEnrollments,
  PartnerIdAssociation,
  PartnerIdBody,
  PartnerParams,
  ProgramInformation,
  PublishAgreementBody,
  ReasonBody,
  RegisteredCompany,
  RegistryCsv,
  RegistryImported,
  Requirements,
  EnrollmentHistoryEntry,
  ReviewDetail,
  ReviewItem,
  ReviewNotes,
  ReviewNotesBody,
  ReviewQueueQuery,
  StartEnrollmentBody,
  SupportProfile,
  SupportProfileBody,
  UpdateEnrollmentBody,
} from './contract.js';
import type { EnrollmentService } from './service.js';
import { addressValidationView, attributesView, emailVerifiedView, requirementsView, reviewItemView, supportProfileView } from './views.js';

export function enrollmentRoutes(fastify: FastifyInstance, enrollment: EnrollmentService, agreements: AgreementsService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['enrollment'];

  // ---------------------------------------------------------------- profiles (ENR-2, ENR-13)

  app.get(
    '/v1/profiles/legalbusiness',
    {
      config: { permission: 'partnerProfile.read' },
      schema: { tags, summary: 'The legal business profile (ETag); 404 until there is one, or 204 with whenAbsent=noContent', querystring: AbsentQuery, response: withErrors({ 200: LegalProfile, 204: NoContent }) },
    },
    async (request, reply) => {
      const found = await enrollment.getLegalProfile(request.actor!.tenantId);
      if (!found) return answerAbsent(reply, request.query, 'legalBusinessProfile');
      reply.header('ETag', etagOf(found.row.updatedAt.toISOString()));
      return found.view;
    },
  );

  app.put(
    '/v1/profiles/legalbusiness',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: {
        tags,
        summary: 'Create or replace the legal business profile (If-Match honoured; warns about a web-mail contact)',
        body: LegalProfileBody,
        response: withErrors({ 200: LegalProfile }),
      },
    },
    async (request, reply) => {
      const result = await enrollment.putLegalProfile(requestContext(request), request.body, (current) => {
        if (current) checkIfMatch(request, etagOf(current.updatedAt.toISOString()));
      });
      reply.header('ETag', etagOf(result.row.updatedAt.toISOString()));
      return { ...result.view, warnings: result.warnings };
    },
  );

  app.get(
    '/v1/profiles/support',
    {
      config: { permission: 'partnerProfile.read' },
      schema: { tags, summary: 'The customer-support profile (ETag); 404 until there is one, or 204 with whenAbsent=noContent', querystring: AbsentQuery, response: withErrors({ 200: SupportProfile, 204: NoContent }) },
    },
    async (request, reply) => {
      const row = await enrollment.getSupportProfile(request.actor!.tenantId);
      if (!row) return answerAbsent(reply, request.query, 'supportProfile');
      reply.header('ETag', etagOf(row.updatedAt.toISOString()));
      return supportProfileView(row);
    },
  );

  app.put(
    '/v1/profiles/support',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: { tags, summary: 'Create or replace the customer-support profile', body: SupportProfileBody, response: withErrors({ 200: SupportProfile }) },
    },
    async (request, reply) => {
      const row = await enrollment.putSupportProfile(requestContext(request), request.body, (current) => {
        if (current) checkIfMatch(request, etagOf(current.updatedAt.toISOString()));
      });
      reply.header('ETag', etagOf(row.updatedAt.toISOString()));
      return supportProfileView(row);
    },
  );

  app.get(
    '/v1/profiles/attributes',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: 'Competencies, skills and services offered', response: withErrors({ 200: Attributes }) } },
    async (request) => attributesView(await enrollment.getAttributes(request.actor!.tenantId)),
  );

  app.put(
    '/v1/profiles/attributes',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: { tags, summary: 'Replace competencies, skills and (providers) services offered', body: AttributesBody, response: withErrors({ 200: Attributes }) },
    },
    async (request) => attributesView(await enrollment.putAttributes(requestContext(request), request.body)),
  );

  // ---------------------------------------------------------------- DUNS and address validation (ENR-2, ENR-3)

  app.get(
    '/v1/company-registry/duns/:dunsNumber',
    {
      config: { permission: 'partnerProfile.read' },
      schema: {
        tags,
        summary: 'Look up a company by DUNS number (fills legal name and address)',
        params: DunsParams,
        response: withErrors({ 200: RegisteredCompany }),
      },
    },
    async (request) => enrollment.lookupDuns(request.params.dunsNumber),
  );

  app.post(
    '/v1/operator/company-registry/import',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags: ['operator'],
        summary: 'Import companies (text/csv: dunsNumber,legalName,addressLine1,addressLine2,city,state,postalCode,country); all rows or none',
        consumes: ['text/csv'],
        body: RegistryCsv,
        response: withErrors({ 200: RegistryImported }),
      },
    },
    async (request) => enrollment.importRegistry(requestContext(request), request.body),
  );

  app.post(
    '/v1/validations/address',
    {
      config: { permission: 'tenant.read', idempotent: false },
      schema: { tags, summary: 'Validate an address (ENR-3): status and suggested standard form', body: AddressBody, response: withErrors({ 200: AddressValidation }) },
    },
    async (request) => addressValidationView(enrollment.validateAddress(request.body)),
  );

  // ---------------------------------------------------------------- locations and PartnerIDs (ENR-8)

  app.get(
    '/v1/profiles/locations',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: 'Locations and their PartnerIDs', response: withErrors({ 200: Collection(Location, 'Locations') }) } },
    async (request) => {
      const items = await enrollment.listLocations(request.actor!.tenantId);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/profiles/locations',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: { tags, summary: 'Add a location: the program issues it a new PartnerID', body: LocationBody, response: withErrors({ 201: Location }) },
    },
    async (request, reply) => reply.code(201).send(await enrollment.addLocation(requestContext(request), request.body)),
  );

  app.get(
    '/v1/profiles/partner-id',
    {
      config: { permission: 'partnerProfile.read' },
      schema: { tags, summary: 'The PartnerID associated with the CSP account; 404 until one is, or 204 with whenAbsent=noContent', querystring: AbsentQuery, response: withErrors({ 200: PartnerIdAssociation, 204: NoContent }) },
    },
    async (request, reply) => (await enrollment.getPartnerIdAssociation(request.actor!.tenantId)) ?? answerAbsent(reply, request.query, 'partnerId'),
  );

  app.put(
    '/v1/profiles/partner-id',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: {
        tags,
        summary: "Associate a PartnerID of one of the tenant's locations in the CSP account's country",
        body: PartnerIdBody,
        response: withErrors({ 200: PartnerIdAssociation }),
      },
    },
    async (request) => enrollment.associatePartnerId(requestContext(request), request.body.partnerId),
  );

  // ---------------------------------------------------------------- enrollments (ENR-1, 4, 5, 6, 7, 13)

  app.get(
    '/v1/enrollment/requirements',
    {
      config: { permission: 'enrollment.read' },
      schema: { tags, summary: 'What the applicant needs before starting (the welcome page)', response: withErrors({ 200: Requirements }) },
    },
    async () => requirementsView(),
  );

  app.post(
    '/v1/enrollments',
    {
      config: { permission: 'enrollment.manage' },
      schema: { tags, summary: 'Start an enrollment (global admin only; one open per program)', body: StartEnrollmentBody, response: withErrors({ 201: Enrollment }) },
    },
    async (request, reply) => {
      const row = await enrollment.startEnrollment(requestContext(request), request.body);
      return reply.code(201).send(await enrollment.enrollmentView(row));
    },
  );

  app.get(
    '/v1/enrollments',
    { config: { permission: 'enrollment.read' }, schema: { tags, summary: "The tenant's enrollments", response: withErrors({ 200: Collection(Enrollment, 'Enrollments') }) } },
    async (request) => {
      const rows = await enrollment.listEnrollments(request.actor!.tenantId);
      const items = await Promise.all(rows.map((r) => enrollment.enrollmentView(r)));
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/enrollments/:id',
    { config: { permission: 'enrollment.read' }, schema: { tags, summary: 'One enrollment with its vetting steps', params: IdParams, response: withErrors({ 200: Enrollment }) } },
    async (request) => enrollment.enrollmentView(await enrollment.getEnrollment(request.actor!, request.params.id)),
  );

  app.patch(
    '/v1/enrollments/:id',
    {
      config: { permission: 'enrollment.manage' },
      schema: { tags, summary: 'Change the attestation (providers) while draft or action required', params: IdParams, body: UpdateEnrollmentBody, response: withErrors({ 200: Enrollment }) },
    },
    async (request) => enrollment.enrollmentView(await enrollment.updateEnrollment(requestContext(request), request.params.id, request.body)),
  );

  app.post(
    '/v1/enrollments/:id/submit',
    {
      config: { permission: 'enrollment.manage' },
      schema: { tags, summary: 'Submit (or resubmit): the primary contact gets a verification link', params: IdParams, response: withErrors({ 200: Enrollment }) },
    },
    async (request) => enrollment.enrollmentView(await enrollment.submit(requestContext(request), request.params.id)),
  );

  app.post(
    '/v1/enrollments/:id/verification-email',
    {
      config: { permission: 'enrollment.manage', idempotent: false },
      schema: { tags, summary: 'Send the primary contact a new verification link (earlier links stop working)', params: IdParams, response: withErrors({ 200: Enrollment }) },
    },
    async (request) => enrollment.enrollmentView(await enrollment.resendVerification(requestContext(request), request.params.id)),
  );

  app.post(
    '/v1/enrollments/:id/escalations',
    {
      config: { permission: 'enrollment.manage' },
      schema: {
        tags,
        summary: 'Escalate an overdue review: opens an account-verification support request (201), or returns the one still open (200)',
        params: IdParams,
        body: EscalationBody,
        response: withErrors({ 200: SupportRequest, 201: SupportRequest }),
      },
    },
    async (request, reply) => {
      // The body is optional: a request without one escalates with the default details.
      const { request: row, created } = await enrollment.escalate(requestContext(request), request.params.id, request.body ?? {});
      return reply.code(created ? 201 : 200).send(supportRequestView(row));
    },
  );

  app.post(
    '/v1/email-verifications',
    {
      config: { auth: 'public', idempotent: false, lookupLimited: true },
      schema: {
        tags,
        summary: 'Confirm the primary contact (the emailed single-use link); review starts',
        body: EmailVerificationBody,
        response: withErrors({ 200: EmailVerified }),
      },
    },
    async (request) => emailVerifiedView(await enrollment.verifyEmail(requestContext(request), request.body.token)),
  );

  app.get(
    '/v1/profiles/program-information',
    {
      config: { permission: 'partnerProfile.read' },
      schema: { tags, summary: 'Program status and agreement acceptance (ENR-10)', response: withErrors({ 200: ProgramInformation }) },
    },
    async (request) => enrollment.programInformation(request.actor!.tenantId),
  );

  // ---------------------------------------------------------------- operator review (ENR-6)

  app.get(
    '/v1/operator/enrollments',
    {
      config: { permission: 'operator.enrollments.read' },
      schema: {
        tags: ['operator'],
        summary: 'The review queue, oldest first, with the age in business days',
        querystring: ReviewQueueQuery,
        response: withErrors({ 200: Collection(ReviewItem, 'ReviewQueue') }),
      },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, ...filters } = request.query;
      const page = await enrollment.reviewQueue({ ...filters, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (i) => timeCursorOf(i.enrollment, i.clock), reviewItemView);
    },
  );

  app.get(
    '/v1/operator/enrollments/:id',
    {
      config: { permission: 'operator.enrollments.read' },
      schema: { tags: ['operator'], summary: 'An enrollment with the profile and the automatic checks', params: IdParams, response: withErrors({ 200: ReviewDetail }) },
    },
    async (request) => enrollment.reviewDetail(request.params.id),
  );

  app.put(
    '/v1/operator/enrollments/:id/review-notes',
    {
      config: { permission: 'operator.enrollments.decide' },
      schema: {
        tags: ['operator'],
        summary: "Replace the reviewers' notes on an enrollment (audited in the operator's tenant; the partner never sees them)",
        params: IdParams,
        body: ReviewNotesBody,
        response: withErrors({ 200: ReviewNotes }),
      },
    },
    async (request) => enrollment.putReviewNotes(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/v1/operator/enrollments/:id/history',
    {
      config: { permission: 'operator.enrollments.read' },
      schema: {
        tags: ['operator'],
        summary: "An enrollment's history, newest first: its audit records (status changes, reviewers' notes) with who acted",
        params: IdParams,
        response: withErrors({ 200: Collection(EnrollmentHistoryEntry, 'EnrollmentHistory') }),
      },
    },
    async (request) => {
      const items = await enrollment.enrollmentHistory(request.params.id);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/operator/enrollments/:id/decisions',
    {
      config: { permission: 'operator.enrollments.decide' },
      schema: {
        tags: ['operator'],
        summary: 'Approve, reject or request information (a reason is required for the last two)',
        params: IdParams,
        body: DecisionBody,
        response: withErrors({ 200: Enrollment }),
      },
    },
    async (request) => enrollment.enrollmentView(await enrollment.decide(requestContext(request), request.params.id, request.body)),
  );

  // ---------------------------------------------------------------- partner suspension

  app.post(
    '/v1/operator/partners/:tenantId/suspension',
    {
      config: { permission: 'operator.enrollments.decide' },
      schema: {
        tags: ['operator'],
        summary: "Suspend a partner: each verified or active enrollment becomes suspended (audited; the primary contact is mailed the reason)",
        params: PartnerParams,
        body: ReasonBody,
        response: withErrors({ 200: PartnerEnrollments }),
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      const rows = await enrollment.suspendPartner(requestContext(request), tenantId, request.body);
      return { tenantId, enrollments: await Promise.all(rows.map((row) => enrollment.enrollmentView(row))) };
    },
  );

  app.post(
    '/v1/operator/partners/:tenantId/reinstatement',
    {
      config: { permission: 'operator.enrollments.decide' },
      schema: {
        tags: ['operator'],
        summary: 'Reinstate a suspended partner: each suspended enrollment returns to active (or verified, if it was not yet active)',
        params: PartnerParams,
        body: ReasonBody,
        response: withErrors({ 200: PartnerEnrollments }),
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      const rows = await enrollment.reinstatePartner(requestContext(request), tenantId, request.body);
      return { tenantId, enrollments: await Promise.all(rows.map((row) => enrollment.enrollmentView(row))) };
    },
  );

  // ---------------------------------------------------------------- agreements (ENR-9)

  app.post(
    '/v1/operator/agreements',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags: ['operator'],
        summary: 'Publish one language of an agreement version (a new version becomes current)',
        body: PublishAgreementBody,
        response: withErrors({ 201: Agreement }),
      },
    },
    async (request, reply) => reply.code(201).send(await agreements.publish(requestContext(request), request.body)),
  );

  app.get(
    '/v1/agreements',
    {
      config: { permission: 'tenant.read' },
      schema: { tags, summary: 'Agreement versions and their languages', querystring: AgreementsQuery, response: withErrors({ 200: Collection(Agreement, 'Agreements') }) },
    },
    async (request) => {
      const items = await agreements.list(request.query.type);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/agreements/:id/document',
    {
      config: { permission: 'tenant.read' },
      schema: { tags, summary: 'The agreement as HTML, in the asked language', params: IdParams, querystring: LanguageQuery, produces: ['text/html'], response: withErrors({ 200: AgreementHtml }) },
    },
    async (request, reply) => {
      const html = await agreements.html(request.params.id, request.query.language ?? request.locale);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/v1/agreements/:id/download',
    {
      config: { permission: 'tenant.read' },
      schema: { tags, summary: 'The agreement as a PDF', params: IdParams, querystring: LanguageQuery, produces: ['application/pdf'], response: withErrors({ 200: AgreementPdf }) },
    },
    async (request, reply) => {
      const file = await agreements.pdf(request.params.id, request.query.language ?? request.locale);
      return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.content);
    },
  );

  app.post(
    '/v1/agreements/:id/acceptances',
    {
      config: { permission: 'agreements.accept' },
      schema: {
        tags,
        summary: 'Accept the agreement (global admin; partner agreement: verified and PartnerID associated)',
        params: IdParams,
        body: AcceptAgreementBody,
        response: withErrors({ 201: Acceptance }),
      },
    },
    async (request, reply) => reply.code(201).send(await agreements.accept(requestContext(request), request.params.id, request.body, request.headers['user-agent'])),
  );

  app.get(
    '/v1/agreements/acceptances',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: "The tenant's acceptances", response: withErrors({ 200: Collection(Acceptance, 'AgreementAcceptances') }) } },
    async (request) => {
      const items = await agreements.acceptancesOf(request.actor!.tenantId);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/compliance/agreement-status',
    {
      config: { permission: 'compliance.agreementStatus' },
      schema: {
        tags,
        summary: 'Has a partner accepted the partner agreement? For active providers and the operator (exactly one of partnerId, tenantId)',
        querystring: AgreementStatusQuery,
        response: withErrors({ 200: AgreementStatus }),
      },
    },
    async (request) => agreements.isAgreementSigned(request.actor!, request.query),
  );
}
