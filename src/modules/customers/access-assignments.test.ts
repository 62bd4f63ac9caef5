// ACC-3 through HTTP on a real database: delegated-admin roles are exercised only through access
// assignments of the partner's security groups. A partner user acts in the customer's tenant with the
// union of the roles of its groups' assignments there, nothing without one; changes, removals, expiry,
// termination and leaving a group take effect on the next request; the customer sees which roles are
// in use, never the partner's groups.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { addUser, testPassword, uniqueEmail, type Client } from '../../../test/helpers/client.js';
import { connectedPartners, sharedCustomer } from '../../../test/helpers/commerce.js';
import { addMembers, assign, assignmentsOf, createGroup, relationshipsWith } from '../../../test/helpers/groups.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import type { AccessAssignment, DelegatedAccess, PartnerRelationship } from './contract.js';
import type { DelegatedAdminRole } from './rules.js';

type Problem = { code: string; errors?: { path: string; code: string }[] };

const newUser = () => ({ displayName: 'By partner', email: uniqueEmail('by-partner'), roles: [], password: testPassword });

/** A reseller with a customer that granted it these roles, its "Admin agents" group assigned them all, and an agent in no group. */
async function setting(t: Target, roles: DelegatedAdminRole[]) {
  const parties = await connectedPartners(t);
  const customer = await sharedCustomer(t, parties, { roles, durationDays: 90, autoExtend: false });
  const [dar] = await relationshipsWith(parties.reseller.client, customer.tenantId);
  const agent = await addUser(t, parties.reseller.client, ['adminAgent']);
  const member = await addUser(t, customer.client, []);
  return { parties, reseller: parties.reseller, customer, dar: dar!, agent, member };
}

const accessOf = async (client: Client, customerTenantId: string) => (await client.request<DelegatedAccess>('GET', `/v1/customers/${customerTenantId}/delegated-access`)).body;

const usersOf = (client: Client, customerTenantId: string) => client.request<Problem>('GET', `/v1/customers/${customerTenantId}/users`);

describe.each(targetKinds())('access assignments on %s', (kind) => {
  it('ACC-3: assignments unioned, changed and removed; a partner user outside every assigned group is refused', async () => {
    const t = await target(kind);
    const { reseller, customer, dar, agent, member } = await setting(t, ['userAdministrator', 'helpdeskAdministrator']);
    const c = customer.tenantId;
    const assignmentsPath = `/v1/delegated-admin-relationships/${dar.id}/access-assignments`;

    // An admin agent in no assigned group holds nothing in the customer's tenant, by either path.
    for (const path of [`/v1/customers/${c}/users`, `/v1/tenants/${c}/users`]) {
      const refused = await agent.client.request<Problem>('GET', path);
      expect([refused.status, refused.body.code], path).toEqual([403, 'delegated_role_missing']);
    }

    const helpdesk = await createGroup(reseller.client, reseller.tenantId, `Helpdesk ${randomBytes(3).toString('hex')}`);
    const admins = await createGroup(reseller.client, reseller.tenantId, `User admins ${randomBytes(3).toString('hex')}`);
    await addMembers(reseller.client, reseller.tenantId, helpdesk.id, [agent.userId]);
    await addMembers(reseller.client, reseller.tenantId, admins.id, [agent.userId]);
    // A group alone gives nothing: no assignment yet.
    expect((await usersOf(agent.client, c)).body.code).toBe('delegated_role_missing');
    expect(await accessOf(agent.client, c)).toEqual({ delegatedRoles: [], permissions: [], mfaRequired: false });

    // Helpdesk administrator through the first group: reads users and resets a member's password, adds nobody.
    const first = await assign(reseller.client, dar.id, helpdesk.id, ['helpdeskAdministrator']);
    expect(first).toMatchObject({ relationshipId: dar.id, customerTenantId: c, securityGroup: { id: helpdesk.id, name: helpdesk.name }, roles: ['helpdeskAdministrator'], status: 'active' });
    expect((await usersOf(agent.client, c)).status).toBe(200);
    expect((await agent.client.request('POST', `/v1/customers/${c}/users/${member.userId}/password-reset`)).status).toBe(201);
    expect((await agent.client.request<Problem>('POST', `/v1/customers/${c}/users`, { body: newUser() })).body.code).toBe('delegated_role_missing');

    // The union: user administrator through the second group as well.
    const second = await assign(reseller.client, dar.id, admins.id, ['userAdministrator']);
    expect((await agent.client.request('POST', `/v1/customers/${c}/users`, { body: newUser() })).status).toBe(201);
    const both = await accessOf(agent.client, c);
    expect(both.delegatedRoles).toEqual(['helpdeskAdministrator', 'userAdministrator']);
    expect(both.permissions).toEqual(['tenant.read', 'users.manage', 'users.read', 'users.resetPassword']);
    // The customer's own admin, at home, holds its own permissions there.
    expect((await accessOf(customer.client, c)).permissions).toContain('customer.partners.manage');

    // The customer sees which roles are in use, never the groups.
    const seen = await customer.client.request<{ items: PartnerRelationship[] }>('GET', '/v1/partner-relationships');
    const entry = seen.body.items.find((p) => p.partnerTenantId === reseller.tenantId)!;
    expect(entry.delegatedAdmin[0]!.assignedRoles).toEqual(['helpdeskAdministrator', 'userAdministrator']);
    const asCustomer = await customer.client.request('GET', `/v1/customers/${c}/delegated-admin-relationships`);
    const audit = await customer.client.request('GET', '/v1/audit-records?size=500');
    for (const text of [seen.text, asCustomer.text, audit.text]) for (const name of [helpdesk.name, admins.name, 'Admin agents']) expect(text).not.toContain(name);
    expect((await customer.client.request('GET', assignmentsPath)).status).toBe(404);
    expect((await customer.client.request('GET', `${assignmentsPath}/${first.id}`)).status).toBe(404);

    // Changing the second assignment's roles applies on the next request.
    const changed = await reseller.client.request<AccessAssignment>('PATCH', `${assignmentsPath}/${second.id}`, { body: { roles: ['helpdeskAdministrator'] } });
    expect([changed.status, changed.body.roles]).toEqual([200, ['helpdeskAdministrator']]);
    expect((await agent.client.request<Problem>('POST', `/v1/customers/${c}/users`, { body: newUser() })).body.code).toBe('delegated_role_missing');
    expect((await usersOf(agent.client, c)).status).toBe(200);

    // Removed one by one: the roles go with them.
    expect((await reseller.client.request('DELETE', `${assignmentsPath}/${first.id}`)).status).toBe(204);
    expect((await usersOf(agent.client, c)).status).toBe(200); // still helpdesk through the second
    expect((await reseller.client.request('DELETE', `${assignmentsPath}/${second.id}`)).status).toBe(204);
    expect((await usersOf(agent.client, c)).body.code).toBe('delegated_role_missing');
    expect((await reseller.client.request('GET', `${assignmentsPath}/${second.id}`)).status).toBe(404);
    expect((await assignmentsOf(reseller.client, dar.id)).map((a) => a.securityGroup.name)).toEqual(['Admin agents']);
    const actions = await query<{ action: string }>(t.app.platform.db, sql`select action from audit_records where resource_id = ${second.id} order by at, id`);
    expect(actions.map((r) => r.action)).toEqual(['accessAssignment.created', 'accessAssignment.updated', 'accessAssignment.deleted']);
  });

  it('ACC-3: an assignment names one of the partner’s groups and a non-empty subset of the approved roles, once, on an active relationship', async () => {
    const t = await target(kind);
    const { parties, reseller, dar, customer } = await setting(t, ['userAdministrator']);
    const assignmentsPath = `/v1/delegated-admin-relationships/${dar.id}/access-assignments`;
    const group = await createGroup(reseller.client, reseller.tenantId, 'Tier 2');
    const post = (body: unknown, client = reseller.client) => client.request<Problem>('POST', assignmentsPath, { body });

    const notApproved = await post({ securityGroupId: group.id, roles: ['userAdministrator', 'billingReader'] });
    expect([notApproved.status, notApproved.body.errors]).toEqual([400, [expect.objectContaining({ path: '/roles/1', code: 'role_not_approved' })]]);
    for (const body of [{ securityGroupId: group.id, roles: [] }, { securityGroupId: group.id, roles: ['owner'] }, { securityGroupId: 'nope', roles: ['userAdministrator'] }, { roles: ['userAdministrator'] }]) {
      expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    }
    // Another partner's group is not the reseller's to assign.
    const providerGroup = await createGroup(parties.provider.client, parties.provider.tenantId, 'Provider agents');
    const foreign = await post({ securityGroupId: providerGroup.id, roles: ['userAdministrator'] });
    expect([foreign.status, foreign.body.errors]).toEqual([400, [expect.objectContaining({ path: '/securityGroupId', code: 'security_group_unknown' })]]);
    expect((await post({ securityGroupId: group.id, roles: ['userAdministrator'] })).status).toBe(201);
    expect((await post({ securityGroupId: group.id, roles: ['userAdministrator'] })).body.code).toBe('access_assignment_exists');
    // Only the relationship's partner sees or changes its assignments.
    expect((await parties.provider.client.request('GET', assignmentsPath)).status).toBe(404);
    expect((await post({ securityGroupId: providerGroup.id, roles: ['userAdministrator'] }, parties.provider.client)).status).toBe(404);
    // Its sales agent reads them but assigns nothing (customers.manage: global admins and admin agents).
    const sales = await addUser(t, reseller.client, ['salesAgent']);
    expect((await sales.client.request('GET', assignmentsPath)).status).toBe(200);
    expect((await post({ securityGroupId: group.id, roles: ['userAdministrator'] }, sales.client)).body.code).toBe('forbidden');

    // A relationship still waiting for the customer's approval takes no assignment.
    const requested = await reseller.client.request<{ id: string; status: string }>('POST', `/v1/customers/${customer.tenantId}/delegated-admin-relationships`, { body: { roles: ['billingReader'], durationDays: 30, autoExtend: false } });
    expect(requested.body.status).toBe('approvalPending');
    const pending = await reseller.client.request<Problem>('POST', `/v1/delegated-admin-relationships/${requested.body.id}/access-assignments`, { body: { securityGroupId: group.id, roles: ['billingReader'] } });
    expect([pending.status, pending.body.code]).toEqual([409, 'delegated_admin_not_active']);
  });

  it('ACC-3: expiry, termination and leaving the group take effect on the next request', async () => {
    const t = await target(kind);
    const { reseller, customer, dar, agent } = await setting(t, ['userAdministrator']);
    const c = customer.tenantId;
    const group = await createGroup(reseller.client, reseller.tenantId, 'On call');
    await addMembers(reseller.client, reseller.tenantId, group.id, [agent.userId]);
    const assignment = await assign(reseller.client, dar.id, group.id, ['userAdministrator']);
    const refused = async () => {
      for (const path of [`/v1/customers/${c}/users`, `/v1/tenants/${c}/users`]) {
        const response = await agent.client.request<Problem>('GET', path);
        expect([response.status, response.body.code], path).toEqual([403, 'delegated_role_missing']);
      }
    };
    expect((await usersOf(agent.client, c)).status).toBe(200);
    expect((await agent.client.request('GET', `/v1/tenants/${c}/users`)).status).toBe(200);

    // Taken out of the group: refused at once; back in: allowed at once.
    expect((await reseller.client.request('DELETE', `/v1/tenants/${reseller.tenantId}/security-groups/${group.id}/members/${agent.userId}`)).status).toBe(204);
    await refused();
    await addMembers(reseller.client, reseller.tenantId, group.id, [agent.userId]);
    expect((await usersOf(agent.client, c)).status).toBe(200);

    // Past its end date, before the hourly sweep marks it expired: refused; the assignment shows it.
    await t.app.platform.db.execute(sql`update delegated_admin_relationships set ends_at = now() - interval '1 minute' where id = ${dar.id}`);
    await refused();
    const shown = await reseller.client.request<AccessAssignment>('GET', `/v1/delegated-admin-relationships/${dar.id}/access-assignments/${assignment.id}`);
    expect(shown.body.status).toBe('expired');
    const late = await reseller.client.request<Problem>('PATCH', `/v1/delegated-admin-relationships/${dar.id}/access-assignments/${assignment.id}`, { body: { roles: ['userAdministrator'] } });
    expect([late.status, late.body.code]).toEqual([409, 'delegated_admin_not_active']);
    await t.app.platform.db.execute(sql`update delegated_admin_relationships set ends_at = now() + interval '30 days' where id = ${dar.id}`);
    expect((await usersOf(agent.client, c)).status).toBe(200);

    // The customer ends the delegated admin: refused from the next request.
    const partners = await customer.client.request<{ items: PartnerRelationship[] }>('GET', '/v1/partner-relationships');
    const entry = partners.body.items.find((p) => p.partnerTenantId === reseller.tenantId)!;
    expect((await customer.client.request('DELETE', `/v1/partner-relationships/${entry.id}/delegated-admin`)).status).toBe(204);
    await refused();
    expect((await assignmentsOf(reseller.client, dar.id)).find((a) => a.id === assignment.id)!.status).toBe('terminated');
    // The reseller's own global admin ("Admin agents") is refused there too.
    expect((await usersOf(reseller.client, c)).body.code).toBe('delegated_role_missing');
  });
});
