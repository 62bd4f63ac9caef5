// Security groups through HTTP on a real database (ACC-3): a tenant's groups and their members from
// its own users, read by its user readers and managed by its global admins and user management
// admins; another tenant's groups, and its users as members, are "not found"; a group with access
// assignments is not deleted.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../../db/index.js';
import { expectAuthorization, roleFixture } from '../../../../test/helpers/authz.js';
import { addUser, signUp, type Client } from '../../../../test/helpers/client.js';
import { connectedPartners, sharedCustomer } from '../../../../test/helpers/commerce.js';
import { adminAgentsGroup, createGroup } from '../../../../test/helpers/groups.js';
import { target, targetKinds } from '../../../../test/helpers/server.js';
import type { SecurityGroup, SecurityGroupMember, SecurityGroupMembers, SecurityGroups } from './contract.js';

const groupsPath = (tenantId: string) => `/v1/tenants/${tenantId}/security-groups`;

function list(client: Client, tenantId: string) {
  return client.request<SecurityGroups>('GET', groupsPath(tenantId));
}
function members(client: Client, tenantId: string, groupId: string, query = '') {
  return client.request<SecurityGroupMembers>('GET', `${groupsPath(tenantId)}/${groupId}/members${query}`);
}

describe.each(targetKinds())('security groups on %s', (kind) => {
  it('ACC-3: a group is created, renamed, listed by name with its member count, and deleted; names are unique in the tenant whatever their case', async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const created = await admin.client.request<SecurityGroup>('POST', groupsPath(admin.tenantId), { body: { name: '  Helpdesk tier 1 ', description: 'First line' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'Helpdesk tier 1', description: 'First line', memberCount: 0, tenantId: admin.tenantId });
    const taken = await admin.client.request<{ code: string; errors: { path: string; code: string }[] }>('POST', groupsPath(admin.tenantId), { body: { name: 'HELPDESK TIER 1' } });
    expect([taken.status, taken.body.code, taken.body.errors[0]]).toEqual([409, 'security_group_name_taken', expect.objectContaining({ path: '/name', code: 'security_group_name_taken' })]);
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(121) }, { name: 'Ok', color: 'red' }]) {
      const bad = await admin.client.request<{ code: string }>('POST', groupsPath(admin.tenantId), { body });
      expect([bad.status, bad.body.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
    await createGroup(admin.client, admin.tenantId, 'Billing');
    expect((await list(admin.client, admin.tenantId)).body.items.map((g) => g.name)).toEqual(['Billing', 'Helpdesk tier 1']);

    const renamed = await admin.client.request<SecurityGroup>('PATCH', `${groupsPath(admin.tenantId)}/${created.body.id}`, { body: { name: 'Helpdesk', description: null } });
    expect(renamed.body).toMatchObject({ name: 'Helpdesk', description: null });
    expect((await admin.client.request('PATCH', `${groupsPath(admin.tenantId)}/${created.body.id}`, { body: {} })).status).toBe(400);
    expect((await admin.client.request<{ code: string }>('PATCH', `${groupsPath(admin.tenantId)}/${created.body.id}`, { body: { name: 'billing' } })).body.code).toBe('security_group_name_taken');

    expect((await admin.client.request('DELETE', `${groupsPath(admin.tenantId)}/${created.body.id}`)).status).toBe(204);
    expect((await admin.client.request('GET', `${groupsPath(admin.tenantId)}/${created.body.id}`)).status).toBe(404);
    const audit = await query<{ action: string }>(t.app.platform.db, sql`select action from audit_records where resource_id = ${created.body.id} order by at, id`);
    expect(audit.map((a) => a.action)).toEqual(['securityGroup.created', 'securityGroup.updated', 'securityGroup.deleted']);
  });

  it("ACC-3: members are the tenant's own users, added once, listed page by page; another tenant's user or group is not found", async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const other = await signUp(t);
    const group = await createGroup(admin.client, admin.tenantId, 'Admin agents');
    const people = [await addUser(t, admin.client, ['adminAgent']), await addUser(t, admin.client, ['salesAgent']), await addUser(t, admin.client, ['helpdeskAgent'])];
    const memberPath = (userId: string) => `${groupsPath(admin.tenantId)}/${group.id}/members/${userId}`;
    for (const person of people) {
      const added = await admin.client.request<SecurityGroupMember>('PUT', memberPath(person.userId));
      expect(added.status, added.text).toBe(200);
      expect(added.body).toMatchObject({ type: 'user', id: person.userId, email: person.email, displayName: expect.any(String) });
    }
    // Adding again changes nothing (one membership, one audit record).
    expect((await admin.client.request('PUT', memberPath(people[0]!.userId))).status).toBe(200);
    expect((await admin.client.request<SecurityGroup>('GET', `${groupsPath(admin.tenantId)}/${group.id}`)).body.memberCount).toBe(3);
    const [added] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from audit_records where resource_id = ${group.id} and action = 'securityGroup.memberAdded'`);
    expect(added!.n).toBe(3);

    const first = await members(admin.client, admin.tenantId, group.id, '?size=2');
    expect(first.body.totalCount).toBe(3);
    expect(first.body.items).toHaveLength(2);
    const rest = await admin.client.request<SecurityGroupMembers>('GET', first.body.links.next!.uri);
    expect([...first.body.items, ...rest.body.items].map((m) => m.id)).toEqual(people.map((p) => p.userId));
    expect(rest.body.links.next).toBeUndefined();

    // Members come from the tenant itself; another tenant's group or user is not found.
    const stranger = await addUser(t, other.client, ['adminAgent']);
    expect((await admin.client.request<{ code: string }>('PUT', memberPath(stranger.userId))).status).toBe(404);
    expect((await admin.client.request('PUT', memberPath('00000000-0000-4000-8000-000000000001'))).status).toBe(404);
    expect((await admin.client.request('PUT', memberPath('not-a-uuid'))).status).toBe(400);
    expect((await list(other.client, admin.tenantId)).status).toBe(404);
    expect((await other.client.request('GET', `${groupsPath(other.tenantId)}/${group.id}`)).status).toBe(404);
    expect((await other.client.request('PUT', `${groupsPath(other.tenantId)}/${group.id}/members/${stranger.userId}`)).status).toBe(404);

    expect((await admin.client.request('DELETE', memberPath(people[1]!.userId))).status).toBe(204);
    expect((await admin.client.request('DELETE', memberPath(people[1]!.userId))).status).toBe(404);
    expect((await members(admin.client, admin.tenantId, group.id)).body.items.map((m) => m.id)).toEqual([people[0]!.userId, people[2]!.userId]);
  });

  it('ACC-3: a group with access assignments is not deleted until they are removed', async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties, { roles: ['helpdeskAdministrator'], durationDays: 30, autoExtend: false });
    const reseller = parties.reseller;
    const groupId = await adminAgentsGroup(reseller.client, reseller.tenantId);
    const refused = await reseller.client.request<{ code: string }>('DELETE', `${groupsPath(reseller.tenantId)}/${groupId}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'security_group_assigned']);
    expect((await reseller.client.request<SecurityGroup>('GET', `${groupsPath(reseller.tenantId)}/${groupId}`)).body.memberCount).toBe(1);
    const [dar] = (await reseller.client.request<{ items: { id: string }[] }>('GET', `/v1/customers/${customer.tenantId}/delegated-admin-relationships`)).body.items;
    const assignments = await reseller.client.request<{ items: { id: string }[] }>('GET', `/v1/delegated-admin-relationships/${dar!.id}/access-assignments`);
    for (const a of assignments.body.items) expect((await reseller.client.request('DELETE', `/v1/delegated-admin-relationships/${dar!.id}/access-assignments/${a.id}`)).status).toBe(204);
    expect((await reseller.client.request('DELETE', `${groupsPath(reseller.tenantId)}/${groupId}`)).status).toBe(204);
  });

  it('who may read and manage groups and their members', async () => {
    const t = await target(kind);
    const readers = ['globalAdmin', 'userManagementAdmin', 'adminAgent'] as const;
    const managers = ['globalAdmin', 'userManagementAdmin'] as const;
    // ACC-1, ACC-3: joining a group gives its assignments' delegated roles, so membership is for those
    // who make the assignments (customers.manage); a user management admin cannot join a group itself.
    const memberManagers = ['globalAdmin', 'adminAgent'] as const;
    const owner = await roleFixture(t, 'owner');
    const group = await createGroup(owner.admin.client, owner.tenantId, `Authz ${Date.now()}`);
    const base = (o: { tenantId: string }) => groupsPath(o.tenantId);
    const one = (o: { tenantId: string }) => `${base(o)}/${group.id}`;
    let n = 0;
    await expectAuthorization(t, { method: 'GET', path: base, allowed: readers, otherTenant: 'notFound' });
    await expectAuthorization(t, { method: 'POST', path: base, body: () => ({ name: `Group ${n++} ${Date.now()}` }), allowed: managers, otherTenant: 'notFound' });
    await expectAuthorization(t, { method: 'GET', path: one, allowed: readers, otherTenant: 'notFound' });
    await expectAuthorization(t, { method: 'PATCH', path: one, body: () => ({ description: `changed ${n++}` }), allowed: managers, otherTenant: 'notFound' });
    await expectAuthorization(t, { method: 'GET', path: (o) => `${one(o)}/members`, allowed: readers, otherTenant: 'notFound' });
    await expectAuthorization(t, { method: 'PUT', path: (o) => `${one(o)}/members/${o.admin.userId}`, allowed: memberManagers, otherTenant: 'notFound' });
    const memberAgain = async (o: { tenantId: string; admin: { userId: string } }) => {
      // Each call removes a member the owner's admin has just added again.
      expect((await owner.admin.client.request('PUT', `${one(owner)}/members/${owner.admin.userId}`)).status).toBe(200);
      return `${one(o)}/members/${o.admin.userId}`;
    };
    await expectAuthorization(t, { method: 'DELETE', path: memberAgain, allowed: memberManagers, otherTenant: 'notFound' });
    await expectAuthorization(t, { method: 'DELETE', path: async (o) => `${base(o)}/${(await createGroup(o.admin.client, o.tenantId, `Gone ${n++} ${Date.now()}`)).id}`, allowed: managers, otherTenant: 'notFound' });
  });
});
