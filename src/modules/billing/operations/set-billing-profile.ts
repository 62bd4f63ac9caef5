// BIL-1: a tenant sets its billing profile: legal name, tax ID, billing address (its country a market's)
// and billing e-mail. Documents issued from then on carry it; issued ones keep what they showed (BIL-2).
// Audited with before and after in the same transaction.
import { eq, sql } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields } from '../../../platform/errors.js';
import type { BillingProfile, BillingProfileBody } from '../contract.js';
import { billingProfiles } from '../schema.js';
import { billingProfileView } from '../views.js';
import type { BillingDeps } from './deps.js';

export async function setBillingProfile(deps: BillingDeps, ctx: RequestContext, body: BillingProfileBody): Promise<BillingProfile> {
  const tenantId = ctx.actor!.tenantId;
  const trimmed = Object.fromEntries(Object.entries(body.address).flatMap(([k, v]) => (typeof v === 'string' && v.trim() !== '' ? [[k, v.trim()]] : []))) as Record<string, string>;
  return deps.platform.transaction(async (tx) => {
    const [market] = await tx.execute(sql`select 1 as n from market_countries where country = ${trimmed.country ?? ''}`).then((r) => (r as unknown as { rows: unknown[] }).rows);
    if (!market) throw invalidFields({ path: '/address/country', code: 'country_invalid' });
    const [held] = await tx.select().from(billingProfiles).where(eq(billingProfiles.tenantId, tenantId)).for('update');
    const values = { legalName: body.legalName.trim(), taxId: body.taxId ? body.taxId.trim().toUpperCase() : null, address: trimmed, email: body.email ?? null, updatedAt: deps.now() };
    const [row] = await tx
      .insert(billingProfiles)
      .values({ tenantId, ...values })
      .onConflictDoUpdate({ target: billingProfiles.tenantId, set: values })
      .returning();
    const after = billingProfileView(row!);
    await writeAudit(tx, ctx, { tenantId, action: 'billingProfile.set', resourceType: 'billingProfile', resourceId: tenantId, before: held ? billingProfileView(held) : null, after });
    return after;
  });
}
