// Rows → the shapes of contract.ts.
import type { SupportRequest } from './contract.js';
import type { supportRequests } from './schema.js';

export type SupportRequestRow = typeof supportRequests.$inferSelect;

export function supportRequestView(r: SupportRequestRow): SupportRequest {
  return {
    id: r.id,
    tenantId: r.tenantId,
    kind: r.kind,
    title: r.title,
    details: r.details,
    subject: r.subject as Record<string, unknown>,
    status: r.status,
    resolution: r.resolution,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
