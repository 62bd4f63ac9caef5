// ACC-5: looks for the claim's TXT record through the configured resolver. Found: the domain is
// verified for this tenant, every other tenant's unverified claim of it is dropped (each told in its
// own log, without who proved control), and it signs in through the tenant's connection (if any).
// Not found: 422, nothing changes.
import { and, eq, isNull, ne } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { isUniqueViolation } from '../../../../platform/context.js';
import { AppError, notFound } from '../../../../platform/errors.js';
import { OutboundFailure } from '../../../../platform/outbound.js';
import { identityProviderDomainClaims, identityProviderDomains, identityProviders } from '../../schema.js';
import type { IdentityProviderDomain } from '../contract.js';
import { assertNotVerifiedElsewhere, ownClaim } from '../reads.js';
import { domainVerificationRecord, normalizeDomain, verificationRecordFound } from '../rules.js';
import { claimAudit, claimView } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function verifyDomain(deps: SsoDeps, ctx: RequestContext, tenantId: string, rawDomain: string): Promise<IdentityProviderDomain> {
  const { platform } = deps;
  const domain = normalizeDomain(rawDomain);
  const claim = await ownClaim(deps.db, tenantId, domain);
  if (!claim) throw notFound('identityProviderDomain');
  if (claim.verifiedAt) return claimView(claim);
  const record = domainVerificationRecord(domain, claim.verificationToken);
  let found: string[];
  try {
    found = await deps.net.txt(record.name);
  } catch (error) {
    platform.log.info({ tenantId, domain, reason: error instanceof OutboundFailure ? error.reason : String(error) }, 'domain verification: DNS look-up failed');
    found = [];
  }
  if (!verificationRecordFound(found, record.value)) throw new AppError('domain_verification_failed', { domain, name: record.name });
  try {
    return await platform.transaction(async (tx) => {
      const before = await ownClaim(tx, tenantId, domain, true);
      if (!before) throw notFound('identityProviderDomain');
      if (before.verifiedAt) return claimView(before);
      await assertNotVerifiedElsewhere(tx, tenantId, domain);
      const [after] = await tx.update(identityProviderDomainClaims).set({ verifiedAt: new Date() }).where(eq(identityProviderDomainClaims.id, before.id)).returning();
      const dropped = await tx
        .delete(identityProviderDomainClaims)
        .where(and(eq(identityProviderDomainClaims.domain, domain), ne(identityProviderDomainClaims.tenantId, tenantId), isNull(identityProviderDomainClaims.verifiedAt)))
        .returning();
      const [provider] = await tx.select({ id: identityProviders.id }).from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
      if (provider) await tx.insert(identityProviderDomains).values({ domain, identityProviderId: provider.id, tenantId });
      await writeAudit(tx, ctx, {
        tenantId,
        action: 'identityProvider.domainVerified',
        resourceType: 'identityProviderDomain',
        resourceId: after!.id,
        before: claimAudit(before),
        after: { ...claimAudit(after!), signsIn: provider !== undefined, otherClaimsDropped: dropped.length },
      });
      // Each tenant whose claim was dropped has it in its own log, without who proved control.
      for (const other of dropped) {
        await writeAudit(tx, ctx, {
          tenantId: other.tenantId,
          action: 'identityProvider.domainClaimDropped',
          resourceType: 'identityProviderDomain',
          resourceId: other.id,
          before: claimAudit(other),
          actorUserId: null,
          actorTenantId: null,
        });
      }
      return claimView(after!);
    });
  } catch (error) {
    // Another tenant verified it in the same instant (the one-verified-claim index).
    if (isUniqueViolation(error)) throw new AppError('identity_provider_domain_taken', { domain });
    throw error;
  }
}
