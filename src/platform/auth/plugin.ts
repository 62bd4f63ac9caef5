// Per request: who is calling (session cookie or bearer token), whether the route lets them in,
// CSRF on cookie-authenticated changes, the forced password change, the forced second-factor enrolment
// (ACC-4), the route's permission, and the per-tenant rate limit. Routes declare what they need in `config`; nothing else checks it.
import type { FastifyInstance } from 'fastify';
import type { Actor, Permission } from '../access.js';
import { requirePermission } from '../access.js';
import { AppError } from '../errors.js';
import { csrfTokenFor, safeEqual } from './tokens.js';
import { TenantRateLimiter } from '../rate-limit.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    /** The raw session token of a cookie-authenticated request (never logged or returned). */
    sessionToken?: string;
  }
  interface FastifyContextConfig {
    /** 'public': anyone; 'user' (default under /v1/): a signed-in user or a bearer token. */
    auth?: 'public' | 'user';
    /** The permission the caller needs in its own tenant. */
    permission?: Permission;
    /**
     * For a signed-in route with no `permission`: 'signedIn' (any signed-in user, acting on itself), or
     * `delegated:<permission>` (checked by the route against the tenant it names: the permission table in
     * the caller's own tenant, delegated access elsewhere). Every /v1 route declares its access once,
     * by `auth: 'public'`, `permission` or `access`; the app refuses to start otherwise (app.ts).
     */
    access?: 'signedIn' | `delegated:${Permission}`;
    /** Reachable while the user still has to replace a temporary password. */
    allowTemporaryPassword?: boolean;
    /** ACC-4: reachable while the user must still add a second factor (its own account, enrolment, sign-out). */
    allowMfaEnrolment?: boolean;
    /** Honour Idempotency-Key (default: every POST). */
    idempotent?: boolean;
  }
}

export const sessionCookie = 'cc_session';

export interface CredentialResolver {
  session(token: string): Promise<Actor | undefined>;
  accessToken(token: string): Promise<Actor | undefined>;
  /** An app's access token (a JWT from POST /v1/oauth/token). */
  appToken(token: string): Promise<Actor | undefined>;
}

/**
 * A bearer token shaped like a JWT (three base64url parts, the first a JSON header) is an app's access
 * token; personal access tokens are opaque (ccp_…) and never contain a dot.
 */
export function isJwtShaped(token: string): boolean {
  return token.startsWith('eyJ') && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance, options: { resolver: CredentialResolver; secret: string; tenantRateLimit: number }) {
  const limiter = new TenantRateLimiter(options.tenantRateLimit);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionToken', undefined);

  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (!url) return; // unknown route: the not-found handler answers
    // API routes need a signed-in caller unless they say otherwise; the portal's files and the docs are public.
    const config = { auth: url.startsWith('/v1/') ? 'user' : 'public', ...request.routeOptions.config };
    const authorization = request.headers.authorization;
    let usedCookie = false;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
      const bearer = authorization.slice(7).trim();
      request.actor = await (isJwtShaped(bearer) ? options.resolver.appToken(bearer) : options.resolver.accessToken(bearer));
      if (!request.actor && config.auth !== 'public') throw new AppError('unauthenticated');
    } else {
      const token = request.cookies?.[sessionCookie];
      if (token) {
        request.actor = await options.resolver.session(token);
        if (request.actor) {
          request.sessionToken = token;
          usedCookie = true;
        }
      }
    }
    const actor = request.actor;
    if (config.auth === 'public') return;
    if (!actor) throw new AppError('unauthenticated');
    if (usedCookie && !safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      const expected = csrfTokenFor(request.sessionToken!, options.secret);
      if (typeof sent !== 'string' || !safeEqual(sent, expected)) throw new AppError('csrf_token_invalid');
    }
    // A route acting on the signed-in user itself (its account, password, tokens, mail) has no user to act on for an app.
    if (actor.app && config.access === 'signedIn') throw new AppError('app_not_allowed');
    if (actor.mustChangePassword && !config.allowTemporaryPassword) throw new AppError('password_change_required');
    if (actor.mfaEnrolmentRequired && !config.allowMfaEnrolment) throw new AppError('mfa_enrolment_required');
    if (config.permission) requirePermission(actor, config.permission);
    const wait = limiter.hit(actor.tenantId);
    if (wait > 0) throw new AppError('rate_limited', { seconds: wait }, [], { 'Retry-After': String(wait) });
  });
}
