// ENR-6: the enrollment a reviewer decides on, with its profiles, the reviewers' notes and the automatic
// checks: web-mail (ENR-4), the contact's domain against the website, the DUNS registry's legal name
// (ENR-2) and the address validation status (ENR-3).
import { eq } from 'drizzle-orm';
import { notFound } from '../../../platform/errors.js';
import type { ReviewDetail } from '../contract.js';
import { getAttributes, legalProfileOf, loadEnrollmentView } from '../reads.js';
import { emailMatchesWebsite, isWebmail, legalNameMatches } from '../rules.js';
import { companyRegistry, enrollmentReviewNotes, enrollments, supportProfiles } from '../schema.js';
import { legalProfileView, reviewNotesView } from '../views.js';
import type { EnrollmentDeps } from './deps.js';

export async function getReviewDetail(deps: EnrollmentDeps, id: string): Promise<ReviewDetail> {
  const { db } = deps;
  const [row] = await db.select().from(enrollments).where(eq(enrollments.id, id));
  if (!row) throw notFound('enrollment');
  const [legal, support, attributes, tenant, [notes]] = await Promise.all([
    legalProfileOf(db, row.tenantId),
    db.select().from(supportProfiles).where(eq(supportProfiles.tenantId, row.tenantId)),
    getAttributes(deps, row.tenantId),
    deps.identity.getTenant(row.tenantId),
    db.select().from(enrollmentReviewNotes).where(eq(enrollmentReviewNotes.enrollmentId, id)),
  ]);
  const author = notes?.updatedByUserId ? (await deps.identity.userNamesByIds([notes.updatedByUserId])).get(notes.updatedByUserId) : undefined;
  let dunsMatchesLegalName: boolean | null = null;
  if (legal?.dunsNumber) {
    const [registry] = await db.select().from(companyRegistry).where(eq(companyRegistry.dunsNumber, legal.dunsNumber));
    dunsMatchesLegalName = registry ? legalNameMatches(legal.legalName, registry.legalName) : false;
  }
  return {
    enrollment: await loadEnrollmentView(deps, row),
    reviewNotes: reviewNotesView(notes, author ?? null),
    organizationName: tenant!.name,
    legalBusinessProfile: legal ? legalProfileView(legal, row) : null,
    supportProfile: support[0] ? { email: support[0].email, phone: support[0].phone, website: support[0].website } : null,
    servicesOffered: attributes.servicesOffered,
    checks: {
      webmail: legal ? isWebmail(legal.primaryContact.email) : null,
      emailDomainMatchesWebsite: legal && support[0] ? emailMatchesWebsite(legal.primaryContact.email, support[0].website) : null,
      dunsMatchesLegalName,
      addressValidationStatus: legal?.addressValidationStatus ?? null,
    },
  };
}
