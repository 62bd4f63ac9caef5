// ACC-4: registers the passkey the browser created for the options it was given: the challenge is
// found by the client data and taken once (mine, unexpired, unused), the attestation verified by
// @simplewebauthn/server against this deployment's RP ID and origin, and the credential stored with
// its public key and counter. The first second factor comes with the ten recovery codes (shown once),
// and the session that registered it has now passed a passkey. Audited without any key material.
import { webauthn } from '../webauthn.js';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Actor } from '../../../../platform/access.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { isUniqueViolation } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import type { PasskeyBody, RegisteredPasskey } from '../passkeys-contract.js';
import { challengeOfClientData } from '../passkeys-rules.js';
import { passkeyView } from '../passkeys-views.js';
import { passkeyRegistrations, passkeys } from '../schema.js';
import { factorsOf, hasFactor } from '../reads.js';
import { addSessionAmr } from './add-session-amr.js';
import { issueRecoveryCodesIfFirstFactor } from './issue-recovery-codes.js';
import type { PasskeysDeps } from './passkeys-deps.js';

const invalid = () => new AppError('passkey_invalid', {}, [{ path: '/passkey', code: 'passkey_invalid' }]);

export async function registerPasskey(deps: PasskeysDeps, ctx: RequestContext, body: PasskeyBody): Promise<RegisteredPasskey> {
  const actor = ctx.actor!;
  await requireMfaToAddFactor(deps, actor);
  const challenge = challengeOfClientData(body.passkey.response.clientDataJSON);
  if (!challenge) throw invalid();
  // Taken before it is checked: a wrong answer uses the challenge up too.
  const [registration] = await deps.db
    .update(passkeyRegistrations)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(passkeyRegistrations.challenge, challenge),
        eq(passkeyRegistrations.userId, actor.userId),
        isNull(passkeyRegistrations.usedAt),
        gt(passkeyRegistrations.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!registration) throw invalid();
  const verification = await (await webauthn()).verifyRegistrationResponse({
    response: body.passkey,
    expectedChallenge: registration.challenge,
    expectedOrigin: deps.rp.origin,
    expectedRPID: deps.rp.id,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!verification?.verified) throw invalid();
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;

  try {
    return await deps.platform.transaction(async (tx) => {
      const [row] = await tx
        .insert(passkeys)
        .values({
          userId: actor.userId,
          name: body.name.trim(),
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? body.passkey.response.transports ?? [],
          deviceType: credentialDeviceType,
          backedUp: credentialBackedUp,
        })
        .returning();
      const recoveryCodes = await issueRecoveryCodesIfFirstFactor(tx, ctx, actor.userId);
      if (actor.via === 'session' && actor.sessionId) await addSessionAmr(tx, actor.sessionId, 'webauthn');
      await writeAudit(tx, ctx, {
        tenantId: actor.tenantId,
        action: 'mfa.passkeyAdded',
        resourceType: 'passkey',
        resourceId: row!.id,
        after: { userId: actor.userId, name: row!.name, deviceType: row!.deviceType, backedUp: row!.backedUp },
      });
      return { passkey: passkeyView(row!), ...(recoveryCodes ? { recoveryCodes } : {}) };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'passkeys_credential_id_unique')) throw new AppError('passkey_exists');
    throw error;
  }
}

/** ACC-4: once a user has a second factor, another is added only from a session that passed one. */
export async function requireMfaToAddFactor(deps: PasskeysDeps, actor: Actor): Promise<void> {
  if (!actor.mfa && hasFactor(await factorsOf(deps.db, actor.userId))) throw new AppError('mfa_required');
}
