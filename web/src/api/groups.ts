// Security groups of the signed-in user's tenant and their members, and the access assignments that
// give a group roles of a delegated-admin relationship (ACC-3). Changes refresh what they touch: the
// groups (member counts), a group's members, a relationship's assignments and the customer's
// delegated-admin list (its assignedRoles).
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { Collection } from '@contracts/platform';
import type { AccessAssignment, AccessAssignmentBody, AccessAssignmentPatch } from '@contracts/customers';
import type { SecurityGroup, SecurityGroupBody, SecurityGroupMember, SecurityGroupPatch } from '@contracts/identity/groups';
import { api } from '../api';
import { MAX_PAGE } from './channel';
import { keys } from './keys';
import type { MutationOptions } from './options';

const groupsPath = (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}/security-groups`;
const groupPath = (tenantId: string, groupId: string) => `${groupsPath(tenantId)}/${encodeURIComponent(groupId)}`;
const assignmentsPath = (relationshipId: string) => `/delegated-admin-relationships/${encodeURIComponent(relationshipId)}/access-assignments`;

/** A mutation that refreshes these query families after it succeeds (then calls the page's own onSuccess). */
function useRefreshing<TData, TVariables>(refresh: (variables: TVariables) => QueryKey[], mutationFn: (variables: TVariables) => Promise<TData>, options?: MutationOptions<TData, TVariables>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: async (data, variables, ...rest) => {
      for (const queryKey of refresh(variables)) await queryClient.invalidateQueries({ queryKey });
      await options?.onSuccess?.(data, variables, ...rest);
    },
  });
}

export function useSecurityGroups(tenantId: string, enabled = true) {
  return useQuery({
    queryKey: keys.securityGroups.all(tenantId),
    queryFn: ({ signal }) => api<Collection<SecurityGroup>>(groupsPath(tenantId), { signal }),
    enabled,
  });
}

export function useCreateSecurityGroup(tenantId: string, options?: MutationOptions<SecurityGroup, SecurityGroupBody>) {
  return useRefreshing(() => [keys.securityGroups.all(tenantId)], (body: SecurityGroupBody) => api<SecurityGroup>(groupsPath(tenantId), { method: 'POST', body }), options);
}

export function useUpdateSecurityGroup(tenantId: string, options?: MutationOptions<SecurityGroup, { groupId: string; patch: SecurityGroupPatch }>) {
  return useRefreshing(
    () => [keys.securityGroups.all(tenantId)],
    ({ groupId, patch }: { groupId: string; patch: SecurityGroupPatch }) => api<SecurityGroup>(groupPath(tenantId, groupId), { method: 'PATCH', body: patch }),
    options,
  );
}

export function useDeleteSecurityGroup(tenantId: string, options?: MutationOptions<void, string>) {
  return useRefreshing(() => [keys.securityGroups.all(tenantId)], (groupId: string) => api<void>(groupPath(tenantId, groupId), { method: 'DELETE' }), options);
}

export function useGroupMembers(tenantId: string, groupId: string) {
  return useQuery({
    queryKey: keys.securityGroups.members(tenantId, groupId),
    queryFn: ({ signal }) => api<Collection<SecurityGroupMember>>(`${groupPath(tenantId, groupId)}/members`, { query: { size: MAX_PAGE }, signal }),
  });
}

export function useAddGroupMember(tenantId: string, groupId: string, options?: MutationOptions<SecurityGroupMember, string>) {
  return useRefreshing(
    () => [keys.securityGroups.all(tenantId)],
    (userId: string) => api<SecurityGroupMember>(`${groupPath(tenantId, groupId)}/members/${encodeURIComponent(userId)}`, { method: 'PUT' }),
    options,
  );
}

export function useRemoveGroupMember(tenantId: string, groupId: string, options?: MutationOptions<void, string>) {
  return useRefreshing(
    () => [keys.securityGroups.all(tenantId)],
    (userId: string) => api<void>(`${groupPath(tenantId, groupId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    options,
  );
}

export function useAccessAssignments(relationshipId: string) {
  return useQuery({
    queryKey: keys.accessAssignments(relationshipId),
    queryFn: ({ signal }) => api<Collection<AccessAssignment>>(assignmentsPath(relationshipId), { signal }),
  });
}

/** What an assignment change refreshes: the relationship's assignments and the customer's delegated admin (assignedRoles). */
const assignmentFamilies = (relationshipId: string, customerId: string): QueryKey[] => [keys.accessAssignments(relationshipId), keys.delegatedAdmin(customerId), keys.delegatedAccess(customerId)];

export function useCreateAccessAssignment(relationshipId: string, customerId: string, options?: MutationOptions<AccessAssignment, AccessAssignmentBody>) {
  return useRefreshing(() => assignmentFamilies(relationshipId, customerId), (body: AccessAssignmentBody) => api<AccessAssignment>(assignmentsPath(relationshipId), { method: 'POST', body }), options);
}

export function useUpdateAccessAssignment(relationshipId: string, customerId: string, options?: MutationOptions<AccessAssignment, { assignmentId: string; patch: AccessAssignmentPatch }>) {
  return useRefreshing(
    () => assignmentFamilies(relationshipId, customerId),
    ({ assignmentId, patch }: { assignmentId: string; patch: AccessAssignmentPatch }) =>
      api<AccessAssignment>(`${assignmentsPath(relationshipId)}/${encodeURIComponent(assignmentId)}`, { method: 'PATCH', body: patch }),
    options,
  );
}

export function useDeleteAccessAssignment(relationshipId: string, customerId: string, options?: MutationOptions<void, string>) {
  return useRefreshing(
    () => assignmentFamilies(relationshipId, customerId),
    (assignmentId: string) => api<void>(`${assignmentsPath(relationshipId)}/${encodeURIComponent(assignmentId)}`, { method: 'DELETE' }),
    options,
  );
}
