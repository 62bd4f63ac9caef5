// A new session for a user whose credentials were checked (a password, or the identity provider's ID
// token): a fresh random session ID, stored hashed, and its audit record saying how.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { csrfTokenFor, hashSecret, newSecret } from '../../../platform/auth/tokens.js';
import type { SignedIn } from '../contract.js';
import { mfaStatusOf } from '../mfa/reads.js';
import { sessionAbsoluteDays } from '../rules.js';
import { sessions, tenants } from '../schema.js';
import { tenantView, userView, type UserRow } from '../views.js';
import type { IdentityDeps } from './deps.js';

/**
 * How the user signed in, for the audit record, and the session's amr (ACC-4): by default what the
 * method proves alone (pwd, sso, webauthn); a second factor or an identity provider's MFA adds to it.
 */
export type SignInMethod = ({ method: 'password' } | { method: 'passkey' } | { method: 'sso'; identityProviderId: string; issuer: string }) & { amr?: readonly string[] };

const amrOfMethod = { password: ['pwd'], passkey: ['webauthn'], sso: ['sso'] } as const;

export async function startSession(
  deps: IdentityDeps,
  ctx: RequestContext,
  user: UserRow,
  userAgent: string | undefined,
  how: SignInMethod,
): Promise<{ token: string; expiresAt: Date; body: SignedIn }> {
  const token = newSecret('ccs');
  const amr = [...(how.amr ?? amrOfMethod[how.method])];
  const session = await deps.platform.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({
        tokenHash: hashSecret(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + sessionAbsoluteDays * 86_400_000),
        ip: ctx.ip ?? null,
        userAgent: userAgent?.slice(0, 500) ?? null,
        amr,
      })
      .returning();
    await writeAudit(tx, ctx, {
      actorUserId: user.id,
      actorTenantId: user.tenantId,
      tenantId: user.tenantId,
      action: how.method === 'sso' ? 'session.createdViaSso' : 'session.created',
      resourceType: 'session',
      resourceId: row!.id,
      after: { userId: user.id, expiresAt: row!.expiresAt, ...how, amr },
    });
    return row!;
  });
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, user.tenantId));
  return {
    token,
    expiresAt: session.expiresAt,
    body: { user: userView(user), tenant: tenantView(tenant!), csrfToken: csrfTokenFor(token, deps.config.sessionSecret), mfa: await mfaStatusOf(deps.db, user.id, amr) },
  };
}
