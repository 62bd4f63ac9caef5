// ACC-4: once a user's last second factor is gone, its recovery codes go too (they only stand in for one).
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../../db/index.js';
import type { RequestContext } from '../../../../platform/audit.js';
import { factorsOf, hasFactor } from '../reads.js';
import { mfaRecoveryCodes } from '../schema.js';

export async function afterFactorRemoved(tx: Queryable, _ctx: RequestContext, userId: string): Promise<void> {
  if (hasFactor(await factorsOf(tx, userId))) return;
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
}
