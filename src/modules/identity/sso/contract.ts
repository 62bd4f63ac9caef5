// The shapes single sign-on shows the world, declared once: the tenant's identity provider connection
// (never its client secret), its claimed email domains with the DNS TXT record that proves control
// (ACC-5), and the sign-in through it. Routes validate and serialize with them, views return them.
import { Type, type Static } from '@sinclair/typebox';
import { Collection, DateTime } from '../../../platform/contract.js';

const strict = { additionalProperties: false } as const;

export const IdentityProviderConnection = Type.Object(
  {
    issuer: Type.String(),
    clientId: Type.String(),
    clientSecretSet: Type.Literal(true),
    domains: Type.Array(Type.String(), { description: 'The verified domains that sign in through it (ACC-5)' }),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { title: 'IdentityProviderConnection' },
);
export type IdentityProviderConnection = Static<typeof IdentityProviderConnection>;

export const IdentityProviderDomain = Type.Object(
  {
    domain: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('verified')]),
    record: Type.Object(
      { type: Type.Literal('TXT'), name: Type.String(), value: Type.String() },
      { description: 'The DNS record to publish; verifying looks it up' },
    ),
    createdAt: DateTime,
    verifiedAt: Type.Union([DateTime, Type.Null()]),
  },
  { title: 'IdentityProviderDomain' },
);
export type IdentityProviderDomain = Static<typeof IdentityProviderDomain>;
export const IdentityProviderDomains = Collection(IdentityProviderDomain, 'IdentityProviderDomains');
export type IdentityProviderDomains = Static<typeof IdentityProviderDomains>;

export const DomainParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), domain: Type.String({ minLength: 1, maxLength: 253 }) }, strict);

export const ConnectionBody = Type.Object(
  {
    issuer: Type.String({ minLength: 1, maxLength: 500 }),
    clientId: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Write-only: required when connecting, left out to keep the stored one' })),
  },
  strict,
);
export type ConnectionBody = Static<typeof ConnectionBody>;

export const DomainBody = Type.Object({ domain: Type.String({ minLength: 1, maxLength: 253 }) }, strict);

export const SsoStartBody = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), next: Type.Optional(Type.String({ maxLength: 1000 })) }, strict);
export const SsoStarted = Type.Object({ authorizationUrl: Type.String() });

// Providers add parameters of their own (session_state, scope …): every one is passed on to the check.
export const SsoCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4000 })),
    state: Type.Optional(Type.String({ maxLength: 4000 })),
    iss: Type.Optional(Type.String({ maxLength: 4000 })),
    error: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: Type.String({ maxLength: 4000 }) },
);
export const SsoRedirect = Type.Null({ description: 'Redirect to the portal (signed in) or to /signin?ssoError=<code>' });
