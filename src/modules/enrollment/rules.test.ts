// Enrollment rules, pure: the fixed legal country of a vetted partner (MKT-1, MKT-5) and the
// suspension transitions.
import { describe, expect, it } from 'vitest';
import { canTransition, enrollmentStatuses, legalCountryFixed, reinstatedStatus, reviewStatuses, reviewTimeline, suspendableStatuses } from './rules.js';

describe('enrollment rules', () => {
  it('MKT-1, MKT-5: the legal country is fixed once any enrollment is verified, active or suspended', () => {
    expect(legalCountryFixed([])).toBe(false);
    for (const status of enrollmentStatuses) expect(legalCountryFixed([status]), status).toBe(['verified', 'active', 'suspended'].includes(status));
    expect(legalCountryFixed(['rejected', 'draft', 'active'])).toBe(true);
  });

  it('partner suspension: verified and active enrollments are suspended; a reinstated one returns to where it was', () => {
    for (const status of enrollmentStatuses) expect(canTransition(status, 'suspended'), status).toBe(suspendableStatuses.includes(status));
    expect(reinstatedStatus({ agreementAccepted: true, partnerIdAssociated: true })).toBe('active');
    expect(reinstatedStatus({ agreementAccepted: false, partnerIdAssociated: true })).toBe('verified');
    expect(reinstatedStatus({ agreementAccepted: true, partnerIdAssociated: false })).toBe('verified');
    expect(canTransition('suspended', 'active') && canTransition('suspended', 'verified')).toBe(true);
    expect(reviewStatuses.includes('suspended')).toBe(false);
  });

  it('ENR-6 review dates are one story from the start: expected from the 3rd to the 5th business day, overdue only in review once a business day has passed the expected date', () => {
    const holidays = new Set(['2026-05-01']);
    const start = new Date('2026-04-27T10:00:00Z'); // a Monday; Friday 1 May is a holiday
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    expect(reviewTimeline('inReview', start, at('2026-04-27'), holidays)).toEqual({ expectedDecisionFrom: '2026-04-30', expectedDecisionBy: '2026-05-05', ageBusinessDays: 0, overdue: false });
    expect(reviewTimeline('inReview', start, at('2026-05-05'), holidays)).toMatchObject({ ageBusinessDays: 5, overdue: false });
    expect(reviewTimeline('inReview', start, at('2026-05-06'), holidays)).toMatchObject({ expectedDecisionBy: '2026-05-05', ageBusinessDays: 6, overdue: true });
    expect(reviewTimeline('actionRequired', start, at('2026-05-20'), holidays).overdue).toBe(false);
    expect(reviewTimeline('emailVerificationPending', null, at('2026-05-20'), holidays)).toEqual({ expectedDecisionFrom: null, expectedDecisionBy: null, ageBusinessDays: 0, overdue: false });
  });
});
