// Marketplace routes: publisher enrollment, offers, the CSP reseller audience, partner search, CSV,
// support requests, the storefront and the partners' view.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { checkIfMatch, Collection, DateTime, etagOf, IdParams, requestContext, withErrors } from '../../platform/http.js';
import { billingCycles, termDurations } from '../commerce/rules.js';
import { audienceModes, offerTypes } from './rules.js';
import { supportRequestView } from '../operator/service.js';
import { liveOfferManagement, type MarketplaceService } from './service.js';

const strict = { additionalProperties: false } as const;
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ minLength: 3, maxLength: 30 });

const ListingBody = Type.Object(
  {
    summary: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 5000 }),
    supportContact: Type.Object({ email: Email, phone: Phone, url: Url }, strict),
    cspMaterials: Type.Object({ salesMaterialsUrl: Url, channelContact: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), email: Email, phone: Phone }, strict) }, strict),
  },
  strict,
);
const PlanBody = Type.Object(
  {
    planId: Type.String({ pattern: '^[a-z0-9-]{1,50}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    licenseModel: enumOf(['payg', 'byol'] as const),
    termDurations: Type.Array(enumOf(termDurations), { minItems: 1, uniqueItems: true }),
    billingCycles: Type.Array(enumOf(billingCycles), { minItems: 1, uniqueItems: true }),
    prices: Type.Array(Type.Object({ currency: Type.String({ pattern: '^[A-Z]{3}$' }), unitPrice: Type.Number({ minimum: 0, maximum: 1_000_000 }) }, strict), { maxItems: 200 }),
    markets: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 300, uniqueItems: true }),
  },
  strict,
);
const OfferVersion = Type.Object({ listing: Nullable(Type.Unknown()), plans: Type.Array(Type.Unknown()), audienceMode: Nullable(Type.String()) });
const Offer = Type.Object(
  { id: Type.String(), publisherTenantId: Type.String(), type: Type.String(), name: Type.String(), draft: OfferVersion, live: Nullable(OfferVersion), publishedAt: Nullable(DateTime), version: Type.Integer(), createdAt: DateTime, updatedAt: DateTime },
  { title: 'Offer' },
);
const AudiencePartner = Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String(), resoldAt: Nullable(DateTime) });
const AudienceSide = Type.Object({ mode: Type.String(), partners: Type.Array(AudiencePartner) });
const Audience = Type.Object({ draft: AudienceSide, live: Nullable(AudienceSide) }, { title: 'CspAudience' });
const SupportRequest = Type.Object(
  { id: Type.String(), tenantId: Type.String(), kind: Type.String(), title: Type.String(), details: Type.String(), subject: Type.Record(Type.String(), Type.Unknown()), status: Type.String(), resolution: Nullable(Type.String()), createdAt: DateTime, updatedAt: DateTime },
  { title: 'SupportRequest' },
);

export function marketplaceRoutes(app: FastifyInstance, marketplace: MarketplaceService) {
  const tags = ['marketplace'];
  const etag = (version: number) => etagOf('offer', version);
  const offerId = (request: { params: unknown }) => (request.params as { id: string }).id;

  app.post(
    '/v1/publisher/enrollment',
    { config: { permission: 'publisher.enroll', idempotent: false }, schema: { tags, summary: 'Become a publisher (after the current publisher agreement)', response: withErrors({ 200: Type.Object({ program: Type.String(), status: Type.String() }) }) } },
    async (request) => marketplace.enrollPublisher(requestContext(request)),
  );

  app.post(
    '/v1/offers',
    {
      config: { permission: 'offers.manage' },
      schema: { tags, summary: 'Create an offer (draft; MKP-1 default audience)', body: Type.Object({ type: enumOf(offerTypes), name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) }, strict), response: withErrors({ 201: Offer }) },
    },
    async (request, reply) => {
      const row = await marketplace.createOffer(requestContext(request), request.body as never);
      return reply.code(201).header('ETag', etag(row.version)).send(marketplace.offerView(row));
    },
  );

  app.get(
    '/v1/offers',
    { config: { permission: 'offers.read' }, schema: { tags, summary: "The publisher's offers", response: withErrors({ 200: Collection(Offer, 'Offers') }) } },
    async (request) => {
      const items = (await marketplace.listOffers(request.actor!)).map(marketplace.offerView);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/offers/:id',
    { config: { permission: 'offers.read' }, schema: { tags, summary: 'An offer: draft and live side by side (ETag)', params: IdParams, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.getOffer(request.actor!, offerId(request));
      reply.header('ETag', etag(row.version));
      return marketplace.offerView(row);
    },
  );

  app.put(
    '/v1/offers/:id/plans',
    { config: { permission: 'offers.manage' }, schema: { tags, summary: 'Replace the draft plans (If-Match)', params: IdParams, body: Type.Array(PlanBody, { maxItems: 50 }), response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.putPlans(requestContext(request), offerId(request), request.body as never, (current) => checkIfMatch(request, etag(current.version)));
      reply.header('ETag', etag(row.version));
      return marketplace.offerView(row);
    },
  );

  app.put(
    '/v1/offers/:id/listing',
    { config: { permission: 'offers.manage' }, schema: { tags, summary: 'Replace the draft listing with CSP materials (MKP-10, MKP-11; If-Match)', params: IdParams, body: ListingBody, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.putListing(requestContext(request), offerId(request), request.body as never, (current) => checkIfMatch(request, etag(current.version)));
      reply.header('ETag', etag(row.version));
      return marketplace.offerView(row);
    },
  );

  app.post(
    '/v1/offers/:id/publish',
    { config: { permission: 'offers.publish', idempotent: false }, schema: { tags, summary: 'Make the draft live (listing, plans, audience); lists every missing item', params: IdParams, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.publish(requestContext(request), offerId(request));
      reply.header('ETag', etag(row.version));
      return marketplace.offerView(row);
    },
  );

  app.get(
    '/v1/offers/:id/csp-audience',
    { config: { permission: 'offers.read' }, schema: { tags, summary: 'The CSP reseller audience, draft and live (ETag)', params: IdParams, response: withErrors({ 200: Audience }) } },
    async (request, reply) => {
      const { row, view } = await marketplace.audience(request.actor!, offerId(request));
      reply.header('ETag', etag(row.version));
      return view;
    },
  );

  app.put(
    '/v1/offers/:id/csp-audience',
    {
      config: { permission: 'offers.manage' },
      schema: {
        tags,
        summary: 'Edit the draft audience: any partner, selected partners, or none (If-Match; active CSP resellers only)',
        params: IdParams,
        body: Type.Object({ mode: enumOf(audienceModes), partnerTenantIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100_000 }) }, strict),
        response: withErrors({ 200: Audience }),
      },
    },
    async (request, reply) => {
      const row = await marketplace.putAudience(requestContext(request), offerId(request), request.body as never, (current) => checkIfMatch(request, etag(current.version)));
      reply.header('ETag', etag(row.version));
      return (await marketplace.audience(request.actor!, offerId(request))).view;
    },
  );

  app.post(
    '/v1/offers/:id/csp-audience/sync',
    { config: { permission: 'offers.publish', idempotent: false }, schema: { tags, summary: 'Sync CSP audience: apply the draft to a live offer (MKP-4); 409 when a support request is needed', params: IdParams, response: withErrors({ 200: Audience }) } },
    async (request, reply) => {
      const row = await marketplace.syncAudience(requestContext(request), offerId(request));
      reply.header('ETag', etag(row.version));
      return (await marketplace.audience(request.actor!, offerId(request))).view;
    },
  );

  app.get(
    '/v1/offers/:id/csp-audience/export',
    { config: { permission: 'offers.read' }, schema: { tags, summary: 'The authorized partners as CSV (MKP-5)', params: IdParams, produces: ['text/csv'], response: withErrors({ 200: Type.String() }) } },
    async (request, reply) => reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="csp-audience-${offerId(request)}.csv"`).send(await marketplace.exportAudience(request.actor!, offerId(request))),
  );

  app.post(
    '/v1/offers/:id/csp-audience/import',
    {
      config: { permission: 'offers.manage', idempotent: false },
      bodyLimit: 8 * 1024 * 1024,
      schema: { tags, summary: 'Add the partners of a CSV to the draft: all rows or none, bad rows listed (MKP-5)', params: IdParams, consumes: ['text/csv'], body: Type.String({ maxLength: 8 * 1024 * 1024 }), response: withErrors({ 200: Type.Object({ imported: Type.Integer() }) }) },
    },
    async (request) => marketplace.importAudience(requestContext(request), offerId(request), request.body as string),
  );

  app.get(
    '/v1/partners/search',
    {
      config: { permission: 'partners.search' },
      schema: {
        tags,
        summary: 'Find active CSP resellers by name fragment or tenant ID, with country, competency and skill filters (MKP-3); for publishers and the operator',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            tenantId: Type.Optional(Type.String({ format: 'uuid' })),
            country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            competency: Type.Optional(Type.String({ maxLength: 100 })),
            skill: Type.Optional(Type.String({ maxLength: 100 })),
            size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
          },
          strict,
        ),
        response: withErrors({ 200: Collection(Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String(), competencies: Type.Array(Type.String()), skills: Type.Array(Type.String()) }), 'PartnerSearch') }),
      },
    },
    async (request) => {
      const query = request.query as { q?: string; tenantId?: string; country?: string; competency?: string; skill?: string; size: number; cursor?: string };
      const offset = Number(query.cursor ?? 0);
      const rows = await marketplace.searchPartners(request.actor!, { ...query, offset });
      const items = rows.slice(0, query.size);
      const links: { next?: { uri: string } } = {};
      if (rows.length > query.size) {
        const url = new URL(request.url, 'http://local');
        url.searchParams.set('cursor', String(offset + query.size));
        links.next = { uri: `${url.pathname}${url.search}` };
      }
      return { totalCount: offset + rows.length, items, links };
    },
  );

  // ---------------------------------------------------------------- support requests (MKP-9)

  app.post(
    '/v1/support-requests',
    {
      config: { permission: 'supportRequests.create' },
      schema: {
        tags,
        summary: `Open a support request (for a live audience change: "${liveOfferManagement.productVersion}", "${liveOfferManagement.problemType}", "${liveOfferManagement.title}")`,
        body: Type.Object(
          {
            productVersion: Type.String({ minLength: 1, maxLength: 100 }),
            category: Type.Object({ offerId: Type.String({ format: 'uuid' }) }, strict),
            problemType: Type.String({ minLength: 1, maxLength: 100 }),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            details: Type.String({ minLength: 1, maxLength: 10_000 }),
            requestedChange: Type.Optional(Type.Object({ mode: Type.Optional(enumOf(audienceModes)), removePartnerTenantIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10_000 })) }, strict)),
          },
          strict,
        ),
        response: withErrors({ 201: SupportRequest }),
      },
    },
    async (request, reply) => {
      return reply.code(201).send(supportRequestView(await marketplace.openSupportRequest(requestContext(request), request.body as never)));
    },
  );

  app.get(
    '/v1/support-requests',
    { config: { permission: 'supportRequests.read' }, schema: { tags, summary: "The tenant's support requests", response: withErrors({ 200: Collection(SupportRequest, 'SupportRequests') }) } },
    async (request) => {
      const items = await marketplace.supportRequestsOf(request.actor!);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/support-requests/:id',
    { config: { permission: 'supportRequests.read' }, schema: { tags, summary: 'One support request', params: IdParams, response: withErrors({ 200: SupportRequest }) } },
    async (request) => marketplace.supportRequest(request.actor!, offerId(request)),
  );

  app.get(
    '/v1/operator/support-requests',
    {
      config: { permission: 'operator.supportRequests' },
      schema: { tags: ['operator'], summary: 'The support-request queue, oldest first', querystring: Type.Object({ status: Type.Optional(enumOf(['open', 'resolved', 'declined'] as const)) }, strict), response: withErrors({ 200: Collection(SupportRequest, 'SupportRequestQueue') }) },
    },
    async (request) => {
      const items = (await marketplace.supportRequestQueue((request.query as { status?: string }).status)).map(supportRequestView);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/operator/support-requests/:id/resolution',
    {
      config: { permission: 'operator.supportRequests', idempotent: false },
      schema: {
        tags: ['operator'],
        summary: 'Apply (rules re-checked now) or decline a support request; the requester is emailed',
        params: IdParams,
        body: Type.Object({ action: enumOf(['apply', 'decline'] as const), reason: Type.String({ minLength: 1, maxLength: 2000 }) }, strict),
        response: withErrors({ 200: SupportRequest }),
      },
    },
    async (request) => {
      return supportRequestView(await marketplace.resolveSupportRequest(requestContext(request), offerId(request), request.body as never));
    },
  );

  // ---------------------------------------------------------------- storefront and partners (MKP-10)

  const PlanView = Type.Object({ planId: Type.String(), name: Type.String(), licenseModel: Type.String(), termDurations: Type.Array(Type.String()), billingCycles: Type.Array(Type.String()) });
  const Contact = Nullable(Type.Object({ email: Type.String(), phone: Type.String(), url: Type.String() }));

  app.get(
    '/v1/storefront/offers',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Live offers sold in a country (public; never the CSP materials)',
        querystring: Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }, strict),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), name: Type.String(), summary: Type.String(), description: Type.String(), supportContact: Contact, plans: Type.Array(PlanView) }, { additionalProperties: false })) }) }),
      },
    },
    async (request) => ({ items: await marketplace.storefront((request.query as { country: string }).country) }),
  );

  app.get(
    '/v1/csp/offers',
    {
      config: { permission: 'csp.offers' },
      schema: {
        tags,
        summary: 'Marketplace offers the caller may resell, with sales materials and the channel contact (MKP-10)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), type: Type.Optional(enumOf(offerTypes)) }, strict),
        response: withErrors({
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), name: Type.String(), summary: Type.String(), supportContact: Contact, cspMaterials: Nullable(Type.Unknown()), plans: Type.Array(Type.Unknown()) })),
          }),
        }),
      },
    },
    async (request) => ({ items: await marketplace.cspOffers(request.actor!, request.query as never) }),
  );
}
