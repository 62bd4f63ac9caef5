// The actor behind a personal access token, or undefined when unknown, expired or revoked; its last
// use is written at most once a minute. One prepared query (reads.ts) per request.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { hashSecret } from '../../../platform/auth/tokens.js';
import { actorFor } from '../reads.js';
import { accessTokens } from '../schema.js';
import type { IdentityDeps } from './deps.js';

export async function resolveAccessToken(deps: IdentityDeps, token: string): Promise<Actor | undefined> {
  if (token.length > 200) return undefined;
  const [row] = await deps.statements.tokenByHash.execute({ hash: hashSecret(token), now: new Date() });
  if (!row || row.user.state !== 'active') return undefined;
  const now = new Date();
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) {
    await deps.db.update(accessTokens).set({ lastUsedAt: now }).where(eq(accessTokens.id, row.token.id));
  }
  return actorFor(deps, row.user, 'token', undefined, row.isOperator, row.isPublisher, { ...row.mfa, amr: row.token.amr });
}
