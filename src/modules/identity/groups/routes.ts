// Security groups over HTTP (ACC-3): a tenant's groups and their members, read by its user readers
// and managed by its global admins and user management admins. Another tenant's groups are "not found".
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeTimeCursor, defaultPageSize, NoContent, requestContext, timeCursorOf, withErrors } from '../../../platform/http.js';
import {
  SecurityGroup,
  SecurityGroupBody,
  SecurityGroupMember,
  SecurityGroupAppParams,
  SecurityGroupMemberParams,
  SecurityGroupMembers,
  SecurityGroupMembersQuery,
  SecurityGroupParams,
  SecurityGroupPatch,
  SecurityGroups,
  SecurityGroupsParams,
} from './contract.js';
import type { GroupsService } from './service.js';

const tags = ['identity'];

export function groupsRoutes(fastify: FastifyInstance, groups: GroupsService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/v1/tenants/:tenantId/security-groups';

  app.get(
    base,
    { config: { permission: 'users.read' }, schema: { tags, summary: "The tenant's security groups (ACC-3)", params: SecurityGroupsParams, response: withErrors({ 200: SecurityGroups }) } },
    async (request) => groups.listGroups(request.actor!, request.params.tenantId),
  );

  app.post(
    base,
    {
      config: { permission: 'securityGroups.manage' },
      schema: { tags, summary: 'Create a security group; access assignments give it delegated-admin roles in customers (ACC-3)', params: SecurityGroupsParams, body: SecurityGroupBody, response: withErrors({ 201: SecurityGroup }) },
    },
    async (request, reply) => reply.code(201).send(await groups.createGroup(requestContext(request), request.params.tenantId, request.body)),
  );

  app.get(
    `${base}/:groupId`,
    { config: { permission: 'users.read' }, schema: { tags, summary: 'One security group', params: SecurityGroupParams, response: withErrors({ 200: SecurityGroup }) } },
    async (request) => groups.getGroup(request.actor!, request.params.tenantId, request.params.groupId),
  );

  app.patch(
    `${base}/:groupId`,
    {
      config: { permission: 'securityGroups.manage' },
      schema: { tags, summary: "Rename a security group or change its description", params: SecurityGroupParams, body: SecurityGroupPatch, response: withErrors({ 200: SecurityGroup }) },
    },
    async (request) => groups.updateGroup(requestContext(request), request.params.tenantId, request.params.groupId, request.body),
  );

  app.delete(
    `${base}/:groupId`,
    {
      config: { permission: 'securityGroups.manage' },
      schema: { tags, summary: 'Delete a security group (409 while it has access assignments)', params: SecurityGroupParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await groups.deleteGroup(requestContext(request), request.params.tenantId, request.params.groupId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${base}/:groupId/members`,
    {
      config: { permission: 'users.read' },
      schema: { tags, summary: "A security group's members (users and apps), oldest first", params: SecurityGroupParams, querystring: SecurityGroupMembersQuery, response: withErrors({ 200: SecurityGroupMembers }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const page = await groups.listMembers(request.actor!, request.params.tenantId, request.params.groupId, { size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (m) => timeCursorOf(m.view, m.at), (m) => m.view);
    },
  );

  app.put(
    `${base}/:groupId/members/:userId`,
    {
      // ACC-1, ACC-3: a member uses the delegated roles of the group's access assignments, so who joins a
      // group is decided by those who decide the assignments (customers.manage): a user management
      // admin, who may create and rename groups, could otherwise join an assigned group itself.
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Make one of the tenant\'s users a member (nothing changes when it already is)', params: SecurityGroupMemberParams, response: withErrors({ 200: SecurityGroupMember }) },
    },
    async (request) => groups.putMember(requestContext(request), request.params.tenantId, request.params.groupId, { type: 'user', userId: request.params.userId }),
  );

  app.delete(
    `${base}/:groupId/members/:userId`,
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Take a user out of the group: its roles through the group end with its next request', params: SecurityGroupMemberParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await groups.removeMember(requestContext(request), request.params.tenantId, request.params.groupId, { type: 'user', userId: request.params.userId });
      return reply.code(204).send(null);
    },
  );
  // ACC-3: an app (client credentials) acts in a customer's tenant only as a member of an assigned group.
  app.put(
    `${base}/:groupId/apps/:appId`,
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Make one of the tenant\'s apps a member: it then uses the group\'s access assignments with its token', params: SecurityGroupAppParams, response: withErrors({ 200: SecurityGroupMember }) },
    },
    async (request) => groups.putMember(requestContext(request), request.params.tenantId, request.params.groupId, { type: 'app', appId: request.params.appId }),
  );

  app.delete(
    `${base}/:groupId/apps/:appId`,
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Take an app out of the group: its roles through the group end with its next request', params: SecurityGroupAppParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await groups.removeMember(requestContext(request), request.params.tenantId, request.params.groupId, { type: 'app', appId: request.params.appId });
      return reply.code(204).send(null);
    },
  );

}
