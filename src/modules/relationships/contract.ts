// The shapes the relationships module shows the world, declared once: routes validate and serialize
// with them, views return them (views.ts), and tests and the portal read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery, invitationLinkFields } from '../../platform/contract.js';
import { locales } from '../../platform/i18n/index.js';
import { servicesOfferedValues } from '../enrollment/contract.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));

export const relationshipTypes = ['IsIndirectResellerOf', 'IsIndirectCloudSolutionProviderOf'] as const;
export type RelationshipType = (typeof relationshipTypes)[number];

// ---------------------------------------------------------------------------------------------
// REL-1 the provider directory

export const ProviderDirectoryQuery = Type.Object(
  {
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    region: Type.Optional(Type.String({ maxLength: 50 })),
    service: Type.Optional(enumOf(servicesOfferedValues)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    ...PageQuery,
  },
  strict,
);
export type ProviderDirectoryQuery = Static<typeof ProviderDirectoryQuery>;

export const DirectoryProvider = Type.Object(
  {
    tenantId: Type.String(),
    name: Type.String(),
    country: Type.String(),
    region: Nullable(Type.String()),
    servicesOffered: Type.Array(Type.String()),
    website: Nullable(Type.String()),
    supportEmail: Nullable(Type.String()),
    supportPhone: Nullable(Type.String()),
  },
  { title: 'DirectoryProvider' },
);
export type DirectoryProvider = Static<typeof DirectoryProvider>;
export const ProviderDirectory = Collection(DirectoryProvider, 'ProviderDirectory');

// ---------------------------------------------------------------------------------------------
// REL-2 invitations

export const CreateResellerInvitationBody = Type.Object({ email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })), locale: Type.Optional(enumOf(locales)) }, strict);
export type CreateResellerInvitationBody = Static<typeof CreateResellerInvitationBody>;

export const ResellerInvitation = Type.Object(
  {
    id: Type.String(),
    providerTenantId: Type.String(),
    email: Nullable(Type.String()),
    locale: Type.String(),
    ...invitationLinkFields,
  },
  { title: 'ResellerInvitation' },
);
export type ResellerInvitation = Static<typeof ResellerInvitation>;
export const ResellerInvitations = Collection(ResellerInvitation, 'ResellerInvitations');

// ---------------------------------------------------------------------------------------------
// REL-3, REL-4, REL-6 accepting

/** What the reseller sees before authorizing (no sign-in needed). */
export const ResellerInvitationDescription = Type.Object({
  provider: Type.Object({
    tenantId: Type.String(),
    name: Type.String(),
    country: Type.String(),
    countryName: Type.String(),
    region: Nullable(Type.String()),
    servicesOffered: Type.Array(Type.String()),
  }),
  grants: Type.Array(Type.String()),
  expiresAt: DateTime,
});
export type ResellerInvitationDescription = Static<typeof ResellerInvitationDescription>;

/** A relationship as stored (what authorizing answers and audits). */
export const RelationshipRecord = Type.Object({
  id: Type.String(),
  providerTenantId: Type.String(),
  resellerTenantId: Type.String(),
  state: Type.String(),
  adminAccess: Type.String(),
  createdAt: DateTime,
  endedAt: Nullable(DateTime),
});
export type RelationshipRecord = Static<typeof RelationshipRecord>;

// ---------------------------------------------------------------------------------------------
// REL-4, REL-5, REL-8 relationships

export const RelationshipsQuery = Type.Object({ relationshipType: Type.Optional(enumOf(relationshipTypes)), ...PageQuery }, strict);
export type RelationshipsQuery = Static<typeof RelationshipsQuery>;

/** A relationship as one side sees it: the other side's name, PartnerID and country. */
export const Relationship = Type.Object(
  {
    id: Type.String(),
    providerTenantId: Type.String(),
    resellerTenantId: Type.String(),
    partnerTenantId: Type.String(),
    name: Type.String(),
    partnerId: Nullable(Type.String()),
    country: Type.String(),
    relationshipType: Type.String(),
    state: Type.String(),
    adminAccess: Type.String(),
    createdAt: DateTime,
    endedAt: Nullable(DateTime),
  },
  { title: 'Relationship' },
);
export type Relationship = Static<typeof Relationship>;
export const Relationships = Collection(Relationship, 'Relationships');
