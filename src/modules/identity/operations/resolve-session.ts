// The actor behind a session token, or undefined when unknown, expired, idle too long or revoked; its
// last use is written at most once a minute. One prepared query (reads.ts) per request.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { hashSecret } from '../../../platform/auth/tokens.js';
import { actorFor } from '../reads.js';
import { sessionIsLive } from '../rules.js';
import { sessions } from '../schema.js';
import type { IdentityDeps } from './deps.js';

export async function resolveSession(deps: IdentityDeps, token: string): Promise<Actor | undefined> {
  if (token.length > 200) return undefined;
  const [row] = await deps.statements.sessionByHash.execute({ hash: hashSecret(token) });
  const now = new Date();
  if (!row || !sessionIsLive(row.session, now) || row.user.state !== 'active') return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  return actorFor(deps, row.user, 'session', row.session.id, row.isOperator, row.isPublisher, { ...row.mfa, amr: row.session.amr });
}
