// HTTP conventions shared by every module: request IDs and correlation IDs, the caller's language,
// request validation (400 naming the field), problem+json errors, collections with opaque cursors,
// ETags, and the common response schemas.
import { randomUUID, createHash } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Static } from '@sinclair/typebox';
import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { AppError, invalidFields, type ErrorCode, type FieldError } from './errors.js';
import { lazyValidator } from './lazy-schemas.js';
import { negotiateLocale, translate, type Locale, type MessageKey } from './i18n/index.js';
import type { RequestContext } from './audit.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
  }
}

// The common schemas are pure TypeBox (the portal reads their types): declared in contract.ts.
export { AbsentQuery, Collection, DateTime, IdParams, NoContent, PageQuery, Problem, Uuid, defaultPageSize, withErrors } from './contract.js';

// ---------------------------------------------------------------------------------------------
// Cursors: opaque base64url JSON of the last row's sort key.

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A cursor's JSON value when `check` accepts it, undefined without a cursor; anything else (not
 * base64url JSON, or a value `check` refuses) is a 400 naming the cursor.
 */
export function decodeCursor<T>(cursor: string | undefined, check: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (check(value)) return value;
  } catch {
    /* fall through */
  }
  throw invalidFields({ path: '/query/cursor', code: 'cursor_invalid' });
}

/** A UUID as PostgreSQL's uuid type reads it: what a client sends in an ID's place is checked against this before any query. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A (timestamp, id) position, the cursor of every newest-first list. */
export interface TimeCursor {
  at: Date;
  id: string;
}

/**
 * A cursor's time exactly as timeCursorOf writes it (ISO 8601 in UTC with milliseconds, a four-digit
 * year from 1): JavaScript reads dates that PostgreSQL cannot (year 200000, year 0), which would reach
 * the query and fail there.
 */
const cursorTime = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isTimeKey(value: unknown): value is [string, string] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return false;
  const year = cursorTime.exec(value[0])?.[1];
  const at = new Date(value[0]);
  // The round trip refuses what Date would quietly move (February 30th is March 2nd).
  return year !== undefined && Number(year) >= 1 && !Number.isNaN(at.getTime()) && at.toISOString() === value[0] && uuidPattern.test(value[1]);
}

export function decodeTimeCursor(cursor: string | undefined): TimeCursor | undefined {
  const key = decodeCursor(cursor, isTimeKey);
  return key === undefined ? undefined : { at: new Date(key[0]), id: key[1] };
}

function isNameKey(value: unknown): value is [string, string] | [string, string, number] {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return false;
  const [name, tenantId, seen] = value as unknown[];
  const seenValid = seen === undefined || (Number.isSafeInteger(seen) && (seen as number) >= 0);
  // A name PostgreSQL cannot hold (NUL) is no position in any list.
  return typeof name === 'string' && !name.includes('\u0000') && typeof tenantId === 'string' && uuidPattern.test(tenantId) && seenValid;
}

/**
 * A (name, tenant ID) position, the cursor of every alphabetical list of organizations; a list that
 * reports how many rows came before the page (partner search) adds that count as a third element.
 */
export function decodeNameCursor(cursor: string | undefined): { name: string; tenantId: string; seen?: number } | undefined {
  const key = decodeCursor(cursor, isNameKey);
  if (key === undefined) return undefined;
  const [name, tenantId, seen] = key;
  return seen === undefined ? { name, tenantId } : { name, tenantId, seen };
}

export function timeCursorOf(row: { id: string }, at: Date): string {
  return encodeCursor([at.toISOString(), row.id]);
}

/** The links of a page: the next one repeats the request with this cursor (none: the last page). */
export function pageLinks(request: FastifyRequest, nextCursor: string | undefined): { next?: { uri: string } } {
  if (nextCursor === undefined) return {};
  const url = new URL(request.url, 'http://local');
  url.searchParams.set('cursor', nextCursor);
  return { next: { uri: `${url.pathname}${url.search}` } };
}

/**
 * Builds a collection from a page query that fetched size + 1 rows: the extra row only says that
 * a next page exists; the next link repeats the request with the cursor of the last row returned.
 */
export function collection<Row, Item>(
  request: FastifyRequest,
  page: { items: Row[]; totalCount: number; totalCountCapped?: boolean },
  size: number,
  cursorOf: (row: Row) => string,
  toItem: (row: Row) => Item,
) {
  const rows = page.items.slice(0, size);
  const links = pageLinks(request, page.items.length > size && rows.length > 0 ? cursorOf(rows[rows.length - 1]!) : undefined);
  return { totalCount: page.totalCount, ...(page.totalCountCapped ? { totalCountCapped: true } : {}), items: rows.map(toItem), links };
}

// ---------------------------------------------------------------------------------------------
// ETags

export function etagOf(...parts: unknown[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('base64url')
    .slice(0, 27);
  return `"${digest}"`;
}

/** 412 when If-Match is present and does not name the current version. */
export function checkIfMatch(request: FastifyRequest, currentEtag: string): void {
  const header = request.headers['if-match'];
  if (header === undefined) return;
  const candidates = String(header)
    .split(',')
    .map((v) => v.trim().replace(/^W\//, ''));
  if (!candidates.includes('*') && !candidates.includes(currentEtag)) throw new AppError('precondition_failed');
}

// ---------------------------------------------------------------------------------------------
// A resource not created yet

/**
 * The answer for a resource that does not exist yet: 204 when the caller asked for it
 * (AbsentQuery's whenAbsent=noContent), otherwise the usual 404 naming the resource.
 */
export function answerAbsent(reply: FastifyReply, query: { whenAbsent?: 'notFound' | 'noContent' }, resource: string) {
  if (query.whenAbsent === 'noContent') return reply.code(204).send(null);
  throw new AppError('not_found', { resource });
}

// ---------------------------------------------------------------------------------------------
// Request context

export function requestContext(request: FastifyRequest): RequestContext {
  return { actor: request.actor, requestId: request.id, ip: request.ip, locale: request.locale };
}

// ---------------------------------------------------------------------------------------------
// Validation: body without coercion (a string is not a number), query and path with coercion.

// ajv and ajv-formats are CommonJS modules whose default export arrives wrapped under ESM.
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramAjv = makeAjv(true);

function fieldErrorOf(error: ErrorObject, context: string): FieldError {
  const base = context === 'body' ? '' : `/${context === 'querystring' ? 'query' : context}`;
  const params = error.params as Record<string, unknown>;
  let path = `${base}${error.instancePath}`;
  if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
  const messageParams: Record<string, unknown> = { ...params };
  if (error.keyword === 'enum') messageParams.values = (params.allowedValues as unknown[]).join(', ');
  if (error.keyword === 'const') messageParams.value = params.allowedValue;
  return { path: path || '/', code: error.keyword, params: messageParams };
}

export function problemBody(request: FastifyRequest, error: AppError) {
  return problemOf(request.locale ?? 'en', request.id, error);
}

function problemOf(locale: Locale, requestId: string, error: AppError) {
  const errors = error.fieldErrors.map((fe) => {
    // A field's code has its own message, or is an error code (e.g. a refused checkout line) whose message serves.
    const fieldKey = `field.${fe.code}` as MessageKey;
    const errorKey = `error.${fe.code}` as MessageKey;
    let message = translate(locale, fieldKey, fe.params);
    if (message === fieldKey) message = translate(locale, errorKey, fe.params);
    return { path: fe.path, code: fe.code, message: message === errorKey ? translate(locale, 'field.invalid') : message };
  });
  return {
    type: `urn:channel-center:problem:${error.code}`,
    title: error.code,
    status: error.status,
    detail: translate(locale, error.messageKey, error.params),
    code: error.code,
    ...(errors.length ? { errors } : {}),
    ...error.extensions,
    requestId,
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type('application/problem+json; charset=utf-8').send(problemBody(request, error));
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
  FST_ERR_BAD_URL: 'malformed_request',
};

/** Turns anything thrown into problem+json; only a genuine server fault becomes a 500. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (fe.validation) return invalidFields(...fe.validation.map((v) => fieldErrorOf(v, fe.validationContext ?? 'body')));
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped === 'body_too_large') return new AppError(mapped, { limit: bodyLimit });
  if (mapped === 'unsupported_media_type') return new AppError(mapped, { expected: 'application/json' });
  if (mapped) return new AppError(mapped);
  if (error instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) return new AppError('malformed_json');
  if (fe.statusCode === 413) return new AppError('body_too_large', { limit: bodyLimit });
  if (fe.statusCode === 415) return new AppError('unsupported_media_type', { expected: 'application/json' });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('validation_failed');
  return new AppError('internal_error');
}

export const bodyLimit = 1024 * 1024;

/**
 * What the router and the HTTP server refuse before any route runs (a path parameter longer than the
 * router reads, a path that is no URL, a request line or headers larger than the server reads, a
 * request that never finished arriving) is problem+json too. Passed to Fastify when it is created.
 */
export const serverErrorOptions = {
  frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    // No onRequest hook has run: the caller's language and the request ID are set here.
    request.locale = negotiateLocale(request.headers['accept-language']);
    reply.header('X-Request-Id', request.id);
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, appError);
  },
  clientErrorHandler(this: FastifyInstance, error: Error & { code?: string; bytesParsed?: number; rawPacket?: unknown }, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    let appError: AppError;
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      // Too long before the request line ended: the URI is; after it, the headers are.
      const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
      const lineEnd = packet.indexOf('\n');
      appError = new AppError(lineEnd === -1 || lineEnd >= (error.bytesParsed ?? packet.length) ? 'uri_too_long' : 'headers_too_large', { limit: maxHeaderSize });
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      appError = new AppError('request_timeout');
    } else {
      appError = new AppError('malformed_request');
    }
    this.log.trace({ err: error }, 'client error');
    if (socket.writable) {
      const requestId = newRequestId();
      const body = JSON.stringify(problemOf('en', requestId, appError));
      socket.write(
        `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  },
} satisfies Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;

/**
 * Helmet's security headers (CSP, frame and referrer policies, HSTS, …). They are the same on every
 * response, so helmet runs once here and each reply gets the headers it produced.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader() {
      /* nothing to remove: no header is set before these */
    },
  };
  // helmet only sets headers on the response it is given: a stand-in that collects them, computed once.
  type Middleware = ReturnType<typeof helmet>;
  helmet(options)({} as Parameters<Middleware>[0], response as unknown as Parameters<Middleware>[1], (error?: unknown) => {
    if (error) throw error;
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** Registers the conventions on the root instance (before any route). */
export function registerHttpConventions(app: FastifyInstance) {
  app.setValidatorCompiler(({ schema, httpPart }) => lazyValidator(() => (httpPart === 'body' ? bodyAjv : paramAjv).compile(schema)));
  app.decorateRequest('locale', 'en');
  // JSON only, unless a route registers another type (e.g. text/csv imports): anything else is a 415.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    reply.header('X-Request-Id', request.id);
    const correlation = request.headers['ms-correlationid'];
    if (typeof correlation === 'string' && /^[\w.:-]{1,128}$/.test(correlation)) reply.header('MS-CorrelationId', correlation);
  });

  // Text may hold any Unicode character except NUL, which PostgreSQL cannot store in text.
  app.addHook('preValidation', async (request) => {
    const found = nulPath(request.body, '') ?? nulPath(request.query, '/query');
    if (found !== undefined) throw invalidFields({ path: found || '/', code: 'pattern' });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, appError);
  });
}

/** The JSON pointer of the first string holding a NUL character, if any. */
export function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return `${path}/${key.replace(/\u0000/g, '')}`;
    const found = nulPath(item, `${path}/${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function newRequestId() {
  return randomUUID();
}

export type { Static };
