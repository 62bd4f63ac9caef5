// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiPath, apiText, setCsrfToken } from './api';
import i18n from './i18n';
import { fieldError, isFieldCode, unmatchedFieldErrors } from './problem';

afterEach(async () => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  await i18n.changeLanguage('en');
});

describe('apiPath', () => {
  it('prefixes API paths with /v1 and appends the query, skipping empty values', () => {
    expect(apiPath('/users', { size: 50, q: '', cursor: undefined })).toBe('/v1/users?size=50');
    expect(apiPath('/users', { q: 'a b' })).toBe('/v1/users?q=a+b');
  });

  it('keeps links.next.uri as it is, whether a path or a full URL', () => {
    expect(apiPath('/v1/users?size=50&cursor=abc')).toBe('/v1/users?size=50&cursor=abc');
    expect(apiPath('http://localhost:8080/v1/users?cursor=abc')).toBe('/v1/users?cursor=abc');
  });
});

function stubFetch(response: Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response;
  });
  return calls;
}

describe('api', () => {
  it('sends the UI language on every request and the CSRF token on changes', async () => {
    await i18n.changeLanguage('fr');
    setCsrfToken('token-1');
    const calls = stubFetch(new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } }));
    await api('/me', { method: 'PATCH', body: { language: 'fr' } });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(calls[0]!.url).toBe('/v1/me');
    expect(headers['Accept-Language']).toBe('fr');
    expect(headers['X-CSRF-Token']).toBe('token-1');
    expect(headers['Content-Type']).toBe('application/json');
    expect(calls[0]!.init.body).toBe('{"language":"fr"}');
  });

  it('sends no CSRF token on reads', async () => {
    setCsrfToken('token-1');
    const calls = stubFetch(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    await api('/me');
    expect((calls[0]!.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('returns undefined for 204', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(api('/auth/sessions/current', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('turns problem+json into an ApiError with field errors by JSON pointer', async () => {
    const problem = {
      type: 'urn:problem:validation_failed',
      title: 'validation_failed',
      status: 400,
      detail: 'Some fields are invalid.',
      code: 'validation_failed',
      errors: [
        { path: '/admin/email', code: 'format', message: 'Enter an email address.' },
        { path: '/roles/1', code: 'enum', message: 'Unknown role.' },
        { path: '/extra', code: 'x', message: 'Something else.' },
      ],
      requestId: 'r-1',
    };
    stubFetch(new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }));
    const error = await api('/tenants', { method: 'POST', body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).code).toBe('validation_failed');
    expect(fieldError(error, '/admin/email')).toBe('Enter an email address.');
    expect(fieldError(error, '/roles')).toBe('Unknown role.');
    expect(fieldError(error, '/admin/password')).toBeUndefined();
    expect(unmatchedFieldErrors(error, ['/admin/email', '/roles'])).toEqual(['Something else.']);
  });

  it('places code-only problems next to their field', async () => {
    const problem = { status: 409, code: 'email_taken', title: 'email_taken', detail: 'A user with this email address already exists.' };
    stubFetch(new Response(JSON.stringify(problem), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    const error = await api('/users', { method: 'POST', body: {} }).catch((caught: unknown) => caught);
    expect(fieldError(error, '/email', ['email_taken'])).toBe(problem.detail);
    expect(fieldError(error, '/email')).toBeUndefined();
    expect(isFieldCode(error, ['email_taken'])).toBe(true);
  });
});

describe('api bodies other than JSON', () => {
  it('sends a raw body with its own content type (a CSV file)', async () => {
    setCsrfToken('token-1');
    const calls = stubFetch(new Response('{"imported":1}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const csv = 'dunsNumber,legalName\n123456789,Contoso\n';
    await expect(api('/operator/company-registry/import', { method: 'POST', rawBody: csv, contentType: 'text/csv' })).resolves.toEqual({ imported: 1 });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('text/csv');
    expect(headers['X-CSRF-Token']).toBe('token-1');
    expect(calls[0]!.init.body).toBe(csv);
  });

  it('reads a text resource (an agreement as HTML) and still turns problems into ApiError', async () => {
    const calls = stubFetch(new Response('<h1>Agreement</h1>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(apiText('/agreements/a-1/document', { query: { language: 'fr' } })).resolves.toBe('<h1>Agreement</h1>');
    expect(calls[0]!.url).toBe('/v1/agreements/a-1/document?language=fr');
    expect((calls[0]!.init.headers as Record<string, string>).Accept).toContain('text/html');
    stubFetch(new Response(JSON.stringify({ status: 404, code: 'not_found' }), { status: 404, headers: { 'content-type': 'application/problem+json' } }));
    const error = await apiText('/agreements/missing/document').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('not_found');
  });
});

describe('api CSRF renewal', () => {
  it('fetches a fresh token once when the server refuses a stale one', async () => {
    setCsrfToken('stale');
    const sent: (string | undefined)[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const headers = (init.headers ?? {}) as Record<string, string>;
      if (url === '/v1/me') {
        return new Response(JSON.stringify({ csrfToken: 'fresh' }), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      sent.push(headers['X-CSRF-Token']);
      if (headers['X-CSRF-Token'] !== 'fresh') {
        return new Response(JSON.stringify({ status: 403, code: 'csrf_token_invalid' }), {
          status: 403,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      return new Response(null, { status: 204 });
    });
    await expect(api('/me/password', { method: 'POST', body: {} })).resolves.toBeUndefined();
    expect(sent).toEqual(['stale', 'fresh']);
  });
});
