// The shapes identity shows the world, declared once: routes validate and serialize with them (its own
// and the customers module's user routes), views return them, and tests and the portal read their types.
import { Type, type Static } from '@sinclair/typebox';
import { allRoles } from '../../platform/access.js';
import { Collection, DateTime, PageQuery } from '../../platform/contract.js';
import { locales } from '../../platform/i18n/index.js';
import { MfaStatus } from './mfa/contract.js';

const strict = { additionalProperties: false } as const;

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const Language = Type.Union(locales.map((l) => Type.Literal(l)));
const RoleName = Type.String({ minLength: 1, maxLength: 64 });
export const Name = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

export const User = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
    state: Type.String(),
    language: Type.String(),
    mustChangePassword: Type.Boolean(),
    /** REL-4: the organization that created this user, when it is not the user's own (e.g. a provider with admin access). */
    createdByTenantId: Type.Union([Type.String(), Type.Null()]),
    createdByTenantName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    createdAt: DateTime,
  },
  { title: 'User' },
);
export type User = Static<typeof User>;

export const Users = Collection(User, 'Users');

export const Tenant = Type.Object({ id: Type.String(), name: Type.String(), country: Type.String(), primaryDomain: Type.String() }, { title: 'Tenant' });
export type Tenant = Static<typeof Tenant>;

export const Membership = Type.Object({ program: Type.String(), status: Type.String() });
export type Membership = Static<typeof Membership>;

export const AccessToken = Type.Object(
  { id: Type.String(), name: Type.String(), prefix: Type.String(), createdAt: DateTime, expiresAt: DateTime, lastUsedAt: Type.Union([DateTime, Type.Null()]) },
  { title: 'AccessToken' },
);
export type AccessToken = Static<typeof AccessToken>;
export const AccessTokens = Collection(AccessToken, 'AccessTokens');
export type AccessTokens = Static<typeof AccessTokens>;

// ---------------------------------------------------------------- work accounts (tenants)

export const CreateTenantBody = Type.Object(
  {
    organizationName: Name(256),
    country: Type.String({ minLength: 2, maxLength: 2 }),
    domainPrefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{2,27}$' })),
    admin: Type.Object({ displayName: Name(256), email: Email, password: Password, language: Type.Optional(Language) }, strict),
  },
  strict,
);
export type CreateTenantBody = Static<typeof CreateTenantBody>;

export const CreatedTenant = Type.Object({ tenant: Tenant, user: Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()) }) });
export type CreatedTenant = Static<typeof CreatedTenant>;

// ---------------------------------------------------------------- sign-in, password reset

export const SignInBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, strict);
export type SignInBody = Static<typeof SignInBody>;

/** A session started: its user, tenant, CSRF token and where it stands with MFA (ACC-4). */
export const SignedIn = Type.Object({ user: User, tenant: Tenant, csrfToken: Type.String(), mfa: MfaStatus });
export type SignedIn = Static<typeof SignedIn>;

export const PasswordResetRequestBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) }, strict);
export const PasswordResetRequested = Type.Object({ status: Type.Literal('sent-if-known') });

export const PasswordResetConfirmBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }), newPassword: Password }, strict);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

// ---------------------------------------------------------------- the signed-in user

export const MeWarning = Type.Object({ code: Type.String(), message: Type.String() });
export type MeWarning = Static<typeof MeWarning>;

export const Me = Type.Object({
  user: User,
  tenant: Tenant,
  memberships: Type.Array(Membership),
  permissions: Type.Array(Type.String()),
  warnings: Type.Array(MeWarning),
  csrfToken: Type.Optional(Type.String()),
  /** ACC-4: where the user and this credential stand with MFA (the portal takes a user who must enrol to enrolment). */
  mfa: MfaStatus,
});
export type Me = Static<typeof Me>;

/** GET /v1/auth/session: whether the request comes with a session or a user's token, and then who (as GET /v1/me). */
export const SessionProbe = Type.Object({ signedIn: Type.Boolean(), me: Type.Union([Me, Type.Null()]) }, { title: 'SessionProbe' });
export type SessionProbe = Static<typeof SessionProbe>;

export const MePatch = Type.Object({ displayName: Type.Optional(Name(256)), language: Type.Optional(Language) }, strict);
export type MePatch = Static<typeof MePatch>;

export const PasswordChangeBody = Type.Object({ currentPassword: Password, newPassword: Password }, strict);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const TokenBody = Type.Object({ name: Name(100), expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }) }, strict);
export type TokenBody = Static<typeof TokenBody>;

/** A new personal access token: the secret itself is shown this once. */
export const NewAccessToken = Type.Composite([AccessToken, Type.Object({ token: Type.String() })]);
export type NewAccessToken = Static<typeof NewAccessToken>;

// ---------------------------------------------------------------- user management (ENR-12)

export const UserBody = Type.Object(
  { displayName: Name(256), email: Email, roles: Type.Array(RoleName, { maxItems: allRoles.length, uniqueItems: true }), password: Type.Optional(Password) },
  strict,
);
export type UserBody = Static<typeof UserBody>;

export const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Name(256)),
    roles: Type.Optional(Type.Array(RoleName, { maxItems: allRoles.length, uniqueItems: true })),
    state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
  },
  strict,
);
export type UserPatch = Static<typeof UserPatch>;

export const UserListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...PageQuery }, strict);

/** The caller's own tenant: no path parameter names it. */
export const OwnTenantParams = Type.Object({}, strict);
/** A tenant the caller acts in: its own, or one administered on its owner's behalf (REL-4, CUS-4). */
export const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) }, strict);
export const TenantUserParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), id: Type.String({ format: 'uuid' }) }, strict);

export const AddedUser = Type.Object({ user: User, temporaryPassword: Type.Optional(Type.String()) });
export type AddedUser = Static<typeof AddedUser>;

export const UserPasswordReset = Type.Object({ user: User, temporaryPassword: Type.String() });
export type UserPasswordReset = Static<typeof UserPasswordReset>;
