// The authorization matrix for the second factor (ACC-4): every delegated route ('delegated:*' in the
// routes' declared access), called through delegated admin (a reseller's admin agent in its customer's
// tenant, its group assigned every approved role) and through REL-4 admin access (a provider's admin
// agent in its reseller's tenant), once with a session that passed MFA and once with one that did not.
// Where the tables let the first through, the second gets 403 mfa_required, and nothing else.
import { describe, expect, it } from 'vitest';
import { delegatedRoles } from '../src/platform/access.js';
import { apiOperations } from './helpers/authz.js';
import { addUser, Client, testPassword, uniqueEmail, type Response } from './helpers/client.js';
import { connectedPartners, sharedCustomer } from './helpers/commerce.js';
import { adminAgentsGroup } from './helpers/groups.js';
import { enrolTotp } from './helpers/mfa.js';
import { target, targetKinds, type Target } from './helpers/server.js';

function call(client: Client, method: string, path: string, body?: unknown): Promise<Response<any>> {
  return client.request<any>(method, path, body === undefined ? {} : { body });
}

/**
 * A user of `admin`'s tenant with these roles, signed in twice before it had a second factor; the
 * second session enrols TOTP (so it passed MFA), the first never did — a session that did not pass
 * MFA, of a user who has a factor (so no enrolment is forced on it).
 */
async function twoSessions(t: Target, admin: Client, roles: string[]) {
  const email = uniqueEmail('mfa-matrix');
  const created = await call(admin, 'POST', '/v1/users', { displayName: 'Mfa Matrix Agent', email, roles, password: testPassword });
  expect(created.status, created.text).toBe(201);
  const sessions: Client[] = [];
  for (let i = 0; i < 2; i++) {
    const client = new Client(t.url);
    const signedIn = await call(client, 'POST', '/v1/auth/sessions', { email, password: testPassword });
    expect(signedIn.status, signedIn.text).toBe(201);
    client.csrfToken = signedIn.body.csrfToken;
    sessions.push(client);
  }
  await enrolTotp(sessions[1]!, email, sessions[1]!.csrfToken!);
  expect((await call(sessions[0]!, 'GET', '/v1/me')).body.mfa).toMatchObject({ enrolmentRequired: false, sessionMfa: false });
  return { userId: created.body.user.id as string, withoutMfa: sessions[0]!, withMfa: sessions[1]! };
}

describe.each(targetKinds())('authorization matrix, second factor, on %s', (kind) => {
  it('ACC-4: every delegated route, through delegated admin and REL-4 admin access: a session without MFA gets 403 mfa_required wherever one with MFA gets through', async () => {
    const t = await target(kind);
    const parties = await connectedPartners(t);
    const customer = await sharedCustomer(t, parties, { roles: [...delegatedRoles], durationDays: 365, autoExtend: false });
    const resellerAgent = await twoSessions(t, parties.reseller.client, ['adminAgent']);
    await adminAgentsGroup(parties.reseller.client, parties.reseller.tenantId, [resellerAgent.userId]);
    const providerAgent = await twoSessions(t, parties.provider.client, ['adminAgent']);
    const customerTarget = (await addUser(t, customer.client, [])).userId;
    const resellerTarget = (await addUser(t, parties.reseller.client, ['salesAgent'])).userId;

    const routeAccess = t.app.routeAccess;
    const delegated = (await apiOperations(t)).filter((o) => routeAccess[o.key]?.startsWith('delegated:'));
    expect(delegated.length).toBeGreaterThanOrEqual(9);
    const bodyOf = (method: string, path: string, roles: string[]) => {
      if (method === 'POST' && path.endsWith('/users')) return { displayName: 'Mfa Matrix User', email: uniqueEmail('mfa-made'), roles, password: testPassword };
      if (method === 'PATCH') return { displayName: 'Mfa Matrix Renamed' };
      return undefined;
    };
    const through = [
      { label: 'delegated admin', agent: resellerAgent, tenantId: customer.tenantId, userId: customerTarget, roles: [] as string[], paths: delegated },
      { label: 'REL-4 admin access', agent: providerAgent, tenantId: parties.reseller.tenantId, userId: resellerTarget, roles: ['salesAgent'], paths: delegated.filter((o) => o.path.startsWith('/v1/tenants/{tenantId}/')) },
    ];
    const mismatches: string[] = [];
    let cases = 0;
    for (const way of through) {
      expect(way.paths.length).toBeGreaterThan(0);
      for (const operation of way.paths) {
        const path = operation.path.replace('{tenantId}', way.tenantId).replace(/\/customers\/\{id\}/, `/customers/${way.tenantId}`).replace(/\/users\/\{(id|userId)\}/, `/users/${way.userId}`);
        const withMfa = await call(way.agent.withMfa, operation.method, path, bodyOf(operation.method, operation.path, way.roles));
        const withoutMfa = await call(way.agent.withoutMfa, operation.method, path, bodyOf(operation.method, operation.path, way.roles));
        cases += 2;
        const where = `${operation.method} ${path} through ${way.label}`;
        if (withMfa.status === 401 || withMfa.status === 403 || withMfa.status >= 500) mismatches.push(`${where} with MFA → ${withMfa.status} ${withMfa.body?.code ?? ''} (allowed by the tables)`);
        if (withoutMfa.status !== 403 || withoutMfa.body?.code !== 'mfa_required') mismatches.push(`${where} without MFA → ${withoutMfa.status} ${withoutMfa.body?.code ?? ''} (expected 403 mfa_required)`);
      }
    }
    console.log(`authorization matrix, second factor (${kind}): delegated routes ${delegated.length}, cases run ${cases}, mismatches ${mismatches.length}`);
    expect(mismatches).toEqual([]);
  });
});
