// Enrollment rules as pure functions: the state machine, business days (ENR-6), web-mail (ENR-4),
// what is missing before submit, vetting steps, the automatic checks, and program status (ENR-10).
import { emailDomain, isWebmail } from '../../platform/email-domains.js';

export const enrollmentPrograms = ['indirectReseller', 'indirectProvider'] as const;
export type EnrollmentProgram = (typeof enrollmentPrograms)[number];

export const enrollmentStatuses = ['draft', 'emailVerificationPending', 'inReview', 'actionRequired', 'verified', 'active', 'rejected', 'suspended'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** The allowed transitions; anything else is `invalid_transition`. Terminal: rejected. */
export const transitions: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  draft: ['emailVerificationPending', 'verified'], // → verified only for ENR-13 (already vetted in another program)
  emailVerificationPending: ['inReview'],
  inReview: ['actionRequired', 'verified', 'rejected'],
  actionRequired: ['inReview', 'rejected'],
  verified: ['active', 'suspended'],
  active: ['suspended'],
  suspended: ['active', 'verified'], // reinstated to where it was (reinstatedStatus)
  rejected: [],
};

export function canTransition(from: EnrollmentStatus, to: EnrollmentStatus): boolean {
  return transitions[from].includes(to);
}

/** Statuses in which the applicant may still change its profile and resubmit. */
export const editableStatuses: readonly EnrollmentStatus[] = ['draft', 'actionRequired'];

/** Statuses in which the operator's review decides (approve, reject, request information). */
export const reviewStatuses: readonly EnrollmentStatus[] = ['inReview', 'actionRequired'];

/** Statuses of a vetted partner: the program has verified its legal entity. */
export const vettedStatuses: readonly EnrollmentStatus[] = ['verified', 'active', 'suspended'];

/**
 * MKT-1, MKT-5: once any enrollment of the tenant is vetted, the country of its legal business address
 * (its CSP region) is fixed; another region is another legal entity and another enrollment.
 */
export function legalCountryFixed(statuses: readonly string[]): boolean {
  return statuses.some((status) => (vettedStatuses as readonly string[]).includes(status));
}

/** Partner suspension: the operator suspends verified or active enrollments. */
export const suspendableStatuses: readonly EnrollmentStatus[] = ['verified', 'active'];

/**
 * Partner suspension: a reinstated enrollment returns to where it was — active when ENR-10 holds
 * (nothing that makes it hold can change while suspended), verified otherwise.
 */
export function reinstatedStatus(standing: { agreementAccepted: boolean; partnerIdAssociated: boolean }): EnrollmentStatus {
  return standing.agreementAccepted && standing.partnerIdAssociated ? 'active' : 'verified';
}

// ---------------------------------------------------------------------------------------------
// ENR-6 business days: Monday–Friday, minus the operator's holidays (ISO dates, UTC).

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function nextDay(day: string, step = 1): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + step);
  return isoDay(d);
}

export function isBusinessDay(day: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The business day that is `n` business days after the day of `start`. */
export function addBusinessDays(start: Date, n: number, holidays: ReadonlySet<string>): string {
  let day = isoDay(start);
  let counted = 0;
  while (counted < n) {
    day = nextDay(day);
    if (isBusinessDay(day, holidays)) counted++;
  }
  return day;
}

/** Business days that have passed since `start`: days after its day, up to and including `now`'s. */
export function businessDaysBetween(start: Date, now: Date, holidays: ReadonlySet<string>): number {
  let day = isoDay(start);
  const end = isoDay(now);
  let count = 0;
  while (day < end) {
    day = nextDay(day);
    if (isBusinessDay(day, holidays)) count++;
  }
  return count;
}

export const reviewDays = { earliest: 3, latest: 5 } as const;

/** ENR-6: in review for more than 5 business days. */
export function isOverdue(status: string, reviewStartedAt: Date | null, now: Date, holidays: ReadonlySet<string>): boolean {
  return status === 'inReview' && reviewStartedAt !== null && businessDaysBetween(reviewStartedAt, now, holidays) > reviewDays.latest;
}

/**
 * ENR-6: an enrollment's review dates as one story, all from when its review started and the holidays
 * now: the decision is expected from the 3rd to the 5th business day after, the age counts the business
 * days since, and it is overdue while in review once more than 5 have passed (a business day after the
 * expected date). Nothing is expected before the review starts.
 */
export function reviewTimeline(status: string, reviewStartedAt: Date | null, now: Date, holidays: ReadonlySet<string>) {
  if (!reviewStartedAt) return { expectedDecisionFrom: null, expectedDecisionBy: null, ageBusinessDays: 0, overdue: false };
  return {
    expectedDecisionFrom: addBusinessDays(reviewStartedAt, reviewDays.earliest, holidays),
    expectedDecisionBy: addBusinessDays(reviewStartedAt, reviewDays.latest, holidays),
    ageBusinessDays: businessDaysBetween(reviewStartedAt, now, holidays),
    overdue: isOverdue(status, reviewStartedAt, now, holidays),
  };
}

/** The first calendar day D such that a review started on D or later is not yet overdue at `now`. */
export function overdueCutoff(now: Date, holidays: ReadonlySet<string>): string {
  let day = isoDay(now);
  for (let i = 0; i < 400; i++) {
    const previous = nextDay(day, -1);
    if (businessDaysBetween(new Date(`${previous}T00:00:00Z`), now, holidays) > reviewDays.latest) return day;
    day = previous;
  }
  return day;
}

// ---------------------------------------------------------------------------------------------
// ENR-4 web-mail: the platform's list (single sign-on refuses web-mail domains with it too)

export { isWebmail };

// ---------------------------------------------------------------------------------------------
// What an enrollment needs before submit

export interface EnrollmentFacts {
  program: EnrollmentProgram;
  hasLegalProfile: boolean;
  hasSupportProfile: boolean;
  servicesOffered: readonly string[];
  attestation: { billingCapability: boolean; supportCapability: boolean } | null;
  /** ENR-13: already vetted (verified or active) in another program. */
  alreadyVetted: boolean;
}

/** Every missing item, as field errors (path, code). */
export function missingItems(facts: EnrollmentFacts): { path: string; code: string }[] {
  const missing: { path: string; code: string }[] = [];
  if (!facts.alreadyVetted && !facts.hasLegalProfile) missing.push({ path: '/legalBusinessProfile', code: 'required' });
  if (!facts.hasSupportProfile) missing.push({ path: '/supportProfile', code: 'required' });
  if (facts.program === 'indirectProvider') {
    if (facts.servicesOffered.length === 0) missing.push({ path: '/servicesOffered', code: 'required' });
    if (!facts.attestation?.billingCapability || !facts.attestation?.supportCapability) missing.push({ path: '/attestation', code: 'required' });
  }
  return missing;
}

// ---------------------------------------------------------------------------------------------
// Vetting steps shown to the applicant

export type StepState = 'notStarted' | 'inProgress' | 'completed' | 'actionRequired' | 'failed';
export const vettingStepNames = ['emailOwnership', 'emailDomain', 'businessVerification', 'decision'] as const;

export function vettingSteps(status: EnrollmentStatus): { step: (typeof vettingStepNames)[number]; state: StepState }[] {
  const past = (after: EnrollmentStatus[]) => after.includes(status);
  const verifiedOrLater = past(['verified', 'active', 'suspended']);
  return [
    { step: 'emailOwnership', state: status === 'draft' ? 'notStarted' : status === 'emailVerificationPending' ? 'inProgress' : 'completed' },
    { step: 'emailDomain', state: past(['draft', 'emailVerificationPending']) ? 'notStarted' : 'completed' },
    {
      step: 'businessVerification',
      state: status === 'inReview' ? 'inProgress' : status === 'actionRequired' ? 'actionRequired' : status === 'rejected' ? 'failed' : verifiedOrLater ? 'completed' : 'notStarted',
    },
    { step: 'decision', state: status === 'rejected' ? 'failed' : verifiedOrLater ? 'completed' : 'notStarted' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Automatic checks shown to the reviewer

export function websiteDomain(website: string): string | undefined {
  try {
    return new URL(/^https?:\/\//i.test(website) ? website : `https://${website}`).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** The primary contact's email domain is the website's domain or a subdomain of it (or vice versa). */
export function emailMatchesWebsite(email: string, website: string | undefined): boolean {
  const site = website ? websiteDomain(website) : undefined;
  if (!site) return false;
  const domain = emailDomain(email);
  return domain === site || domain.endsWith(`.${site}`) || site.endsWith(`.${domain}`);
}

function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,'"&]/g, ' ')
    .replace(/\b(inc|ltd|llc|gmbh|sa|sas|sarl|ag|bv|co|corp|corporation|limited|pt|tbk)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The DUNS record's legal name matches the profile's, ignoring case, accents and legal-form suffixes. */
export function legalNameMatches(profileName: string, registryName: string): boolean {
  return normalizeName(profileName) === normalizeName(registryName);
}

// ---------------------------------------------------------------------------------------------
// ENR-10 program status

export interface Standing {
  enrollmentStatus: EnrollmentStatus | null;
  agreementAccepted: boolean;
  partnerIdAssociated: boolean;
}

/** ENR-10: active exactly when verified + agreement accepted + PartnerID associated. */
export function becomesActive(standing: Standing): boolean {
  return standing.enrollmentStatus === 'verified' && standing.agreementAccepted && standing.partnerIdAssociated;
}

/** ENR-8, ENR-9: may this partner transact? */
export function canTransact(standing: Standing): boolean {
  return standing.enrollmentStatus === 'active' && standing.agreementAccepted && standing.partnerIdAssociated;
}
