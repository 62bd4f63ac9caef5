// Opaque secrets (session IDs, access tokens, invitation links): random, shown once, stored only hashed.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret with 256 bits of entropy, URL-safe, with a readable prefix. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a secret: its SHA-256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** The CSRF token of a session: an HMAC of the session secret, so nothing extra is stored. */
export function csrfTokenFor(sessionToken: string, key: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionToken}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
