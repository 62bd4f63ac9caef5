// Closes a support request (resolved or declined) in the caller's transaction, audited.
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../../db/index.js';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { supportRequests } from '../schema.js';
import { supportRequestView, type SupportRequestRow } from '../views.js';

export async function closeSupportRequest(tx: Queryable, ctx: RequestContext, row: SupportRequestRow, status: 'resolved' | 'declined', resolution: string) {
  const [after] = await tx.update(supportRequests).set({ status, resolution, updatedAt: new Date() }).where(eq(supportRequests.id, row.id)).returning();
  await writeAudit(tx, ctx, { tenantId: row.tenantId, action: `supportRequest.${status}`, resourceType: 'supportRequest', resourceId: row.id, before: supportRequestView(row), after: supportRequestView(after!) });
  return after!;
}
