// ACC-4: ten single-use recovery codes, shown once and stored hashed; issuing replaces any before. A
// user's first second factor (TOTP or passkey) comes with them; later ones do not.
import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { hashSecret } from '../../../../platform/auth/tokens.js';
import { passkeyCount } from '../passkeys-reads.js';
import { recoveryCodeCount, recoveryCodeFrom } from '../rules.js';
import { mfaRecoveryCodes, mfaTotp } from '../schema.js';

export async function issueRecoveryCodes(tx: Queryable, userId: string): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, () => recoveryCodeFrom(randomBytes(10)));
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx.insert(mfaRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashSecret(code) })));
  return codes;
}

/**
 * The recovery codes when the factor just added inside `tx` is the user's first (no other confirmed
 * TOTP, no other passkey, no codes yet); undefined otherwise. Audited without the codes.
 */
export async function issueRecoveryCodesIfFirstFactor(tx: Queryable, ctx: RequestContext, userId: string): Promise<string[] | undefined> {
  const [codes] = await tx.select({ id: mfaRecoveryCodes.id }).from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId)).limit(1);
  if (codes) return undefined;
  const [totp] = await tx.select({ userId: mfaTotp.userId }).from(mfaTotp).where(and(eq(mfaTotp.userId, userId), isNotNull(mfaTotp.confirmedAt)));
  const factors = (totp ? 1 : 0) + (await passkeyCount(tx, userId));
  if (factors > 1) return undefined;
  const issued = await issueRecoveryCodes(tx, userId);
  await writeAudit(tx, ctx, { tenantId: ctx.actor?.tenantId ?? null, action: 'mfa.recoveryCodesIssued', resourceType: 'user', resourceId: userId, after: { count: issued.length } });
  return issued;
}
