// PRC-2: a config is deleted only before its month begins (one in force has priced lines and stays,
// so every price stays reproducible from the stored configs; a later month's config takes over).
// Audited with what was deleted.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { ownConfig } from '../reads.js';
import { monthOf } from '../rules.js';
import { repricingConfigs } from '../schema.js';
import { repricingConfigView } from '../views.js';
import type { PricingDeps } from './deps.js';

export async function deleteRepricingConfig(deps: PricingDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.platform.transaction(async (tx) => {
    const row = await ownConfig(tx, ctx.actor!, id, true);
    if (row.effectiveMonth <= monthOf(deps.now())) throw new AppError('repricing_config_begun', { month: row.effectiveMonth });
    await tx.delete(repricingConfigs).where(eq(repricingConfigs.id, id));
    await writeAudit(tx, ctx, { tenantId: ctx.actor!.tenantId, action: 'repricingConfig.deleted', resourceType: 'repricingConfig', resourceId: id, before: repricingConfigView(row), after: null });
  });
}
