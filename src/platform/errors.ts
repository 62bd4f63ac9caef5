// One error type for the whole application. Each code has one HTTP status and one message key;
// http.ts turns an AppError into application/problem+json in the caller's language.
import type { MessageKey } from './i18n/index.js';

export const errorStatus = {
  validation_failed: 400,
  malformed_json: 400,
  body_too_large: 400,
  unsupported_media_type: 415,
  uri_too_long: 414,
  headers_too_large: 431,
  malformed_request: 400,
  request_timeout: 408,
  route_not_found: 404,
  not_found: 404,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_token_invalid: 403,
  password_change_required: 403,
  mfa_required: 403,
  mfa_enrolment_required: 403,
  mfa_code_invalid: 401,
  mfa_challenge_invalid: 401,
  mfa_totp_not_pending: 409,
  mfa_totp_exists: 409,
  mfa_not_enrolled: 409,
  global_admin_grant_forbidden: 403,
  role_grant_exceeds_own: 403,
  too_many_attempts: 429,
  rate_limited: 429,
  idempotency_key_reused: 409,
  email_taken: 409,
  domain_taken: 409,
  precondition_failed: 412,
  precondition_required: 428,
  last_global_admin: 422,
  current_password_invalid: 422,
  cannot_change_own_state: 422,
  user_inactive: 422,
  invalid_duns: 400,
  duns_not_found: 404,
  registry_import_invalid: 400,
  partner_id_country_mismatch: 422,
  partner_id_not_associated: 422,
  enrollment_exists: 409,
  invalid_transition: 409,
  enrollment_incomplete: 422,
  webmail_not_allowed: 422,
  verification_link_used: 410,
  verification_link_expired: 410,
  enrollment_not_overdue: 422,
  legal_country_fixed: 422,
  address_invalid: 422,
  enrollment_not_verified: 422,
  agreement_not_current: 422,
  agreement_already_accepted: 409,
  invitation_link_missing: 422,
  invitation_expired: 410,
  invitation_used: 410,
  invitation_revoked: 410,
  confirmation_required: 422,
  region_mismatch: 422,
  not_enrolled_reseller: 422,
  not_an_active_provider: 422,
  self_relationship: 422,
  partner_suspended: 422,
  already_authorized: 409,
  relationship_ended: 409,
  customer_agreement_required: 422,
  not_a_customer_tenant: 422,
  reseller_not_active: 422,
  provider_relationship_invalid: 422,
  subscriptions_not_suspended: 409,
  delegated_role_missing: 403,
  security_group_name_taken: 409,
  security_group_assigned: 409,
  delegated_admin_not_active: 409,
  access_assignment_exists: 409,
  provider_not_active: 422,
  reseller_not_found: 422,
  reseller_agreement_not_accepted: 422,
  provider_not_authorized_by_reseller: 422,
  no_provider_customer_relationship: 422,
  no_reseller_customer_relationship: 422,
  offer_not_available_in_market: 422,
  invalid_term_or_cycle: 422,
  billing_cycle_not_allowed_for_term: 422,
  invalid_quantity: 422,
  reseller_not_in_csp_audience: 422,
  cart_expired: 410,
  not_a_publisher: 422,
  publisher_agreement_required: 422,
  offer_incomplete: 422,
  not_a_csp_reseller: 422,
  support_request_required: 409,
  partner_has_resold: 422,
  offer_not_live: 409,
  support_request_closed: 409,
  audience_import_invalid: 400,
  licenses_assigned: 409,
  no_licenses_available: 409,
  subscription_not_active: 409,
  subscription_suspended: 409,
  term_ended: 409,
  sku_not_in_product: 422,
  upgrade_path_invalid: 422,
  upgrade_not_allowed: 422,
  coterm_not_possible: 422,
  cancellation_window_closed: 409,
  price_list_exists: 409,
  price_list_month_past: 422,
  price_list_published: 409,
  price_not_listed: 404,
  repricing_conflict: 409,
  repricing_month_past: 422,
  repricing_fixed_needs_sku: 422,
  repricing_discount_too_large: 422,
  repricing_buyer_not_related: 422,
  repricing_reseller_not_enrolled: 422,
  repricing_config_begun: 409,
  reset_link_used: 410,
  reset_link_expired: 410,
  identity_provider_discovery_failed: 422,
  identity_provider_domain_taken: 409,
  identity_provider_domain_limit: 422,
  domain_verification_failed: 422,
  identity_provider_unavailable: 502,
  sso_not_configured: 404,
  sso_required: 403,
  sso_state_invalid: 400,
  sso_state_expired: 410,
  sso_provider_refused: 403,
  sso_token_invalid: 401,
  sso_email_missing: 403,
  sso_email_unverified: 403,
  sso_email_domain_mismatch: 403,
  sso_user_unknown: 403,
  sso_user_inactive: 403,
  passkey_invalid: 400,
  passkey_exists: 409,
  app_permission_exceeds_own: 403,
  app_secret_limit: 409,
  app_not_allowed: 403,
  // The token endpoint (RFC 6749 §5.2): each answers with its OAuth error code as well (apps/routes.ts).
  oauth_invalid_request: 400,
  oauth_invalid_client: 401,
  oauth_unauthorized_client: 400,
  oauth_unsupported_grant_type: 400,
  oauth_invalid_scope: 400,
  // Reconciliation exports (billing/reconciliation): a period the month-end run has not closed, a download link refused.
  billing_period_open: 422,
  export_link_expired: 410,
  export_link_invalid: 403,
  // Credit and payments (billing/credit, BIL-2, BIL-4).
  credit_limit_exceeded: 422,
  invoice_overdue: 422,
  payment_exceeds_balance: 422,
  invoice_not_payable: 422,
  not_a_buyer: 422,
  nothing_to_credit: 422,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One invalid field: a JSON pointer into the request, a stable code and its message key. */
export interface FieldError {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

/** The extension members a problem may carry besides its fields (declared in contract.ts Problem). */
export interface ProblemExtensions {
  availableCredit?: string;
  creditLimit?: string;
  currency?: string;
  invoiceId?: string;
  dueAt?: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** RFC 9457 extension members of the answer (each declared in contract.ts Problem), such as the available credit. */
    readonly extensions: ProblemExtensions = {},
  ) {
    super(code);
    this.status = errorStatus[code];
  }

  get messageKey(): MessageKey {
    return `error.${this.code}` as MessageKey;
  }
}

/** A 400 naming the fields at fault (each code has a `field.<code>` message). */
export function invalidFields(...errors: FieldError[]): AppError {
  return new AppError('validation_failed', {}, errors);
}

export function notFound(resource: string): AppError {
  return new AppError('not_found', { resource });
}
