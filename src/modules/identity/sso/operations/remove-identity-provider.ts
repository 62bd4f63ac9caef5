// Removes the tenant's identity provider: its users sign in with passwords again. The domains stay
// claimed and verified (ACC-5): connecting again signs them in again. `checkVersion` honours If-Match.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import { identityProviders } from '../../schema.js';
import { domainsOf } from '../reads.js';
import { connectionView, type ProviderRow } from '../views.js';
import type { SsoDeps } from './deps.js';

export async function removeIdentityProvider(deps: SsoDeps, ctx: RequestContext, tenantId: string, checkVersion: (current: ProviderRow) => void) {
  await deps.platform.transaction(async (tx) => {
    const [row] = await tx.select().from(identityProviders).where(eq(identityProviders.tenantId, tenantId)).for('update');
    if (!row) throw notFound('identityProvider');
    checkVersion(row);
    const before = connectionView(row, await domainsOf(tx, row.id));
    // The domains stay claimed and verified: connecting again signs them in again.
    await tx.delete(identityProviders).where(eq(identityProviders.id, row.id));
    await writeAudit(tx, ctx, { tenantId, action: 'identityProvider.deleted', resourceType: 'identityProvider', resourceId: row.id, before });
  });
}
