import { currentLanguage } from './i18n';

/** One field-level error of an RFC 9457 problem document. */
export interface ProblemFieldError {
  /** JSON pointer into the request body, e.g. `/admin/email`. */
  path: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  requestId?: string;
}

/** Thrown for every non-2xx answer; `problem` carries the server's explanation. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** Field errors keyed by JSON pointer (first message wins per field). */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const path = error.path || '/';
      if (!(path in result)) result[path] = error.message;
    }
    return result;
  }
}

/** Thrown when the server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Network request failed', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;

/** Remembers the anti-forgery token sent back by sign-in and GET /v1/me. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as is instead of a JSON body (e.g. the text of a CSV file), with `contentType`. */
  rawBody?: string;
  contentType?: string;
  /** Extra request headers (e.g. `If-Match` with an ETag read earlier). */
  headers?: Record<string, string>;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Set on the single retry after a refreshed CSRF token. */
  csrfRetried?: boolean;
}

const API_PREFIX = '/v1';

/**
 * Turns an API path (`/users`), an absolute path (`/v1/users?cursor=…`) or a full URL
 * (as found in `links.next.uri`) into a same-origin request path.
 */
export function apiPath(path: string, query?: Record<string, QueryValue>): string {
  let result = path;
  if (/^https?:\/\//i.test(result)) {
    const url = new URL(result);
    result = url.pathname + url.search;
  } else if (!result.startsWith(`${API_PREFIX}/`) && result !== API_PREFIX) {
    result = API_PREFIX + (result.startsWith('/') ? result : `/${result}`);
  }
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params.set(key, String(value));
    }
    const search = params.toString();
    if (search) result += (result.includes('?') ? '&' : '?') + search;
  }
  return result;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem> | null;
    if (!body || typeof body !== 'object') return fallback;
    return { ...body, status: typeof body.status === 'number' ? body.status : response.status };
  } catch {
    return fallback;
  }
}

/**
 * Sends one request with the session cookie, language and CSRF headers; answers the response when
 * it is a success and throws an ApiError (or NetworkError) otherwise.
 */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: accept,
    'Accept-Language': currentLanguage(),
  };
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['Content-Type'] = options.contentType ?? 'text/plain';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiPath(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    // A stale anti-forgery token (e.g. the session was renewed in another tab): fetch the current
    // one and try the change once more.
    if (problem.code === 'csrf_token_invalid' && method !== 'GET' && !options.csrfRetried && (await refreshCsrfToken())) {
      return send(path, { ...options, csrfRetried: true }, accept);
    }
    throw new ApiError(problem);
  }
  return response;
}

/** Calls the Channel Center API with the session cookie, language and CSRF headers. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json, application/problem+json');
  if (response.status === 204 || response.status === 205) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Like `api`, also answering the response's `ETag` (for a later `If-Match`). */
export async function apiWithEtag<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; etag: string | null }> {
  const response = await send(path, options, 'application/json, application/problem+json');
  const text = response.status === 204 ? '' : await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, etag: response.headers.get('etag') };
}

/** Like `api`, for the few resources that are text rather than JSON (e.g. an agreement's HTML). */
export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, options, 'text/html, text/plain, application/problem+json');
  return response.text();
}

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch(apiPath('/me'), {
      headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { csrfToken?: string };
    if (!body.csrfToken || body.csrfToken === csrfToken) return false;
    csrfToken = body.csrfToken;
    return true;
  } catch {
    return false;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/**
 * A resource that may not be created yet (a profile nobody has set), or null while it is not: a normal
 * state of the page, not an error. The API is asked to answer 204 then instead of 404
 * (whenAbsent=noContent), so the browser logs no failed request for it.
 */
export async function apiOrNull<T>(path: string, options: RequestOptions = {}): Promise<T | null> {
  return (await api<T | undefined>(path, { ...options, query: { ...options.query, whenAbsent: 'noContent' } })) ?? null;
}

/** Like `apiOrNull`, with the response's `ETag` (null, as the data, while the resource does not exist). */
export async function apiWithEtagOrNull<T>(path: string, options: RequestOptions = {}): Promise<{ data: T | null; etag: string | null }> {
  const { data, etag } = await apiWithEtag<T | undefined>(path, { ...options, query: { ...options.query, whenAbsent: 'noContent' } });
  return data === undefined ? { data: null, etag: null } : { data, etag };
}
