// The authorization matrix: every route of the OpenAPI document, called as anonymous and as every
// role of tenants of every kind (operator, partner, publisher, customer) that do not own what the
// route names. Expected outcomes come from the access each route declares (App.routeAccess, collected
// when the routes are registered; a /v1 route declaring none stops the app from starting). A route the
// OpenAPI document lacks fails; a caller getting through where the table says it may not is a leak.
import { describe, expect, it } from 'vitest';
import { operatorRoles, partnerRoles, permissionTable, publisherRoles, type Permission } from '../src/platform/access.js';
import { addUser, Client, signUp, type Problem } from './helpers/client.js';
import { lastOf } from './helpers/authz.js';
import { signInOperator } from './helpers/operator.js';
import { target, targetKinds } from './helpers/server.js';

const strangerId = '00000000-0000-4000-8000-00000000beef';

function concretePath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'token') return 'ccx_not-a-real-token';
    if (name === 'dunsNumber') return '123456789';
    if (name === 'country') return 'FR';
    return strangerId;
  });
}

describe.each(targetKinds())('authorization matrix on %s', (kind) => {
  it('every route: anonymous, each role of unrelated tenants of every kind; no leak', async () => {
    const t = await target(kind, { instance: 'matrix', isolated: true });
    const routeAccess = t.app.routeAccess;
    const doc = (await new Client(t.url).request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/v1/openapi.json')).body;
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })))
      // Signing out ends the callers' sessions: that route goes last (removing their authenticator app just before).
      .sort((a, b) => lastOf(a) - lastOf(b));

    const fastifyKey = (o: { method: string; path: string }) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const missing = operations.filter((o) => !(fastifyKey(o) in routeAccess)).map(fastifyKey);
    expect(missing, 'documented routes that declare no access').toEqual([]);
    const undocumented = Object.keys(routeAccess).filter((key) => key !== 'GET /v1/openapi.json' && !operations.some((o) => fastifyKey(o) === key));
    expect(undocumented, 'routes the OpenAPI document lacks').toEqual([]);

    // Callers: one user per role in a partner tenant, an operator tenant, a publisher tenant, a customer tenant.
    const partner = await signUp(t);
    const callers: { label: string; roles: string[]; client: Client }[] = [];
    for (const role of partnerRoles) callers.push({ label: `partner:${role}`, roles: [role], client: role === 'globalAdmin' ? partner.client : (await addUser(t, partner.client, [role])).client });
    const operator = await signInOperator(t);
    for (const role of operatorRoles) callers.push({ label: `operator:${role}`, roles: [role], client: (await addUser(t, operator, [role])).client });
    const publisher = await signUp(t);
    for (const role of publisherRoles) callers.push({ label: `publisher:${role}`, roles: [role], client: (await addUser(t, publisher.client, [role])).client });
    const customer = await signUp(t);
    callers.push({ label: 'customer:globalAdmin', roles: ['globalAdmin'], client: customer.client });

    let cases = 0;
    const leaks: string[] = [];
    const errors: string[] = [];
    for (const operation of operations) {
      const access = routeAccess[fastifyKey(operation)]!;
      const path = concretePath(operation.path);
      const send = (client: Client) => client.request<Partial<Problem>>(operation.method, path, ['POST', 'PUT', 'PATCH'].includes(operation.method) ? { body: {} } : {});
      const anonymous = await send(new Client(t.url));
      cases++;
      if (anonymous.status >= 500) errors.push(`${operation.method} ${path} anonymous → ${anonymous.status}`);
      if (access !== 'public' && anonymous.status !== 401 && anonymous.status !== 429) leaks.push(`${operation.method} ${path} anonymous → ${anonymous.status}`);
      for (const caller of callers) {
        const response = await send(caller.client);
        cases++;
        const where = `${operation.method} ${path} as ${caller.label} → ${response.status} ${response.body?.code ?? ''}`;
        if (response.status >= 500) errors.push(where);
        if (access === 'public' || access === 'signedIn') continue;
        if (access.startsWith('delegated:')) {
          // No relationship with the (unknown) tenant: never through.
          if (response.status < 400) leaks.push(where);
          continue;
        }
        const allowed = permissionTable[access as Permission].some((role) => caller.roles.includes(role));
        if (!allowed && response.status !== 403) leaks.push(where);
        if (allowed && (response.status === 401 || response.status === 403) && response.body?.code !== 'delegated_role_missing') errors.push(`${where} (allowed by the table)`);
        if (response.status >= 200 && response.status < 300 && operation.path.includes('{')) {
          // A resource of nobody the caller knows answered with content: that is a leak.
          if (!['/v1/markets/{country}', '/v1/company-registry/duns/{dunsNumber}'].includes(operation.path)) leaks.push(where);
        }
      }
    }
    console.log(`authorization matrix (${kind}): routes covered ${operations.length}/${operations.length}, cases run ${cases}, leaks found ${leaks.length}`);
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
    // Over 220 routes × 30 callers: minutes on a busy machine, as the inside matrix.
  }, 600_000);
});
