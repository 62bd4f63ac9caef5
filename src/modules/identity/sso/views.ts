// Single sign-on rows → the shapes of contract.ts (return types from it, so drift fails tsc), and the
// audit record's view of a claim.
import type { IdentityProviderConnection, IdentityProviderDomain } from './contract.js';
import { domainVerificationRecord } from './rules.js';
import type { identityProviderDomainClaims, identityProviders } from '../schema.js';

export type ProviderRow = typeof identityProviders.$inferSelect;
export type ClaimRow = typeof identityProviderDomainClaims.$inferSelect;

/** What leaves the server about a connection: never the client secret. `domains`: the verified ones it signs in. */
export function connectionView(row: ProviderRow, domains: string[]): IdentityProviderConnection {
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretSet: true as const,
    domains,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A claimed domain: its status and the TXT record that proves control of it (ACC-5). */
export function claimView(row: ClaimRow): IdentityProviderDomain {
  return {
    domain: row.domain,
    status: row.verifiedAt ? ('verified' as const) : ('pending' as const),
    record: domainVerificationRecord(row.domain, row.verificationToken),
    createdAt: row.createdAt.toISOString(),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
  };
}

/** The audit record's view of a claim: the token is left out (it is in the record's value). */
export function claimAudit(row: ClaimRow) {
  return { domain: row.domain, status: row.verifiedAt ? 'verified' : 'pending', verifiedAt: row.verifiedAt?.toISOString() ?? null };
}
