// The shapes marketplace shows the world, declared once: routes validate and serialize with them, views
// return them, and tests and the portal read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime } from '../../platform/contract.js';
import { billingCycles, termDurations } from '../commerce/rules.js';
import { audienceModes, offerTypes } from './rules.js';

const strict = { additionalProperties: false } as const;
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Phone = Type.String({ minLength: 3, maxLength: 30 });

/** MKP-9: what a support request for a live audience change names. */
export const liveOfferManagement = { productVersion: 'Live offer management', problemType: 'Update existing offer', title: 'De-authorize CSP' } as const;

// ---------------------------------------------------------------- publishers and offers

export const PublisherEnrollment = Type.Object({ program: Type.String(), status: Type.String() });
export type PublisherEnrollment = Static<typeof PublisherEnrollment>;

export const CreateOfferBody = Type.Object({ type: enumOf(offerTypes), name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) }, strict);
export type CreateOfferBody = Static<typeof CreateOfferBody>;

/** MKP-10, MKP-11: the listing, with the support contact and the CSP materials. */
export const ListingBody = Type.Object(
  {
    summary: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 5000 }),
    supportContact: Type.Object({ email: Email, phone: Phone, url: Url }, strict),
    cspMaterials: Type.Object({ salesMaterialsUrl: Url, channelContact: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), email: Email, phone: Phone }, strict) }, strict),
  },
  strict,
);
export type ListingBody = Static<typeof ListingBody>;

export const PlanBody = Type.Object(
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
export type PlanBody = Static<typeof PlanBody>;

export const PlansBody = Type.Array(PlanBody, { maxItems: 50 });
export type PlansBody = Static<typeof PlansBody>;

/** The draft or the live side of an offer. */
export const OfferVersionView = Type.Object({ listing: Nullable(ListingBody), plans: Type.Array(PlanBody), audienceMode: Nullable(enumOf(audienceModes)) });
export type OfferVersionView = Static<typeof OfferVersionView>;

export const Offer = Type.Object(
  {
    id: Type.String(),
    publisherTenantId: Type.String(),
    type: enumOf(offerTypes),
    name: Type.String(),
    draft: OfferVersionView,
    live: Nullable(OfferVersionView),
    publishedAt: Nullable(DateTime),
    version: Type.Integer(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'Offer' },
);
export type Offer = Static<typeof Offer>;

export const Offers = Collection(Offer, 'Offers');
export type Offers = Static<typeof Offers>;

// ---------------------------------------------------------------- CSP audience (MKP-2 … MKP-5)

export const AudiencePartner = Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String(), resoldAt: Nullable(DateTime) });
export type AudiencePartner = Static<typeof AudiencePartner>;

export const AudienceSide = Type.Object({ mode: enumOf(audienceModes), partners: Type.Array(AudiencePartner) });
export type AudienceSide = Static<typeof AudienceSide>;

export const Audience = Type.Object({ draft: AudienceSide, live: Nullable(AudienceSide) }, { title: 'CspAudience' });
export type Audience = Static<typeof Audience>;

export const AudienceBody = Type.Object({ mode: enumOf(audienceModes), partnerTenantIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100_000 }) }, strict);
export type AudienceBody = Static<typeof AudienceBody>;

/** MKP-5: the CSV an import reads (8 MiB, the route's body limit). */
export const audienceCsvLimit = 8 * 1024 * 1024;
export const AudienceCsv = Type.String({ maxLength: audienceCsvLimit });
export const AudienceCsvExport = Type.String();
export const AudienceImport = Type.Object({ imported: Type.Integer() });
export type AudienceImport = Static<typeof AudienceImport>;

// ---------------------------------------------------------------- partner search (MKP-3)

export const partnerSearchPageSize = 50;

export const PartnerSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    tenantId: Type.Optional(Type.String({ format: 'uuid' })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    competency: Type.Optional(Type.String({ maxLength: 100 })),
    skill: Type.Optional(Type.String({ maxLength: 100 })),
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: partnerSearchPageSize })),
    cursor: Type.Optional(Type.String({ maxLength: 2000, description: 'The position after the last partner of the previous page (links.next)' })),
  },
  strict,
);
export type PartnerSearchQuery = Static<typeof PartnerSearchQuery>;

export const PartnerSearchItem = Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String(), competencies: Type.Array(Type.String()), skills: Type.Array(Type.String()) });
export type PartnerSearchItem = Static<typeof PartnerSearchItem>;

/** MKP-3: the competencies and skills the active CSP resellers name (the values the search filters match), alphabetical. */
export const PartnerSearchFilters = Type.Object(
  { competencies: Type.Array(Type.String()), skills: Type.Array(Type.String()) },
  { title: 'PartnerSearchFilters' },
);
export type PartnerSearchFilters = Static<typeof PartnerSearchFilters>;

export const PartnerSearch = Collection(PartnerSearchItem, 'PartnerSearch');
export type PartnerSearch = Static<typeof PartnerSearch>;

// ---------------------------------------------------------------- support requests (MKP-9)

export const RequestedChange = Type.Object({ mode: Type.Optional(enumOf(audienceModes)), removePartnerTenantIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10_000 })) }, strict);
export type RequestedChange = Static<typeof RequestedChange>;

export const SupportRequestBody = Type.Object(
  {
    productVersion: Type.String({ minLength: 1, maxLength: 100 }),
    category: Type.Object({ offerId: Type.String({ format: 'uuid' }) }, strict),
    problemType: Type.String({ minLength: 1, maxLength: 100 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    details: Type.String({ minLength: 1, maxLength: 10_000 }),
    requestedChange: Type.Optional(RequestedChange),
  },
  strict,
);
export type SupportRequestBody = Static<typeof SupportRequestBody>;

// Support requests are the operator's (one shape for the enrollment escalation's and the marketplace's).
import { SupportRequest } from '../operator/contract.js';
export { SupportRequest };

export const SupportRequests = Collection(SupportRequest, 'SupportRequests');
export type SupportRequests = Static<typeof SupportRequests>;

export const SupportRequestQueueQuery = Type.Object({ status: Type.Optional(enumOf(['open', 'resolved', 'declined'] as const)) }, strict);
export type SupportRequestQueueQuery = Static<typeof SupportRequestQueueQuery>;

/**
 * A request in the operator's queue, with the names of what it is about: the requesting tenant, the
 * offer (marketplace requests) and the partners a requested change removes (read with the queue).
 */
export const SupportRequestQueueItem = Type.Composite(
  [
    SupportRequest,
    Type.Object({
      tenantName: Nullable(Type.String()),
      offerName: Nullable(Type.String()),
      partners: Type.Array(Type.Object({ tenantId: Type.String(), name: Type.String() })),
    }),
  ],
  { title: 'SupportRequestQueueItem' },
);
export type SupportRequestQueueItem = Static<typeof SupportRequestQueueItem>;

export const SupportRequestQueue = Collection(SupportRequestQueueItem, 'SupportRequestQueue');
export type SupportRequestQueue = Static<typeof SupportRequestQueue>;

export const SupportRequestResolution = Type.Object({ action: enumOf(['apply', 'decline'] as const), reason: Type.String({ minLength: 1, maxLength: 2000 }) }, strict);
export type SupportRequestResolution = Static<typeof SupportRequestResolution>;

// ---------------------------------------------------------------- storefront and partners (MKP-10)

export const StorefrontPlan = Type.Pick(PlanBody, ['planId', 'name', 'licenseModel', 'termDurations', 'billingCycles']);
export type StorefrontPlan = Static<typeof StorefrontPlan>;

export const SupportContact = Nullable(ListingBody.properties.supportContact);
export type SupportContact = Static<typeof SupportContact>;

export const StorefrontQuery = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }, strict);
export type StorefrontQuery = Static<typeof StorefrontQuery>;

/** A live offer as customers see it: never the CSP materials (MKP-10). */
export const StorefrontOffer = Type.Object(
  { id: Type.String(), type: enumOf(offerTypes), name: Type.String(), summary: Type.String(), description: Type.String(), supportContact: SupportContact, plans: Type.Array(StorefrontPlan) },
  { additionalProperties: false },
);
export type StorefrontOffer = Static<typeof StorefrontOffer>;

export const StorefrontOffers = Type.Object({ items: Type.Array(StorefrontOffer) });
export type StorefrontOffers = Static<typeof StorefrontOffers>;

export const CspOffersQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), type: Type.Optional(enumOf(offerTypes)) }, strict);
export type CspOffersQuery = Static<typeof CspOffersQuery>;

/** A live offer as a partner in its audience sees it, with the CSP materials (MKP-10). */
export const CspOffer = Type.Object({
  id: Type.String(),
  type: enumOf(offerTypes),
  name: Type.String(),
  summary: Type.String(),
  supportContact: SupportContact,
  cspMaterials: Nullable(ListingBody.properties.cspMaterials),
  plans: Type.Array(PlanBody),
});
export type CspOffer = Static<typeof CspOffer>;

export const CspOffers = Type.Object({ items: Type.Array(CspOffer) });
export type CspOffers = Static<typeof CspOffers>;
