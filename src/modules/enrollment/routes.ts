// Enrollment HTTP routes: profiles, DUNS, address validation, locations/PartnerIDs, enrollments,
// email verification, the operator's review queue, agreements and program information.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { checkIfMatch, Collection, collection, DateTime, decodeTimeCursor, etagOf, IdParams, PageQuery, requestContext, timeCursorOf, Uuid, withErrors } from '../../platform/http.js';
import { locales } from '../../platform/i18n/index.js';
import { supportRequestView } from '../operator/service.js';
import { agreementTypes, type AgreementsService } from './agreements.js';
import { enrollmentPrograms, enrollmentStatuses } from './rules.js';
import { servicesOfferedValues, type EnrollmentService } from './service.js';

const strict = { additionalProperties: false } as const;
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max, pattern: min > 0 ? '\\S' : undefined });
const Country = Type.String({ minLength: 2, maxLength: 2 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

// Field limits as in Partner Center: address lines ≤ 200, names ≤ 50.
const AddressBody = Type.Object(
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
const Address = Type.Object(
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
const Contact = Type.Object({ firstName: Type.String(), lastName: Type.String(), email: Type.String(), phone: Type.String() });
const Warning = Type.Object({ path: Type.Optional(Type.String()), code: Type.String(), message: Type.String() });

const LegalProfile = Type.Object(
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
const SupportProfile = Type.Object({ email: Type.String(), phone: Type.String(), website: Type.String(), updatedAt: DateTime }, { title: 'SupportProfile' });
const Attributes = Type.Object(
  { competencies: Type.Array(Type.String()), skills: Type.Array(Type.String()), servicesOffered: Type.Array(Type.String()) },
  { title: 'PartnerAttributes' },
);
const Location = Type.Object({ id: Type.String(), country: Type.String(), address: Address, partnerId: Type.String(), createdAt: DateTime }, { title: 'Location' });
const PartnerIdAssociation = Type.Object({ partnerId: Type.String(), locationId: Type.String(), country: Type.String(), associatedAt: DateTime }, { title: 'PartnerIdAssociation' });
const AddressValidation = Type.Object(
  {
    originalAddress: Address,
    suggestedAddresses: Type.Array(Address),
    status: Type.String(),
    validationMessage: Type.Optional(Type.String()),
    problem: Type.Optional(Type.String({ description: 'A stable code for what is wrong, e.g. postal_code_invalid, state_unknown' })),
  },
  { title: 'AddressValidation' },
);
const Attestation = Type.Object({ billingCapability: Type.Boolean(), supportCapability: Type.Boolean() }, strict);
const Enrollment = Type.Object(
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
const SupportRequest = Type.Object(
  {
    id: Type.String(),
    tenantId: Type.String(),
    kind: Type.String(),
    title: Type.String(),
    details: Type.String(),
    subject: Type.Record(Type.String(), Type.Unknown()),
    status: Type.String(),
    resolution: Nullable(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'SupportRequest' },
);
const ReviewItem = Type.Object(
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
const Agreement = Type.Object(
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
const Acceptance = Type.Object(
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
const LanguageQuery = Type.Object({ language: Type.Optional(enumOf(locales)) }, strict);
const PartnerParams = Type.Object({ tenantId: Uuid }, strict);
const PartnerEnrollments = Type.Object({ tenantId: Type.String(), enrollments: Type.Array(Enrollment) }, { title: 'PartnerEnrollments' });
const ReasonBody = Type.Object({ reason: Text(2000) }, strict);

export function enrollmentRoutes(app: FastifyInstance, enrollment: EnrollmentService, agreements: AgreementsService) {
  const tags = ['enrollment'];

  // ---------------------------------------------------------------- profiles (ENR-2, ENR-13)

  app.get(
    '/v1/profiles/legalbusiness',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: 'The legal business profile (ETag)', response: withErrors({ 200: LegalProfile }) } },
    async (request, reply) => {
      const { row, view } = await enrollment.getLegalProfile(request.actor!.tenantId);
      reply.header('ETag', etagOf(row.updatedAt.toISOString()));
      return view;
    },
  );

  app.put(
    '/v1/profiles/legalbusiness',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: {
        tags,
        summary: 'Create or replace the legal business profile (If-Match honoured; warns about a web-mail contact)',
        body: Type.Object(
          {
            legalName: Text(200),
            address: AddressBody,
            dunsNumber: Type.Optional(Type.String({ maxLength: 20 })),
            primaryContact: Type.Object({ firstName: Text(50), lastName: Text(50), email: Email, phone: Text(30) }, strict),
          },
          strict,
        ),
        response: withErrors({ 200: LegalProfile }),
      },
    },
    async (request, reply) => {
      const result = await enrollment.putLegalProfile(requestContext(request), request.body as never, (current) => {
        if (current) checkIfMatch(request, etagOf(current.updatedAt.toISOString()));
      });
      reply.header('ETag', etagOf(result.row.updatedAt.toISOString()));
      return { ...result.view, warnings: result.warnings };
    },
  );

  app.get(
    '/v1/profiles/support',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: 'The customer-support profile (ETag)', response: withErrors({ 200: SupportProfile }) } },
    async (request, reply) => {
      const row = await enrollment.getSupportProfile(request.actor!.tenantId);
      reply.header('ETag', etagOf(row.updatedAt.toISOString()));
      return { ...row, updatedAt: row.updatedAt.toISOString() };
    },
  );

  app.put(
    '/v1/profiles/support',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: {
        tags,
        summary: 'Create or replace the customer-support profile',
        body: Type.Object({ email: Email, phone: Text(30), website: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }) }, strict),
        response: withErrors({ 200: SupportProfile }),
      },
    },
    async (request, reply) => {
      const row = await enrollment.putSupportProfile(requestContext(request), request.body as never, (current) => {
        if (current) checkIfMatch(request, etagOf(current.updatedAt.toISOString()));
      });
      reply.header('ETag', etagOf(row.updatedAt.toISOString()));
      return { ...row, updatedAt: row.updatedAt.toISOString() };
    },
  );

  app.get(
    '/v1/profiles/attributes',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: 'Competencies, skills and services offered', response: withErrors({ 200: Attributes }) } },
    async (request) => {
      const row = await enrollment.getAttributes(request.actor!.tenantId);
      return { competencies: row.competencies, skills: row.skills, servicesOffered: row.servicesOffered };
    },
  );

  app.put(
    '/v1/profiles/attributes',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: {
        tags,
        summary: 'Replace competencies, skills and (providers) services offered',
        body: Type.Object(
          {
            competencies: Type.Array(Text(100), { maxItems: 50 }),
            skills: Type.Array(Text(100), { maxItems: 100 }),
            servicesOffered: Type.Array(enumOf(servicesOfferedValues), { maxItems: 4, uniqueItems: true }),
          },
          strict,
        ),
        response: withErrors({ 200: Attributes }),
      },
    },
    async (request) => {
      const row = await enrollment.putAttributes(requestContext(request), request.body as never);
      return { competencies: row.competencies, skills: row.skills, servicesOffered: row.servicesOffered };
    },
  );

  // ---------------------------------------------------------------- DUNS and address validation (ENR-2, ENR-3)

  app.get(
    '/v1/company-registry/duns/:dunsNumber',
    {
      config: { permission: 'partnerProfile.read' },
      schema: {
        tags,
        summary: 'Look up a company by DUNS number (fills legal name and address)',
        params: Type.Object({ dunsNumber: Type.String({ maxLength: 30 }) }, strict),
        response: withErrors({ 200: Type.Object({ dunsNumber: Type.String(), legalName: Type.String(), address: Address }) }),
      },
    },
    async (request) => enrollment.lookupDuns((request.params as { dunsNumber: string }).dunsNumber),
  );

  app.post(
    '/v1/operator/company-registry/import',
    {
      config: { permission: 'operator.settings.manage' },
      schema: {
        tags: ['operator'],
        summary: 'Import companies (text/csv: dunsNumber,legalName,addressLine1,addressLine2,city,state,postalCode,country); all rows or none',
        consumes: ['text/csv'],
        body: Type.String({ maxLength: 1_000_000 }),
        response: withErrors({ 200: Type.Object({ imported: Type.Integer() }) }),
      },
    },
    async (request) => enrollment.importRegistry(requestContext(request), request.body as string),
  );

  app.post(
    '/v1/validations/address',
    {
      config: { permission: 'tenant.read', idempotent: false },
      schema: { tags, summary: 'Validate an address (ENR-3): status and suggested standard form', body: AddressBody, response: withErrors({ 200: AddressValidation }) },
    },
    async (request) => {
      const result = enrollment.validateAddress(request.body as never);
      return {
        originalAddress: result.originalAddress,
        suggestedAddresses: result.suggestedAddresses,
        status: result.status,
        ...(result.validationMessage ? { validationMessage: result.validationMessage } : {}),
        ...(result.problem ? { problem: result.problem } : {}),
      };
    },
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
      schema: { tags, summary: 'Add a location: the program issues it a new PartnerID', body: Type.Object({ country: Country, address: AddressBody }, strict), response: withErrors({ 201: Location }) },
    },
    async (request, reply) => reply.code(201).send(await enrollment.addLocation(requestContext(request), request.body as never)),
  );

  app.get(
    '/v1/profiles/partner-id',
    { config: { permission: 'partnerProfile.read' }, schema: { tags, summary: 'The PartnerID associated with the CSP account', response: withErrors({ 200: PartnerIdAssociation }) } },
    async (request) => enrollment.getPartnerIdAssociation(request.actor!.tenantId),
  );

  app.put(
    '/v1/profiles/partner-id',
    {
      config: { permission: 'partnerProfile.manage' },
      schema: {
        tags,
        summary: "Associate a PartnerID of one of the tenant's locations in the CSP account's country",
        body: Type.Object({ partnerId: Type.String({ pattern: '^[0-9]{1,15}$' }) }, strict),
        response: withErrors({ 200: PartnerIdAssociation }),
      },
    },
    async (request) => enrollment.associatePartnerId(requestContext(request), (request.body as { partnerId: string }).partnerId),
  );

  // ---------------------------------------------------------------- enrollments (ENR-1, 4, 5, 6, 7, 13)

  app.get(
    '/v1/enrollment/requirements',
    {
      config: { permission: 'enrollment.read' },
      schema: {
        tags,
        summary: 'What the applicant needs before starting (the welcome page)',
        response: withErrors({ 200: Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), required: Type.Boolean(), programs: Type.Array(Type.String()) })) }) }),
      },
    },
    async () => ({
      items: [
        { key: 'globalAdminCredentials', required: true, programs: [...enrollmentPrograms] },
        { key: 'partnerId', required: true, programs: [...enrollmentPrograms] },
        { key: 'legalBusinessProfile', required: true, programs: [...enrollmentPrograms] },
        { key: 'primaryContact', required: true, programs: [...enrollmentPrograms] },
        { key: 'supportProfile', required: true, programs: [...enrollmentPrograms] },
        { key: 'servicesOffered', required: true, programs: ['indirectProvider'] },
        { key: 'billingAndSupportAttestation', required: true, programs: ['indirectProvider'] },
      ],
    }),
  );

  app.post(
    '/v1/enrollments',
    {
      config: { permission: 'enrollment.manage' },
      schema: {
        tags,
        summary: 'Start an enrollment (global admin only; one open per program)',
        body: Type.Object({ program: enumOf(enrollmentPrograms), attestation: Type.Optional(Attestation) }, strict),
        response: withErrors({ 201: Enrollment }),
      },
    },
    async (request, reply) => {
      const row = await enrollment.startEnrollment(requestContext(request), request.body as never);
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
    async (request) => enrollment.enrollmentView(await enrollment.getEnrollment(request.actor!, (request.params as { id: string }).id)),
  );

  app.patch(
    '/v1/enrollments/:id',
    {
      config: { permission: 'enrollment.manage' },
      schema: { tags, summary: 'Change the attestation (providers) while draft or action required', params: IdParams, body: Type.Object({ attestation: Attestation }, strict), response: withErrors({ 200: Enrollment }) },
    },
    async (request) => enrollment.enrollmentView(await enrollment.updateEnrollment(requestContext(request), (request.params as { id: string }).id, request.body as never)),
  );

  app.post(
    '/v1/enrollments/:id/submit',
    {
      config: { permission: 'enrollment.manage' },
      schema: { tags, summary: 'Submit (or resubmit): the primary contact gets a verification link', params: IdParams, response: withErrors({ 200: Enrollment }) },
    },
    async (request) => enrollment.enrollmentView(await enrollment.submit(requestContext(request), (request.params as { id: string }).id)),
  );

  app.post(
    '/v1/enrollments/:id/verification-email',
    {
      config: { permission: 'enrollment.manage', idempotent: false },
      schema: { tags, summary: 'Send the primary contact a new verification link (earlier links stop working)', params: IdParams, response: withErrors({ 200: Enrollment }) },
    },
    async (request) => enrollment.enrollmentView(await enrollment.resendVerification(requestContext(request), (request.params as { id: string }).id)),
  );

  app.post(
    '/v1/enrollments/:id/escalations',
    {
      config: { permission: 'enrollment.manage' },
      schema: {
        tags,
        summary: 'Escalate an overdue review: opens an account-verification support request (201), or returns the one still open (200)',
        params: IdParams,
        body: Type.Object({ details: Type.Optional(Text(4000)) }, strict),
        response: withErrors({ 200: SupportRequest, 201: SupportRequest }),
      },
    },
    async (request, reply) => {
      const { request: row, created } = await enrollment.escalate(requestContext(request), (request.params as { id: string }).id, (request.body ?? {}) as never);
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
        body: Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, strict),
        response: withErrors({ 200: Type.Object({ enrollmentId: Type.String(), status: Type.String(), expectedDecisionBy: Nullable(Type.String()) }) }),
      },
    },
    async (request) => {
      const row = await enrollment.verifyEmail(requestContext(request), (request.body as { token: string }).token);
      return { enrollmentId: row.id, status: row.status, expectedDecisionBy: row.expectedDecisionBy ?? null };
    },
  );

  app.get(
    '/v1/profiles/program-information',
    {
      config: { permission: 'partnerProfile.read' },
      schema: {
        tags,
        summary: 'Program status and agreement acceptance (ENR-10)',
        response: withErrors({
          200: Type.Object({
            programs: Type.Array(Type.Object({ program: Type.String(), status: Type.String(), agreementAcceptedAt: Nullable(DateTime), agreementVersion: Nullable(Type.String()) })),
          }),
        }),
      },
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
        querystring: Type.Object(
          { status: Type.Optional(enumOf(enrollmentStatuses)), overdue: Type.Optional(Type.Boolean()), program: Type.Optional(enumOf(enrollmentPrograms)), ...PageQuery },
          strict,
        ),
        response: withErrors({ 200: Collection(ReviewItem, 'ReviewQueue') }),
      },
    },
    async (request) => {
      const query = request.query as { status?: string; overdue?: boolean; program?: string; size: number; cursor?: string };
      const page = await enrollment.reviewQueue({ ...query, after: decodeTimeCursor(query.cursor) });
      return collection(
        request,
        page,
        query.size,
        (i) => timeCursorOf(i.enrollment, i.clock),
        (i) => ({
          id: i.enrollment.id,
          tenantId: i.enrollment.tenantId,
          organizationName: i.organizationName,
          legalName: i.legalName ?? null,
          program: i.enrollment.program,
          status: i.enrollment.status,
          submittedAt: i.enrollment.submittedAt?.toISOString() ?? null,
          reviewStartedAt: i.enrollment.reviewStartedAt?.toISOString() ?? null,
          expectedDecisionBy: i.enrollment.expectedDecisionBy ?? null,
          ageBusinessDays: i.ageBusinessDays,
          overdue: i.overdue,
        }),
      );
    },
  );

  app.get(
    '/v1/operator/enrollments/:id',
    {
      config: { permission: 'operator.enrollments.read' },
      schema: {
        tags: ['operator'],
        summary: 'An enrollment with the profile and the automatic checks',
        params: IdParams,
        response: withErrors({
          200: Type.Object({
            enrollment: Enrollment,
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
          }),
        }),
      },
    },
    async (request) => enrollment.reviewDetail((request.params as { id: string }).id),
  );

  app.post(
    '/v1/operator/enrollments/:id/decisions',
    {
      config: { permission: 'operator.enrollments.decide' },
      schema: {
        tags: ['operator'],
        summary: 'Approve, reject or request information (a reason is required for the last two)',
        params: IdParams,
        body: Type.Object({ decision: enumOf(['approve', 'reject', 'requestInfo'] as const), reason: Type.Optional(Text(2000)) }, strict),
        response: withErrors({ 200: Enrollment }),
      },
    },
    async (request) => enrollment.enrollmentView(await enrollment.decide(requestContext(request), (request.params as { id: string }).id, request.body as never)),
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
      const { tenantId } = request.params as { tenantId: string };
      const rows = await enrollment.suspendPartner(requestContext(request), tenantId, request.body as never);
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
      const { tenantId } = request.params as { tenantId: string };
      const rows = await enrollment.reinstatePartner(requestContext(request), tenantId, request.body as never);
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
        body: Type.Object(
          { type: enumOf(agreementTypes), version: Type.String({ pattern: '^[A-Za-z0-9._-]{1,40}$' }), language: enumOf(locales), title: Text(200), body: Text(200_000) },
          strict,
        ),
        response: withErrors({ 201: Agreement }),
      },
    },
    async (request, reply) => reply.code(201).send(await agreements.publish(requestContext(request), request.body as never)),
  );

  app.get(
    '/v1/agreements',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Agreement versions and their languages',
        querystring: Type.Object({ type: Type.Optional(enumOf(agreementTypes)) }, strict),
        response: withErrors({ 200: Collection(Agreement, 'Agreements') }),
      },
    },
    async (request) => {
      const items = await agreements.list((request.query as { type?: string }).type);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/agreements/:id/document',
    {
      config: { permission: 'tenant.read' },
      schema: { tags, summary: 'The agreement as HTML, in the asked language', params: IdParams, querystring: LanguageQuery, produces: ['text/html'], response: withErrors({ 200: Type.String() }) },
    },
    async (request, reply) => {
      const html = await agreements.html((request.params as { id: string }).id, (request.query as { language?: string }).language ?? request.locale);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.get(
    '/v1/agreements/:id/download',
    {
      config: { permission: 'tenant.read' },
      schema: { tags, summary: 'The agreement as a PDF', params: IdParams, querystring: LanguageQuery, produces: ['application/pdf'], response: withErrors({ 200: Type.Unknown() }) },
    },
    async (request, reply) => {
      const file = await agreements.pdf((request.params as { id: string }).id, (request.query as { language?: string }).language ?? request.locale);
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
        body: Type.Object({ primaryContact: Type.Object({ firstName: Text(50), lastName: Text(50), email: Email }, strict) }, strict),
        response: withErrors({ 201: Acceptance }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await agreements.accept(requestContext(request), (request.params as { id: string }).id, request.body as never, request.headers['user-agent'])),
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
        querystring: Type.Object({ partnerId: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })), tenantId: Type.Optional(Type.String({ format: 'uuid' })) }, strict),
        response: withErrors({ 200: Type.Object({ isAgreementSigned: Type.Boolean() }) }),
      },
    },
    async (request) => {
      const query = request.query as { partnerId?: string; tenantId?: string };
      if ((query.partnerId === undefined) === (query.tenantId === undefined)) {
        throw new AppError('validation_failed', {}, [{ path: '/query/partnerId', code: 'exactly_one', params: { fields: 'partnerId, tenantId' } }]);
      }
      return agreements.isAgreementSigned(request.actor!, query);
    },
  );
}
