// An HTTP client for API tests: real requests over the network to a test server, keeping the
// session cookie and CSRF token like a browser would, or sending a bearer token.
//
// Typed by the served OpenAPI document (the SDK's sdk/src/schema.d.ts, generated from test/snapshots/openapi.json): a
// call to a route the document declares takes that route's request body and answers its response
// body, so a test that reads a field the contract does not have fails to typecheck. A request path
// written as a template (`/v1/customers/${id}/users`) is matched segment by segment against the
// document's paths ({id} matches any one segment; a query string is ignored).
import { randomBytes } from 'node:crypto';
import type { paths } from '../../sdk/src/schema.js';
import { completeSignIn } from './mfa.js';
import type { Target } from './server.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The problem+json body every route declares for its 4xx and 5xx answers. */
export type Problem = paths['/v1/me']['get']['responses']['4XX']['content']['application/json'];

type Segments<S extends string> = S extends `${infer Head}/${infer Rest}` ? [Head, ...Segments<Rest>] : [S];
type SegmentsMatch<Actual extends string[], Declared extends string[]> = Actual extends [infer A extends string, ...infer ActualRest extends string[]]
  ? Declared extends [infer D extends string, ...infer DeclaredRest extends string[]]
    ? D extends `{${string}}`
      ? SegmentsMatch<ActualRest, DeclaredRest>
      : A extends D
        ? SegmentsMatch<ActualRest, DeclaredRest>
        : false
    : false
  : Declared extends []
    ? true
    : false;
type WithoutQuery<P extends string> = P extends `${infer Path}?${string}` ? Path : P;
type RoutesWith<M extends Method> = { [K in keyof paths]: paths[K][M] extends { responses: object } ? K : never }[keyof paths];

/** The document's path (with its {params}) that the request path `P` calls with method `M`; never when none. */
export type RouteOf<P extends string, M extends Method> = P extends string
  ? WithoutQuery<P> extends RoutesWith<M>
    ? WithoutQuery<P>
    : { [K in RoutesWith<M>]: SegmentsMatch<Segments<WithoutQuery<P>>, Segments<K>> extends true ? K : never }[RoutesWith<M>]
  : never;

type Operation<P extends string, M extends Method> = paths[RouteOf<P, M>][M];

/** A JSON answer is its schema; any other (no content, CSV, PDF, HTML, a redirect) is the response text. */
type BodyOf<R> = R extends { content: { 'application/json': infer Json } } ? Json : string;
type SuccessCodes<Responses> = { [S in keyof Responses]: `${S & (string | number)}` extends `4${string}` | `5${string}` ? never : S }[keyof Responses];
type JsonSuccessCodes<Responses> = { [S in SuccessCodes<Responses>]: Responses[S] extends { content: { 'application/json': unknown } } ? S : never }[SuccessCodes<Responses>];
/**
 * The successes whose body a test reads: a 204 beside a JSON answer comes only when the request asks
 * for it (whenAbsent=noContent on a resource not created yet), and a test that asks checks the status.
 */
type ReadSuccessCodes<Responses> = [JsonSuccessCodes<Responses>] extends [never] ? SuccessCodes<Responses> : Exclude<SuccessCodes<Responses>, 204 | '204'>;
type SuccessBody<Responses> = { [S in ReadSuccessCodes<Responses>]: BodyOf<Responses[S]> }[ReadSuccessCodes<Responses>];

/**
 * The body of a call the document does not declare: a path held in a plain string (name its route:
 * `client.get<'/v1/customers'>(uri)`), a route added since test/snapshots/openapi.json was written
 * (update it, then `npm run sdk:generate`), or a deliberate miss (read it with `request<Problem>()`).
 */
export interface UndocumentedRoute {
  readonly undocumentedRoute: never;
}

/**
 * What a call answers: the route's success body, and the problem's fields where the route refused
 * (optional, since a success has none of them).
 */
export type ResponseBody<P extends string, M extends Method> = [RouteOf<P, M>] extends [never]
  ? UndocumentedRoute
  : Operation<P, M> extends { responses: infer Responses }
    ? WithProblem<SuccessBody<Responses>>
    : UndocumentedRoute;
type WithProblem<Success> = Success extends object ? Success & Partial<Omit<Problem, keyof Success>> : Success & Partial<Problem>;

/** The request body the route declares; undefined for a route that takes none. */
export type RequestBody<P extends string, M extends Method> = [RouteOf<P, M>] extends [never]
  ? unknown
  : Operation<P, M> extends { requestBody?: { content: { 'application/json': infer Json } } }
    ? Json
    : undefined;

declare const malformedBody: unique symbol;
/** A body sent as it is, whatever the route declares: for tests that send what no client should. */
export interface Malformed {
  readonly [malformedBody]: unknown;
}
/** Marks a deliberately wrong request body (bad types, unknown fields): sent as is, not typechecked. */
export function malformed(body: unknown): Malformed {
  return body as Malformed;
}

export interface Response<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** What a call of route `P` with method `M` answers. */
export type ApiResponse<P extends string, M extends Method = 'get'> = Response<ResponseBody<P, M>>;

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

  /** Any method and path, untyped: the answer's body is what the caller says it is. */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Response<T>> {
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

  // A path held in a plain string (a `links.next` URI, a helper's parameter) names its route
  // explicitly: `client.get<'/v1/customers'>(uri)`.
  get<P extends string>(path: P | (string & {}), options?: RequestOptions) {
    return this.request<ResponseBody<P, 'get'>>('GET', path, options);
  }
  post<P extends string>(path: P | (string & {}), body?: RequestBody<P, 'post'> | Malformed, options?: RequestOptions) {
    return this.request<ResponseBody<P, 'post'>>('POST', path, { ...options, body });
  }
  patch<P extends string>(path: P | (string & {}), body?: RequestBody<P, 'patch'> | Malformed, options?: RequestOptions) {
    return this.request<ResponseBody<P, 'patch'>>('PATCH', path, { ...options, body });
  }
  put<P extends string>(path: P | (string & {}), body?: RequestBody<P, 'put'> | Malformed, options?: RequestOptions) {
    return this.request<ResponseBody<P, 'put'>>('PUT', path, { ...options, body });
  }
  delete<P extends string>(path: P | (string & {}), options?: RequestOptions) {
    return this.request<ResponseBody<P, 'delete'>>('DELETE', path, options);
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
type Language = NonNullable<RequestBody<'/v1/tenants', 'post'>['admin']['language']>;

export async function signUp(t: Target, overrides: { organizationName?: string; country?: string; language?: Language } = {}): Promise<SignedUp> {
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
