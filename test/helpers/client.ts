// An HTTP client for API tests: real requests over the network to a test server, keeping the
// session cookie and CSRF token like a browser would, or sending a bearer token.
import { randomBytes } from 'node:crypto';
import { completeSignIn } from './mfa.js';
import type { Target } from './server.js';

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  raw?: string;
  headers?: Record<string, string>;
  /** Leave out the CSRF header even when signed in with a cookie. */
  noCsrf?: boolean;
}

export class Client {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
  language?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Response<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.language) headers['accept-language'] ??= this.language;
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization ??= `Bearer ${this.bearer}`;
    if (this.csrfToken && !options.noCsrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] ??= this.csrfToken;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie?.startsWith('cc_session=')) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'cc_session=' ? undefined : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  /**
   * Signs in; keeps the cookie and CSRF token. ACC-4: answers the second step for a user the helpers
   * enrolled, and enrols an authenticator app for a user without a second factor (mfa.ts), so the
   * session passed MFA as a person's would; 201 with the session, as before.
   */
  async signIn(email: string, password: string, options: RequestOptions = {}): Promise<Response<any>> {
    const response = await completeSignIn(this, email, await this.request<any>('POST', '/v1/auth/sessions', { ...options, body: { email, password } }), options);
    if (response.status === 201) this.csrfToken = response.body.csrfToken;
    return response;
  }
}

export const testPassword = 'Correct-Horse-Battery-9';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example-${randomBytes(3).toString('hex')}.com`;
}

export interface SignedUp {
  client: Client;
  tenantId: string;
  userId: string;
  email: string;
  password: string;
}

/** Creates a work account through the API and signs its global admin in. */
export async function signUp(t: Target, overrides: { organizationName?: string; country?: string; language?: string } = {}): Promise<SignedUp> {
  const email = uniqueEmail('admin');
  const client = new Client(t.url);
  const created = await client.post('/v1/tenants', {
    organizationName: overrides.organizationName ?? `Org ${randomBytes(3).toString('hex')}`,
    country: overrides.country ?? 'FR',
    admin: { displayName: 'Admin User', email, password: testPassword, ...(overrides.language ? { language: overrides.language } : {}) },
  });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${created.text}`);
  const signedIn = await client.signIn(email, testPassword);
  if (signedIn.status !== 201) throw new Error(`sign-in failed: ${signedIn.status} ${signedIn.text}`);
  return { client, tenantId: created.body.tenant.id, userId: created.body.user.id, email, password: testPassword };
}

/** Adds a user with the given roles (through the admin's client) and signs it in. */
export async function addUser(t: Target, admin: Client, roles: string[]): Promise<SignedUp & { client: Client }> {
  const email = uniqueEmail(roles.join('-') || 'user');
  const created = await admin.post('/v1/users', { displayName: `User ${roles.join(' ')}`, email, roles, password: testPassword });
  if (created.status !== 201) throw new Error(`adding a user failed: ${created.status} ${created.text}`);
  const client = new Client(t.url);
  const signedIn = await client.signIn(email, testPassword);
  if (signedIn.status !== 201) throw new Error(`sign-in failed: ${signedIn.status} ${signedIn.text}`);
  return { client, tenantId: signedIn.body.tenant.id, userId: created.body.user.id, email, password: testPassword };
}
