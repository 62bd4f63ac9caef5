// CUS-5: a customer tenant made by a partner, inside the caller's transaction; its admin gets a
// temporary password shown once, to be replaced at its first sign-in.
import type { Queryable } from '../../../db/index.js';
import type { RequestContext } from '../../../platform/audit.js';
import { hashPassword, temporaryPassword } from '../../../platform/auth/passwords.js';
import { invalidFields } from '../../../platform/errors.js';
import { countryProblems } from '../rules.js';
import type { IdentityDeps } from './deps.js';
import { insertTenant, type TenantInput } from './insert-tenant.js';

export async function insertCustomerTenant(deps: IdentityDeps, tx: Queryable, ctx: RequestContext, input: TenantInput) {
  const problems = countryProblems(input.country, '/country');
  if (problems.length) throw invalidFields(...problems);
  const temporary = temporaryPassword();
  const created = await insertTenant(deps, tx, ctx, input, [{ program: 'customer', status: 'active' }], await hashPassword(temporary), true);
  return { ...created, temporaryPassword: temporary };
}
