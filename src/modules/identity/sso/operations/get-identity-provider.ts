// The tenant's identity provider connection (never its client secret); undefined when it has none.
import { eq } from 'drizzle-orm';
import { identityProviders } from '../../schema.js';
import { domainsOf } from '../reads.js';
import { connectionView } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function getIdentityProvider(deps: SsoDeps, tenantId: string) {
  const { db } = deps;
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId));
  if (!row) return undefined;
  return { row, view: connectionView(row, await domainsOf(db, row.id)) };
}
