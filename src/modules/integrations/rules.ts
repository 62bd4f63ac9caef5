// The rules of integrations, pure: when a failed delivery is tried again and when it is given up, when
// an endpoint that keeps failing is disabled, which URLs an endpoint may have, and how a delivery is
// signed (Standard Webhooks: HMAC-SHA256 over `${id}.${timestamp}.${body}` with each valid secret).
import { createHmac, randomBytes } from 'node:crypto';

/**
 * EVT-2: seconds from a failed attempt n (1-based) to the next: the Standard Webhooks schedule (5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: 27 hours and 35 minutes in all), then the delivery has failed.
 */
export const retrySchedule = [5, 300, 1800, 7200, 18000, 36000, 36000] as const;

export function nextAttemptDelaySeconds(failedAttempts: number): number | null {
  return retrySchedule[failedAttempts - 1] ?? null;
}

/** EVT-2: an endpoint whose every delivery has failed for this long is disabled and its admins told. */
export const disableAfterMs = 5 * 24 * 3600 * 1000;

export function shouldDisable(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterMs;
}

/** The previous secret keeps signing this long after a rotation, so receivers can switch without a gap. */
export const previousSecretValidMs = 24 * 3600 * 1000;

/** Each attempt waits this long for the receiver's answer (connection and DNS included). */
export const deliveryTimeoutMs = 10_000;

/** The answer kept in the delivery log. */
export const responseExcerptBytes = 1024;

/** Why a URL cannot be an endpoint's (null: it can). Addresses are checked again on every delivery. */
export function endpointUrlProblem(url: string, options: { production: boolean }): 'url_invalid' | 'url_https_required' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url_invalid';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'url_invalid';
  if (parsed.username || parsed.password || parsed.hash) return 'url_invalid';
  if (options.production && parsed.protocol !== 'https:') return 'url_https_required';
  return null;
}

/** A new signing secret: whsec_ and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The `webhook-signature` header: one `v1,<signature>` per secret, space-separated. */
export function signatureHeader(secrets: readonly string[], webhookId: string, timestampSeconds: number, body: string): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64')}`;
    })
    .join(' ');
}

/** The feed's position: the last event's transaction ID and sequence number. */
export interface FeedPosition {
  txid: string;
  seq: string;
}

export function encodeFeedCursor(position: FeedPosition): string {
  return Buffer.from(`${position.txid}.${position.seq}`).toString('base64url');
}

/** null when the cursor is not one the feed gave. */
export function decodeFeedCursor(cursor: string): FeedPosition | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(text);
  // Within xid8's and bigint's ranges, so the database never refuses the position.
  if (!match || BigInt(match[1]!) > 2n ** 64n - 1n || BigInt(match[2]!) > 2n ** 63n - 1n) return null;
  return { txid: match[1]!, seq: match[2]! };
}

export const feedStart: FeedPosition = { txid: '0', seq: '0' };
