// Customers' pure rules: when a delegated-admin relationship is usable, what an access assignment's
// status says, and which of an assignment's roles the customer did not approve (ACC-3).
import { describe, expect, it } from 'vitest';
import { assignmentRoleProblems, assignmentStatus, isUsableAt, sweepDecision } from './rules.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);

describe('delegated admin rules', () => {
  it('ACC-3: a relationship is usable while active and before its end, even before the sweep marks it expired', () => {
    expect(isUsableAt({ status: 'active', endsAt: later }, now)).toBe(true);
    expect(isUsableAt({ status: 'active', endsAt: now }, now)).toBe(false);
    expect(isUsableAt({ status: 'active', endsAt: earlier }, now)).toBe(false);
    expect(isUsableAt({ status: 'active', endsAt: null }, now)).toBe(false);
    for (const status of ['approvalPending', 'expired', 'terminated']) expect(isUsableAt({ status, endsAt: later }, now)).toBe(false);
    // The sweep agrees: what is past its end is extended or expired, the rest is left alone.
    expect(sweepDecision({ status: 'active', endsAt: earlier, autoExtend: false }, now)).toEqual({ action: 'expire' });
    expect(sweepDecision({ status: 'active', endsAt: later, autoExtend: false }, now)).toEqual({ action: 'none' });
  });

  it("ACC-3: an assignment's status follows its relationship", () => {
    expect(assignmentStatus({ status: 'active', endsAt: later }, now)).toBe('active');
    expect(assignmentStatus({ status: 'active', endsAt: earlier }, now)).toBe('expired');
    expect(assignmentStatus({ status: 'expired', endsAt: earlier }, now)).toBe('expired');
    expect(assignmentStatus({ status: 'terminated', endsAt: later }, now)).toBe('terminated');
    expect(assignmentStatus({ status: 'approvalPending', endsAt: null }, now)).toBe('approvalPending');
  });

  it('ACC-3: each assigned role must be one the customer approved on the relationship', () => {
    expect(assignmentRoleProblems(['userAdministrator'], ['userAdministrator', 'billingReader'])).toEqual([]);
    expect(assignmentRoleProblems(['billingReader', 'globalAdministrator', 'userAdministrator'], ['userAdministrator'])).toEqual([
      { path: '/roles/0', code: 'role_not_approved', params: { role: 'billingReader' } },
      { path: '/roles/1', code: 'role_not_approved', params: { role: 'globalAdministrator' } },
    ]);
  });
});
