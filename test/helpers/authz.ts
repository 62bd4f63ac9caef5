// The authorization helper every route is tested with: for a route, the roles that may call it get
// through, every other role gets 403, a caller from another tenant gets 404 for the owner's
// resources, and an anonymous caller gets 401.
import { expect } from 'vitest';
import { partnerRoles, type Role } from '../../src/platform/access.js';
import { addUser, Client, signUp, type Problem, type SignedUp } from './client.js';
import type { Target } from './server.js';

export interface RoleFixture {
  admin: SignedUp;
  tenantId: string;
  /** A signed-in user holding exactly one role, per partner role. */
  as: Record<(typeof partnerRoles)[number], Client>;
}

const fixtures = new Map<string, Promise<RoleFixture>>();

async function createFixture(t: Target): Promise<RoleFixture> {
  const admin = await signUp(t);
  const as = {} as RoleFixture['as'];
  for (const role of partnerRoles) {
    as[role] = role === 'globalAdmin' ? admin.client : (await addUser(t, admin.client, [role])).client;
  }
  return { admin, tenantId: admin.tenantId, as };
}

/** A tenant with one user per role; `name` gives separate tenants (owner, other). */
export function roleFixture(t: Target, name = 'owner'): Promise<RoleFixture> {
  const key = `${t.kind}:${t.url}:${name}`;
  let entry = fixtures.get(key);
  if (!entry) {
    entry = createFixture(t);
    fixtures.set(key, entry);
  }
  return entry;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, for a call by `role` on the owner's tenant (may create what it needs first). */
  path: (owner: RoleFixture, role: Role | 'anonymous' | 'otherTenant') => string | Promise<string>;
  body?: (owner: RoleFixture, role: Role | 'anonymous' | 'otherTenant') => unknown;
  /** Roles of the owning tenant that may call the route. */
  allowed: readonly Role[];
  /**
   * What a caller of another tenant holding an allowed role gets: 'notFound' when the route names
   * a resource of the owner; 'own' when the route acts on the caller's own tenant (no leak possible).
   */
  otherTenant: 'notFound' | 'own';
}

export interface AuthorizationReport {
  cases: number;
}

async function call(client: Client, route: RouteCase, owner: RoleFixture, role: Role | 'anonymous' | 'otherTenant') {
  const path = await route.path(owner, role);
  const body = route.body ? route.body(owner, role) : undefined;
  return client.request<Partial<Problem>>(route.method, path, body === undefined ? {} : { body });
}

export async function expectAuthorization(t: Target, route: RouteCase): Promise<AuthorizationReport> {
  const owner = await roleFixture(t, 'owner');
  const other = await roleFixture(t, 'other');
  let cases = 0;

  const anonymous = await call(new Client(t.url), route, owner, 'anonymous');
  expect(anonymous.status, `${route.method} anonymous`).toBe(401);
  expect(anonymous.body.code).toBe('unauthenticated');
  cases++;

  for (const role of partnerRoles) {
    const response = await call(owner.as[role], route, owner, role);
    if (route.allowed.includes(role)) {
      expect([401, 403, 404], `${route.method} as ${role} must be allowed, got ${response.status} ${response.text}`).not.toContain(response.status);
      expect(response.status, `${route.method} as ${role}`).toBeLessThan(500);
    } else {
      expect(response.status, `${route.method} as ${role} must be forbidden, got ${response.text}`).toBe(403);
      expect(response.body.code).toBe('forbidden');
    }
    cases++;
  }

  if (route.allowed.length > 0) {
    const role = route.allowed[0] as (typeof partnerRoles)[number];
    const response = await call(other.as[role], route, owner, 'otherTenant');
    if (route.otherTenant === 'notFound') {
      expect(response.status, `${route.method} from another tenant as ${role}: ${response.text}`).toBe(404);
    } else {
      // The caller acts on its own tenant: it gets through (its own data, or its own 404).
      expect([401, 403], `${route.method} from another tenant as ${role}: ${response.text}`).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    }
    cases++;
  }
  return { cases };
}

/** One operation of the OpenAPI document, keyed as App.routeAccess keys it. */
export interface ApiOperation {
  method: string;
  /** The OpenAPI path, parameters in braces (/v1/users/{id}). */
  path: string;
  /** `METHOD /v1/users/:id`, the key of App.routeAccess and of the app's route list. */
  key: string;
  /** Whether the operation declares a request body. */
  hasBody: boolean;
}

export function routeKey(method: string, openApiPath: string): string {
  return `${method.toUpperCase()} ${openApiPath.replace(/\{(\w+)\}/g, ':$1')}`;
}

/**
 * Every /v1/ operation of the app's OpenAPI document; signing out ends the caller's session, so it goes
 * last, and removing the caller's authenticator app just before it (ACC-4: an admin without a second
 * factor may then only enrol).
 */
export async function apiOperations(t: Target): Promise<ApiOperation[]> {
  const doc = (await new Client(t.url).request<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>('GET', '/v1/openapi.json')).body;
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, key: routeKey(method, path), hasBody: operation.requestBody !== undefined })))
    .sort((a, b) => lastOf(a) - lastOf(b));
}

/** Where an operation goes in a matrix's order: those that end what the caller signed in with, last. */
export function lastOf(operation: { method: string; path: string }): number {
  if (operation.path === '/v1/auth/sessions/current') return 2;
  return operation.method.toUpperCase() === 'DELETE' && operation.path === '/v1/me/mfa/totp' ? 1 : 0;
}
