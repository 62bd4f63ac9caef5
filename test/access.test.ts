// Who may act for whom, tried as insiders would (ACC-1, ACC-2, REL-4, ENR-12, CUS-4): a user inside
// its own tenant, a reseller through the delegated-admin roles a customer granted it, a provider
// through its admin access to a reseller's tenant. Each hole found by trying them is a case here.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { addUser, Client, signUp, testPassword, uniqueEmail } from './helpers/client.js';
import { connectedPartners, ensureProduct, line, sharedCustomer } from './helpers/commerce.js';
import { signInOperator } from './helpers/operator.js';
import { target, targetKinds, type Target } from './helpers/server.js';

async function rolesOf(t: Target, userId: string): Promise<string[]> {
  const [row] = await query<{ roles: string[] }>(t.app.platform.db, sql`select roles from users where id = ${userId}`);
  return row!.roles;
}

async function userCount(t: Target, tenantId: string): Promise<number> {
  const [row] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from users where tenant_id = ${tenantId}`);
  return row!.n;
}

const newUser = (roles: string[], extra: Record<string, unknown> = {}) => ({ displayName: 'New User', email: uniqueEmail('new'), roles, password: testPassword, ...extra });

describe.each(targetKinds())('access that holds on %s', (kind) => {
  describe('ACC-1: no self-escalation, in the own tenant, by any path', () => {
    it('ACC-1: a helpdesk agent cannot raise its own roles or add admins through /v1/tenants/{own}/users', async () => {
      const t = await target(kind);
      const admin = await signUp(t);
      const helpdesk = await addUser(t, admin.client, ['helpdeskAgent']);
      const own = `/v1/tenants/${admin.tenantId}/users` as const;
      const raised = await helpdesk.client.patch(`${own}/${helpdesk.userId}`, { roles: ['adminAgent', 'userManagementAdmin', 'billingAdmin', 'helpdeskAgent'] });
      expect(raised.status).toBe(403);
      expect(raised.body.code).toBe('forbidden');
      expect(await rolesOf(t, helpdesk.userId)).toEqual(['helpdeskAgent']);
      const before = await userCount(t, admin.tenantId);
      const created = await helpdesk.client.post(own, newUser(['adminAgent']));
      expect(created.status).toBe(403);
      expect((await helpdesk.client.get(own)).status).toBe(403);
      expect((await helpdesk.client.post(`${own}/${admin.userId}/password-reset`)).status).toBe(403);
      expect(await userCount(t, admin.tenantId)).toBe(before);
    });

    it('ACC-1: an operator reviewer cannot make itself operatorAdmin, by either path', async () => {
      const t = await target(kind);
      const operator = await signInOperator(t);
      const reviewer = await addUser(t, operator, ['reviewer']);
      for (const path of [`/v1/users/${reviewer.userId}`, `/v1/tenants/${reviewer.tenantId}/users/${reviewer.userId}`]) {
        const response = await reviewer.client.patch(path, { roles: ['operatorAdmin', 'reviewer'] });
        expect(response.status, path).toBe(403);
      }
      expect(await rolesOf(t, reviewer.userId)).toEqual(['reviewer']);
    });

    it('ACC-1: nobody grants a permission it does not hold (user management admin, admin agent)', async () => {
      const t = await target(kind);
      const admin = await signUp(t);
      const manager = await addUser(t, admin.client, ['userManagementAdmin']);
      const agent = await addUser(t, admin.client, ['adminAgent']);
      // A user management admin holds no ordering or customer permissions: it cannot hand them out, to itself or others.
      const self = await manager.client.patch(`/v1/users/${manager.userId}`, { roles: ['adminAgent', 'userManagementAdmin'] });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('role_grant_exceeds_own');
      expect((await manager.client.post('/v1/users', newUser(['salesAgent']))).body.code).toBe('role_grant_exceeds_own');
      // ENR-12 (as in Partner Center): a user management admin adds users within what it holds.
      const helpdesk = await manager.client.post('/v1/users', newUser(['helpdeskAgent']));
      expect(helpdesk.status).toBe(201);
      // It cannot take roles away from, rename or deactivate a user who holds more than it does.
      expect((await manager.client.patch(`/v1/users/${agent.userId}`, { state: 'inactive' })).body.code).toBe('role_grant_exceeds_own');
      expect((await manager.client.patch(`/v1/users/${admin.userId}`, { displayName: 'Renamed' })).body.code).toBe('global_admin_grant_forbidden');
      // An admin agent adds admin agents (ENR-12) but not user management admins (password resets are not its).
      expect((await agent.client.post('/v1/users', newUser(['adminAgent']))).status).toBe(201);
      expect((await agent.client.post('/v1/users', newUser(['userManagementAdmin']))).body.code).toBe('role_grant_exceeds_own');
      expect((await agent.client.patch(`/v1/users/${agent.userId}`, { roles: ['adminAgent', 'globalAdmin'] })).body.code).toBe('global_admin_grant_forbidden');
      expect(await rolesOf(t, manager.userId)).toEqual(['userManagementAdmin']);
      expect(await rolesOf(t, agent.userId)).toEqual(['adminAgent']);
      // The tenant's global admin grants any role the tenant offers.
      expect((await admin.client.patch(`/v1/users/${manager.userId}`, { roles: ['adminAgent', 'userManagementAdmin'] })).status).toBe(200);
    });

    it("ACC-1: a customer's users list users only with a customer admin role", async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const member = await addUser(t, customer.client, []);
      const userAdmin = await addUser(t, customer.client, ['userAdministrator']);
      const own = `/v1/customers/${customer.tenantId}/users` as const;
      expect((await member.client.get(own)).status).toBe(403);
      expect((await member.client.get(`/v1/tenants/${customer.tenantId}/users`)).status).toBe(403);
      expect((await userAdmin.client.get(own)).status).toBe(200);
      expect((await customer.client.get(own)).status).toBe(200);
    });
  });

  describe('ACC-2: delegated roles bound what a partner does in a customer tenant', () => {
    it('ACC-2: a user administrator + license administrator never creates, promotes, resets or removes a global admin', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties, { roles: ['userAdministrator', 'licenseAdministrator'], durationDays: 365, autoExtend: false });
      const reseller = parties.reseller.client;
      const before = await userCount(t, customer.tenantId);
      for (const base of [`/v1/customers/${customer.tenantId}/users`, `/v1/tenants/${customer.tenantId}/users`] as const) {
        const admin = await reseller.post(base, newUser(['globalAdmin']));
        expect(admin.status, base).toBe(403);
        expect(admin.body.code).toBe('global_admin_grant_forbidden');
      }
      expect(await userCount(t, customer.tenantId)).toBe(before);
      // A plain member and a user administrator it may create (it holds what they hold) …
      const plain = await reseller.post(`/v1/customers/${customer.tenantId}/users`, newUser([]));
      expect(plain.status).toBe(201);
      expect(plain.body.user.roles).toEqual([]);
      expect(plain.body.user.createdByTenantId).toBe(parties.reseller.tenantId);
      const listed = await customer.client.get(`/v1/customers/${customer.tenantId}/users?size=100`);
      expect(listed.body.items.find((u: { id: string }) => u.id === plain.body.user.id)).toMatchObject({ createdByTenantId: parties.reseller.tenantId, createdByTenantName: expect.stringMatching(/\S/) });
      // … but not promote one to global admin, nor touch the customer's global admin.
      const promoted = await reseller.patch(`/v1/customers/${customer.tenantId}/users/${plain.body.user.id}`, { roles: ['globalAdmin'] });
      expect(promoted.body.code).toBe('global_admin_grant_forbidden');
      expect(await rolesOf(t, plain.body.user.id)).toEqual([]);
      expect((await reseller.patch(`/v1/customers/${customer.tenantId}/users/${customer.userId}`, { state: 'inactive' })).body.code).toBe('global_admin_grant_forbidden');
      expect((await reseller.post(`/v1/customers/${customer.tenantId}/users/${customer.userId}/password-reset`)).body.code).toBe('global_admin_grant_forbidden');
      // Signed in as the user it made, the reseller cannot approve delegated admin for itself.
      const asPlain = new Client(t.url);
      expect((await asPlain.signIn(plain.body.user.email, testPassword)).status).toBe(201);
      const approval = await asPlain.post('/v1/delegated-admin-approvals', { token: 'ccd_made-up-token-value' });
      expect(approval.status).toBe(403);
    });

    it('ACC-2: each delegated role allows what the delegated-role table says, nothing more', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const billing = await sharedCustomer(t, parties, { roles: ['billingReader'], durationDays: 365, autoExtend: false });
      const helpdesk = await sharedCustomer(t, parties, { roles: ['helpdeskAdministrator'], durationDays: 365, autoExtend: false });
      const reseller = parties.reseller.client;
      // A billing reader reads; it does not see or add users.
      expect((await reseller.get(`/v1/customers/${billing.tenantId}/users`)).body.code).toBe('delegated_role_missing');
      expect((await reseller.post(`/v1/customers/${billing.tenantId}/users`, newUser([]))).body.code).toBe('delegated_role_missing');
      // A helpdesk administrator resets a plain member's password, not an admin's, and adds nobody.
      const member = await addUser(t, helpdesk.client, []);
      const userAdmin = await addUser(t, helpdesk.client, ['userAdministrator']);
      const reset = await reseller.post(`/v1/customers/${helpdesk.tenantId}/users/${member.userId}/password-reset`);
      expect(reset.status).toBe(201);
      expect(reset.body.temporaryPassword).toEqual(expect.any(String));
      expect((await member.client.get('/v1/me')).status).toBe(401); // its sessions ended
      expect((await reseller.post(`/v1/customers/${helpdesk.tenantId}/users/${userAdmin.userId}/password-reset`)).body.code).toBe('role_grant_exceeds_own');
      expect((await reseller.post(`/v1/customers/${helpdesk.tenantId}/users`, newUser([]))).body.code).toBe('delegated_role_missing');
      // ACC-3: only members of the partner's assigned security groups exercise delegated access, whatever their roles.
      const sales = await addUser(t, parties.reseller.client, ['salesAgent']);
      expect((await sales.client.post(`/v1/customers/${helpdesk.tenantId}/users/${member.userId}/password-reset`)).status).toBe(403);
    });
  });

  describe('REL-4: a provider with admin access never mints a global admin in its reseller', () => {
    it('REL-4, ACC-1: users a provider creates are marked, shown to the reseller, and can never hold global admin', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const agent = parties.providerAgent.client;
      const base = `/v1/tenants/${parties.reseller.tenantId}/users` as const;
      const admin = await agent.post(base, newUser(['globalAdmin']));
      expect(admin.status).toBe(403);
      expect(admin.body.code).toBe('global_admin_grant_forbidden');
      const made = await agent.post(base, newUser(['adminAgent']));
      expect(made.status).toBe(201);
      expect(made.body.user.createdByTenantId).toBe(parties.provider.tenantId);
      expect((await agent.patch(`${base}/${made.body.user.id}`, { roles: ['globalAdmin'] })).body.code).toBe('global_admin_grant_forbidden');
      expect((await agent.patch(`${base}/${parties.reseller.userId}`, { state: 'inactive' })).body.code).toBe('global_admin_grant_forbidden');
      // Not even the reseller's own global admin can make such a user a global admin.
      const byOwner = await parties.reseller.client.patch(`/v1/users/${made.body.user.id}`, { roles: ['globalAdmin'] });
      expect(byOwner.status).toBe(403);
      expect(byOwner.body.code).toBe('global_admin_grant_forbidden');
      expect(await rolesOf(t, made.body.user.id)).toEqual(['adminAgent']);
      const listed = await parties.reseller.client.get('/v1/users?size=100');
      const row = listed.body.items.find((u: { id: string }) => u.id === made.body.user.id);
      expect(row).toMatchObject({ createdByTenantId: parties.provider.tenantId, createdByTenantName: expect.any(String) });
      expect(row!.createdByTenantName!.length).toBeGreaterThan(0);
    });
  });

  describe('customer tenants offer customer roles', () => {
    it('ACC-1: a customer user is a plain member by default; partner roles are refused there', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const partnerRole = await customer.client.post('/v1/users', newUser(['helpdeskAgent']));
      expect(partnerRole.status).toBe(400);
      expect(partnerRole.body.errors![0]).toMatchObject({ path: '/roles/0', code: 'role_invalid' });
      expect((await customer.client.post('/v1/users', newUser([]))).status).toBe(201);
      expect((await customer.client.post('/v1/users', newUser(['licenseAdministrator']))).status).toBe(201);
      // A partner's user still needs a role.
      expect((await parties.reseller.client.post('/v1/users', newUser([]))).body.errors![0]).toMatchObject({ path: '/roles', code: 'roles_required' });
    });
  });

  describe('customer-scoped routes need a relationship', () => {
    it('CUS-4: a partner with no relationship gets 404 on every customer route, and nothing is written', async () => {
      const t = await target(kind);
      const parties = await connectedPartners(t);
      const customer = await sharedCustomer(t, parties);
      const stranger = await connectedPartners(t);
      const agent = stranger.providerAgent.client;
      const product = await ensureProduct(t);
      const cart = { lineItems: [line(product.e3, stranger.reseller.partnerId)] };
      const [before] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from audit_records where tenant_id = ${customer.tenantId}`);
      const onCustomer = await agent.post(`/v1/customers/${customer.tenantId}/carts`, cart);
      const onNobody = await agent.post(`/v1/customers/00000000-0000-4000-8000-00000000beef/carts`, cart);
      expect(onCustomer.status).toBe(404);
      expect(onNobody.status).toBe(404);
      expect(onCustomer.body.code).toBe(onNobody.body.code);
      for (const path of ['orders', 'subscriptions', 'users', 'delegated-admin-relationships']) {
        expect((await agent.get(`/v1/customers/${customer.tenantId}/${path}`)).status, path).toBe(404);
      }
      const [after] = await query<{ n: number }>(t.app.platform.db, sql`select count(*)::int as n from audit_records where tenant_id = ${customer.tenantId}`);
      expect(after!.n).toBe(before!.n);
      // The customer's own provider still creates its carts.
      expect((await parties.providerAgent.client.post(`/v1/customers/${customer.tenantId}/carts`, { lineItems: [line(product.e3, parties.reseller.partnerId)] })).status).toBe(201);
    });
  });
});
