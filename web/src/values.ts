// The values the API's contracts allow where the portal offers a choice (pickers, filters, radio
// groups). The lists are the portal's own (nothing of the server ships in the bundle); each is written
// as a record over the contract's union, so that tsc fails here when the server adds or drops a value.
import type { ProductBody } from '@contracts/commerce';
import type { CreateCustomerInvitationBody, DelegatedAdminBody } from '@contracts/customers';
import type { AgreementType, AttributesBody, ReviewQueueQuery, StartEnrollmentBody } from '@contracts/enrollment';

/** Every value of a union, in the order written (the record makes tsc name a missing or unknown one). */
function valuesOf<T extends string>(values: Record<T, true>): readonly T[] {
  return Object.keys(values) as T[];
}

export type EnrollmentProgram = StartEnrollmentBody['program'];
export const ENROLLMENT_PROGRAMS = valuesOf<EnrollmentProgram>({ indirectReseller: true, indirectProvider: true });

export function isEnrollmentProgram(value: unknown): value is EnrollmentProgram {
  return typeof value === 'string' && (ENROLLMENT_PROGRAMS as readonly string[]).includes(value);
}

export type EnrollmentStatus = NonNullable<ReviewQueueQuery['status']>[number];
export const ENROLLMENT_STATUSES = valuesOf<EnrollmentStatus>({
  draft: true,
  emailVerificationPending: true,
  inReview: true,
  actionRequired: true,
  verified: true,
  active: true,
  rejected: true,
  suspended: true,
});

export type ServiceOffered = AttributesBody['servicesOffered'][number];
export const SERVICES_OFFERED = valuesOf<ServiceOffered>({ technicalTraining: true, marketingHelp: true, financingAndCredit: true, customerSupport: true });

export const AGREEMENT_TYPES = valuesOf<AgreementType>({ partnerAgreement: true, customerAgreement: true, publisherAgreement: true });

export type DelegatedAdminRole = DelegatedAdminBody['roles'][number];
export const DELEGATED_ADMIN_ROLES = valuesOf<DelegatedAdminRole>({
  userAdministrator: true,
  licenseAdministrator: true,
  helpdeskAdministrator: true,
  billingReader: true,
  globalAdministrator: true,
});

export type CustomerInvitationType = CreateCustomerInvitationBody['type'];
export const CUSTOMER_INVITATION_TYPES = valuesOf<CustomerInvitationType>({ resellerOnly: true, resellerAndProvider: true });

type SkuBody = ProductBody['skus'][number];
export type TermDuration = SkuBody['termDurations'][number];
export const TERM_DURATIONS = valuesOf<TermDuration>({ P1M: true, P1Y: true, P3Y: true });
export type BillingCycle = SkuBody['billingCycles'][number];
export const BILLING_CYCLES = valuesOf<BillingCycle>({ monthly: true, annual: true });
