// ACC-1, ACC-2, REL-4: privileges leak one harmless step after another, so escalation is tried as
// random sequences (fast-check). A user holding role set R runs user and role operations — add a user
// with a password it chose, change roles and states, reset passwords, then sign in as a user it made
// and go on as that one — in its own tenant, in a customer's (delegated-admin roles) and in a
// reseller's (a provider's admin access). In a customer's tenant the actor holds the delegated roles
// only when it is a member of the reseller's security group assigned there (ACC-3). Whatever the
// sequence, nobody may end up holding a permission R may not grant. What R may grant comes from the
// tables in access.ts, not from the code under test.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import {
  adminAccessPermissions,
  customerRoles,
  delegatedExercisers,
  delegatedRoleTable,
  delegatedRoles,
  operatorRoles,
  partnerRoles,
  permissionsOf,
  publisherRoles,
  type DelegatedRole,
  type Permission,
} from '../src/platform/access.js';
import { addUser, Client, testPassword, uniqueEmail } from './helpers/client.js';
import { connectedPartners, sharedCustomer } from './helpers/commerce.js';
import { addMembers, adminAgentsGroup } from './helpers/groups.js';
import { target, targetKinds, type Target } from './helpers/server.js';

type Scope = { kind: 'own' } | { kind: 'delegated'; granted: DelegatedRole[]; assigned: boolean } | { kind: 'adminAccess' };

/** What a holder of `roles` may hand out in the scope: the spec, read off the tables. */
function grantable(roles: readonly string[], scope: Scope): { all: boolean; permissions: Set<Permission> } {
  const holds = (list: readonly string[]) => list.some((r) => roles.includes(r));
  if (scope.kind === 'own') return { all: roles.includes('globalAdmin'), permissions: new Set(permissionsOf(roles)) };
  if (scope.kind === 'adminAccess') return { all: false, permissions: new Set(holds(delegatedExercisers.adminAccess) ? [...adminAccessPermissions, ...permissionsOf(roles)] : []) };
  // ACC-3: delegated roles through the access assignment of a group the actor is in; nothing otherwise.
  return { all: false, permissions: new Set(scope.assigned ? scope.granted.flatMap((r) => delegatedRoleTable[r]) : []) };
}

const offered = { partner: [...partnerRoles, ...publisherRoles], customer: customerRoles, operator: [...operatorRoles, ...partnerRoles] } as const;

type Op =
  | { op: 'add'; roles: string[] }
  | { op: 'setRoles'; who: number; roles: string[] }
  | { op: 'deactivate'; who: number }
  | { op: 'reset'; who: number }
  | { op: 'become'; who: number };

function opArb(roles: readonly string[]): fc.Arbitrary<Op> {
  const someRoles = fc.subarray([...roles], { minLength: 0, maxLength: 3 });
  const who = fc.nat(20);
  return fc.oneof(
    fc.record({ op: fc.constant('add' as const), roles: someRoles }),
    fc.record({ op: fc.constant('setRoles' as const), who, roles: someRoles }),
    fc.record({ op: fc.constant('deactivate' as const), who }),
    fc.record({ op: fc.constant('reset' as const), who }),
    fc.record({ op: fc.constant('become' as const), who }),
  );
}

interface World {
  t: Target;
  /** The tenant acted on and the client of one of its global admins (to set up actors there). */
  tenantId: string;
  offered: readonly string[];
}

async function usersOf(t: Target, tenantId: string) {
  return query<{ id: string; email: string; roles: string[]; state: string }>(t.app.platform.db, sql`select id, email, roles, state from users where tenant_id = ${tenantId} order by created_at, id`);
}

/** Runs one sequence as `actor` on the world's tenant; returns the escalations it found (and any 5xx). */
async function runSequence(world: World, actor: Client, actorRoles: string[], scope: Scope, ops: Op[], base: string) {
  const { t, tenantId } = world;
  const before = new Map((await usersOf(t, tenantId)).map((u) => [u.id, u.roles.join(',')]));
  const faults: string[] = [];
  const passwords = new Map<string, string>();
  let current = actor;
  for (const step of ops) {
    const users = await usersOf(t, tenantId);
    const pick = (n: number) => users[n % users.length]!;
    let response: { status: number; body: any; text: string } | undefined;
    if (step.op === 'add') {
      const email = uniqueEmail('seq');
      response = await current.post(base, { displayName: 'Sequence User', email, roles: step.roles, password: testPassword });
      if (response.status === 201) passwords.set(response.body.user.id, testPassword);
    } else if (step.op === 'setRoles') {
      response = await current.patch(`${base}/${pick(step.who).id}`, { roles: step.roles });
    } else if (step.op === 'deactivate') {
      response = await current.patch(`${base}/${pick(step.who).id}`, { state: 'inactive' });
    } else if (step.op === 'reset') {
      const target = pick(step.who);
      response = await current.post(`${base}/${target.id}/password-reset`);
      if (response.status === 201) passwords.set(target.id, response.body.temporaryPassword);
    } else {
      // Sign in as a user whose password the sequence knows, and go on as that user.
      const target = pick(step.who);
      const password = passwords.get(target.id);
      if (!password) continue;
      const next = new Client(t.url);
      const signedIn = await next.signIn(target.email, password);
      if (signedIn.status !== 201) continue;
      if (signedIn.body.user.mustChangePassword) {
        const changed = await next.post('/v1/me/password', { currentPassword: password, newPassword: `${testPassword}-x` });
        if (changed.status !== 204) continue;
        passwords.set(target.id, `${testPassword}-x`);
        if ((await next.signIn(target.email, `${testPassword}-x`)).status !== 201) continue;
      }
      current = next;
      // Acting as a user of the tenant itself from now on: its own roles bound it, and they were
      // bounded by R when they were given.
      base = `/v1/tenants/${tenantId}/users`;
    }
    if (response && response.status >= 500) faults.push(`${step.op} → ${response.status} ${response.text}`);
  }
  const bound = grantable(actorRoles, scope);
  const escalations: string[] = [];
  for (const user of await usersOf(t, tenantId)) {
    if (before.get(user.id) === user.roles.join(',')) continue; // untouched
    if (bound.all) continue;
    if (user.roles.includes('globalAdmin')) escalations.push(`${user.email} became global admin`);
    const beyond = permissionsOf(user.roles).filter((p) => p !== 'tenant.read' && !bound.permissions.has(p));
    if (beyond.length) escalations.push(`${user.email} holds ${beyond.join(', ')} with roles ${user.roles.join(',')} (actor ${actorRoles.join(',')}, ${scope.kind})`);
  }
  return { escalations, faults };
}

describe.each(targetKinds())('escalation sequences on %s', (kind) => {
  it('ACC-1, ACC-2, REL-4: random user and role operations never end with a permission the actor may not grant', async () => {
    const t = await target(kind, { instance: 'escalation', isolated: true });
    const parties = await connectedPartners(t);
    // One customer per set of delegated-admin roles the reseller holds there.
    const grants: DelegatedRole[][] = [[], ...delegatedRoles.filter((r) => r !== 'globalAdministrator').map((r) => [r]), ['userAdministrator', 'licenseAdministrator'], ['globalAdministrator']];
    const customers: { customer: Awaited<ReturnType<typeof sharedCustomer>>; granted: DelegatedRole[] }[] = [];
    for (const granted of grants) {
      const customer = await sharedCustomer(t, parties, granted.length ? { roles: granted, durationDays: 365, autoExtend: false } : undefined);
      customers.push({ customer, granted });
    }
    // The reseller's group assigned every granted role on each customer (helpers/commerce.ts sharedCustomer).
    const assignedGroup = await adminAgentsGroup(parties.reseller.client, parties.reseller.tenantId);
    const resellerWorld: World = { t, tenantId: parties.reseller.tenantId, offered: offered.partner };
    let sequences = 0;
    const escalations: string[] = [];
    const faults: string[] = [];
    const record = (result: { escalations: string[]; faults: string[] }) => {
      sequences++;
      escalations.push(...result.escalations);
      faults.push(...result.faults);
    };
    const roleSet = fc.subarray([...partnerRoles], { minLength: 1, maxLength: 3 });

    // Own tenant: a reseller user holding R (a global admin may grant anything there: not tried).
    const ownRoleSet = fc.subarray(partnerRoles.filter((r) => r !== 'globalAdmin'), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(ownRoleSet, fc.array(opArb(offered.partner), { minLength: 1, maxLength: 6 }), async (roles, ops) => {
        const actor = await addUser(t, parties.reseller.client, roles);
        record(await runSequence(resellerWorld, actor.client, roles, { kind: 'own' }, ops, '/v1/users'));
      }),
      { numRuns: 20 },
    );
    // A customer's tenant, through the delegated-admin roles it granted the reseller.
    await fc.assert(
      fc.asyncProperty(roleSet, fc.nat(grants.length - 1), fc.boolean(), fc.array(opArb(offered.customer), { minLength: 1, maxLength: 6 }), async (roles, which, assigned, ops) => {
        const { customer, granted } = customers[which]!;
        const actor = await addUser(t, parties.reseller.client, roles);
        if (assigned) await addMembers(parties.reseller.client, parties.reseller.tenantId, assignedGroup, [actor.userId]);
        const world: World = { t, tenantId: customer.tenantId, offered: offered.customer };
        record(await runSequence(world, actor.client, roles, { kind: 'delegated', granted, assigned }, ops, `/v1/customers/${customer.tenantId}/users`));
      }),
      { numRuns: 20 },
    );
    // The reseller's tenant, through its provider's admin access.
    await fc.assert(
      fc.asyncProperty(roleSet, fc.array(opArb(offered.partner), { minLength: 1, maxLength: 6 }), async (roles, ops) => {
        const actor = await addUser(t, parties.provider.client, roles);
        record(await runSequence(resellerWorld, actor.client, roles, { kind: 'adminAccess' }, ops, `/v1/tenants/${parties.reseller.tenantId}/users`));
      }),
      { numRuns: 20 },
    );
    console.log(`escalation test (${kind}): sequences run ${sequences}, escalations found ${escalations.length}`);
    expect(faults).toEqual([]);
    expect(escalations).toEqual([]);
    expect(sequences).toBe(60);
  });
});
