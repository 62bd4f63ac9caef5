// ACC-5: a tenant claims an email domain: the TXT record to publish, with a token of its own. Any
// number of tenants may claim a domain until one proves control (409 then); claiming a domain the
// tenant already claimed answers that claim; at most maxClaimedDomains per tenant.
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { isUniqueViolation } from '../../../../platform/context.js';
import { AppError, invalidFields } from '../../../../platform/errors.js';
import { identityProviderDomainClaims } from '../../schema.js';
import { assertNotVerifiedElsewhere, ownClaim } from '../reads.js';
import { domainProblems, maxClaimedDomains, normalizeDomain } from '../rules.js';
import { claimAudit, claimView } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function claimDomain(deps: SsoDeps, ctx: RequestContext, tenantId: string, rawDomain: string) {
  const problems = domainProblems(rawDomain);
  if (problems.length) throw invalidFields(...problems);
  const domain = normalizeDomain(rawDomain);
  try {
    return await deps.platform.transaction(async (tx) => {
      const existing = await ownClaim(tx, tenantId, domain);
      if (existing) return { view: claimView(existing), created: false };
      await assertNotVerifiedElsewhere(tx, tenantId, domain);
      const [{ claimed } = { claimed: 0 }] = await tx.select({ claimed: count() }).from(identityProviderDomainClaims).where(eq(identityProviderDomainClaims.tenantId, tenantId));
      if (claimed >= maxClaimedDomains) throw new AppError('identity_provider_domain_limit', { max: maxClaimedDomains });
      const [row] = await tx.insert(identityProviderDomainClaims).values({ tenantId, domain, verificationToken: randomBytes(32).toString('hex') }).returning();
      await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.domainClaimed', resourceType: 'identityProviderDomain', resourceId: row!.id, after: claimAudit(row!) });
      return { view: claimView(row!), created: true };
    });
  } catch (error) {
    // The same domain claimed twice at once: the other request made it.
    if (!isUniqueViolation(error)) throw error;
    const existing = await ownClaim(deps.db, tenantId, domain);
    if (!existing) throw error;
    return { view: claimView(existing), created: false };
  }
}
