// ACC-4: checks a passkey's signature against the challenge the caller was given — a passkey that
// exists (and belongs to the expected user, when one is expected; its user handle must agree), this
// deployment's RP ID and origin, user verification when required, and the signature counter as
// @simplewebauthn/server checks it (a counter that does not grow is a cloned authenticator: refused).
// The passkey's row is locked while its counter moves, so two signatures cannot both pass with one count.
import { webauthn } from '../webauthn.js';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../../../db/index.js';
import type { PasskeyAssertion } from '../passkeys-contract.js';
import { userIdOfHandle } from '../passkeys-rules.js';
import { credentialOf, type PasskeyRow } from '../passkeys-views.js';
import { passkeys } from '../schema.js';
import type { PasskeysDeps } from './passkeys-deps.js';

export interface AssertionCheck {
  assertion: PasskeyAssertion;
  expectedChallenge: string;
  /** The user the sign-in already named (the second step); none for a passwordless sign-in. */
  userId?: string;
  requireUserVerification: boolean;
}

/** The passkey that signed, its counter and last use updated; undefined when the signature does not hold. */
export async function verifyPasskeyAssertion(deps: PasskeysDeps, tx: Tx, check: AssertionCheck): Promise<PasskeyRow | undefined> {
  const { assertion } = check;
  const [row] = await tx.select().from(passkeys).where(eq(passkeys.credentialId, assertion.id)).for('update');
  if (!row) return undefined;
  if (check.userId !== undefined && row.userId !== check.userId) return undefined;
  if (assertion.response.userHandle !== undefined && userIdOfHandle(assertion.response.userHandle) !== row.userId) return undefined;
  const verification = await (await webauthn()).verifyAuthenticationResponse({
    response: assertion,
    expectedChallenge: check.expectedChallenge,
    expectedOrigin: deps.rp.origin,
    expectedRPID: deps.rp.id,
    credential: credentialOf(row),
    requireUserVerification: check.requireUserVerification,
  }).catch(() => undefined);
  if (!verification?.verified) return undefined;
  const [updated] = await tx
    .update(passkeys)
    .set({ counter: verification.authenticationInfo.newCounter, backedUp: verification.authenticationInfo.credentialBackedUp, lastUsedAt: new Date() })
    .where(eq(passkeys.id, row.id))
    .returning();
  return updated;
}

/**
 * The second step of a sign-in with a passkey: whether `assertion` answers the WebAuthn challenge
 * issued for this sign-in (`expectedChallenge`; none asked for → false) with one of the user's
 * passkeys. Called inside the transaction that takes the sign-in's challenge.
 */
export async function verifySecondFactorPasskey(
  deps: PasskeysDeps,
  tx: Tx,
  input: { userId: string; expectedChallenge: string | null | undefined; assertion: PasskeyAssertion },
): Promise<boolean> {
  if (!input.expectedChallenge) return false;
  const row = await verifyPasskeyAssertion(deps, tx, { assertion: input.assertion, expectedChallenge: input.expectedChallenge, userId: input.userId, requireUserVerification: false });
  return row !== undefined;
}
