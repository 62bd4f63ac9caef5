// Creates or replaces the legal business profile. Keeps ENR-2 (country, DUNS and phone checked),
// ENR-3 (address validated; refused outright for a vetted partner), ENR-4 (web-mail only warned
// about here; submit refuses it), MKT-1 and MKT-5 (a vetted partner's legal country is fixed) and
// MKP-3 (the search entry follows).
import { eq } from 'drizzle-orm';
import { writeAudit, type RequestContext } from '../../../platform/audit.js';
import { AppError, invalidFields } from '../../../platform/errors.js';
import { translate } from '../../../platform/i18n/index.js';
import { validateAddress } from '../address.js';
import type { Warning } from '../contract.js';
import { countryProblems, phoneProblems } from '../field-checks.js';
import { latestEnrollment, legalProfileOf } from '../reads.js';
import { isWebmail, legalCountryFixed } from '../rules.js';
import { enrollments, legalBusinessProfiles, type Address, type PrimaryContact } from '../schema.js';
import { legalProfileView, type LegalProfileRow } from '../views.js';
import type { EnrollmentDeps } from './deps.js';
import { refreshSearchEntry } from './refresh-search-entry.js';

export interface LegalProfileInput {
  legalName: string;
  address: Address;
  dunsNumber?: string;
  primaryContact: PrimaryContact;
}

/** The field of the legal address an invalid validation (status None) names. */
function addressProblemPath(problem: string | undefined): string {
  if (problem?.startsWith('postal_code_')) return '/address/postalCode';
  if (problem?.startsWith('state_')) return '/address/state';
  return '/address';
}

export async function putLegalProfile(deps: EnrollmentDeps, ctx: RequestContext, input: LegalProfileInput, checkVersion: (current: LegalProfileRow | undefined) => void) {
  const actor = ctx.actor!;
  const problems = [
    ...countryProblems(input.address.country, '/address/country'),
    ...(input.dunsNumber !== undefined && !/^\d{9}$/.test(input.dunsNumber) ? [{ path: '/dunsNumber', code: 'duns_invalid' }] : []),
  ];
  if (problems.length === 0) problems.push(...phoneProblems(input.primaryContact.phone, input.address.country, '/primaryContact/phone'));
  if (problems.length) throw invalidFields(...problems);
  const validation = validateAddress(input.address);
  const result = await deps.platform.transaction(async (tx) => {
    const before = await legalProfileOf(tx, actor.tenantId);
    checkVersion(before);
    const statuses = await tx.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.tenantId, actor.tenantId));
    if (before && legalCountryFixed(statuses.map((e) => e.status))) {
      // MKT-1, MKT-5: the legal country is the CSP region; another region is another legal entity.
      if (input.address.country !== before.country) {
        throw new AppError('legal_country_fixed', { country: before.country }, [{ path: '/address/country', code: 'legal_country_fixed', params: { country: before.country } }]);
      }
      // ENR-3: no review follows a vetted partner's change, so an address that fails validation is refused.
      if (validation.status === 'None') throw new AppError('address_invalid', {}, [{ path: addressProblemPath(validation.problem), code: validation.problem ?? 'invalid' }]);
    }
    const values = {
      legalName: input.legalName.trim(),
      address: input.address,
      country: input.address.country,
      dunsNumber: input.dunsNumber ?? null,
      primaryContact: { ...input.primaryContact, email: input.primaryContact.email.trim() },
      addressValidationStatus: validation.status,
      updatedAt: new Date(),
    };
    const [after] = await tx
      .insert(legalBusinessProfiles)
      .values({ tenantId: actor.tenantId, ...values })
      .onConflictDoUpdate({ target: legalBusinessProfiles.tenantId, set: values })
      .returning();
    await refreshSearchEntry(tx, actor.tenantId);
    await writeAudit(tx, ctx, {
      tenantId: actor.tenantId,
      action: before ? 'legalBusinessProfile.updated' : 'legalBusinessProfile.created',
      resourceType: 'legalBusinessProfile',
      resourceId: actor.tenantId,
      before: before ?? null,
      after,
    });
    return after!;
  });
  const warnings: Warning[] = isWebmail(input.primaryContact.email)
    ? [{ path: '/primaryContact/email', code: 'webmail_not_allowed', message: translate(ctx.locale, 'warning.webmail') }]
    : [];
  return { row: result, view: legalProfileView(result, await latestEnrollment(deps.db, actor.tenantId)), warnings, addressValidation: validation };
}
