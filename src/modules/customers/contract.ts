// The shapes the customers module shows the world, declared once: routes validate and serialize with
// them, views return them (views.ts), and tests and the portal read their types.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Collection, DateTime, PageQuery, invitationLinkFields } from '../../platform/contract.js';
import { locales } from '../../platform/i18n/index.js';
import { User } from '../identity/contract.js';
import { delegatedAdminRoles } from './rules.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v as T[number])));
const Email = Type.String({ format: 'email', maxLength: 254 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const customerInvitationTypes = ['resellerOnly', 'resellerAndProvider'] as const;

export const CustomerParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
export const CustomerUserParams = Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }, strict);

// ---------------------------------------------------------------------------------------------
// Delegated admin (granular, time-bound)

export const DelegatedAdminBody = Type.Object(
  {
    roles: Type.Array(enumOf(delegatedAdminRoles), { minItems: 1, maxItems: delegatedAdminRoles.length, uniqueItems: true }),
    durationDays: Type.Integer({ minimum: 1, maximum: 730 }),
    autoExtend: Type.Boolean(),
  },
  strict,
);
export type DelegatedAdminBody = Static<typeof DelegatedAdminBody>;

export const DelegatedAdmin = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    partnerTenantId: Type.String(),
    roles: Type.Array(Type.String()),
    durationDays: Type.Integer(),
    autoExtend: Type.Boolean(),
    status: Type.String(),
    activatedAt: Nullable(DateTime),
    endsAt: Nullable(DateTime),
    terminatedAt: Nullable(DateTime),
    createdAt: DateTime,
    /**
     * ACC-3: the approved roles the partner has given to its security groups through access assignments
     * (the customer sees which roles are in use, never the partner's groups).
     */
    assignedRoles: Type.Array(Type.String()),
  },
  { title: 'DelegatedAdminRelationship' },
);
export type DelegatedAdmin = Static<typeof DelegatedAdmin>;
export const DelegatedAdmins = Collection(DelegatedAdmin, 'DelegatedAdminRelationships');

export const DelegatedAdminApprovalBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export const DelegatedAdminApprovalParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict);

/**
 * What a pending delegated-admin request asks of the customer, read through its emailed link before
 * approving: which partner, which roles, for how long, and until when the link works.
 */
export const DelegatedAdminApproval = Type.Object(
  {
    id: Type.String(),
    partner: Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String() }),
    roles: Type.Array(Type.String()),
    durationDays: Type.Integer(),
    autoExtend: Type.Boolean(),
    status: Type.String(),
    createdAt: DateTime,
    /** The link works until then (an invitation's 30 days after the request). */
    expiresAt: DateTime,
  },
  { title: 'DelegatedAdminApproval' },
);
export type DelegatedAdminApproval = Static<typeof DelegatedAdminApproval>;

/**
 * A request as its partner made it: the relationship (approvalPending) and its approval link, mailed to
 * the customer's global admins (mailedTo of them; none when the customer has no global admin with an
 * address), which the partner may also hand over itself. Only a global admin of the customer opens it.
 */
export const RequestedDelegatedAdminRelationship = Type.Composite(
  [
    DelegatedAdmin,
    Type.Object({
      approval: Type.Object({
        link: Type.Union([Type.String(), Type.Null()], { description: 'null in a replay of the request (Idempotent-Withheld names it)' }),
        mailedTo: Type.Integer({ minimum: 0 }),
      }),
    }),
  ],
  { title: 'RequestedDelegatedAdminRelationship' },
);
export type RequestedDelegatedAdminRelationship = Static<typeof RequestedDelegatedAdminRelationship>;

// ---------------------------------------------------------------------------------------------
// ACC-3: access assignments (Microsoft Graph's delegatedAdminRelationships/{id}/accessAssignments):
// one of the partner's security groups and the roles of the relationship it may use

export const DelegatedAdminRelationshipParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
export const AccessAssignmentParams = Type.Object({ id: Type.String({ format: 'uuid' }), assignmentId: Type.String({ format: 'uuid' }) }, strict);

const AssignedRoles = Type.Array(enumOf(delegatedAdminRoles), { minItems: 1, maxItems: delegatedAdminRoles.length, uniqueItems: true });

export const AccessAssignmentBody = Type.Object({ securityGroupId: Type.String({ format: 'uuid' }), roles: AssignedRoles }, strict);
export type AccessAssignmentBody = Static<typeof AccessAssignmentBody>;
export const AccessAssignmentPatch = Type.Object({ roles: AssignedRoles }, strict);
export type AccessAssignmentPatch = Static<typeof AccessAssignmentPatch>;

export const AccessAssignment = Type.Object(
  {
    id: Type.String(),
    relationshipId: Type.String(),
    customerTenantId: Type.String(),
    securityGroup: Type.Object({ id: Type.String(), name: Type.String() }),
    roles: Type.Array(Type.String()),
    /** active while the relationship is (approved, not ended); otherwise the relationship's state. */
    status: Type.String(),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'DelegatedAdminAccessAssignment' },
);
export type AccessAssignment = Static<typeof AccessAssignment>;
export const AccessAssignments = Collection(AccessAssignment, 'DelegatedAdminAccessAssignments');
export type AccessAssignments = Static<typeof AccessAssignments>;

/**
 * ACC-3: what the caller may do in a customer's tenant: at home its own permissions; a partner's user or
 * app, the delegated-admin roles of its security groups' access assignments there and what they allow
 * (none while its session lacks the second factor the program requires: mfaRequired).
 */
export const DelegatedAccess = Type.Object(
  { delegatedRoles: Type.Array(Type.String()), permissions: Type.Array(Type.String()), mfaRequired: Type.Boolean() },
  { title: 'DelegatedAccess' },
);
export type DelegatedAccess = Static<typeof DelegatedAccess>;

/** What an invitation asks for (CUS-1), as the invitation and its description show it. */
const RequestedDelegatedAdmin = Nullable(Type.Object({ roles: Type.Array(Type.String()), durationDays: Type.Integer(), autoExtend: Type.Boolean() }));

/** The customer's view of one partner: its role and its delegated-admin relationships. */
export const PartnerRelationship = Type.Object({ id: Type.String(), partnerTenantId: Type.String(), name: Type.String(), country: Type.String(), role: Type.String(), createdAt: DateTime, delegatedAdmin: Type.Array(DelegatedAdmin) });
export type PartnerRelationship = Static<typeof PartnerRelationship>;
export const PartnerRelationships = Collection(PartnerRelationship, 'PartnerRelationships');

// ---------------------------------------------------------------------------------------------
// CUS-1, CUS-2, CUS-3 invitations

export const CreateCustomerInvitationBody = Type.Object(
  {
    type: enumOf(customerInvitationTypes),
    providerRelationshipId: Type.Optional(Type.String({ format: 'uuid' })),
    email: Type.Optional(Email),
    locale: Type.Optional(enumOf(locales)),
    delegatedAdmin: Type.Optional(DelegatedAdminBody),
  },
  strict,
);
export type CreateCustomerInvitationBody = Static<typeof CreateCustomerInvitationBody>;

export const CustomerInvitation = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    resellerTenantId: Type.String(),
    providerTenantId: Nullable(Type.String()),
    providerRelationshipId: Nullable(Type.String()),
    email: Nullable(Type.String()),
    locale: Type.String(),
    delegatedAdmin: RequestedDelegatedAdmin,
    ...invitationLinkFields,
  },
  { title: 'CustomerInvitation' },
);
export type CustomerInvitation = Static<typeof CustomerInvitation>;
export const CustomerInvitations = Collection(CustomerInvitation, 'CustomerInvitations');

const Party = Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String(), countryName: Type.String(), canDo: Type.Array(Type.String()) });

/** CUS-3: who asks for what (no sign-in needed). */
export const CustomerInvitationDescription = Type.Object({
  type: Type.String(),
  reseller: Party,
  provider: Nullable(Party),
  delegatedAdmin: RequestedDelegatedAdmin,
  customerAgreementTemplateId: Nullable(Type.String()),
  expiresAt: DateTime,
});
export type CustomerInvitationDescription = Static<typeof CustomerInvitationDescription>;

export const AcceptedCustomerInvitation = Type.Object({ customerTenantId: Type.String(), relationships: Type.Array(Type.Object({ id: Type.String(), partnerTenantId: Type.String(), role: Type.String() })) });
export type AcceptedCustomerInvitation = Static<typeof AcceptedCustomerInvitation>;

// ---------------------------------------------------------------------------------------------
// CUS-4, REL-7 lists; CUS-5 creating

export const CustomersQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), resellerTenantId: Type.Optional(Type.String({ format: 'uuid' })), ...PageQuery }, strict);
export type CustomersQuery = Static<typeof CustomersQuery>;

export const Customer = Type.Object(
  {
    id: Type.String(),
    companyName: Type.String(),
    country: Type.String(),
    primaryDomain: Type.String(),
    relationships: Type.Array(Type.Object({ partnerTenantId: Type.String(), role: Type.String() })),
    createdAt: DateTime,
  },
  { title: 'Customer' },
);
export type Customer = Static<typeof Customer>;
export const Customers = Collection(Customer, 'Customers');
export const SharedCustomers = Collection(Customer, 'SharedCustomers');

export const CreateCustomerBody = Type.Object(
  {
    resellerTenantId: Type.String({ format: 'uuid' }),
    companyName: Text(256),
    country: Type.String({ minLength: 2, maxLength: 2 }),
    domainPrefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{2,27}$' })),
    billingProfile: Type.Object(
      {
        firstName: Text(50),
        lastName: Text(50),
        email: Email,
        address: Type.Object(
          {
            addressLine1: Text(200),
            addressLine2: Type.Optional(Type.String({ maxLength: 200 })),
            city: Text(100),
            state: Type.Optional(Type.String({ maxLength: 100 })),
            postalCode: Type.Optional(Type.String({ maxLength: 20 })),
            country: Type.String({ minLength: 2, maxLength: 2 }),
          },
          strict,
        ),
        language: enumOf(locales),
      },
      strict,
    ),
    admin: Type.Object({ firstName: Text(50), lastName: Text(50), email: Email }, strict),
  },
  strict,
);
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const CreatedCustomer = Type.Object({
  customer: Type.Object({ id: Type.String(), companyName: Type.String(), country: Type.String(), primaryDomain: Type.String() }),
  admin: Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()), temporaryPassword: Type.String() }),
});
export type CreatedCustomer = Static<typeof CreatedCustomer>;

// ---------------------------------------------------------------------------------------------
// Users of a customer tenant: its own admins, and partners within their delegated-admin roles (ACC-2)

export const CustomerUsersQuery = Type.Object({ ...PageQuery }, strict);
export const CustomerUsers = Collection(User, 'CustomerUsers');

export const AddCustomerUserBody = Type.Object(
  {
    displayName: Text(256),
    email: Email,
    roles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 6, uniqueItems: true })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  },
  strict,
);
export type AddCustomerUserBody = Static<typeof AddCustomerUserBody>;
export const AddedCustomerUser = Type.Object({ user: User, temporaryPassword: Type.Optional(Type.String()) });

export const UpdateCustomerUserBody = Type.Object(
  {
    displayName: Type.Optional(Text(256)),
    roles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 6, uniqueItems: true })),
    state: Type.Optional(enumOf(['active', 'inactive'] as const)),
  },
  strict,
);
export type UpdateCustomerUserBody = Static<typeof UpdateCustomerUserBody>;

export const ResetCustomerUserPassword = Type.Object({ user: User, temporaryPassword: Type.String() });
