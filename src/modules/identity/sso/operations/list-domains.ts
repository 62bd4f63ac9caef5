// ACC-5: the tenant's claimed domains, each with its status and the TXT record that proves control.
import { asc, eq } from 'drizzle-orm';
import { identityProviderDomainClaims } from '../../schema.js';
import type { IdentityProviderDomains } from '../contract.js';
import { claimView } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function listDomains(deps: SsoDeps, tenantId: string): Promise<IdentityProviderDomains> {
  const rows = await deps.db.select().from(identityProviderDomainClaims).where(eq(identityProviderDomainClaims.tenantId, tenantId)).orderBy(asc(identityProviderDomainClaims.domain));
  return { totalCount: rows.length, items: rows.map(claimView), links: {} };
}
