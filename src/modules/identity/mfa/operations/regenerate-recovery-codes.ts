// ACC-4: ten new recovery codes replace all of the user's others, from a session that passed a second
// factor; shown this once, audited without them.
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { AppError } from '../../../../platform/errors.js';
import type { RecoveryCodes } from '../contract.js';
import { factorsOf, hasFactor } from '../reads.js';
import { requireMfaSession } from '../rules.js';
import type { MfaDeps } from './deps.js';
import { issueRecoveryCodes } from './issue-recovery-codes.js';

export async function regenerateRecoveryCodes(deps: MfaDeps, ctx: RequestContext): Promise<RecoveryCodes> {
  const actor = ctx.actor!;
  requireMfaSession(actor);
  return deps.platform.transaction(async (tx) => {
    if (!hasFactor(await factorsOf(tx, actor.userId))) throw new AppError('mfa_not_enrolled');
    const recoveryCodes = await issueRecoveryCodes(tx, actor.userId);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.recoveryCodesIssued', resourceType: 'user', resourceId: actor.userId, after: { count: recoveryCodes.length } });
    return { recoveryCodes };
  });
}
