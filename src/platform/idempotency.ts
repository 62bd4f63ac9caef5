// Idempotency-Key on POST: the same key with the same request replays the first (successful)
// response; with a different request it is refused. Keys are scoped per tenant and kept 24 hours.
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

// Stored responses can hold a secret shown once (a temporary password, a new access token), so
// they are kept sealed (platform/auth/sealing.ts).

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
      return reply.code(stored.statusCode).type(stored.contentType).serializer((payload: unknown) => String(payload)).send(box.open(stored.responseBody));
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
        responseBody: box.seal(typeof payload === 'string' ? payload : ''),
        contentType: String(reply.getHeader('content-type') ?? 'application/json'),
      })
      .onConflictDoNothing();
    return payload;
  });
}
