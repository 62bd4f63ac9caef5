// TOTP (RFC 6238) through otpauth: a new secret, the otpauth:// URL and its QR code (SVG, uqr), and
// which step a code matches (±1 step of drift). The replay rule is rules.ts's totpStepAccepted.
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import { totpDigits, totpPeriodSeconds, totpWindow } from './rules.js';

const issuer = 'Channel Center';

function totpOf(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: totpDigits, period: totpPeriodSeconds });
}

/** A new 160-bit secret (base32), as RFC 4226 recommends. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What an authenticator app scans: the otpauth:// URL and its QR code. */
export function totpProvisioning(secretBase32: string, email: string): { otpauthUrl: string; qrCodeSvg: string } {
  const otpauthUrl = totpOf(secretBase32, email).toString();
  return { otpauthUrl, qrCodeSvg: renderSVG(otpauthUrl, { ecc: 'M', border: 2 }) };
}

/** The step a code matches at `now` (within ±1 step), or null. */
export function totpStepOf(secretBase32: string, code: string, now: number = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now, window: totpWindow });
  return delta === null ? null : TOTP.counter({ period: totpPeriodSeconds, timestamp: now }) + delta;
}

/** The code of a step (for tests and the demo's code printer). */
export function totpCodeAt(secretBase32: string, step: number): string {
  return totpOf(secretBase32).generate({ timestamp: step * totpPeriodSeconds * 1000 });
}

/** The step `now` falls in. */
export function totpStepNow(now: number = Date.now()): number {
  return TOTP.counter({ period: totpPeriodSeconds, timestamp: now });
}
