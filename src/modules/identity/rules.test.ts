// Identity rules, pure: domains, roles, ENR-12 (global admin), session expiry.
import { describe, expect, it } from 'vitest';
import { domainPrefixFrom, keepsAGlobalAdmin, primaryDomainOf, roleProblems, sessionIsLive, touchesGlobalAdmin } from './rules.js';

describe('domains', () => {
  it.each([
    ['Contoso Ltd.', 'contosoltd'],
    ['Boulangerie Élodie & Fils', 'boulangerieelodiefil'],
    ['株式会社', 'tenant'],
    ['A', 'tenanta'],
  ])('%s → %s', (name, prefix) => {
    expect(domainPrefixFrom(name)).toBe(prefix);
  });
  it('adds the platform suffix in lower case', () => {
    expect(primaryDomainOf('Contoso')).toBe('contoso.onchannelcenter.com');
  });
});

describe('roles', () => {
  it('operator roles only in the operator tenant', () => {
    expect(roleProblems(['adminAgent', 'reviewer'], 'partner')).toEqual([{ path: '/roles/1', code: 'role_invalid', params: { role: 'reviewer' } }]);
    expect(roleProblems(['adminAgent', 'reviewer'], 'operator')).toEqual([]);
    expect(roleProblems(['superuser'], 'operator')).toHaveLength(1);
    // ACC-1: a customer tenant offers customer roles only, and its users need none.
    expect(roleProblems([], 'customer')).toEqual([]);
    expect(roleProblems(['helpdeskAgent'], 'customer')).toEqual([{ path: '/roles/0', code: 'role_invalid', params: { role: 'helpdeskAgent' } }]);
    expect(roleProblems(['userAdministrator', 'globalAdmin'], 'customer')).toEqual([]);
    expect(roleProblems(['userAdministrator'], 'partner')).toHaveLength(1);
    expect(roleProblems([], 'partner')).toEqual([{ path: '/roles', code: 'roles_required' }]);
  });
});

describe('ENR-12 global admin', () => {
  it('granting or removing globalAdmin touches it; other changes do not', () => {
    expect(touchesGlobalAdmin(['adminAgent'], ['adminAgent', 'globalAdmin'])).toBe(true);
    expect(touchesGlobalAdmin(['globalAdmin'], ['adminAgent'])).toBe(true);
    expect(touchesGlobalAdmin(['globalAdmin', 'salesAgent'], ['globalAdmin'])).toBe(false);
    expect(touchesGlobalAdmin(['salesAgent'], ['helpdeskAgent'])).toBe(false);
  });
  it('the tenant keeps at least one active global admin', () => {
    const users = [
      { id: 'a', roles: ['globalAdmin'], state: 'active' },
      { id: 'b', roles: ['globalAdmin'], state: 'inactive' },
      { id: 'c', roles: ['adminAgent'], state: 'active' },
    ];
    expect(keepsAGlobalAdmin(users, { id: 'a', roles: ['adminAgent'], state: 'active' })).toBe(false);
    expect(keepsAGlobalAdmin(users, { id: 'a', roles: ['globalAdmin'], state: 'inactive' })).toBe(false);
    expect(keepsAGlobalAdmin(users, { id: 'b', roles: ['globalAdmin'], state: 'active' })).toBe(true);
    expect(keepsAGlobalAdmin(users, { id: 'c', roles: ['globalAdmin'], state: 'active' })).toBe(true);
  });
});

describe('sessions', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const live = { expiresAt: new Date('2026-11-30T00:00:00Z'), lastSeenAt: new Date('2026-11-23T11:00:00Z'), revokedAt: null };
  it('live until revoked, idle for 8 hours, or past the absolute expiry', () => {
    expect(sessionIsLive(live, now)).toBe(true);
    expect(sessionIsLive({ ...live, revokedAt: now }, now)).toBe(false);
    expect(sessionIsLive({ ...live, lastSeenAt: new Date('2026-11-23T03:59:00Z') }, now)).toBe(false);
    expect(sessionIsLive({ ...live, expiresAt: new Date('2026-11-23T11:59:59Z') }, now)).toBe(false);
  });
});
