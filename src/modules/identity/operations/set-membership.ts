// A tenant's program membership or its status, in a transaction of its own (see set-membership-in.ts).
import type { RequestContext } from '../../../platform/audit.js';
import type { Program } from '../rules.js';
import type { IdentityDeps } from './deps.js';
import { setMembershipIn } from './set-membership-in.js';

export async function setMembership(deps: IdentityDeps, ctx: RequestContext, tenantId: string, program: Program, status: string) {
  await deps.platform.transaction((tx) => setMembershipIn(tx, ctx, tenantId, program, status));
}
