// ACC-4: renames one of the caller's own passkeys (anyone else's is "not found"). Audited.
import { and, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import type { Passkey } from '../passkeys-contract.js';
import { passkeyView } from '../passkeys-views.js';
import { passkeys } from '../schema.js';
import type { PasskeysDeps } from './passkeys-deps.js';

export async function renamePasskey(deps: PasskeysDeps, ctx: RequestContext, passkeyId: string, name: string): Promise<Passkey> {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const [before] = await tx.select().from(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, actor.userId))).for('update');
    if (!before) throw notFound('passkey');
    const [row] = await tx.update(passkeys).set({ name: name.trim() }).where(eq(passkeys.id, passkeyId)).returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'mfa.passkeyRenamed', resourceType: 'passkey', resourceId: passkeyId, before: { name: before.name }, after: { name: row!.name } });
    return passkeyView(row!);
  });
}
