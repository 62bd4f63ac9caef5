// Sign-in with a password. Each attempt is reserved against its (account, address) pair and its
// account before the password is checked, so parallel guesses pass no more than the limit; a failure
// keeps its reservation, a correct password gives back its pair's. Other accounts' failures from the
// same address only slow it down. Once the user's email domain signs in through its tenant's identity
// provider, only global admins keep password sign-in (ACC-5). A user with a second factor gets a
// challenge instead of a session (ACC-4).
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestContext } from '../../../platform/audit.js';
import { decoyPasswordHash, verifyPassword } from '../../../platform/auth/passwords.js';
import { AppError } from '../../../platform/errors.js';
import { attemptCount, forgiveAttempts, recordAttempt, releaseAttempt, reserveAttempt, slowdownMs } from '../../../platform/rate-limit.js';
import type { SignInBody } from '../contract.js';
import { createChallenge } from '../mfa/operations/create-challenge.js';
import { factorsOf, hasFactor } from '../mfa/reads.js';
import { methodsOf } from '../mfa/rules.js';
import { findUserByEmail } from '../reads.js';
import { signInKeys, signInLimits, signInWindowSeconds } from '../rules.js';
import { domainUsesSso } from '../sso/reads.js';
import { passwordSignInAllowed } from '../sso/rules.js';
import type { IdentityDeps } from './deps.js';
import { startSession } from './start-session.js';

export async function signIn(deps: IdentityDeps, ctx: RequestContext, input: SignInBody, userAgent?: string) {
  const { db } = deps;
  const keys = signInKeys(input.email, ctx.ip);
  const delay = slowdownMs(await attemptCount(db, keys.address, signInWindowSeconds), signInLimits.addressSlowdown);
  if (delay > 0) await sleep(delay);
  let wait = await reserveAttempt(db, keys.pair, signInLimits.perAccountAndAddress, signInWindowSeconds);
  if (wait === 0) {
    wait = await reserveAttempt(db, keys.account, signInLimits.perAccount, signInWindowSeconds);
    if (wait > 0) await releaseAttempt(db, keys.pair);
  }
  if (wait > 0) throw new AppError('too_many_attempts', { seconds: wait }, [], { 'Retry-After': String(wait) });
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !valid || user.state !== 'active') {
    await recordAttempt(db, keys.address, signInWindowSeconds);
    throw new AppError('invalid_credentials');
  }
  await forgiveAttempts(db, keys.pair, keys.account, signInWindowSeconds);
  if (!passwordSignInAllowed(user, await domainUsesSso(db, user))) throw new AppError('sso_required');
  // ACC-4: a user with a second factor gets a challenge to answer (POST /v1/auth/sessions/mfa), no session yet.
  const factors = await factorsOf(db, user.id);
  if (hasFactor(factors)) {
    const challenge = await createChallenge(db, user.id, ['pwd']);
    return { challenge: { mfaRequired: true as const, challengeId: challenge.id, methods: methodsOf(factors), expiresAt: challenge.expiresAt.toISOString() } };
  }
  return startSession(deps, ctx, user, userAgent, { method: 'password' });
}
