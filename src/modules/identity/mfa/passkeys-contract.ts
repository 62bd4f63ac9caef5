// The shapes passkeys (WebAuthn) show the world, declared once: a user's registered passkeys (never a
// key or a counter), the options the browser hands to navigator.credentials, and the credential JSON it
// sends back (as @simplewebauthn/browser produces it). Routes validate with them, views return them.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime } from '../../../platform/contract.js';

const strict = { additionalProperties: false } as const;

/** base64url without padding, as WebAuthn's JSON encodes every binary value. */
const Base64Url = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+$' });
const transports = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
const Transport = Type.Union(transports.map((t) => Type.Literal(t)));
const Attachment = Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')]);
/** What the browser's extensions answered (credProps and the like): read by no one, kept open. */
const ExtensionResults = Type.Object({}, { additionalProperties: true });

export const Passkey = Type.Object(
  { id: Type.String(), name: Type.String(), createdAt: DateTime, lastUsedAt: Type.Union([DateTime, Type.Null()]) },
  { title: 'Passkey' },
);
export type Passkey = Static<typeof Passkey>;

export const PasskeyName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

/** A new passkey as navigator.credentials.create() answered it (a RegistrationResponseJSON). */
export const PasskeyAttestation = Type.Object(
  {
    id: Base64Url(1366),
    rawId: Base64Url(1366),
    type: Type.Literal('public-key'),
    authenticatorAttachment: Type.Optional(Attachment),
    clientExtensionResults: ExtensionResults,
    response: Type.Object(
      {
        clientDataJSON: Base64Url(8192),
        attestationObject: Base64Url(65536),
        authenticatorData: Type.Optional(Base64Url(65536)),
        transports: Type.Optional(Type.Array(Transport, { maxItems: 7, uniqueItems: true })),
        publicKeyAlgorithm: Type.Optional(Type.Integer()),
        publicKey: Type.Optional(Base64Url(8192)),
      },
      strict,
    ),
  },
  { ...strict, title: 'PasskeyAttestation' },
);
export type PasskeyAttestation = Static<typeof PasskeyAttestation>;

/** A signature by a passkey as navigator.credentials.get() answered it (an AuthenticationResponseJSON). */
export const PasskeyAssertion = Type.Object(
  {
    id: Base64Url(1366),
    rawId: Base64Url(1366),
    type: Type.Literal('public-key'),
    authenticatorAttachment: Type.Optional(Attachment),
    clientExtensionResults: ExtensionResults,
    response: Type.Object(
      {
        clientDataJSON: Base64Url(8192),
        authenticatorData: Base64Url(65536),
        signature: Base64Url(8192),
        userHandle: Type.Optional(Base64Url(128)),
      },
      strict,
    ),
  },
  { ...strict, title: 'PasskeyAssertion' },
);
export type PasskeyAssertion = Static<typeof PasskeyAssertion>;

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Descriptor = Type.Object({ id: Type.String(), type: Type.Literal('public-key'), transports: Type.Optional(Type.Array(Transport)) });
const UserVerification = literals(['required', 'preferred', 'discouraged'] as const);
const Hints = Type.Array(literals(['hybrid', 'security-key', 'client-device'] as const));

/** PublicKeyCredentialCreationOptionsJSON: what the browser asks the authenticator to create. */
export const PasskeyRegistrationOptions = Type.Object(
  {
    challenge: Type.String(),
    rp: Type.Object({ id: Type.Optional(Type.String()), name: Type.String() }),
    user: Type.Object({ id: Type.String(), name: Type.String(), displayName: Type.String() }),
    pubKeyCredParams: Type.Array(Type.Object({ type: Type.Literal('public-key'), alg: Type.Integer() })),
    timeout: Type.Optional(Type.Integer()),
    excludeCredentials: Type.Optional(Type.Array(Descriptor)),
    authenticatorSelection: Type.Optional(
      Type.Object({
        authenticatorAttachment: Type.Optional(Attachment),
        residentKey: Type.Optional(literals(['required', 'preferred', 'discouraged'] as const)),
        requireResidentKey: Type.Optional(Type.Boolean()),
        userVerification: Type.Optional(UserVerification),
      }),
    ),
    attestation: Type.Optional(literals(['none', 'indirect', 'direct', 'enterprise'] as const)),
    hints: Type.Optional(Hints),
    extensions: Type.Optional(Type.Object({ credProps: Type.Optional(Type.Boolean()) })),
  },
  { title: 'PasskeyRegistrationOptions' },
);
export type PasskeyRegistrationOptions = Static<typeof PasskeyRegistrationOptions>;

/** PublicKeyCredentialRequestOptionsJSON: what the browser asks an authenticator to sign. */
export const PasskeyAuthenticationOptions = Type.Object(
  {
    challenge: Type.String(),
    rpId: Type.Optional(Type.String()),
    timeout: Type.Optional(Type.Integer()),
    allowCredentials: Type.Optional(Type.Array(Descriptor)),
    userVerification: Type.Optional(UserVerification),
    hints: Type.Optional(Hints),
  },
  { title: 'PasskeyAuthenticationOptions' },
);
export type PasskeyAuthenticationOptions = Static<typeof PasskeyAuthenticationOptions>;

// ---------------------------------------------------------------- registration (the signed-in user)

export const PasskeyBody = Type.Object({ name: PasskeyName, passkey: PasskeyAttestation }, strict);
export type PasskeyBody = Static<typeof PasskeyBody>;

export const PasskeyPatch = Type.Object({ name: PasskeyName }, strict);
export type PasskeyPatch = Static<typeof PasskeyPatch>;

export const PasskeyParams = Type.Object({ passkeyId: Type.String({ format: 'uuid' }) }, strict);

/** A passkey just registered; with the ten recovery codes when it is the user's first second factor (shown once). */
export const RegisteredPasskey = Type.Object({ passkey: Passkey, recoveryCodes: Type.Optional(Type.Array(Type.String())) }, { title: 'RegisteredPasskey' });
export type RegisteredPasskey = Static<typeof RegisteredPasskey>;

// ---------------------------------------------------------------- sign-in

export const MfaChallengeBody = Type.Object({ challengeId: Type.String({ format: 'uuid' }) }, strict);
export type MfaChallengeBody = Static<typeof MfaChallengeBody>;

export const PasskeySignInOptionsBody = Type.Object({}, strict);

/** Options for a passwordless sign-in (discoverable credentials: no allowCredentials) and the challenge to answer. */
export const PasskeySignInOptions = Type.Object({ challengeId: Type.String(), options: PasskeyAuthenticationOptions }, { title: 'PasskeySignInOptions' });
export type PasskeySignInOptions = Static<typeof PasskeySignInOptions>;

export const PasskeySignInBody = Type.Object({ challengeId: Type.String({ format: 'uuid' }), passkey: PasskeyAssertion }, strict);
export type PasskeySignInBody = Static<typeof PasskeySignInBody>;
