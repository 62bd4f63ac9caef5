// Marketplace routes: publisher enrollment, offers, the CSP reseller audience, partner search, CSV,
// support requests, the storefront and the partners' view. Shapes come from contract.ts.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { checkIfMatch, collection, decodeNameCursor, encodeCursor, etagOf, IdParams, requestContext, withErrors } from '../../platform/http.js';
import {
  Audience,
  AudienceBody,
  AudienceCsv,
  AudienceCsvExport,
  audienceCsvLimit,
  AudienceImport,
  CreateOfferBody,
  CspOffers,
  CspOffersQuery,
  ListingBody,
  liveOfferManagement,
  Offer,
  Offers,
  PartnerSearch,
  PartnerSearchFilters,
  partnerSearchPageSize,
  PartnerSearchQuery,
  PlansBody,
  PublisherEnrollment,
  StorefrontOffers,
  StorefrontQuery,
  SupportRequest,
  SupportRequestBody,
  SupportRequestQueue,
  SupportRequestQueueQuery,
  SupportRequestResolution,
  SupportRequests,
} from './contract.js';
import type { MarketplaceService } from './service.js';
import { offerView, supportRequestQueueItemView, supportRequestView } from './views.js';

export function marketplaceRoutes(fastify: FastifyInstance, marketplace: MarketplaceService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['marketplace'];
  const etag = (version: number) => etagOf('offer', version);

  app.post(
    '/v1/publisher/enrollment',
    { config: { permission: 'publisher.enroll', idempotent: false }, schema: { tags, summary: 'Become a publisher (after the current publisher agreement)', response: withErrors({ 200: PublisherEnrollment }) } },
    async (request) => marketplace.enrollPublisher(requestContext(request)),
  );

  app.post(
    '/v1/offers',
    { config: { permission: 'offers.manage' }, schema: { tags, summary: 'Create an offer (draft; MKP-1 default audience)', body: CreateOfferBody, response: withErrors({ 201: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.createOffer(requestContext(request), request.body);
      return reply.code(201).header('ETag', etag(row.version)).send(offerView(row));
    },
  );

  app.get(
    '/v1/offers',
    { config: { permission: 'offers.read' }, schema: { tags, summary: "The publisher's offers", response: withErrors({ 200: Offers }) } },
    async (request) => {
      const items = (await marketplace.listOffers(request.actor!)).map(offerView);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/offers/:id',
    { config: { permission: 'offers.read' }, schema: { tags, summary: 'An offer: draft and live side by side (ETag)', params: IdParams, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.getOffer(request.actor!, request.params.id);
      reply.header('ETag', etag(row.version));
      return offerView(row);
    },
  );

  app.put(
    '/v1/offers/:id/plans',
    { config: { permission: 'offers.manage' }, schema: { tags, summary: 'Replace the draft plans (If-Match)', params: IdParams, body: PlansBody, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.putPlans(requestContext(request), request.params.id, request.body, (current) => checkIfMatch(request, etag(current.version)));
      reply.header('ETag', etag(row.version));
      return offerView(row);
    },
  );

  app.put(
    '/v1/offers/:id/listing',
    { config: { permission: 'offers.manage' }, schema: { tags, summary: 'Replace the draft listing with CSP materials (MKP-10, MKP-11; If-Match)', params: IdParams, body: ListingBody, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.putListing(requestContext(request), request.params.id, request.body, (current) => checkIfMatch(request, etag(current.version)));
      reply.header('ETag', etag(row.version));
      return offerView(row);
    },
  );

  app.post(
    '/v1/offers/:id/publish',
    { config: { permission: 'offers.publish', idempotent: false }, schema: { tags, summary: 'Make the draft live (listing, plans, audience); lists every missing item', params: IdParams, response: withErrors({ 200: Offer }) } },
    async (request, reply) => {
      const row = await marketplace.publish(requestContext(request), request.params.id);
      reply.header('ETag', etag(row.version));
      return offerView(row);
    },
  );

  app.get(
    '/v1/offers/:id/csp-audience',
    { config: { permission: 'offers.read' }, schema: { tags, summary: 'The CSP reseller audience, draft and live (ETag)', params: IdParams, response: withErrors({ 200: Audience }) } },
    async (request, reply) => {
      const { row, view } = await marketplace.audience(request.actor!, request.params.id);
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
        body: AudienceBody,
        response: withErrors({ 200: Audience }),
      },
    },
    async (request, reply) => {
      const row = await marketplace.putAudience(requestContext(request), request.params.id, request.body, (current) => checkIfMatch(request, etag(current.version)));
      reply.header('ETag', etag(row.version));
      return (await marketplace.audience(request.actor!, request.params.id)).view;
    },
  );

  app.post(
    '/v1/offers/:id/csp-audience/sync',
    { config: { permission: 'offers.publish', idempotent: false }, schema: { tags, summary: 'Sync CSP audience: apply the draft to a live offer (MKP-4); 409 when a support request is needed', params: IdParams, response: withErrors({ 200: Audience }) } },
    async (request, reply) => {
      const row = await marketplace.syncAudience(requestContext(request), request.params.id);
      reply.header('ETag', etag(row.version));
      return (await marketplace.audience(request.actor!, request.params.id)).view;
    },
  );

  app.get(
    '/v1/offers/:id/csp-audience/export',
    { config: { permission: 'offers.read' }, schema: { tags, summary: 'The authorized partners as CSV (MKP-5)', params: IdParams, produces: ['text/csv'], response: withErrors({ 200: AudienceCsvExport }) } },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="csp-audience-${request.params.id}.csv"`)
        .send(await marketplace.exportAudience(request.actor!, request.params.id)),
  );

  app.post(
    '/v1/offers/:id/csp-audience/import',
    {
      config: { permission: 'offers.manage', idempotent: false },
      bodyLimit: audienceCsvLimit,
      schema: { tags, summary: 'Add the partners of a CSV to the draft: all rows or none, bad rows listed (MKP-5)', params: IdParams, consumes: ['text/csv'], body: AudienceCsv, response: withErrors({ 200: AudienceImport }) },
    },
    async (request) => marketplace.importAudience(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/v1/partners/search',
    {
      config: { permission: 'partners.search' },
      schema: {
        tags,
        summary: 'Find active CSP resellers by name fragment or tenant ID, with country, competency and skill filters (MKP-3); for publishers and the operator',
        querystring: PartnerSearchQuery,
        response: withErrors({ 200: PartnerSearch }),
      },
    },
    async (request) => {
      // Keyset over (name, tenant ID) like every alphabetical list; the cursor also counts the partners
      // of the pages before, so totalCount stays "at least this many".
      const { size = partnerSearchPageSize, cursor } = request.query;
      const after = decodeNameCursor(cursor);
      const seen = after?.seen ?? 0;
      const rows = await marketplace.searchPartners(request.actor!, { ...request.query, size, after });
      return collection(request, { items: rows, totalCount: seen + rows.length }, size, (row) => encodeCursor([row.name, row.tenantId, seen + size]), (row) => row);
    },
  );

  app.get(
    '/v1/partners/search-filters',
    {
      config: { permission: 'partners.search' },
      schema: {
        tags,
        summary: 'The competencies and skills active CSP resellers name: the values partner search filters by (MKP-3); for publishers and the operator',
        response: withErrors({ 200: PartnerSearchFilters }),
      },
    },
    async (request) => marketplace.partnerSearchFilters(request.actor!),
  );

  // ---------------------------------------------------------------- support requests (MKP-9)

  app.post(
    '/v1/support-requests',
    {
      config: { permission: 'supportRequests.create' },
      schema: {
        tags,
        summary: `Open a support request (for a live audience change: "${liveOfferManagement.productVersion}", "${liveOfferManagement.problemType}", "${liveOfferManagement.title}")`,
        body: SupportRequestBody,
        response: withErrors({ 201: SupportRequest }),
      },
    },
    async (request, reply) => reply.code(201).send(supportRequestView(await marketplace.openSupportRequest(requestContext(request), request.body))),
  );

  app.get(
    '/v1/support-requests',
    { config: { permission: 'supportRequests.read' }, schema: { tags, summary: "The tenant's support requests", response: withErrors({ 200: SupportRequests }) } },
    async (request) => {
      const items = await marketplace.supportRequestsOf(request.actor!);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/support-requests/:id',
    { config: { permission: 'supportRequests.read' }, schema: { tags, summary: 'One support request', params: IdParams, response: withErrors({ 200: SupportRequest }) } },
    async (request) => marketplace.supportRequest(request.actor!, request.params.id),
  );

  app.get(
    '/v1/operator/support-requests',
    {
      config: { permission: 'operator.supportRequests' },
      schema: { tags: ['operator'], summary: 'The support-request queue, oldest first', querystring: SupportRequestQueueQuery, response: withErrors({ 200: SupportRequestQueue }) },
    },
    async (request) => {
      const items = (await marketplace.supportRequestQueue(request.query.status)).map(supportRequestQueueItemView);
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
        body: SupportRequestResolution,
        response: withErrors({ 200: SupportRequest }),
      },
    },
    async (request) => supportRequestView(await marketplace.resolveSupportRequest(requestContext(request), request.params.id, request.body)),
  );

  // ---------------------------------------------------------------- storefront and partners (MKP-10)

  app.get(
    '/v1/storefront/offers',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Live offers sold in a country (public; never the CSP materials)', querystring: StorefrontQuery, response: withErrors({ 200: StorefrontOffers }) },
    },
    async (request) => ({ items: await marketplace.storefront(request.query.country) }),
  );

  app.get(
    '/v1/csp/offers',
    {
      config: { permission: 'csp.offers' },
      schema: { tags, summary: 'Marketplace offers the caller may resell, with sales materials and the channel contact (MKP-10)', querystring: CspOffersQuery, response: withErrors({ 200: CspOffers }) },
    },
    async (request) => ({ items: await marketplace.cspOffers(request.actor!, request.query) }),
  );
}
