// Single sign-on reads used by several operations: a connection's domains, a tenant's claim of a
// domain, the ACC-5 check that no other tenant has proved control of it, and whether a user's domain
// signs in through its tenant's provider (password and passkey sign-ins ask).
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { emailDomain } from '../../../platform/email-domains.js';
import { AppError } from '../../../platform/errors.js';
import { identityProviderDomainClaims, identityProviderDomains } from '../schema.js';
import type { UserRow } from '../views.js';
import type { ClaimRow } from './views.js';

/** The verified domains that sign in through a connection. */
export async function domainsOf(q: Queryable, identityProviderId: string): Promise<string[]> {
  const rows = await q
    .select({ domain: identityProviderDomains.domain })
    .from(identityProviderDomains)
    .where(eq(identityProviderDomains.identityProviderId, identityProviderId))
    .orderBy(asc(identityProviderDomains.domain));
  return rows.map((r) => r.domain);
}

export async function ownClaim(q: Queryable, tenantId: string, domain: string, lock = false): Promise<ClaimRow | undefined> {
  const where = and(eq(identityProviderDomainClaims.tenantId, tenantId), eq(identityProviderDomainClaims.domain, domain));
  const [row] = lock ? await q.select().from(identityProviderDomainClaims).where(where).for('update') : await q.select().from(identityProviderDomainClaims).where(where);
  return row;
}

/** 409 when another tenant has verified the domain: only a proof of control blocks a claim. */
export async function assertNotVerifiedElsewhere(q: Queryable, tenantId: string, domain: string) {
  const [verified] = await q
    .select({ tenantId: identityProviderDomainClaims.tenantId })
    .from(identityProviderDomainClaims)
    .where(and(eq(identityProviderDomainClaims.domain, domain), isNotNull(identityProviderDomainClaims.verifiedAt), ne(identityProviderDomainClaims.tenantId, tenantId)));
  if (verified) throw new AppError('identity_provider_domain_taken', { domain });
}

/** Whether the user's email domain signs in through its tenant's identity provider (ACC-5). */
export async function domainUsesSso(q: Queryable, user: Pick<UserRow, 'email' | 'tenantId'>): Promise<boolean> {
  const [row] = await q
    .select({ domain: identityProviderDomains.domain })
    .from(identityProviderDomains)
    .where(and(eq(identityProviderDomains.domain, emailDomain(user.email)), eq(identityProviderDomains.tenantId, user.tenantId)));
  return row !== undefined;
}
