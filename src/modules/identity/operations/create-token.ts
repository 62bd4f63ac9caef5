// A personal access token of the signed-in user: stored hashed, its secret shown this once. ACC-4:
// only from a session that passed a second factor; the token keeps that session's amr, so it counts as MFA.
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { hashSecret, newSecret } from '../../../platform/auth/tokens.js';
import type { NewAccessToken, TokenBody } from '../contract.js';
import { requireMfaSession } from '../mfa/rules.js';
import { accessTokens } from '../schema.js';
import { tokenView } from '../views.js';
import type { IdentityDeps } from './deps.js';

export async function createToken(deps: IdentityDeps, ctx: RequestContext, input: TokenBody): Promise<NewAccessToken> {
  const actor = ctx.actor!;
  requireMfaSession(actor);
  const token = newSecret('ccp');
  return deps.platform.transaction(async (tx) => {
    const [row] = await tx
      .insert(accessTokens)
      .values({
        userId: actor.userId,
        name: input.name.trim(),
        tokenHash: hashSecret(token),
        prefix: token.slice(0, 8),
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        amr: [...(actor.amr ?? [])],
      })
      .returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'accessToken.created', resourceType: 'accessToken', resourceId: row!.id, after: tokenView(row!) });
    return { ...tokenView(row!), token };
  });
}
