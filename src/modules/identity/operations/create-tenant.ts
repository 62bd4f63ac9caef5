// "Create a work account": a new tenant whose first user is its global admin, with the password it
// chose (checked before anything is written).
import type { RequestContext } from '../../../platform/audit.js';
import { hashPassword, passwordProblems } from '../../../platform/auth/passwords.js';
import { invalidFields } from '../../../platform/errors.js';
import type { CreatedTenant, CreateTenantBody } from '../contract.js';
import { countryProblems, type Program } from '../rules.js';
import type { IdentityDeps } from './deps.js';
import { insertTenant } from './insert-tenant.js';

export async function createTenant(
  deps: IdentityDeps,
  ctx: RequestContext,
  input: CreateTenantBody,
  memberships: { program: Program; status: string }[] = [],
): Promise<CreatedTenant> {
  const problems = [
    ...countryProblems(input.country, '/country'),
    ...passwordProblems(input.admin.password, input.admin.email, '/admin/password'),
  ];
  if (problems.length) throw invalidFields(...problems);
  const passwordHash = await hashPassword(input.admin.password);
  return deps.platform.transaction((tx) => insertTenant(deps, tx, ctx, input, memberships, passwordHash, false));
}
