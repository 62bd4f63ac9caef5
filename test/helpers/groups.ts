// Security groups and access assignments over HTTP (ACC-3), the way a partner sets them up: delegated
// admin roles reach a partner's users only through the access assignments of its groups, so tests
// whose partner acts in a customer's tenant give it an "Admin agents" group assigned there.
import type { AccessAssignment, AccessAssignments, DelegatedAdmin } from '../../src/modules/customers/contract.js';
import type { SecurityGroup, SecurityGroups } from '../../src/modules/identity/groups/contract.js';
import type { Collection } from '../../src/platform/contract.js';
import type { Client, Response } from './client.js';

export const adminAgentsGroupName = 'Admin agents';

function must<T>(response: Response<T>, expected: number, what: string): T {
  if (response.status !== expected) throw new Error(`${what}: ${response.status} ${response.text}`);
  return response.body;
}

/** A new security group of the partner (its admin's client: a global admin or user management admin). */
export async function createGroup(admin: Client, tenantId: string, name: string, description?: string): Promise<SecurityGroup> {
  return must(await admin.request<SecurityGroup>('POST', `/v1/tenants/${tenantId}/security-groups`, { body: { name, ...(description ? { description } : {}) } }), 201, `security group ${name}`);
}

/** Makes these users members of the group. */
export async function addMembers(admin: Client, tenantId: string, groupId: string, userIds: string[]): Promise<void> {
  for (const userId of userIds) must(await admin.request('PUT', `/v1/tenants/${tenantId}/security-groups/${groupId}/members/${userId}`), 200, 'group member');
}

/** The partner's "Admin agents" group (made on first use, with these members added). */
export async function adminAgentsGroup(admin: Client, tenantId: string, members: string[] = []): Promise<string> {
  const groups = must(await admin.request<SecurityGroups>('GET', `/v1/tenants/${tenantId}/security-groups`), 200, 'security groups');
  const id = groups.items.find((g) => g.name === adminAgentsGroupName)?.id ?? (await createGroup(admin, tenantId, adminAgentsGroupName, 'Act in customers on their behalf')).id;
  await addMembers(admin, tenantId, id, members);
  return id;
}

/** Assigns a group to a delegated-admin relationship with these roles. */
export async function assign(manager: Client, relationshipId: string, securityGroupId: string, roles: string[]): Promise<AccessAssignment> {
  return must(
    await manager.request<AccessAssignment>('POST', `/v1/delegated-admin-relationships/${relationshipId}/access-assignments`, { body: { securityGroupId, roles } }),
    201,
    'access assignment',
  );
}

/** The partner's delegated-admin relationships with a customer (as the partner sees them). */
export async function relationshipsWith(partner: Client, customerTenantId: string): Promise<DelegatedAdmin[]> {
  return must(await partner.request<Collection<DelegatedAdmin>>('GET', `/v1/customers/${customerTenantId}/delegated-admin-relationships`), 200, 'delegated admin').items;
}

export async function assignmentsOf(partner: Client, relationshipId: string): Promise<AccessAssignment[]> {
  return must(await partner.request<AccessAssignments>('GET', `/v1/delegated-admin-relationships/${relationshipId}/access-assignments`), 200, 'access assignments').items;
}

/**
 * ACC-3: the partner's "Admin agents" group (its signed-in global admin a member, and `members`) is
 * assigned every approved role on each of its active delegated-admin relationships with the customer.
 * What tests did before access assignments existed: the partner's admin acts in the customer's tenant.
 */
export async function assignAdminAgents(partner: { client: Client; tenantId: string; userId: string }, customerTenantId: string, members: string[] = []): Promise<string> {
  const groupId = await adminAgentsGroup(partner.client, partner.tenantId, [partner.userId, ...members]);
  for (const dar of await relationshipsWith(partner.client, customerTenantId)) {
    if (dar.status !== 'active') continue;
    if ((await assignmentsOf(partner.client, dar.id)).some((a) => a.securityGroup.id === groupId)) continue;
    await assign(partner.client, dar.id, groupId, dar.roles);
  }
  return groupId;
}
