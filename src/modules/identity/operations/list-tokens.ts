// The signed-in user's personal access tokens that are not revoked, oldest first.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { AccessTokens } from '../contract.js';
import { accessTokens } from '../schema.js';
import { tokenView } from '../views.js';
import type { IdentityDeps } from './deps.js';

export async function listTokens(deps: IdentityDeps, actor: Actor): Promise<AccessTokens> {
  const rows = await deps.db
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, actor.userId), isNull(accessTokens.revokedAt)))
    .orderBy(asc(accessTokens.createdAt));
  return { totalCount: rows.length, items: rows.map(tokenView), links: {} };
}
