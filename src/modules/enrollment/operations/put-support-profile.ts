// Creates or replaces the customer-support profile (ENR-2, ENR-13), its phone valid in the partner's
// country (MKT-1: the legal address country).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { invalidFields } from '../../../platform/errors.js';
import type { SupportProfileBody } from '../contract.js';
import { phoneProblems } from '../field-checks.js';
import { contactCountry } from '../reads.js';
import { supportProfiles } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';

export async function putSupportProfile(
  deps: EnrollmentDeps,
  ctx: RequestContext,
  input: SupportProfileBody,
  checkVersion: (current: { updatedAt: Date } | undefined) => void,
) {
  const actor = ctx.actor!;
  const country = await contactCountry(deps, deps.db, actor.tenantId);
  const problems = phoneProblems(input.phone, country, '/phone');
  if (problems.length) throw invalidFields(...problems);
  return deps.platform.transaction(async (tx) => {
    const [before] = await tx.select().from(supportProfiles).where(eq(supportProfiles.tenantId, actor.tenantId));
    checkVersion(before);
    const values = { email: input.email.trim(), phone: input.phone.trim(), website: input.website.trim(), updatedAt: new Date() };
    const [after] = await tx.insert(supportProfiles).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: supportProfiles.tenantId, set: values }).returning();
    await writeAudit(tx, ctx, { tenantId: actor.tenantId, action: before ? 'supportProfile.updated' : 'supportProfile.created', resourceType: 'supportProfile', resourceId: actor.tenantId, before: before ?? null, after });
    return after!;
  });
}
