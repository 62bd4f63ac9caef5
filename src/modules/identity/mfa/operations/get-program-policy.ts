// ACC-4: whether the program enforces MFA (on unless the operator turned it off).
import type { ProgramMfaPolicy } from '../contract.js';
import { programEnforces } from '../reads.js';
import type { MfaDeps } from './deps.js';

export async function getProgramPolicy(deps: MfaDeps): Promise<ProgramMfaPolicy> {
  return { enforced: await programEnforces(deps.db) };
}
