// The shapes MFA shows the world (ACC-4), declared once: the sign-in's second step, the signed-in
// user's factors, TOTP enrolment, recovery codes, the program's and a tenant's MFA policy, and a
// second-factor reset. Secrets (the TOTP secret, recovery codes) appear only in the answer that
// creates them.
import { Type, type Static } from '@sinclair/typebox';
import { Passkey, PasskeyAssertion } from './passkeys-contract.js';

// The passkey shapes are part of MFA's contract (the portal imports them from here).
export * from './passkeys-contract.js';

const strict = { additionalProperties: false } as const;

/** Where the signed-in user stands with MFA (GET /v1/me and the sign-in's answer carry it). */
export const MfaStatus = Type.Object(
  {
    /** The program's or the tenant's policy requires this user to have a second factor. */
    required: Type.Boolean(),
    /** Required and the user has none yet: every request but enrolment answers 403 mfa_enrolment_required. */
    enrolmentRequired: Type.Boolean(),
    /** This session (or token) passed a second factor. */
    sessionMfa: Type.Boolean(),
  },
  { title: 'MfaStatus' },
);
export type MfaStatus = Static<typeof MfaStatus>;

export const MfaMethod = Type.Union([Type.Literal('totp'), Type.Literal('passkey'), Type.Literal('recoveryCode')]);
export type MfaMethod = Static<typeof MfaMethod>;

/** The password was right and the user has a second factor: no session yet, the challenge to answer. */
export const MfaChallengeStarted = Type.Object(
  { mfaRequired: Type.Literal(true), challengeId: Type.String(), methods: Type.Array(MfaMethod), expiresAt: Type.String({ format: 'date-time' }) },
  { title: 'MfaChallengeStarted' },
);
export type MfaChallengeStarted = Static<typeof MfaChallengeStarted>;

const TotpCode = Type.String({ minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$' });
const RecoveryCode = Type.String({ minLength: 10, maxLength: 24, pattern: '^[A-Za-z0-9 -]+$' });

/** The second step: exactly one of a TOTP code, a recovery code or a passkey's assertion. */
export const MfaSignInBody = Type.Object(
  {
    challengeId: Type.String({ format: 'uuid' }),
    code: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(RecoveryCode),
    passkey: Type.Optional(PasskeyAssertion),
  },
  strict,
);
export type MfaSignInBody = Static<typeof MfaSignInBody>;

export const MyMfa = Type.Object(
  {
    totp: Type.Object({ enrolled: Type.Boolean() }),
    passkeys: Type.Array(Passkey),
    recoveryCodesRemaining: Type.Integer(),
    required: Type.Boolean(),
    enrolmentRequired: Type.Boolean(),
    sessionMfa: Type.Boolean(),
  },
  { title: 'MyMfa' },
);
export type MyMfa = Static<typeof MyMfa>;

/** A TOTP authenticator waiting for its first code: the secret, shown this once. */
export const TotpEnrolment = Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrCodeSvg: Type.String() }, { title: 'TotpEnrolment' });
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpConfirmBody = Type.Object({ code: TotpCode }, strict);
export type TotpConfirmBody = Static<typeof TotpConfirmBody>;

/** Ten recovery codes, shown this once (on the first factor, or when replaced). */
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) }, { title: 'RecoveryCodes' });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const TotpConfirmed = Type.Object({ recoveryCodes: Type.Optional(Type.Array(Type.String())) }, { title: 'TotpConfirmed' });
export type TotpConfirmed = Static<typeof TotpConfirmed>;

export const ProgramMfaPolicy = Type.Object({ enforced: Type.Boolean() }, { ...strict, title: 'ProgramMfaPolicy' });
export type ProgramMfaPolicy = Static<typeof ProgramMfaPolicy>;

export const TenantMfaPolicy = Type.Object({ requireAllUsers: Type.Boolean() }, { ...strict, title: 'TenantMfaPolicy' });
export type TenantMfaPolicy = Static<typeof TenantMfaPolicy>;

export const MfaResetBody = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' })) }, strict);
export type MfaResetBody = Static<typeof MfaResetBody>;
