// ACC-4, for the demo only: a confirmed authenticator app for the context's user, with a secret the
// demo derives from a value of its own (so `npm run mfa-code -- <email>` can print the current code),
// and its recovery codes. Not on the API: a person's secret is always the server's random one.
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { mfaTotp } from '../schema.js';
import type { MfaDeps } from './deps.js';
import { issueRecoveryCodesIfFirstFactor } from './issue-recovery-codes.js';

export async function enrolTotpWithSecret(deps: MfaDeps, ctx: RequestContext, secret: string): Promise<void> {
  const actor = ctx.actor!;
  await deps.platform.transaction(async (tx) => {
    await tx.insert(mfaTotp).values({ userId: actor.userId, secretSealed: deps.box.seal(secret), confirmedAt: new Date() });
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.totpAdded', resourceType: 'user', resourceId: actor.userId });
    await issueRecoveryCodesIfFirstFactor(tx, ctx, actor.userId);
  });
}
