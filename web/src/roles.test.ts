// @vitest-environment node
// The portal offers what the API allows: the roles of each kind of tenant and the delegated-role table
// are the API's (platform/access.ts), so a change there shows here as a failing test.
import { describe, expect, it } from 'vitest';
import {
  assignableRoles as apiAssignableRoles,
  customerRoles as apiCustomerRoles,
  delegatedRoleTable,
  operatorRoles as apiOperatorRoles,
  partnerRoles as apiPartnerRoles,
  tenantKindOf as apiTenantKindOf,
} from '../../src/platform/access';
import {
  CUSTOMER_ROLES,
  DELEGATED_ROLE_PERMISSIONS,
  assignableRoles,
  createdElsewhere,
  globalAdminChoice,
  rolesRequired,
  tenantKindOf,
  type TenantKind,
} from './roles';

const KINDS: TenantKind[] = ['operator', 'partner', 'customer'];

describe('roles of a tenant', () => {
  it('ACC-1: derives the kind of a tenant from its memberships as the API does', () => {
    const cases = [
      [],
      [{ program: 'operator' }],
      [{ program: 'customer' }],
      [{ program: 'customer' }, { program: 'customer' }],
      [{ program: 'indirectReseller' }],
      [{ program: 'indirectProvider' }, { program: 'publisher' }],
      [{ program: 'customer' }, { program: 'indirectReseller' }],
      [{ program: 'operator' }, { program: 'customer' }],
    ];
    for (const memberships of cases) expect(tenantKindOf(memberships), JSON.stringify(memberships)).toBe(apiTenantKindOf(memberships));
    expect(tenantKindOf(undefined)).toBe('partner');
  });

  it('ACC-1: offers customer roles only in a customer tenant, and operator and partner roles in the operator tenant', () => {
    expect([...CUSTOMER_ROLES]).toEqual([...apiCustomerRoles]);
    expect([...assignableRoles('customer')]).toEqual([...apiAssignableRoles('customer')]);
    expect([...assignableRoles('operator')].sort()).toEqual([...apiAssignableRoles('operator')].sort());
    expect([...assignableRoles('operator')].sort()).toEqual([...apiOperatorRoles, ...apiPartnerRoles].sort());
    // Partner tenants: the six partner roles (the API also accepts the publisher roles, which the portal does not offer).
    expect([...assignableRoles('partner')]).toEqual([...apiPartnerRoles]);
    expect(assignableRoles('customer')).not.toContain('adminAgent');
  });

  it('a customer user may hold no role; partner and operator users need one', () => {
    expect(KINDS.map(rolesRequired)).toEqual([true, true, false]);
  });

  it('global admin is offered to a global admin of the tenant, locked for its other admins', () => {
    expect(globalAdminChoice(['globalAdmin'])).toBe('offer');
    expect(globalAdminChoice(['userManagementAdmin'])).toBe('locked');
    expect(globalAdminChoice(['userAdministrator'])).toBe('locked');
    expect(globalAdminChoice(undefined)).toBe('locked');
  });

  it('REL-4: a user is created elsewhere only when another organization created it', () => {
    expect(createdElsewhere({ createdByTenantId: null }, 't1')).toBe(false);
    expect(createdElsewhere({ createdByTenantId: 't1' }, 't1')).toBe(false);
    expect(createdElsewhere({ createdByTenantId: 't2' }, 't1')).toBe(true);
  });
});

describe('delegated roles', () => {
  it("ACC-2: the portal's delegated-role table is the API's", () => {
    expect(Object.keys(DELEGATED_ROLE_PERMISSIONS).sort()).toEqual(Object.keys(delegatedRoleTable).sort());
    for (const [role, permissions] of Object.entries(delegatedRoleTable)) expect([...DELEGATED_ROLE_PERMISSIONS[role]!].sort(), role).toEqual([...permissions].sort());
  });
});
