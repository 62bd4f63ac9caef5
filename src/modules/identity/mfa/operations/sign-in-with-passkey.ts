// ACC-4: signs in with a passkey alone (a discoverable credential, user verified): the sign-in
// challenge (naming no user) is completed like any other — taken once, inside one transaction with
// the signature check — and the passkey's user gets a session whose amr is [webauthn]: it passed a
// second factor by itself. A challenge of a password sign-in is not answered here. Where the user's
// email domain signs in through its organization's identity provider, a passkey no more replaces it
// than a password does: only global admins keep it (ACC-5).
import type { RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import { findUser } from '../../reads.js';
import { domainUsesSso } from '../../sso/reads.js';
import { passwordSignInAllowed } from '../../sso/rules.js';
import type { PasskeySignInBody } from '../passkeys-contract.js';
import type { PasskeysDeps } from './passkeys-deps.js';
import { verifyPasskeyAssertion } from './verify-passkey-assertion.js';

export async function signInWithPasskey(deps: PasskeysDeps, ctx: RequestContext, body: PasskeySignInBody, userAgent?: string) {
  return deps.completeChallenge(
    ctx,
    body.challengeId,
    'webauthn',
    async (tx, challenge) => {
      if (challenge.userId !== null || !challenge.webauthnChallenge) return null;
      const passkey = await verifyPasskeyAssertion(deps, tx, { assertion: body.passkey, expectedChallenge: challenge.webauthnChallenge, requireUserVerification: true });
      if (!passkey) return null;
      const user = await findUser(tx, passkey.userId);
      if (user && !passwordSignInAllowed(user, await domainUsesSso(tx, user))) throw new AppError('sso_required');
      return passkey.userId;
    },
    userAgent,
  );
}
