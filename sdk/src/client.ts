// The client: openapi-fetch typed by the API's OpenAPI document, with the bearer token (a personal
// access token, an app's JWT, or an app's client credentials exchanged for one when needed) and
// bounded retries of 429 and 503 answers after the wait their Retry-After asks for.
import createFetchClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths };

/** The problem+json body (RFC 9457) of a refused request. */
export type Problem = paths['/v1/me']['get']['responses']['4XX']['content']['application/json'];

/** What POST /v1/oauth/token answers. */
export type TokenResponse = paths['/v1/oauth/token']['post']['responses'][200]['content']['application/json'];

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the answer is returned as it is (default 60 s). */
  maxDelayMs?: number;
  /** The wait when the answer has no Retry-After: this, doubled at each retry (default 1 s). */
  baseDelayMs?: number;
  /** The statuses retried (default 429 and 503). */
  statuses?: readonly number[];
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Space-separated permissions: fewer than the app has. */
  scope?: string;
}

export interface ClientOptions {
  /** The server's origin (or the prefix the API is published under), e.g. https://partners.example.com. */
  baseUrl: string;
  /** A personal access token or an app's access token, or a function giving the current one. */
  token?: string | (() => string | Promise<string>);
  /** An app's client credentials: exchanged at POST /v1/oauth/token, the token reused until a minute before it expires. */
  clientCredentials?: ClientCredentials;
  /** false: no retries. */
  retry?: RetryOptions | false;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Aborts every request of this client (and the waits between retries) once it aborts. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export type ChannelCenterClient = Client<paths> & {
  /** The base URL without a trailing slash: collection links (`/v1/…`) are relative to it. */
  readonly baseUrl: string;
};

/** A refused request: the HTTP status and the problem document the API answered with. */
export class ApiError extends Error {
  readonly status: number;
  /** The problem's `code` (`http_<status>` when the answer had no problem document). */
  readonly code: string;
  readonly problem: Partial<Problem> & Record<string, unknown>;
  readonly requestId: string | undefined;

  constructor(status: number, body: unknown, readonly response?: Response) {
    const problem = body !== null && typeof body === 'object' ? (body as Partial<Problem> & Record<string, unknown>) : {};
    const code = typeof problem.code === 'string' ? problem.code : `http_${status}`;
    super(typeof problem.detail === 'string' ? `${code}: ${problem.detail}` : `${code} (HTTP ${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.requestId = typeof problem.requestId === 'string' ? problem.requestId : (response?.headers.get('x-request-id') ?? undefined);
  }
}

type Result<D> = { data?: D; error?: unknown; response: Response };

/** The answer's body, or an ApiError when the API refused the request. */
export async function unwrap<D>(call: Promise<Result<D>> | Result<D>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error, response);
  return data as D;
}

export function createClient(options: ClientOptions): ChannelCenterClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const baseFetch = options.fetch ?? globalThis.fetch;
  const fetchWithRetries = options.retry === false ? baseFetch : retryingFetch(baseFetch, options.retry);
  const client = createFetchClient<paths>({ baseUrl, fetch: options.signal ? abortingFetch(fetchWithRetries, options.signal) : fetchWithRetries, headers: options.headers });
  const token = options.clientCredentials ? appTokenProvider({ baseUrl, fetch: fetchWithRetries, ...options.clientCredentials }) : options.token;
  if (token !== undefined) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return Object.assign(client, { baseUrl });
}

/** POST /v1/oauth/token with client credentials (HTTP Basic, a form body, as RFC 6749 §4.4 asks). */
export async function requestAppToken(options: ClientCredentials & { baseUrl: string; fetch?: typeof fetch }): Promise<TokenResponse> {
  const client = createFetchClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: options.fetch ?? retryingFetch(globalThis.fetch) });
  const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64');
  return unwrap(
    client.POST('/v1/oauth/token', {
      body: { grant_type: 'client_credentials', ...(options.scope ? { scope: options.scope } : {}) },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

/** A token function for createClient: one app token at a time, renewed a minute before it expires. */
export function appTokenProvider(options: ClientCredentials & { baseUrl: string; fetch?: typeof fetch }): () => Promise<string> {
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (current && current.expiresAt - 60_000 > Date.now()) return Promise.resolve(current.token);
    pending ??= requestAppToken(options)
      .then((answer) => {
        current = { token: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 };
        return answer.access_token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/**
 * How long to wait before retrying, from a Retry-After header (seconds, or an HTTP date); null when
 * it holds neither.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A fetch that retries 429 and 503 answers, waiting as Retry-After asks, a bounded number of times. */
export function retryingFetch(base: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const { maxRetries = 3, maxDelayMs = 60_000, baseDelayMs = 1000, statuses = [429, 503] } = options;
  return async (input, init) => {
    const request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      const response = await base(request.clone());
      if (!statuses.includes(response.status) || attempt >= maxRetries) return response;
      const delay = retryAfterMs(response.headers.get('retry-after')) ?? baseDelayMs * 2 ** attempt;
      if (delay > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(delay, request.signal);
    }
  };
}

/** A fetch whose requests also end when `signal` aborts. */
function abortingFetch(base: typeof fetch, signal: AbortSignal): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    return base(new Request(request, { signal: AbortSignal.any([signal, request.signal]) }));
  };
}

/** Resolves after ms, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
