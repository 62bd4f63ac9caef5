// ACC-4: the signed-in user's second factors (never a secret), its recovery codes left, and where it
// and this credential stand with the policies.
import type { Actor } from '../../../../platform/access.js';
import type { MyMfa } from '../contract.js';
import { passkeyViews } from '../passkeys-reads.js';
import { factorsOf, mfaStatusOf } from '../reads.js';
import type { MfaDeps } from './deps.js';

export async function getMyMfa(deps: MfaDeps, actor: Actor): Promise<MyMfa> {
  const factors = await factorsOf(deps.db, actor.userId);
  const status = await mfaStatusOf(deps.db, actor.userId, actor.amr ?? []);
  return { totp: { enrolled: factors.totp }, passkeys: await passkeyViews(deps.db, actor.userId), recoveryCodesRemaining: factors.recoveryCodesRemaining, ...status };
}
