// Replaces competencies, skills and services offered (what partner search, MKP-3, and the provider
// directory, REL-1, filter by), with the search entry following them in the same transaction.
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { partnerAttributes } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';
import { refreshSearchEntry } from './refresh-search-entry.js';

export async function putAttributes(deps: EnrollmentDeps, ctx: RequestContext, input: { competencies: string[]; skills: string[]; servicesOffered: string[] }) {
  const actor = ctx.actor!;
  return deps.platform.transaction(async (tx) => {
    const [before] = await tx.select().from(partnerAttributes).where(eq(partnerAttributes.tenantId, actor.tenantId));
    const values = {
      competencies: [...new Set(input.competencies.map((c) => c.trim()))],
      skills: [...new Set(input.skills.map((c) => c.trim()))],
      servicesOffered: [...new Set(input.servicesOffered)],
      updatedAt: new Date(),
    };
    const [after] = await tx.insert(partnerAttributes).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: partnerAttributes.tenantId, set: values }).returning();
    await refreshSearchEntry(tx, actor.tenantId);
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'partnerAttributes.updated', resourceType: 'partnerAttributes', resourceId: actor.tenantId, before: before ?? null, after });
    return after!;
  });
}
