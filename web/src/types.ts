import type { Language } from './i18n/languages';

export type UserState = 'active' | 'inactive' | (string & {});

export interface Tenant {
  id: string;
  name: string;
  country: string;
  primaryDomain: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  state: UserState;
  language: Language | (string & {});
  mustChangePassword: boolean;
  /** REL-4: the organization that created this user when it is not the user's own (e.g. a provider with admin access); null otherwise. */
  createdByTenantId: string | null;
  /** That organization's name (user lists and answers of /v1/users and /v1/tenants/{id}/users). */
  createdByTenantName?: string | null;
  createdAt: string;
}

export interface Membership {
  program: string;
  status: string;
}

/** Something the signed-in user should act on (e.g. `admin_agent_role_missing`, ENR-11). */
export interface MeWarning {
  code: string;
  message: string;
}

export interface Me {
  user: User;
  tenant: Tenant;
  memberships: Membership[];
  permissions: string[];
  warnings?: MeWarning[];
  csrfToken: string;
}

export interface SessionCreated {
  user: User;
  tenant: Tenant;
  csrfToken: string;
}

export interface TenantCreated {
  tenant: Tenant;
  user: Pick<User, 'id' | 'email' | 'displayName' | 'roles'>;
}

export interface Collection<T> {
  totalCount: number;
  /** True when counting stopped at a cap: there are more than totalCount items. */
  totalCountCapped?: boolean;
  items: T[];
  links?: { next?: { uri: string } };
}

export interface UserCreated {
  user: User;
  temporaryPassword?: string;
}

/** An admin's password reset: a temporary password, shown once; the user's sessions and tokens ended. */
export interface PasswordResetByAdmin {
  user: User;
  temporaryPassword: string;
}

export interface Notification {
  id: string;
  subject: string;
  text: string;
  to: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorUserId: string | null;
  actorTenantId: string | null;
  tenantId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

// ---------------------------------------------------------------------------------------------
// Enrollment, partner profiles and agreements

export const ENROLLMENT_PROGRAMS = ['indirectReseller', 'indirectProvider'] as const;
export type EnrollmentProgram = (typeof ENROLLMENT_PROGRAMS)[number];

export function isEnrollmentProgram(value: unknown): value is EnrollmentProgram {
  return typeof value === 'string' && (ENROLLMENT_PROGRAMS as readonly string[]).includes(value);
}

export const ENROLLMENT_STATUSES = [
  'draft',
  'emailVerificationPending',
  'inReview',
  'actionRequired',
  'verified',
  'active',
  'rejected',
  'suspended',
] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Statuses in which the applicant may still change its details and (re)submit. */
export const EDITABLE_STATUSES: readonly string[] = ['draft', 'actionRequired'];

export const SERVICES_OFFERED = ['technicalTraining', 'marketingHelp', 'financingAndCredit', 'customerSupport'] as const;
export type ServiceOffered = (typeof SERVICES_OFFERED)[number];

export interface Address {
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
}

export interface PrimaryContact {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface ProfileWarning {
  path?: string;
  code: string;
  message: string;
}

export interface LegalBusinessProfile {
  legalName: string;
  address: Address;
  dunsNumber: string | null;
  primaryContact: PrimaryContact;
  addressValidationStatus: string;
  vettingStatus: string;
  vettingSubStatus: string;
  updatedAt: string;
  warnings?: ProfileWarning[];
}

export interface SupportProfile {
  email: string;
  phone: string;
  website: string;
  updatedAt: string;
}

export interface PartnerAttributes {
  competencies: string[];
  skills: string[];
  servicesOffered: string[];
}

export interface Location {
  id: string;
  country: string;
  address: Address;
  partnerId: string;
  createdAt: string;
}

export interface PartnerIdAssociation {
  partnerId: string;
  locationId: string;
  country: string;
  associatedAt: string;
}

export type AddressValidationStatus =
  | 'Verified'
  | 'VerifiedShippable'
  | 'InteractionRequired'
  | 'StreetPartial'
  | 'PremisesPartial'
  | 'Multiple'
  | 'None'
  | 'NotValidated';

export interface AddressValidation {
  originalAddress: Address;
  suggestedAddresses: Address[];
  status: AddressValidationStatus | (string & {});
  validationMessage?: string;
}

export interface DunsRecord {
  dunsNumber: string;
  legalName: string;
  address: Address;
}

export interface Attestation {
  billingCapability: boolean;
  supportCapability: boolean;
}

export interface VettingStep {
  step: string;
  state: string;
}

export interface Enrollment {
  id: string;
  tenantId: string;
  program: EnrollmentProgram | (string & {});
  status: EnrollmentStatus | (string & {});
  vettingSteps: VettingStep[];
  attestation: Attestation | null;
  submittedAt: string | null;
  emailVerifiedAt: string | null;
  reviewStartedAt: string | null;
  /** ISO dates (YYYY-MM-DD). */
  expectedDecisionFrom: string | null;
  expectedDecisionBy: string | null;
  overdue: boolean;
  decisionReason: string | null;
  /** What is still needed before submit, e.g. `supportProfile`. */
  missing: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Requirement {
  key: string;
  required: boolean;
  programs: string[];
}

export interface SupportRequest {
  id: string;
  tenantId: string;
  kind: string;
  title: string;
  details: string;
  subject: Record<string, unknown>;
  status: string;
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EmailVerificationResult {
  enrollmentId: string;
  status: string;
  expectedDecisionBy: string | null;
}

export interface ProgramInformation {
  programs: { program: string; status: string; agreementAcceptedAt: string | null; agreementVersion: string | null }[];
}

export const AGREEMENT_TYPES = ['partnerAgreement', 'customerAgreement', 'publisherAgreement'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export interface Agreement {
  templateId: string;
  type: AgreementType | (string & {});
  version: string;
  current: boolean;
  languages: string[];
  titles: Record<string, string>;
  createdAt: string;
}

export interface AgreementAcceptance {
  id: string;
  templateId: string;
  type: string;
  version: string;
  tenantId: string;
  region: string | null;
  user: { id: string; name: string; email: string };
  primaryContact: { firstName: string; lastName: string; email: string };
  acceptedAt: string;
  ip: string | null;
  userAgent: string | null;
}

// ---------------------------------------------------------------------------------------------
// Operator

export interface ReviewQueueItem {
  id: string;
  tenantId: string;
  organizationName: string;
  legalName: string | null;
  program: string;
  status: string;
  submittedAt: string | null;
  reviewStartedAt: string | null;
  expectedDecisionBy: string | null;
  ageBusinessDays: number;
  overdue: boolean;
}

export interface ReviewDetail {
  enrollment: Enrollment;
  organizationName: string;
  legalBusinessProfile: LegalBusinessProfile | null;
  supportProfile: { email: string; phone: string; website: string } | null;
  servicesOffered: string[];
  checks: {
    webmail: boolean | null;
    emailDomainMatchesWebsite: boolean | null;
    dunsMatchesLegalName: boolean | null;
    addressValidationStatus: string | null;
  };
}

export type Decision = 'approve' | 'reject' | 'requestInfo';

export interface Holiday {
  /** YYYY-MM-DD */
  day: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Markets, provider ↔ reseller (MKT, REL)

export interface Market {
  country: string;
  name: string;
  regionId: string;
  currency: string;
}

export interface MarketRegion {
  id: string;
  name: string;
  countries: Market[];
}

export interface DirectoryProvider {
  tenantId: string;
  name: string;
  country: string;
  region: string | null;
  servicesOffered: string[];
  website: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
}

export interface DraftEmail {
  subject: string;
  body: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked' | (string & {});

export interface ResellerInvitation {
  id: string;
  providerTenantId: string;
  email: string | null;
  locale: string;
  status: InvitationStatus;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedByTenantId: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Returned once, when the invitation is created. */
  link?: string;
  draftEmail?: DraftEmail;
}

export const RELATIONSHIP_TYPES = ['IsIndirectResellerOf', 'IsIndirectCloudSolutionProviderOf'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface Relationship {
  id: string;
  providerTenantId: string;
  resellerTenantId: string;
  /** The other side's tenant. */
  partnerTenantId: string;
  name: string;
  partnerId: string | null;
  country: string;
  relationshipType: RelationshipType | (string & {});
  state: string;
  adminAccess: 'granted' | 'removed' | (string & {});
  createdAt: string;
  endedAt: string | null;
}

export interface ResellerInvitationDescription {
  provider: {
    tenantId: string;
    name: string;
    country: string;
    countryName: string;
    region: string | null;
    servicesOffered: string[];
  };
  grants: string[];
  expiresAt: string;
}

// ---------------------------------------------------------------------------------------------
// Customers (CUS)

export const DELEGATED_ADMIN_ROLES = [
  'userAdministrator',
  'licenseAdministrator',
  'helpdeskAdministrator',
  'billingReader',
  'globalAdministrator',
] as const;
export type DelegatedAdminRole = (typeof DELEGATED_ADMIN_ROLES)[number];

export const CUSTOMER_INVITATION_TYPES = ['resellerOnly', 'resellerAndProvider'] as const;
export type CustomerInvitationType = (typeof CUSTOMER_INVITATION_TYPES)[number];

export interface DelegatedAdminRequest {
  roles: string[];
  durationDays: number;
  autoExtend: boolean;
}

export interface CustomerInvitation {
  id: string;
  type: CustomerInvitationType | (string & {});
  resellerTenantId: string;
  providerTenantId: string | null;
  providerRelationshipId: string | null;
  email: string | null;
  locale: string;
  delegatedAdmin: DelegatedAdminRequest | null;
  status: InvitationStatus;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedByTenantId: string | null;
  sentAt: string | null;
  createdAt: string;
  link?: string;
  draftEmail?: DraftEmail;
}

export interface InvitationParty {
  tenantId: string;
  name: string;
  country: string;
  countryName: string;
  canDo: string[];
}

export interface CustomerInvitationDescription {
  type: CustomerInvitationType | (string & {});
  reseller: InvitationParty;
  provider: InvitationParty | null;
  delegatedAdmin: DelegatedAdminRequest | null;
  customerAgreementTemplateId: string | null;
  expiresAt: string;
}

export interface Customer {
  id: string;
  companyName: string;
  country: string;
  primaryDomain: string;
  relationships: { partnerTenantId: string; role: string }[];
  createdAt: string;
}

export interface CustomerCreated {
  customer: { id: string; companyName: string; country: string; primaryDomain: string };
  admin: { id: string; email: string; displayName: string; roles: string[]; temporaryPassword: string };
}

export interface DelegatedAdminRelationship {
  id: string;
  customerTenantId: string;
  partnerTenantId: string;
  roles: string[];
  durationDays: number;
  autoExtend: boolean;
  status: string;
  activatedAt: string | null;
  endsAt: string | null;
  terminatedAt: string | null;
  createdAt: string;
}

export interface PartnerRelationship {
  id: string;
  partnerTenantId: string;
  name: string;
  country: string;
  role: 'reseller' | 'provider' | (string & {});
  createdAt: string;
  delegatedAdmin: DelegatedAdminRelationship[];
}

// ---------------------------------------------------------------------------------------------
// Commerce (ORD)

export const TERM_DURATIONS = ['P1M', 'P1Y', 'P3Y'] as const;
export const BILLING_CYCLES = ['monthly', 'annual'] as const;

export interface SkuPrice {
  currency: string;
  unitPrice: number;
}

export interface Sku {
  skuId: string;
  name: string;
  termDurations: string[];
  billingCycles: string[];
  prices: SkuPrice[];
}

export interface Product {
  id: string;
  source: string;
  publisherTenantId: string | null;
  name: string;
  description: string;
  skus: Sku[];
  markets: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CatalogItem {
  catalogItemId: string;
  offerId: string;
  source: string;
  name: string;
  description: string;
  skuId: string;
  skuName: string;
  termDurations: string[];
  billingCycles: string[];
  unitPrice: number;
  currency: string;
}

export interface CartLineInput {
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  resellerPartnerId: string;
}

export interface Cart {
  id: string;
  customerTenantId: string;
  status: string;
  lineItems: (CartLineInput & { lineItemNumber: number })[];
  expiresAt: string;
  createdAt: string;
}

export interface OrderLineItem {
  lineItemNumber: number;
  offerId: string;
  skuId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  unitPrice: number;
  partnerIdOnRecord: string;
  subscriptionId: string;
}

export interface Order {
  id: string;
  customerTenantId: string;
  resellerTenantId: string;
  status: string;
  currency: string;
  lineItems: OrderLineItem[];
  createdAt: string;
}

export interface CheckoutResult {
  orders: Order[];
  orderErrors: { lineItemNumber: number; code: string }[];
}

export interface Subscription {
  id: string;
  customerTenantId: string;
  offerId: string;
  skuId: string;
  name: string;
  quantity: number;
  assignedLicenses: number;
  termDuration: string;
  billingCycle: string;
  currency: string;
  unitPrice: number;
  partnerIdOnRecord: string;
  providerTenantId: string;
  resellerTenantId: string;
  orderId: string;
  status: 'active' | 'suspended' | 'cancelled' | (string & {});
  autoRenewEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface License {
  subscriptionId: string;
  name: string;
  assignedAt: string;
}
