// Webhook deliveries are signed as Standard Webhooks asks: `webhook-signature` holds one or more
// space-separated `v1,<base64 HMAC-SHA256>` of `${webhook-id}.${webhook-timestamp}.${body}`, keyed by
// the endpoint's secret (`whsec_` + base64; two sign at once after a rotation). A receiver checks
// the raw body it was sent, before parsing it, and refuses timestamps more than five minutes off.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FeedEvent } from './events.js';

/** A delivery's body: the event's name, when it was sent, and the event. */
export interface WebhookMessage {
  type: string;
  timestamp: string;
  data: FeedEvent;
}

export type WebhookFailure = 'missing_headers' | 'invalid_timestamp' | 'timestamp_too_old' | 'timestamp_too_new' | 'invalid_secret' | 'no_matching_signature' | 'invalid_payload';

export class WebhookVerificationError extends Error {
  constructor(readonly reason: WebhookFailure) {
    super(`webhook verification failed: ${reason}`);
    this.name = 'WebhookVerificationError';
  }
}

export interface VerifyOptions {
  /** Seconds a timestamp may differ from now, either way (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock (default Date.now()). */
  now?: Date;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new WebhookVerificationError('invalid_secret');
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new WebhookVerificationError('invalid_secret');
  return key;
}

/** The `v1,<signature>` of a message, as a sender writes it. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, payload: string | Uint8Array): string {
  const hmac = createHmac('sha256', secretKey(secret));
  hmac.update(`${id}.${timestampSeconds}.`);
  hmac.update(payload);
  return `v1,${hmac.digest('base64')}`;
}

/**
 * Checks a delivery's signature and timestamp, then parses its body. `payload` is the body exactly as
 * received (a string or the raw bytes); `secret` one of the endpoint's signing secrets. Throws a
 * WebhookVerificationError naming what failed.
 */
export function verifyWebhook<T = WebhookMessage>(payload: string | Uint8Array, headers: HeaderSource, secret: string, options: VerifyOptions = {}): T {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing_headers');
  if (!/^\d{1,15}$/.test(timestamp.trim())) throw new WebhookVerificationError('invalid_timestamp');
  const sentAt = Number(timestamp.trim());
  const now = Math.floor((options.now?.getTime() ?? Date.now()) / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (now - sentAt > tolerance) throw new WebhookVerificationError('timestamp_too_old');
  if (sentAt - now > tolerance) throw new WebhookVerificationError('timestamp_too_new');

  const expected = Buffer.from(signWebhook(secret, id, sentAt, payload).slice('v1,'.length), 'base64');
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    // Every candidate is compared (no early exit), in constant time for equal lengths.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('no_matching_signature');

  try {
    return JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8')) as T;
  } catch {
    throw new WebhookVerificationError('invalid_payload');
  }
}
