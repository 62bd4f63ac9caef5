// ACC-4: whether the caller's own tenant requires a second factor of all its users; any other is "not found".
import type { RequestContext } from '../../../../platform/audit.js';
import { notFound } from '../../../../platform/errors.js';
import type { TenantMfaPolicy } from '../contract.js';
import { tenantRequiresAll } from '../reads.js';
import type { MfaDeps } from './deps.js';

export async function getTenantPolicy(deps: MfaDeps, ctx: RequestContext, tenantId: string): Promise<TenantMfaPolicy> {
  if (tenantId !== ctx.actor!.tenantId) throw notFound('tenant');
  return { requireAllUsers: await tenantRequiresAll(deps.db, tenantId) };
}
