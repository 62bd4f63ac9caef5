// BIL-1: the caller's tenant's billing profile (what its documents show of it); not found until set.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import type { BillingProfile } from '../contract.js';
import { billingProfiles } from '../schema.js';
import { billingProfileView } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function getBillingProfile({ db }: BillingDeps, actor: Actor): Promise<BillingProfile> {
  const [row] = await db.select().from(billingProfiles).where(eq(billingProfiles.tenantId, actor.tenantId));
  if (!row) throw notFound('billingProfile');
  return billingProfileView(row);
}
