// ENR-8: a new location (country + address) gets a new PartnerID issued by the program.
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields } from '../../../platform/errors.js';
import { countryProblems } from '../field-checks.js';
import { locations, type Address } from '../schema.js';
import { locationView } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function addLocation(deps: EnrollmentDeps, ctx: RequestContext, input: { country: string; address: Address }) {
  const actor = ctx.actor!;
  const problems = [...countryProblems(input.country, '/country'), ...countryProblems(input.address.country, '/address/country')];
  if (input.address.country !== input.country) problems.push({ path: '/address/country', code: 'const', params: { value: input.country } });
  if (problems.length) throw invalidFields(...problems);
  return deps.platform.transaction(async (tx) => {
    const [row] = await tx.insert(locations).values({ tenantId: actor.tenantId, country: input.country, address: input.address }).returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: 'location.created', resourceType: 'location', resourceId: row!.id, after: locationView(row!) });
    return locationView(row!);
  });
}
