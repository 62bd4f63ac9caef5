// Customer routes: invitations (CUS-1 … CUS-3), customers (CUS-4, CUS-5, CUS-7, REL-7), delegated
// admin, and partner users acting in a customer tenant within their delegated roles.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Collection, collection, DateTime, decodeNameCursor, decodeTimeCursor, encodeCursor, IdParams, NoContent, PageQuery, requestContext, timeCursorOf, withErrors } from '../../platform/http.js';
import { locales } from '../../platform/i18n/index.js';
import { User } from '../identity/contract.js';
import type { IdentityService } from '../identity/service.js';
import { delegatedAdminRoles } from './rules.js';
import { customerInvitationTypes, type CustomersService } from './service.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const enumOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
const CustomerParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, strict);
const CustomerUserParams = Type.Object({ id: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }, strict);
const Email = Type.String({ format: 'email', maxLength: 254 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

const DelegatedAdminBody = Type.Object(
  {
    roles: Type.Array(enumOf(delegatedAdminRoles), { minItems: 1, maxItems: delegatedAdminRoles.length, uniqueItems: true }),
    durationDays: Type.Integer({ minimum: 1, maximum: 730 }),
    autoExtend: Type.Boolean(),
  },
  strict,
);
const DelegatedAdmin = Type.Object(
  {
    id: Type.String(),
    customerTenantId: Type.String(),
    partnerTenantId: Type.String(),
    roles: Type.Array(Type.String()),
    durationDays: Type.Integer(),
    autoExtend: Type.Boolean(),
    status: Type.String(),
    activatedAt: Nullable(DateTime),
    endsAt: Nullable(DateTime),
    terminatedAt: Nullable(DateTime),
    createdAt: DateTime,
  },
  { title: 'DelegatedAdminRelationship' },
);
const Invitation = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    resellerTenantId: Type.String(),
    providerTenantId: Nullable(Type.String()),
    providerRelationshipId: Nullable(Type.String()),
    email: Nullable(Type.String()),
    locale: Type.String(),
    delegatedAdmin: Nullable(Type.Object({ roles: Type.Array(Type.String()), durationDays: Type.Integer(), autoExtend: Type.Boolean() })),
    status: Type.String(),
    expiresAt: DateTime,
    acceptedAt: Nullable(DateTime),
    acceptedByTenantId: Nullable(Type.String()),
    sentAt: Nullable(DateTime),
    createdAt: DateTime,
    link: Type.Optional(Type.String()),
    draftEmail: Type.Optional(Type.Object({ subject: Type.String(), body: Type.String() })),
  },
  { title: 'CustomerInvitation' },
);
const Customer = Type.Object(
  {
    id: Type.String(),
    companyName: Type.String(),
    country: Type.String(),
    primaryDomain: Type.String(),
    relationships: Type.Array(Type.Object({ partnerTenantId: Type.String(), role: Type.String() })),
    createdAt: DateTime,
  },
  { title: 'Customer' },
);
const Party = Type.Object({ tenantId: Type.String(), name: Type.String(), country: Type.String(), countryName: Type.String(), canDo: Type.Array(Type.String()) });


export function customersRoutes(app: FastifyInstance, customers: CustomersService, identity: IdentityService) {
  const tags = ['customers'];

  // ---------------------------------------------------------------- invitations (CUS-1, CUS-2)

  app.post(
    '/v1/customer-invitations',
    {
      config: { permission: 'customers.invite' },
      schema: {
        tags,
        summary: 'Request a reseller relationship: a single-use link and a draft email (resellerAndProvider needs an authorized provider)',
        body: Type.Object(
          {
            type: enumOf(customerInvitationTypes),
            providerRelationshipId: Type.Optional(Type.String({ format: 'uuid' })),
            email: Type.Optional(Email),
            locale: Type.Optional(enumOf(locales)),
            delegatedAdmin: Type.Optional(DelegatedAdminBody),
          },
          strict,
        ),
        response: withErrors({ 201: Invitation }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.createInvitation(requestContext(request), request.body as never)),
  );

  app.post(
    '/v1/customer-invitations/:id/send',
    {
      config: { permission: 'customers.invite' },
      schema: {
        tags,
        summary: 'Send the (possibly edited) draft; the body must still contain the link',
        params: IdParams,
        body: Type.Object({ to: Email, subject: Type.String({ minLength: 1, maxLength: 300 }), body: Type.String({ minLength: 1, maxLength: 20_000 }) }, strict),
        response: withErrors({ 200: Invitation }),
      },
    },
    async (request) => customers.sendInvitation(requestContext(request), (request.params as { id: string }).id, request.body as never),
  );

  app.get(
    '/v1/customer-invitations',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The reseller's customer invitations",
        querystring: Type.Object({ status: Type.Optional(enumOf(['pending', 'accepted', 'expired', 'revoked'] as const)), ...PageQuery }, strict),
        response: withErrors({ 200: Collection(Invitation, 'CustomerInvitations') }),
      },
    },
    async (request) => {
      const query = request.query as { status?: 'pending'; size: number; cursor?: string };
      const page = await customers.listInvitations(request.actor!, { status: query.status, size: query.size, after: decodeTimeCursor(query.cursor) });
      return collection(request, page, query.size, (i) => timeCursorOf(i, i.createdAt), (i) => customers.invitationView(i));
    },
  );

  app.delete(
    '/v1/customer-invitations/:id',
    { config: { permission: 'customers.invite' }, schema: { tags, summary: 'Revoke a customer invitation', params: IdParams, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await customers.revokeInvitation(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/invitations/customer/:token',
    {
      config: { auth: 'public', lookupLimited: true },
      schema: {
        tags,
        summary: 'Who asks for what (no sign-in needed)',
        params: TokenParams,
        response: withErrors({
          200: Type.Object({
            type: Type.String(),
            reseller: Party,
            provider: Nullable(Party),
            delegatedAdmin: Nullable(Type.Object({ roles: Type.Array(Type.String()), durationDays: Type.Integer(), autoExtend: Type.Boolean() })),
            customerAgreementTemplateId: Nullable(Type.String()),
            expiresAt: DateTime,
          }),
        }),
      },
    },
    async (request) => customers.describeInvitation((request.params as { token: string }).token, request.locale),
  );

  app.post(
    '/v1/invitations/customer/:token/accept',
    {
      config: { permission: 'customer.acceptInvitation', idempotent: false, lookupLimited: true },
      schema: {
        tags,
        summary: "Accept (the customer's global admin): creates the reseller (and provider) relationships at once",
        params: TokenParams,
        body: Type.Object({ confirm: Type.Boolean() }, strict),
        response: withErrors({ 201: Type.Object({ customerTenantId: Type.String(), relationships: Type.Array(Type.Object({ id: Type.String(), partnerTenantId: Type.String(), role: Type.String() })) }) }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.acceptInvitation(requestContext(request), (request.params as { token: string }).token, request.body as { confirm: boolean })),
  );

  // ---------------------------------------------------------------- customers (CUS-4, CUS-5, CUS-7, REL-7)

  app.get(
    '/v1/customers',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "A reseller's customers; a provider's, filterable by reseller",
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), resellerTenantId: Type.Optional(Type.String({ format: 'uuid' })), ...PageQuery }, strict),
        response: withErrors({ 200: Collection(Customer, 'Customers') }),
      },
    },
    async (request) => {
      const query = request.query as { q?: string; resellerTenantId?: string; size: number; cursor?: string };
      const page = await customers.listCustomers(request.actor!, { ...query, after: decodeNameCursor(query.cursor) });
      return collection(request, page, query.size, (c) => encodeCursor([c.companyName, c.id]), (c) => c);
    },
  );

  app.get(
    '/v1/customers/:id',
    { config: { permission: 'customers.read' }, schema: { tags, summary: 'One customer', params: CustomerParams, response: withErrors({ 200: Customer }) } },
    async (request) => customers.visibleCustomer(request.actor!, (request.params as { id: string }).id),
  );

  app.get(
    '/v1/relationships/:id/customers',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'The customers a reseller shares with a provider (REL-7)', params: IdParams, response: withErrors({ 200: Collection(Customer, 'SharedCustomers') }) },
    },
    async (request) => {
      const items = await customers.sharedCustomers(request.actor!, (request.params as { id: string }).id);
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
        body: Type.Object(
          {
            resellerTenantId: Type.String({ format: 'uuid' }),
            companyName: Text(256),
            country: Type.String({ minLength: 2, maxLength: 2 }),
            domainPrefix: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{2,27}$' })),
            billingProfile: Type.Object(
              {
                firstName: Text(50),
                lastName: Text(50),
                email: Email,
                address: Type.Object(
                  { addressLine1: Text(200), addressLine2: Type.Optional(Type.String({ maxLength: 200 })), city: Text(100), state: Type.Optional(Type.String({ maxLength: 100 })), postalCode: Type.Optional(Type.String({ maxLength: 20 })), country: Type.String({ minLength: 2, maxLength: 2 }) },
                  strict,
                ),
                language: enumOf(locales),
              },
              strict,
            ),
            admin: Type.Object({ firstName: Text(50), lastName: Text(50), email: Email }, strict),
          },
          strict,
        ),
        response: withErrors({
          201: Type.Object({
            customer: Type.Object({ id: Type.String(), companyName: Type.String(), country: Type.String(), primaryDomain: Type.String() }),
            admin: Type.Object({ id: Type.String(), email: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()), temporaryPassword: Type.String() }),
          }),
        }),
      },
    },
    async (request, reply) => reply.code(201).send(await customers.createCustomer(requestContext(request), request.body as never)),
  );

  app.delete(
    '/v1/customers/:id/relationship',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: "Remove your reseller relationship with a customer (after its subscriptions are suspended, CUS-7)", params: CustomerParams, response: withErrors({ 204: NoContent }) },
    },
    async (request, reply) => {
      await customers.removeRelationship(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  // ---------------------------------------------------------------- delegated admin

  app.get(
    '/v1/customers/:id/delegated-admin-relationships',
    {
      config: { permission: 'customers.read' },
      schema: { tags, summary: 'Delegated-admin relationships on a customer', params: CustomerParams, response: withErrors({ 200: Collection(DelegatedAdmin, 'DelegatedAdminRelationships') }) },
    },
    async (request) => {
      const items = await customers.listDelegatedAdmin(request.actor!, (request.params as { id: string }).id);
      return { totalCount: items.length, items, links: {} };
    },
  );

  app.post(
    '/v1/customers/:id/delegated-admin-relationships',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: "Request delegated-admin roles; the customer's global admin approves through an emailed link", params: CustomerParams, body: DelegatedAdminBody, response: withErrors({ 201: DelegatedAdmin }) },
    },
    async (request, reply) => reply.code(201).send(await customers.requestDelegatedAdmin(requestContext(request), (request.params as { id: string }).id, request.body as never)),
  );

  app.post(
    '/v1/delegated-admin-approvals',
    {
      config: { permission: 'customer.partners.manage', idempotent: false },
      schema: { tags, summary: "The customer's global admin approves a pending delegated-admin request", body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict), response: withErrors({ 200: DelegatedAdmin }) },
    },
    async (request) => customers.approveDelegatedAdmin(requestContext(request), (request.body as { token: string }).token),
  );

  app.get(
    '/v1/partner-relationships',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The customer's partners with their delegated-admin roles and end dates",
        response: withErrors({
          200: Collection(
            Type.Object({ id: Type.String(), partnerTenantId: Type.String(), name: Type.String(), country: Type.String(), role: Type.String(), createdAt: DateTime, delegatedAdmin: Type.Array(DelegatedAdmin) }),
            'PartnerRelationships',
          ),
        }),
      },
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
      await customers.terminateDelegatedAdmin(requestContext(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );

  // ---------------------------------------------------------------- users of a customer tenant: its own admins, and partners
  // within the delegated-admin roles the customer granted them (ACC-2, access.ts delegatedRoleTable)

  app.get(
    '/v1/customers/:id/users',
    {
      schema: { tags, summary: "The customer's users (its admins, or a partner holding a delegated role that reads users)", params: CustomerParams, querystring: Type.Object({ ...PageQuery }, strict), response: withErrors({ 200: Collection(User, 'CustomerUsers') }) },
    },
    async (request) => {
      const customerId = (request.params as { id: string }).id;
      await customers.requireDelegated(request.actor!, customerId, 'users.read');
      const query = request.query as { size: number; cursor?: string };
      const page = await identity.listUsers(customerId, { size: query.size, after: decodeTimeCursor(query.cursor) });
      return collection(request, page, query.size, (u) => timeCursorOf(u, u.createdAt), await identity.userViewsWithCreators(page.items));
    },
  );

  app.post(
    '/v1/customers/:id/users',
    {
      schema: {
        tags,
        summary: 'Add a user to the customer (userAdministrator; customer roles only, none for a plain member)',
        params: CustomerParams,
        body: Type.Object(
          {
            displayName: Text(256),
            email: Email,
            roles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 6, uniqueItems: true })),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
          },
          strict,
        ),
        response: withErrors({ 201: Type.Object({ user: User, temporaryPassword: Type.Optional(Type.String()) }) }),
      },
    },
    async (request, reply) => {
      const customerId = (request.params as { id: string }).id;
      const relation = await customers.requireDelegated(request.actor!, customerId, 'users.manage');
      const body = request.body as { displayName: string; email: string; roles?: string[]; password?: string };
      return reply.code(201).send(await identity.addUser(requestContext(request), customerId, { ...body, roles: body.roles ?? [] }, relation));
    },
  );

  app.patch(
    '/v1/customers/:id/users/:userId',
    {
      schema: {
        tags,
        summary: "Change a customer's user (userAdministrator)",
        params: CustomerUserParams,
        body: Type.Object({ displayName: Type.Optional(Text(256)), roles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 6, uniqueItems: true })), state: Type.Optional(enumOf(['active', 'inactive'] as const)) }, strict),
        response: withErrors({ 200: User }),
      },
    },
    async (request) => {
      const { id, userId } = request.params as { id: string; userId: string };
      const relation = await customers.requireDelegated(request.actor!, id, 'users.manage');
      const updated = await identity.updateUser(requestContext(request), id, userId, request.body as never, undefined, relation);
      return (await identity.userViewsWithCreators([updated]))(updated);
    },
  );

  app.post(
    '/v1/customers/:id/users/:userId/password-reset',
    {
      config: { idempotent: false },
      schema: {
        tags,
        summary: "Reset a customer's user's password (helpdesk or user administrator; never an admin's): a temporary one, shown once",
        params: CustomerUserParams,
        response: withErrors({ 201: Type.Object({ user: User, temporaryPassword: Type.String() }) }),
      },
    },
    async (request, reply) => {
      const { id, userId } = request.params as { id: string; userId: string };
      const relation = await customers.requireDelegated(request.actor!, id, 'users.resetPassword');
      return reply.code(201).send(await identity.resetUserPassword(requestContext(request), id, userId, relation));
    },
  );

}
