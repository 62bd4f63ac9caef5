// verifyWebhook against the Standard Webhooks reference: the spec's published example, signatures
// made by the `standardwebhooks` package (several at once, as after a secret rotation), and every way
// a delivery can be wrong: a tampered body, another secret, an old or future timestamp, missing headers.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError } from './src/index.js';

const secret = () => `whsec_${randomBytes(32).toString('base64')}`;
const body = JSON.stringify({ type: 'subscription-created', timestamp: '2026-01-05T10:00:00.000Z', data: { id: 'e1', eventName: 'subscription-created', résumé: 'ünïcødé' } });

function signed(secrets: string[], payload = body, at = new Date()) {
  const id = `msg_${randomBytes(8).toString('hex')}`;
  const signature = secrets.map((s) => new Webhook(s).sign(id, at, payload)).join(' ');
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).reason;
  }
  throw new Error('verification passed');
}

describe('verifyWebhook', () => {
  it("accepts the Standard Webhooks spec's example signature, at its time", () => {
    const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
    const payload = '{"test": 2432232314}';
    expect(verifyWebhook(payload, headers, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', { now: new Date(1614265330_000) })).toEqual({ test: 2432232314 });
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers['webhook-id'], 1614265330, payload)).toBe(headers['webhook-signature']);
    expect(failure(() => verifyWebhook(payload, headers, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'))).toBe('timestamp_too_old');
  });

  it('verifies what the standardwebhooks package signs, as a string, bytes, Headers or Node headers', () => {
    const key = secret();
    const headers = signed([key]);
    expect(verifyWebhook(body, headers, key)).toEqual(JSON.parse(body));
    expect(verifyWebhook(Buffer.from(body), headers, key)).toEqual(JSON.parse(body));
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(headers), key)).toEqual(JSON.parse(body));
    const nodeStyle = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(body, nodeStyle, key).type).toBe('subscription-created');
    // And the package verifies what signWebhook writes.
    const at = Math.floor(Date.now() / 1000);
    expect(new Webhook(key).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': signWebhook(key, 'msg_1', at, body) })).toEqual(JSON.parse(body));
  });

  it('accepts a delivery signed by the previous and the new secret with either, and ignores other signature versions', () => {
    const previous = secret();
    const next = secret();
    const headers = signed([previous, next]);
    expect(verifyWebhook(body, headers, previous)).toBeTruthy();
    expect(verifyWebhook(body, headers, next)).toBeTruthy();
    expect(failure(() => verifyWebhook(body, headers, secret()))).toBe('no_matching_signature');
    const v1a = { ...headers, 'webhook-signature': headers['webhook-signature'].replaceAll('v1,', 'v1a,') };
    expect(failure(() => verifyWebhook(body, v1a, previous))).toBe('no_matching_signature');
  });

  it('refuses a tampered body, id or timestamp, and a truncated or garbled signature', () => {
    const key = secret();
    const headers = signed([key]);
    expect(failure(() => verifyWebhook(body.replace('subscription-created', 'subscription-expired'), headers, key))).toBe('no_matching_signature');
    expect(failure(() => verifyWebhook(`${body} `, headers, key))).toBe('no_matching_signature');
    expect(failure(() => verifyWebhook(body, { ...headers, 'webhook-id': `${headers['webhook-id']}x` }, key))).toBe('no_matching_signature');
    expect(failure(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) }, key))).toBe('no_matching_signature');
    expect(failure(() => verifyWebhook(body, { ...headers, 'webhook-signature': headers['webhook-signature'].slice(0, 20) }, key))).toBe('no_matching_signature');
    expect(failure(() => verifyWebhook(body, { ...headers, 'webhook-signature': 'v1,not base64 at all!' }, key))).toBe('no_matching_signature');
  });

  it('refuses timestamps more than five minutes off either way, and missing or malformed headers', () => {
    const key = secret();
    const now = Date.now();
    expect(verifyWebhook(body, signed([key], body, new Date(now - 290_000)), key)).toBeTruthy();
    expect(failure(() => verifyWebhook(body, signed([key], body, new Date(now - 310_000)), key))).toBe('timestamp_too_old');
    expect(failure(() => verifyWebhook(body, signed([key], body, new Date(now + 310_000)), key))).toBe('timestamp_too_new');
    expect(verifyWebhook(body, signed([key], body, new Date(now - 310_000)), key, { toleranceSeconds: 600 })).toBeTruthy();
    const headers = signed([key]);
    for (const name of Object.keys(headers)) {
      const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
      expect(failure(() => verifyWebhook(body, without, key))).toBe('missing_headers');
    }
    expect(failure(() => verifyWebhook(body, { ...headers, 'webhook-timestamp': 'yesterday' }, key))).toBe('invalid_timestamp');
    expect(failure(() => verifyWebhook(body, headers, 'whsec_'))).toBe('invalid_secret');
    const text = 'not json';
    expect(failure(() => verifyWebhook(text, signed([key], text), key))).toBe('invalid_payload');
  });
});
