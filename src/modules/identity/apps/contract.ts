// The shapes apps show the world, declared once: an app registration and its client secrets (never a
// secret after the answer that created it), the OAuth 2.0 token endpoint's request, answer and errors
// (RFC 6749 §4.4, §5.1, §5.2) and the published signing keys (RFC 7517). Routes validate and serialize
// with them, views return them, and tests and the portal read their types.
import { Type, type Static } from '@sinclair/typebox';
import { appPermissions, type Permission } from '../../../platform/access.js';
import { Collection, DateTime, PageQuery, Problem } from '../../../platform/contract.js';

const strict = { additionalProperties: false } as const;
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

/** A permission an app may be given (every one but apps.manage and agreements.accept). */
export const AppPermission = Type.Unsafe<Permission>(Type.String({ enum: [...appPermissions] }));
const Permissions = Type.Array(AppPermission, { minItems: 1, maxItems: appPermissions.length, uniqueItems: true });
const SecretLifetime = Type.Integer({ minimum: 1, maximum: 730, description: 'Days until the secret expires (default 365)' });

export const AppSecret = Type.Object(
  {
    id: Type.String(),
    /** The first characters of the secret, to tell secrets apart. */
    prefix: Type.String(),
    createdAt: DateTime,
    expiresAt: DateTime,
    lastUsedAt: Type.Union([DateTime, Type.Null()]),
  },
  { title: 'AppSecret' },
);
export type AppSecret = Static<typeof AppSecret>;

export const App = Type.Object(
  {
    id: Type.String({ description: 'The app: the `sub` of its access tokens' }),
    tenantId: Type.String(),
    clientId: Type.String({ description: 'Sent as client_id (or the Basic user name) to POST /v1/oauth/token' }),
    name: Type.String(),
    permissions: Type.Array(Type.String(), { description: 'Exactly what its tokens may do, in its own tenant' }),
    state: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    /** Its secrets that are not revoked, oldest first (at most two valid at a time). */
    secrets: Type.Array(AppSecret),
    createdByUserId: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'App' },
);
export type App = Static<typeof App>;
export const Apps = Collection(App, 'Apps');
export type Apps = Static<typeof Apps>;

/** A registered app with its first secret: `clientSecret` is shown in this answer only. */
export const RegisteredApp = Type.Composite([App, Type.Object({ clientSecret: Type.String() })], { title: 'RegisteredApp' });
export type RegisteredApp = Static<typeof RegisteredApp>;

/** A new secret: `clientSecret` is shown in this answer only. */
export const NewAppSecret = Type.Composite([AppSecret, Type.Object({ clientSecret: Type.String() })], { title: 'NewAppSecret' });
export type NewAppSecret = Static<typeof NewAppSecret>;

export const AppBody = Type.Object({ name: Name, permissions: Permissions, secretExpiresInDays: Type.Optional(SecretLifetime) }, strict);
export type AppBody = Static<typeof AppBody>;

export const AppPatch = Type.Object(
  { name: Type.Optional(Name), permissions: Type.Optional(Permissions), state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) },
  { ...strict, minProperties: 1 },
);
export type AppPatch = Static<typeof AppPatch>;

export const SecretBody = Type.Object({ expiresInDays: Type.Optional(SecretLifetime) }, strict);
export type SecretBody = Static<typeof SecretBody>;

const Uuid = Type.String({ format: 'uuid' });
export const AppListQuery = Type.Object({ ...PageQuery }, strict);
export const AppParams = Type.Object({ tenantId: Uuid, appId: Uuid }, strict);
export const AppSecretParams = Type.Object({ tenantId: Uuid, appId: Uuid, secretId: Uuid }, strict);

// ---------------------------------------------------------------- the token endpoint (RFC 6749 §4.4)

/**
 * application/x-www-form-urlencoded (as RFC 6749 requires) or JSON. The client authenticates with HTTP
 * Basic (client ID and secret, each form-encoded) or with client_id and client_secret here, not both.
 * Other parameters are ignored, as RFC 6749 §3.2 asks.
 */
export const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ maxLength: 100, description: 'client_credentials' }),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
    client_secret: Type.Optional(Type.String({ maxLength: 500 })),
    scope: Type.Optional(Type.String({ maxLength: 4000, description: 'Space-separated permissions of the app; all of them when left out' })),
  },
  { additionalProperties: Type.String({ maxLength: 4000 }) },
);
export type TokenRequest = Static<typeof TokenRequest>;

export const TokenResponse = Type.Object(
  {
    access_token: Type.String({ description: 'A JWT (ES256) for the Authorization: Bearer header' }),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer({ description: 'Seconds (3600)' }),
    scope: Type.String({ description: 'The permissions the token carries, space-separated' }),
  },
  { title: 'TokenResponse' },
);
export type TokenResponse = Static<typeof TokenResponse>;

export const oauthErrors = ['invalid_request', 'invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] as const;
export type OAuthErrorCode = (typeof oauthErrors)[number];

/**
 * The token endpoint's errors: RFC 6749 §5.2's `error` and `error_description` (what OAuth clients read)
 * on the same problem document every other route answers with (code, detail, errors, requestId), as
 * application/json, which RFC 6749 requires.
 */
export const OAuthProblem = Type.Composite(
  [Problem, Type.Object({ error: Type.Union(oauthErrors.map((e) => Type.Literal(e))), error_description: Type.String() })],
  { title: 'OAuthProblem (RFC 6749 §5.2)' },
);
export type OAuthProblem = Static<typeof OAuthProblem>;

export const Jwk = Type.Object(
  { kty: Type.String(), kid: Type.String(), alg: Type.String(), use: Type.Literal('sig'), crv: Type.Optional(Type.String()), x: Type.Optional(Type.String()), y: Type.Optional(Type.String()) },
  { title: 'Jwk' },
);
export const Jwks = Type.Object({ keys: Type.Array(Jwk) }, { title: 'Jwks', description: 'The keys app access tokens are signed with (RFC 7517)' });
export type Jwks = Static<typeof Jwks>;
