// Idempotency-Key on POST: the same key with the same request replays the first (successful)
// response; with a different request it is refused. Keys are scoped per tenant and kept 24 hours.
// A replay never repeats a one-time secret: those fields are null in it and Idempotent-Withheld names them.
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.js';
import { sealer } from './auth/sealing.js';
import { AppError, invalidFields } from './errors.js';
import { idempotencyKeys } from './schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string; requestHash: string };
  }
}

const keepHours = 24;

// Stored responses are kept sealed (platform/auth/sealing.ts): they hold what the caller was shown.

/** Fields whose value is a secret shown once (a temporary password, an invitation link, a token). */
export const oneTimeSecretFields: ReadonlySet<string> = new Set(['temporaryPassword', 'password', 'link', 'token', 'secret', 'clientSecret']);

/**
 * The response as a replay may show it: every one-time secret field, and every text that quotes one
 * (a draft email holding the invitation link), becomes null; withheld lists them as JSON pointers.
 * A body that is not JSON is kept as it is.
 */
export function withholdSecrets(payload: string): { body: string; withheld: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { body: payload, withheld: [] };
  }
  const secrets: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        if (oneTimeSecretFields.has(key) && typeof item === 'string' && item !== '') secrets.push(item);
        else collect(item);
      }
    }
  };
  collect(value);
  if (secrets.length === 0) return { body: payload, withheld: [] };
  const withheld: string[] = [];
  const redact = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      if (!secrets.some((secret) => node.includes(secret))) return node;
      withheld.push(path);
      return null;
    }
    if (Array.isArray(node)) return node.map((item, index) => redact(item, `${path}/${index}`));
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, redact(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)]));
    return node;
  };
  return { body: JSON.stringify(redact(value, '')), withheld };
}

/** What is sealed: the withheld fields' pointers on the first line, then the body without them. */
const storedPrefix = 'withheld:';

function storedResponse(payload: string): string {
  const { body, withheld } = withholdSecrets(payload);
  return `${storedPrefix}${JSON.stringify(withheld)}\n${body}`;
}

function replayedResponse(stored: string): { body: string; withheld: string[] } {
  // Kept before secrets were withheld at storage: withheld now.
  if (!stored.startsWith(storedPrefix)) return withholdSecrets(stored);
  const lineEnd = stored.indexOf('\n');
  return { body: stored.slice(lineEnd + 1), withheld: JSON.parse(stored.slice(storedPrefix.length, lineEnd)) as string[] };
}

function scopeOf(request: FastifyRequest): string {
  return request.actor ? request.actor.tenantId : `anonymous:${request.ip}`;
}

export function registerIdempotency(app: FastifyInstance, db: Db, secret: string) {
  const box = sealer(secret, 'idempotency');
  app.decorateRequest('idempotency', undefined);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config?.idempotent === false) return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw invalidFields({ path: '/headers/idempotency-key', code: 'maxLength', params: { limit: 255 } });
    }
    const scope = scopeOf(request);
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.routeOptions.url} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('base64url');
    const [stored] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.createdAt} > now() - make_interval(hours => ${keepHours})`));
    if (stored) {
      if (stored.requestHash !== requestHash) throw new AppError('idempotency_key_reused');
      reply.header('Idempotent-Replayed', 'true');
      const replayed = replayedResponse(box.open(stored.responseBody));
      if (replayed.withheld.length) reply.header('Idempotent-Withheld', replayed.withheld.join(', '));
      return reply.code(stored.statusCode).type(stored.contentType).serializer((payload: unknown) => String(payload)).send(replayed.body);
    }
    request.idempotency = { scope, key, requestHash };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    if (!pending || reply.statusCode >= 300 || reply.getHeader('Idempotent-Replayed')) return payload;
    await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, pending.scope), eq(idempotencyKeys.key, pending.key), lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${keepHours})`)));
    await db
      .insert(idempotencyKeys)
      .values({
        scope: pending.scope,
        key: pending.key,
        method: request.method,
        path: request.url.slice(0, 2000),
        requestHash: pending.requestHash,
        statusCode: reply.statusCode,
        responseBody: box.seal(storedResponse(typeof payload === 'string' ? payload : '')),
        contentType: String(reply.getHeader('content-type') ?? 'application/json'),
      })
      .onConflictDoNothing();
    return payload;
  });
}
