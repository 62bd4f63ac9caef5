// Removes a claim: the domain stops signing in through the connection (its routing row goes with it)
// and its users sign in with passwords again.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import { identityProviderDomainClaims } from '../../schema.js';
import { ownClaim } from '../reads.js';
import { normalizeDomain } from '../rules.js';
import { claimAudit } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function removeDomain(deps: SsoDeps, ctx: RequestContext, tenantId: string, rawDomain: string) {
  const domain = normalizeDomain(rawDomain);
  await deps.platform.transaction(async (tx) => {
    const before = await ownClaim(tx, tenantId, domain, true);
    if (!before) throw notFound('identityProviderDomain');
    await tx.delete(identityProviderDomainClaims).where(eq(identityProviderDomainClaims.id, before.id));
    await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.domainRemoved', resourceType: 'identityProviderDomain', resourceId: before.id, before: claimAudit(before) });
  });
}
