// The operator tenant and its admin from OPERATOR_EMAIL / OPERATOR_PASSWORD, when absent.
import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../platform/audit.js';
import { tenantMemberships } from '../schema.js';
import { createTenant } from './create-tenant.js';
import type { IdentityDeps } from './deps.js';

export async function ensureOperator(deps: IdentityDeps, ctx: RequestContext, input: { email: string; password: string; name?: string; country?: string }) {
  const [existing] = await deps.db.select({ tenantId: tenantMemberships.tenantId }).from(tenantMemberships).where(eq(tenantMemberships.program, 'operator'));
  if (existing) return { created: false, tenantId: existing.tenantId };
  const created = await createTenant(
    deps,
    ctx,
    {
      organizationName: input.name ?? 'Channel Center Operator',
      country: input.country ?? 'US',
      domainPrefix: undefined,
      admin: { displayName: 'Operator Admin', email: input.email, password: input.password, language: 'en' },
    },
    [{ program: 'operator', status: 'active' }],
  );
  return { created: true, tenantId: created.tenant.id };
}
