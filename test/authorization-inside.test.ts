// The authorization matrix from the inside (ACC-1, ACC-2, CUS-4, REL-4): the stranger matrix
// (authorization-matrix.test.ts) calls routes as unrelated tenants; holes are found by insiders.
// 1. Every route of the OpenAPI document, as every role of the tenant that owns what it names, with
//    that tenant's own IDs (its tenant, a real user of it, its enrollment, relationship ...).
// 2. Every 'delegated:*' route, as every partner role of a reseller, on customers that granted it no
//    delegated-admin role or one of each, and on a customer it has no relationship with. ACC-3: the
//    roles reach a caller only through the access assignments of the reseller's security groups it is
//    in (its global admin and admin agent in one group, its sales agent in another, both assigned on
//    every customer); a caller outside every assigned group is refused on every customer route.
// 3. Every 'delegated:*' route on /v1/tenants/{tenantId}/..., as every partner role of a provider on its
//    reseller's tenant through REL-4 admin access, granted and then removed by the reseller.
// Expectations come only from the tables (each route's declared access, App.routeAccess; access.ts permissionTable, delegatedRoleTable
// through can() and grantProblem()): a refused caller gets 403 (404 where it has no relationship),
// never a success and never 404 in its own tenant; an allowed caller never 401/403 unless the grant
// rules refuse the roles its body names (then that code); nobody gets a 5xx.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  can,
  customerRoles,
  delegatedRoles,
  effectivePermissions,
  grantProblem,
  noRelation,
  operatorRoles,
  partnerRoles,
  permissionsOf,
  publisherRoles,
  tenantKindOf,
  type Actor,
  type Permission,
  type Role,
  type TenantKind,
  type TenantRelation,
} from '../src/platform/access.js';
import type { ErrorCode } from '../src/platform/errors.js';
import type { RouteAccess } from '../src/platform/access.js';
import { apiOperations, type ApiOperation } from './helpers/authz.js';
import { addUser, Client, testPassword, uniqueEmail, type Problem, type Response } from './helpers/client.js';
import { connectedPartners, customerAccepts, ensureProduct, sharedCustomer, tokenOf } from './helpers/commerce.js';
import { addMembers, adminAgentsGroup, assign, assignmentsOf, createGroup, relationshipsWith } from './helpers/groups.js';
import { signInOperator } from './helpers/operator.js';
import { enrolledPublisher, enrollPartner, ensurePartnerAgreement } from './helpers/partners.js';
import { target, targetKinds, type Target } from './helpers/server.js';

type ActorLike = Pick<Actor, 'tenantId' | 'roles' | 'isOperator'>;

/** A tenant acted on: its kind, one real user of it whose roles its user managers may touch, its resources' IDs. */
interface Home {
  tenantId: string;
  kind: TenantKind;
  isOperator: boolean;
  target: { id: string; roles: string[] };
  /** Real IDs by the collection segment before `{id}` (enrollments, relationships, agreements ...). */
  ids: Record<string, string>;
}

interface Caller {
  label: string;
  userId: string;
  roles: Role[];
  client: Client;
  home: Home;
}

type Expectation =
  | { kind: 'allowed' }
  /** The tables allow the permission but the grant rules refuse the body's roles. */
  | { kind: 'grantRefused'; code: ErrorCode }
  | { kind: 'refused'; status: 403 | 404; ownTenant: boolean };

const refusalCodes = ['forbidden', 'delegated_role_missing'];
const unknownId = randomUUID();

const actorOf = (caller: Caller): ActorLike => ({ tenantId: caller.home.tenantId, roles: caller.roles, isOperator: caller.home.isOperator });

/** The OpenAPI path with the IDs of the tenant acted on. */
function concretePath(path: string, on: Home): string {
  return path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_m, collection: string, name: string) => `/${collection}/${encodeURIComponent(parameter(collection, name, on))}`);
}

function parameter(collection: string, name: string, on: Home): string {
  if (name === 'tenantId') return on.tenantId;
  if (name === 'userId') return on.target.id;
  if (name === 'token') return 'ccx_not-a-real-token';
  if (name === 'country') return 'FR';
  if (name === 'dunsNumber') return '123456789';
  if (name === 'domain') return 'inside-matrix.example.com';
  if (name === 'id' && collection === 'customers') return on.tenantId;
  if (name === 'id' && collection === 'users') return on.target.id;
  return (name === 'id' ? on.ids[collection] : on.ids[name]) ?? unknownId;
}

/** What a user-management route does to a user, from its permission and its shape. */
function userChange(operation: ApiOperation, permission: Permission | null): 'create' | 'change' | 'reset' | null {
  if (permission !== 'users.manage' && permission !== 'users.resetPassword') return null;
  if (operation.method === 'POST' && operation.path.endsWith('/users')) return 'create';
  if (operation.method === 'PATCH' && /\/users\/\{\w+\}$/.test(operation.path)) return 'change';
  if (operation.method === 'POST' && operation.path.endsWith('/password-reset')) return 'reset';
  return null;
}

/**
 * The roles a new user is given, to probe the grant rules (ACC-1, ACC-2): a role the caller may hand out
 * in that tenant (or none in a customer's), global admin, and a role it may not hand out. For a caller
 * without users.manage there, the same by the permissions it holds: what it would try.
 */
function roleProbes(actor: ActorLike, on: Home, relation: TenantRelation | undefined): string[][] {
  const offered = assignableRoles(on.kind).filter((r) => r !== 'globalAdmin');
  const held = effectivePermissions(actor, on.tenantId, relation);
  const manages = held.has('users.manage');
  const grant = (role: string) => grantProblem(actor, { id: on.tenantId, kind: on.kind }, relation, { after: [role] });
  const holdsAll = (role: Role) => permissionsOf([role]).every((p) => p === 'tenant.read' || held.has(p));
  const within = offered.find((r) => (manages ? grant(r) === null : holdsAll(r)));
  const exceeding = offered.find((r) => (manages ? grant(r) === 'role_grant_exceeds_own' : !holdsAll(r)));
  const probes: string[][] = [];
  if (within) probes.push([within]);
  else if (on.kind === 'customer') probes.push([]);
  probes.push(['globalAdmin']);
  if (exceeding) probes.push([exceeding]);
  return probes;
}

/** Valid bodies for the signed-in routes with one (nothing is checked before validation there). */
const signedInBodies: Record<string, () => unknown> = {
  'PATCH /v1/me': () => ({ displayName: 'Inside Matrix Caller' }),
  'POST /v1/me/password': () => ({ currentPassword: testPassword, newPassword: `${testPassword}-inside` }),
  'POST /v1/me/tokens': () => ({ name: 'inside matrix', expiresInDays: 1 }),
  'POST /v1/me/mfa/totp/confirm': () => ({ code: '000000' }),
  // A well-formed answer from no authenticator: it passes validation and is refused as not a passkey (400).
  'POST /v1/me/mfa/passkeys': () => ({
    name: 'Inside matrix',
    passkey: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } },
  }),
  'PATCH /v1/me/mfa/passkeys/:passkeyId': () => ({ name: 'Inside matrix' }),
};

interface Request {
  label: string;
  body?: unknown;
  /** The user the request names, when not the tenant's target user. */
  user?: { id: string; roles: string[] };
  expectation: Expectation;
}

/**
 * The requests to make of one operation as one caller on one tenant, each with what the tables say it
 * must get. `upFront`: the route's permission is checked before validation, so `{}` reaches it.
 */
/** What each route declares it requires (set once the test app is built). */
let routeAccess: Record<string, RouteAccess> = {};

function requestsFor(
  operation: ApiOperation,
  actor: ActorLike,
  on: Home,
  relation: TenantRelation | undefined,
  refusal: { status: 403 | 404; ownTenant: boolean },
  upFront: boolean,
  noValidBody: Set<string>,
  self?: { id: string; roles: string[] },
): Request[] {
  const access = routeAccess[operation.key]!;
  const permission = access === 'public' || access === 'signedIn' ? null : (access.replace(/^delegated:/, '') as Permission);
  const held = permission === null || can(actor, permission, on.tenantId, relation);
  const tenant = { id: on.tenantId, kind: on.kind };
  const judged = (grant: () => ErrorCode | null): Expectation => {
    if (!held) return { kind: 'refused', ...refusal };
    const code = grant();
    return code ? { kind: 'grantRefused', code } : { kind: 'allowed' };
  };
  const before = { roles: on.target.roles };
  switch (userChange(operation, permission)) {
    case 'create':
      return roleProbes(actor, on, relation).map((roles) => ({
        label: ` roles [${roles.join(',')}]`,
        body: { displayName: 'Inside Matrix User', email: uniqueEmail('inside'), roles, password: testPassword },
        expectation: judged(() => grantProblem(actor, tenant, relation, { after: roles })),
      }));
    case 'change': {
      const requests: Request[] = [{ label: '', body: { displayName: 'Inside Matrix Renamed', roles: on.target.roles }, expectation: judged(() => grantProblem(actor, tenant, relation, { before, after: on.target.roles })) }];
      // In its own tenant, the caller also tries to raise its own roles by a role the tables refuse it (ACC-1).
      const raised = self && assignableRoles(on.kind).filter((r) => !self.roles.includes(r)).map((r) => [...self.roles, r]).find((roles) => grantProblem(actor, tenant, relation, { before: self, after: roles }) !== null);
      if (self && raised) {
        const expectation = judged(() => grantProblem(actor, tenant, relation, { before: self, after: raised }));
        if (expectation.kind !== 'allowed') requests.push({ label: ` itself to [${raised.join(',')}]`, body: { roles: raised }, user: self, expectation });
      }
      return requests;
    }
    case 'reset':
      return [{ label: '', expectation: judged(() => grantProblem(actor, tenant, relation, { before, after: on.target.roles }, 'users.resetPassword')) }];
  }
  let body: unknown;
  if (operation.hasBody) {
    if (upFront || access === 'public') body = {};
    else if (signedInBodies[operation.key]) body = signedInBodies[operation.key]!();
    else noValidBody.add(operation.key);
  }
  return [{ label: '', body, expectation: judged(() => null) }];
}

async function newUser(admin: Client, roles: string[]): Promise<{ id: string; roles: string[] }> {
  const created = await admin.post('/v1/users', { displayName: 'Inside Matrix Target', email: uniqueEmail('target'), roles, password: testPassword });
  if (created.status !== 201) throw new Error(`target user: ${created.status} ${created.text}`);
  return { id: created.body.user.id, roles };
}

/**
 * The tenant of this signed-in global admin, with a target user whose roles as many of the tenant's user
 * managers as the tables allow may touch (a plain member in a customer's), so that the grant rules do
 * not decide the answer where they need not.
 */
async function homeOf(admin: Client, managers: readonly Role[][], ids: Record<string, string>): Promise<Home> {
  const me = await admin.get('/v1/me');
  if (me.status !== 200) throw new Error(`me: ${me.status} ${me.text}`);
  const kind = tenantKindOf(me.body.memberships);
  const tenantId: string = me.body.tenant.id;
  const isOperator = kind === 'operator';
  let roles: string[] = [];
  if (kind !== 'customer') {
    const tenant = { id: tenantId, kind };
    const touching = (role: string) => managers.filter((r) => grantProblem({ tenantId, roles: r, isOperator }, tenant, undefined, { before: { roles: [role] }, after: [role] }) === null).length;
    const offered = assignableRoles(kind).filter((r) => r !== 'globalAdmin');
    roles = [offered.reduce((best, role) => (touching(role) > touching(best) ? role : best), offered[0]!)];
  }
  return { tenantId, kind, isOperator, target: await newUser(admin, roles), ids };
}

/** One user per role in the tenant of `admin` (the admin itself for `adminRole`). */
async function callersOf(t: Target, label: string, admin: Client, roles: readonly (Role | null)[], adminRole: Role | null, ids: Record<string, string>): Promise<Caller[]> {
  const users: Omit<Caller, 'home'>[] = [];
  for (const role of roles) {
    const held = role ? [role] : [];
    const user = role !== null && role === adminRole ? { client: admin, userId: (await admin.get('/v1/me')).body.user.id as string } : await addUser(t, admin, held);
    users.push({ label: `${label}:${role ?? 'member'}`, roles: held, client: user.client, userId: user.userId });
  }
  const home = await homeOf(admin, users.map((u) => u.roles), ids);
  return users.map((u) => ({ ...u, home }));
}

function send(client: Client, method: string, path: string, body: unknown): Promise<Response<Partial<Problem>>> {
  return client.request(method, path, body === undefined ? {} : { body });
}

describe.each(targetKinds())('authorization matrix, inside, on %s', (kind) => {
  it('ACC-1, ACC-2, CUS-4, REL-4: every route as every role of the owning tenant, every delegated role and REL-4 admin access; no leak', async () => {
    const t = await target(kind, { instance: 'matrix-inside', isolated: true });
    routeAccess = t.app.routeAccess;
    const documented = await apiOperations(t);
    // A documented route that declares no access fails the test at the end; the others are still tried.
    const missing = documented.filter((o) => !(o.key in routeAccess)).map((o) => o.key);
    const operations = documented.filter((o) => o.key in routeAccess);
    const upFront = new Set(t.app.routes.filter((r) => r.permission).map((r) => `${r.method} ${r.url}`));

    // The program: a provider and a reseller connected (REL-4 admin access granted), the partner
    // agreement, a product, the operator, a publisher.
    const agreementId = await ensurePartnerAgreement(t);
    const { productId } = await ensureProduct(t);
    // PRC-1: a real offer type, so a partner-discount change as the operator's roles reaches its body's validation.
    const program = { agreements: agreementId, products: productId, offerType: 'saas' };
    const parties = await connectedPartners(t);
    const { provider, reseller } = parties;
    const operator = await signInOperator(t);
    const publisher = await enrolledPublisher(t);

    // Customers of the reseller, one per delegated-admin role set (none, each single role), active at once.
    const grants = [null, ...delegatedRoles] as const;
    const customers: { role: (typeof grants)[number]; customer: Awaited<ReturnType<typeof sharedCustomer>>; home: Home }[] = [];
    for (const role of grants) {
      const customer = await sharedCustomer(t, parties, role ? { roles: [role], durationDays: 365, autoExtend: false } : undefined);
      if (role) {
        const dar = await reseller.client.get(`/v1/customers/${customer.tenantId}/delegated-admin-relationships`);
        if (!dar.body.items?.some((d: { status: string; roles: string[] }) => d.status === 'active' && d.roles.includes(role))) throw new Error(`delegated admin ${role} not active: ${dar.text}`);
      }
      customers.push({ role, customer, home: await homeOf(customer.client, [['globalAdmin']], program) });
    }
    // A customer of another reseller: the reseller has no relationship with it.
    const otherReseller = await enrollPartner(t);
    const unrelatedInvitation = await otherReseller.client.post('/v1/customer-invitations', { type: 'resellerOnly' });
    if (unrelatedInvitation.status !== 201) throw new Error(`unrelated customer: ${unrelatedInvitation.text}`);
    const unrelated = await customerAccepts(t, tokenOf(unrelatedInvitation.body.link));
    const unrelatedHome = await homeOf(unrelated.client, [['globalAdmin']], program);

    const resellerIds: Record<string, string> = { ...program, enrollments: reseller.enrollmentId, relationships: parties.relationshipId };
    const resellerCallers = await callersOf(t, 'reseller', reseller.client, partnerRoles, 'globalAdmin', resellerIds);
    // ACC-3: who is in which assigned group. sharedCustomer assigned the reseller's "Admin agents" group
    // (its global admin) every granted role; its admin agent joins it, and a "Sales desk" group with the
    // sales agent gets the same roles. Everyone else is outside every assigned group.
    const callerOf = (role: Role) => resellerCallers.find((c) => c.roles[0] === role)!;
    const adminAgents = await adminAgentsGroup(reseller.client, reseller.tenantId, [callerOf('adminAgent').userId]);
    const salesDesk = await createGroup(reseller.client, reseller.tenantId, 'Sales desk');
    await addMembers(reseller.client, reseller.tenantId, salesDesk.id, [callerOf('salesAgent').userId]);
    const assigned = new Set(['globalAdmin', 'adminAgent', 'salesAgent'].map((role) => callerOf(role as Role).userId));
    for (const { role, customer } of customers) {
      if (!role) continue;
      const [dar] = (await relationshipsWith(reseller.client, customer.tenantId)).filter((d) => d.status === 'active');
      await assign(reseller.client, dar!.id, salesDesk.id, [role]);
      const assignments = await assignmentsOf(reseller.client, dar!.id);
      if (!assignments.some((a) => a.securityGroup.id === adminAgents)) throw new Error(`no Admin agents assignment on ${role}: ${JSON.stringify(assignments)}`);
      // The reseller's own routes name a group, a relationship and an assignment of its own.
      Object.assign(resellerIds, { groupId: salesDesk.id, 'delegated-admin-relationships': dar!.id, assignmentId: assignments[0]!.id });
    }
    const providerUsers: Caller[] = [];
    for (const role of partnerRoles) {
      const user = role === 'globalAdmin' ? provider : role === 'adminAgent' ? parties.providerAgent : await addUser(t, provider.client, [role]);
      providerUsers.push({ label: `provider:${role}`, userId: user.userId, roles: [role], client: user.client, home: { tenantId: provider.tenantId, kind: 'partner', isOperator: false, target: { id: unknownId, roles: [] }, ids: {} } });
    }
    const none = customers[0]!;
    const insiders = [
      ...resellerCallers,
      ...(await callersOf(t, 'operator', operator, [...operatorRoles, ...partnerRoles], null, { ...program, enrollments: reseller.enrollmentId })),
      ...(await callersOf(t, 'publisher', publisher.client, publisherRoles, null, program)),
      ...(await callersOf(t, 'customer', none.customer.client, [...customerRoles, null], 'globalAdmin', program)),
    ];

    let cases = 0;
    const labels = new Set<string>();
    const covered = new Set<string>();
    const leaks: string[] = [];
    const mismatches: string[] = [];
    const serverErrors: string[] = [];
    const noValidBody = new Set<string>();
    const judge = (where: string, response: Response<Partial<Problem>>, expectation: Expectation) => {
      cases++;
      const code: string | undefined = response.body?.code;
      const seen = `${where} → ${response.status}${code ? ` ${code}` : ''}`;
      if (response.status >= 500) serverErrors.push(seen);
      if (expectation.kind === 'refused') {
        if (response.status < 400 || (expectation.ownTenant && response.status === 404)) leaks.push(`${seen} (expected ${expectation.status})`);
        else if (response.status !== expectation.status || (response.status === 403 && !refusalCodes.includes(code ?? ''))) mismatches.push(`${seen} (expected ${expectation.status})`);
      } else if (expectation.kind === 'grantRefused') {
        if (response.status < 400) leaks.push(`${seen} (expected 403 ${expectation.code})`);
        else if (response.status !== 403 || code !== expectation.code) mismatches.push(`${seen} (expected 403 ${expectation.code})`);
      } else if (response.status === 401 || response.status === 403) {
        mismatches.push(`${seen} (allowed by the tables)`);
      }
    };
    const run = async (operation: ApiOperation, caller: Caller, on: Home, relation: TenantRelation | undefined, refusal: { status: 403 | 404; ownTenant: boolean }, context: string) => {
      labels.add(caller.label);
      covered.add(operation.key);
      const self = on.tenantId === caller.home.tenantId ? { id: caller.userId, roles: caller.roles } : undefined;
      for (const request of requestsFor(operation, actorOf(caller), on, relation, refusal, upFront.has(operation.key), noValidBody, self)) {
        const path = concretePath(operation.path, request.user ? { ...on, target: request.user } : on);
        judge(`${operation.method} ${path}${request.label} as ${caller.label}${context}`, await send(caller.client, operation.method, path, request.body), request.expectation);
      }
    };

    const delegated = operations.filter((o) => routeAccess[o.key]!.startsWith('delegated:'));
    expect(delegated.length).toBeGreaterThan(0);

    // 2. CUS-4, ACC-2: the reseller's roles in its customers' tenants, through the roles each granted.
    for (const { role, home } of customers) {
      for (const operation of delegated) {
        for (const caller of resellerCallers) {
          const inAssignedGroup = assigned.has(caller.userId);
          const relation: TenantRelation = { adminAccess: false, delegatedRoles: role && inAssignedGroup ? [role] : [] };
          await run(operation, caller, home, relation, { status: 403, ownTenant: false }, ` on a customer granting ${role ?? 'no role'}${inAssignedGroup ? ' (assigned group)' : ' (outside every assigned group)'}`);
        }
      }
    }
    for (const operation of delegated) for (const caller of resellerCallers) await run(operation, caller, unrelatedHome, noRelation, { status: 404, ownTenant: false }, ' on an unrelated customer');

    // 3. REL-4: the provider's roles in its reseller's tenant, with admin access and after the reseller removes it.
    const resellerHome = resellerCallers[0]!.home;
    const inTenants = delegated.filter((o) => o.path.startsWith('/v1/tenants/{tenantId}/'));
    expect(inTenants.length).toBeGreaterThan(0);
    for (const operation of inTenants) for (const caller of providerUsers) await run(operation, caller, resellerHome, { adminAccess: true, delegatedRoles: [] }, { status: 403, ownTenant: false }, ' with admin access');
    const removed = await reseller.client.delete(`/v1/relationships/${parties.relationshipId}/admin-access`);
    expect([200, 204], removed.text).toContain(removed.status);
    for (const operation of inTenants) for (const caller of providerUsers) await run(operation, caller, resellerHome, { adminAccess: false, delegatedRoles: [] }, { status: 403, ownTenant: false }, ' after admin access was removed');

    // 1. ACC-1: every route, as every role of the owning tenant, on its own IDs (last: it may end relationships and sessions).
    for (const operation of operations) for (const caller of insiders) await run(operation, caller, caller.home, undefined, { status: 403, ownTenant: true }, '');

    console.log(`authorization matrix, inside (${kind}): routes covered ${covered.size}/${documented.length}, roles ${labels.size}, cases run ${cases}, leaks found ${leaks.length}`);
    for (const leak of leaks) console.log(`LEAK ${leak}`);
    for (const mismatch of mismatches) console.log(`MISMATCH ${mismatch}`);
    for (const error of serverErrors) console.log(`5XX ${error}`);
    expect(missing, 'documented routes that declare no access').toEqual([]);
    expect([...noValidBody], 'routes checked after validation with no valid body known here').toEqual([]);
    expect(covered.size).toBe(documented.length);
    expect(leaks).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(mismatches).toEqual([]);
  }, 600_000);
});
