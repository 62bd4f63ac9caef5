// BIL-1: the caller's tenant's billing profile (what its documents show of it); undefined until set.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import type { BillingProfile } from '../contract.js';
import { billingProfiles } from '../schema.js';
import { billingProfileView } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function getBillingProfile({ db }: BillingDeps, actor: Actor): Promise<BillingProfile | undefined> {
  const [row] = await db.select().from(billingProfiles).where(eq(billingProfiles.tenantId, actor.tenantId));
  return row && billingProfileView(row);
}
