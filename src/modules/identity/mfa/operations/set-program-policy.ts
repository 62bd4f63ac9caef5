// ACC-4: the operator turns the program's MFA enforcement on or off (on by default): for the operator's
// users, partner users holding an admin role, and every request through delegated or REL-4 admin access.
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import type { ProgramMfaPolicy } from '../contract.js';
import { programEnforces } from '../reads.js';
import { mfaProgramPolicy } from '../schema.js';
import type { MfaDeps } from './deps.js';

export async function setProgramPolicy(deps: MfaDeps, ctx: RequestContext, input: ProgramMfaPolicy): Promise<ProgramMfaPolicy> {
  return deps.platform.transaction(async (tx) => {
    const before = await programEnforces(tx);
    await tx
      .insert(mfaProgramPolicy)
      .values({ id: true, enforced: input.enforced })
      .onConflictDoUpdate({ target: mfaProgramPolicy.id, set: { enforced: input.enforced, updatedAt: new Date() } });
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'mfa.programPolicyChanged', resourceType: 'mfaPolicy', before: { enforced: before }, after: { enforced: input.enforced } });
    return { enforced: input.enforced };
  });
}
