// The signed-in user, its tenant, programs and permissions, where it stands with MFA (ACC-4), and (for a
// session) the CSRF token.
import { eq } from 'drizzle-orm';
import { type Actor, permissionsOf } from '../../../platform/access.js';
import { csrfTokenFor } from '../../../platform/auth/tokens.js';
import type { Me } from '../contract.js';
import { mfaStatusOf } from '../mfa/reads.js';
import { loadUser, memberships } from '../reads.js';
import { tenants } from '../schema.js';
import { tenantView, userView } from '../views.js';
import type { IdentityDeps } from './deps.js';

export async function getMe(deps: IdentityDeps, actor: Actor, sessionToken?: string): Promise<Omit<Me, 'warnings'>> {
  const { db } = deps;
  const user = await loadUser(db, actor.userId);
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, actor.tenantId));
  return {
    user: userView(user),
    tenant: tenantView(tenant!),
    memberships: await memberships(db, actor.tenantId),
    permissions: permissionsOf(user.roles),
    mfa: await mfaStatusOf(db, actor.userId, actor.amr ?? []),
    ...(sessionToken ? { csrfToken: csrfTokenFor(sessionToken, deps.config.sessionSecret) } : {}),
  };
}
