// A new session for a user whose credentials were checked (a password, or the identity provider's ID
// token): a fresh random session ID, stored hashed, and its audit record saying how.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { csrfTokenFor, hashSecret, newSecret } from '../../../platform/auth/tokens.js';
import type { SignedIn } from '../contract.js';
import { sessionAbsoluteDays } from '../rules.js';
import { sessions, tenants } from '../schema.js';
import { tenantView, userView, type UserRow } from '../views.js';
import type { IdentityDeps } from './deps.js';

export type SignInMethod = { method: 'password' } | { method: 'sso'; identityProviderId: string; issuer: string };

export async function startSession(
  deps: IdentityDeps,
  ctx: RequestContext,
  user: UserRow,
  userAgent: string | undefined,
  how: SignInMethod,
): Promise<{ token: string; expiresAt: Date; body: SignedIn }> {
  const token = newSecret('ccs');
  const session = await deps.platform.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({
        tokenHash: hashSecret(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + sessionAbsoluteDays * 86_400_000),
        ip: ctx.ip ?? null,
        userAgent: userAgent?.slice(0, 500) ?? null,
      })
      .returning();
    await writeAudit(tx, ctx, {
      actorUserId: user.id,
      actorTenantId: user.tenantId,
      tenantId: user.tenantId,
      action: how.method === 'sso' ? 'session.createdViaSso' : 'session.created',
      resourceType: 'session',
      resourceId: row!.id,
      after: { userId: user.id, expiresAt: row!.expiresAt, ...how },
    });
    return row!;
  });
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, user.tenantId));
  return {
    token,
    expiresAt: session.expiresAt,
    body: { user: userView(user), tenant: tenantView(tenant!), csrfToken: csrfTokenFor(token, deps.config.sessionSecret) },
  };
}
