// MFA rules as pure functions (ACC-4): who must have a second factor, what a sign-in's amr proves,
// which TOTP steps are accepted, and the shape of recovery codes.
import { hasPermission, type Role, type TenantKind } from '../../../platform/access.js';
import { AppError } from '../../../platform/errors.js';

/** RFC 6238: 30-second steps, six digits, SHA-1 (what every authenticator app reads from the QR code). */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** ±1 step of clock drift. */
export const totpWindow = 1;
/** A sign-in between the password and the second factor stays open this long, for one use. */
export const challengeMinutes = 5;
export const recoveryCodeCount = 10;
/** Wrong codes a user may enter before 429 (per user, across challenges and addresses, atomic). */
export const codeAttemptLimit = { perUser: 5, windowSeconds: 15 * 60 } as const;

/** The partner roles that need a second factor where the program enforces MFA. */
export const adminRoles: readonly Role[] = ['globalAdmin', 'userManagementAdmin', 'billingAdmin', 'adminAgent'];

/** The authentication methods a session can record (RFC 8176 names). */
export const amrValues = ['pwd', 'otp', 'webauthn', 'sso', 'mfa'] as const;
export type Amr = (typeof amrValues)[number];

/** ACC-4: the credential passed a second factor: a code or a passkey, or the identity provider said it did MFA. */
export function passedMfa(amr: readonly string[]): boolean {
  return amr.includes('otp') || amr.includes('webauthn') || (amr.includes('sso') && amr.includes('mfa'));
}

/** The amr after a further method (kept once, in order). */
export function withAmr(amr: readonly string[], method: Amr): string[] {
  return amr.includes(method) ? [...amr] : [...amr, method];
}

export interface MfaRequirementInput {
  /** The program's enforcement (the operator's setting). */
  enforced: boolean;
  tenantKind: TenantKind;
  roles: readonly string[];
  /** The user's tenant requires a second factor of all its users (its global admin's setting). */
  tenantRequiresAll: boolean;
}

/**
 * ACC-4: must this user have a second factor? Where the program enforces MFA: the operator's users and
 * partner users holding an admin role. Whatever the program says: every user of a tenant that requires it.
 */
export function mfaRequiredFor(input: MfaRequirementInput): boolean {
  if (input.tenantRequiresAll) return true;
  if (!input.enforced) return false;
  if (input.tenantKind === 'operator') return true;
  return input.tenantKind === 'partner' && input.roles.some((role) => (adminRoles as readonly string[]).includes(role));
}

/**
 * ACC-4: a TOTP code's step is accepted once: only a step after the newest one this user already used.
 * `step`: the step the code matched (within the drift window), or null when it matched none.
 */
export function totpStepAccepted(step: number | null, lastUsedStep: number | null): step is number {
  return step !== null && (lastUsedStep === null || step > lastUsedStep);
}

const recoveryAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A recovery code from 10 random bytes: ten characters (50 bits) shown as XXXXX-XXXXX. */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  const chars = Array.from(bytes.subarray(0, 10), (b) => recoveryAlphabet[b % 32]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** A recovery code as typed (any case, spaces or dashes anywhere) in the form it is hashed in. */
export function normalizeRecoveryCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  return compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}

/** What a user with these factors may answer a sign-in challenge with. */
export function methodsOf(factors: { totp: boolean; passkeys: number; recoveryCodesRemaining: number }): ('totp' | 'passkey' | 'recoveryCode')[] {
  return [...(factors.totp ? (['totp'] as const) : []), ...(factors.passkeys > 0 ? (['passkey'] as const) : []), ...(factors.recoveryCodesRemaining > 0 ? (['recoveryCode'] as const) : [])];
}

/** ACC-4: what only a session that passed a second factor may do (a token made from one counts). */
export function requireMfaSession(actor: { mfa?: boolean }): void {
  if (actor.mfa !== true) throw new AppError('mfa_required');
}

export interface MfaResetInput {
  actor: { userId: string; tenantId: string; roles: readonly string[]; isOperator: boolean; app?: unknown };
  target: { id: string; tenantId: string; roles: readonly string[] };
  reason?: string;
}

/**
 * ACC-4: who may reset a user's second factor: a global admin of the user's own tenant (in the
 * operator's, its admins and support engineers: access.ts users.resetMfa), or — for a locked-out global admin of any other tenant — the
 * operator's support (support engineer, operator admin), with a reason. Never one's own, never an app.
 * Null when allowed; otherwise the refusal ('reason_required' is a 400 on /reason).
 */
export function mfaResetProblem({ actor, target, reason }: MfaResetInput): 'forbidden' | 'cannot_change_own_state' | 'reason_required' | null {
  if (actor.app) return 'forbidden';
  if (target.id === actor.userId) return 'cannot_change_own_state';
  if (actor.tenantId === target.tenantId) return hasPermission(actor.roles, 'users.resetMfa') ? null : 'forbidden';
  const support = actor.isOperator && (actor.roles.includes('supportEngineer') || actor.roles.includes('operatorAdmin'));
  if (!support || !target.roles.includes('globalAdmin')) return 'forbidden';
  return reason?.trim() ? null : 'reason_required';
}
