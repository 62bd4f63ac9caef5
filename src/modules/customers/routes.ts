// Customer routes: invitations (CUS-1 … CUS-3), customers (CUS-4, CUS-5, CUS-7, REL-7), delegated
// admin, and partner users acting in a customer tenant within their delegated roles.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { collection, decodeNameCursor, decodeTimeCursor, defaultPageSize, encodeCursor, IdParams, NoContent, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { AcceptInvitationBody, InvitationListQuery, InvitationTokenParams, SendInvitationBody } from '../../platform/invitations.js';
import { User } from '../identity/contract.js';
import {
  AccessAssignment,
  AccessAssignmentBody,
  AccessAssignmentParams,
  AccessAssignmentPatch,
  AccessAssignments,
  AcceptedCustomerInvitation,
  AddCustomerUserBody,
  AddedCustomerUser,
  CreateCustomerBody,
  CreateCustomerInvitationBody,
  CreatedCustomer,
  Customer,
  CustomerInvitation,
  CustomerInvitationDescription,
  CustomerInvitations,
  CustomerParams,
  Customers,
  CustomersQuery,
  CustomerUserParams,
  CustomerUsers,
  CustomerUsersQuery,
  DelegatedAccess,
  DelegatedAdmin,
  DelegatedAdminApproval,
  DelegatedAdminApprovalBody,
  DelegatedAdminApprovalParams,
  DelegatedAdminBody,
  DelegatedAdminRelationshipParams,
  DelegatedAdmins,
  PartnerRelationships,
  RequestedDelegatedAdminRelationship,
  ResetCustomerUserPassword,
  SharedCustomers,
  UpdateCustomerUserBody,
} from './contract.js';
import type { CustomersService } from './service.js';

export function customersRoutes(fastify: FastifyInstance, customers: CustomersService) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  // ---------------------------------------------------------------- invitations (CUS-1, CUS-2)

  app.post(
    '/v1/customer-invitations',
    {
      config: { permission: 'customers.invite' },
      schema: {
        tags,
        summary: 'Request a reseller relationship: a single-use link and a draft email (resellerAndProvider needs an authorized provider)',
        body: CreateCustomerInvitationBody,
        response: withErrors({ 201: CustomerInvitation }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.createInvitation(requestContext(request), request.body)),
  );

  app.post(
    '/v1/customer-invitations/:id/send',
    {
      config: { permission: 'customers.invite' },
      schema: {
        tags,
        summary: 'Send the (possibly edited) draft; the body must still contain the link',
        params: IdParams,
        body: SendInvitationBody,
        response: withErrors({ 200: CustomerInvitation }),
      },
    },
    async (request) => customers.sendInvitation(requestContext(request), request.params.id, request.body),
  );

  app.get(
    '/v1/customer-invitations',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: "The reseller's customer invitations", querystring: InvitationListQuery, response: withErrors({ 200: CustomerInvitations }) },
    },
    async (request) => {
      const { status, size = defaultPageSize, cursor } = request.query;
      const page = await customers.listInvitations(request.actor!, { status, size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (i) => timeCursorOf(i, i.createdAt), (i) => customers.invitationView(i));
    },
  );

  app.delete(
    '/v1/customer-invitations/:id',
    { config: { permission: 'customers.invite' }, schema: { tags, summary: 'Revoke a customer invitation', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await customers.revokeInvitation(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/invitations/customer/:token',
    {
      config: { auth: 'public', lookupLimited: true },
      schema: { tags, summary: 'Who asks for what (no sign-in needed)', params: InvitationTokenParams, response: withErrors({ 200: CustomerInvitationDescription }) },
    },
    async (request) => customers.describeInvitation(request.params.token, request.locale),
  );

  app.post(
    '/v1/invitations/customer/:token/accept',
    {
      config: { permission: 'customer.acceptInvitation', idempotent: false, lookupLimited: true },
      schema: {
        tags,
        summary: "Accept (the customer's global admin): creates the reseller (and provider) relationships at once",
        params: InvitationTokenParams,
        body: AcceptInvitationBody,
        response: withErrors({ 201: AcceptedCustomerInvitation }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.acceptInvitation(requestContext(request), request.params.token, request.body)),
  );

  // ---------------------------------------------------------------- customers (CUS-4, CUS-5, CUS-7, REL-7)

  app.get(
    '/v1/customers',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: "A reseller's customers; a provider's, filterable by reseller", querystring: CustomersQuery, response: withErrors({ 200: Customers }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor, ...filters } = request.query;
      const page = await customers.listCustomers(request.actor!, { ...filters, size, after: decodeNameCursor(cursor) });
      return collection(request, page, size, (c) => encodeCursor([c.companyName, c.id]), (c) => c);
    },
  );

  app.get(
    '/v1/customers/:id',
    { config: { permission: 'customers.read' }, schema: { tags, summary: 'One customer', params: CustomerParams, response: withErrors({ 200: Customer }) } },
    async (request) => customers.visibleCustomer(request.actor!, request.params.id),
  );

  app.get(
    '/v1/relationships/:id/customers',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'The customers a reseller shares with a provider (REL-7)', params: IdParams, response: withErrors({ 200: SharedCustomers }) },
    },
    async (request) => {
      const items = await customers.sharedCustomers(request.actor!, request.params.id);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/customers',
    {
      config: { permission: 'customers.create' },
      schema: {
        tags,
        summary: 'Create a customer for one of your resellers (CUS-5): the admin gets a temporary password, shown once',
        body: CreateCustomerBody,
        response: withErrors({ 201: CreatedCustomer }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.createCustomer(requestContext(request), request.body)),
  );

  app.delete(
    '/v1/customers/:id/relationship',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: "Remove your reseller relationship with a customer (after its subscriptions are suspended, CUS-7)", params: CustomerParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await customers.removeRelationship(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---------------------------------------------------------------- delegated admin

  app.get(
    '/v1/customers/:id/delegated-admin-relationships',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'Delegated-admin relationships on a customer', params: CustomerParams, response: withErrors({ 200: DelegatedAdmins }) },
    },
    async (request) => {
      const items = await customers.listDelegatedAdmin(request.actor!, request.params.id);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.get(
    '/v1/customers/:id/delegated-access',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "What you may do in the customer's tenant: the delegated-admin roles of your security groups' access assignments there and the permissions they give",
        params: CustomerParams,
        response: withErrors({ 200: DelegatedAccess }),
      },
    },
    async (request) => customers.getDelegatedAccess(request.actor!, request.params.id),
  );

  app.post(
    '/v1/customers/:id/delegated-admin-relationships',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: "Request delegated-admin roles; the customer's global admin approves through an emailed link", params: CustomerParams, body: DelegatedAdminBody, response: withErrors({ 201: RequestedDelegatedAdminRelationship }) },
    },
    async (request, reply) => reply.code(201).send(await customers.requestDelegatedAdmin(requestContext(request), request.params.id, request.body)),
  );

  app.get(
    '/v1/delegated-admin-approvals/:token',
    {
      config: { permission: 'customer.partners.manage', lookupLimited: true },
      schema: {
        tags,
        summary: "What a pending delegated-admin request asks, read through its emailed link by the customer's global admin: the partner, the roles, the duration",
        params: DelegatedAdminApprovalParams,
        response: withErrors({ 200: DelegatedAdminApproval }),
      },
    },
    async (request) => customers.describeDelegatedAdminApproval(request.actor!, request.params.token),
  );

  app.post(
    '/v1/delegated-admin-approvals',
    {
      config: { permission: 'customer.partners.manage', idempotent: false },
      schema: { tags, summary: "The customer's global admin approves a pending delegated-admin request", body: DelegatedAdminApprovalBody, response: withErrors({ 200: DelegatedAdmin }) },
    },
    async (request) => customers.approveDelegatedAdmin(requestContext(request), request.body.token),
  );

  app.get(
    '/v1/partner-relationships',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: "The customer's partners with their delegated-admin roles and end dates", response: withErrors({ 200: PartnerRelationships }) },
    },
    async (request) => {
      const items = await customers.partnerRelationshipsOf(request.actor!.tenantId);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.delete(
    '/v1/partner-relationships/:id/delegated-admin',
    {
      config: { permission: 'customer.partners.manage' },
      schema: { tags, summary: "The customer ends a partner's delegated admin", params: IdParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await customers.terminateDelegatedAdmin(requestContext(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---------------------------------------------------------------- access assignments (ACC-3), in the shape of Microsoft
  // Graph's delegatedAdminRelationships/{id}/accessAssignments: the relationship's partner gives its security groups roles
  // the customer approved (its global admins and admin agents; its other users read them)

  const assignments = '/v1/delegated-admin-relationships/:id/access-assignments';

  app.get(
    assignments,
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: "The access assignments of one of your delegated-admin relationships: which of your security groups use which roles", params: DelegatedAdminRelationshipParams, response: withErrors({ 200: AccessAssignments }) },
    },
    async (request) => customers.listAccessAssignments(request.actor!, request.params.id),
  );

  app.post(
    assignments,
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Assign one of your security groups a subset of the approved roles (active relationships only); its members act with them from their next request',
        params: DelegatedAdminRelationshipParams,
        body: AccessAssignmentBody,
        response: withErrors({ 201: AccessAssignment }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.createAccessAssignment(requestContext(request), request.params.id, request.body)),
  );

  app.get(
    `${assignments}/:assignmentId`,
    { config: { permission: 'customers.read' }, schema: { tags, summary: 'One access assignment', params: AccessAssignmentParams, response: withErrors({ 200: AccessAssignment }) } },
    async (request) => customers.getAccessAssignment(request.actor!, request.params.id, request.params.assignmentId),
  );

  app.patch(
    `${assignments}/:assignmentId`,
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: "Change the roles an access assignment gives its group (a subset of the approved roles)", params: AccessAssignmentParams, body: AccessAssignmentPatch, response: withErrors({ 200: AccessAssignment }) },
    },
    async (request) => customers.updateAccessAssignment(requestContext(request), request.params.id, request.params.assignmentId, request.body),
  );

  app.delete(
    `${assignments}/:assignmentId`,
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: "Remove an access assignment: its group's members lose its roles with their next request", params: AccessAssignmentParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await customers.deleteAccessAssignment(requestContext(request), request.params.id, request.params.assignmentId);
      return reply.code(204).send(null);
    },
  );

  // ---------------------------------------------------------------- users of a customer tenant: its own admins, and partners
  // within the delegated-admin roles the customer granted them (ACC-2, access.ts delegatedRoleTable)

  app.get(
    '/v1/customers/:id/users',
    {
      config: { access: 'delegated:users.read' },
      schema: { tags, summary: "The customer's users (its admins, or a partner holding a delegated role that reads users)", params: CustomerParams, querystring: CustomerUsersQuery, response: withErrors({ 200: CustomerUsers }) },
    },
    async (request) => {
      const { size = defaultPageSize, cursor } = request.query;
      const { page, view } = await customers.listCustomerUsers(request.actor!, request.params.id, { size, after: decodeTimeCursor(cursor) });
      return collection(request, page, size, (u) => timeCursorOf(u, u.createdAt), view);
    },
  );

  app.post(
    '/v1/customers/:id/users',
    {
      config: { access: 'delegated:users.manage' },
      schema: {
        tags,
        summary: 'Add a user to the customer (userAdministrator; customer roles only, none for a plain member)',
        params: CustomerParams,
        body: AddCustomerUserBody,
        response: withErrors({ 201: AddedCustomerUser }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.addCustomerUser(requestContext(request), request.params.id, request.body)),
  );

  app.patch(
    '/v1/customers/:id/users/:userId',
    {
      config: { access: 'delegated:users.manage' },
      schema: { tags, summary: "Change a customer's user (userAdministrator)", params: CustomerUserParams, body: UpdateCustomerUserBody, response: withErrors({ 200: User }) },
    },
    async (request) => customers.updateCustomerUser(requestContext(request), request.params.id, request.params.userId, request.body),
  );

  app.post(
    '/v1/customers/:id/users/:userId/password-reset',
    {
      config: { access: 'delegated:users.resetPassword', idempotent: false },
      schema: {
        tags,
        summary: "Reset a customer's user's password (helpdesk or user administrator; never an admin's): a temporary one, shown once",
        params: CustomerUserParams,
        response: withErrors({ 201: ResetCustomerUserPassword }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.resetCustomerUserPassword(requestContext(request), request.params.id, request.params.userId)),
  );
}
