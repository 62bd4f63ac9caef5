// Opens a support request in the caller's transaction (ENR-6 escalation; the marketplace's kinds), audited.
import type { Queryable } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { supportRequests } from '../schema.js';
import { supportRequestView, type SupportRequestRow } from '../views.js';

export async function openSupportRequest(
  tx: Queryable,
  ctx: RequestContext,
  input: { tenantId: string; kind: string; title: string; details: string; subject: Record<string, unknown> },
): Promise<SupportRequestRow> {
  const [row] = await tx
    .insert(supportRequests)
    .values({ ...input, createdByUserId: ctx.actor?.userId ?? null })
    .returning();
  await writeAudit(tx, ctx, { tenantId: input.tenantId, action: 'supportRequest.created', resourceType: 'supportRequest', resourceId: row!.id, after: supportRequestView(row!) });
  return row!;
}
