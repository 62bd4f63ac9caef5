// Enrollment rules, pure: the fixed legal country of a vetted partner (MKT-1, MKT-5) and the
// suspension transitions.
import { describe, expect, it } from 'vitest';
import { canTransition, enrollmentStatuses, legalCountryFixed, reinstatedStatus, reviewStatuses, suspendableStatuses } from './rules.js';

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
});
