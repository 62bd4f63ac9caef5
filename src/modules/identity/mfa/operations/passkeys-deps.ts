// What the passkey operations are built with (passkeys-service.ts makes it once): the relying party
// this deployment is and the sign-in's challenge completion from the rest of mfa/ (bound to its own
// dependencies there), so a passkey sign-in ends exactly like a code's: attempts counted, the
// challenge used once, the session started with its amr.
import type { Config } from '../../../../config.js';
import type { Db } from '../../../../db/index.js';
import type { Platform } from '../../../../platform/context.js';
import type { RelyingParty } from '../passkeys-rules.js';
import type { completeChallenge } from './complete-challenge.js';

type AfterDeps<F> = F extends (deps: never, ...args: infer A) => infer R ? (...args: A) => R : never;

export interface PasskeysDeps {
  platform: Platform;
  db: Db;
  config: Config;
  rp: RelyingParty;
  completeChallenge: AfterDeps<typeof completeChallenge>;
}
