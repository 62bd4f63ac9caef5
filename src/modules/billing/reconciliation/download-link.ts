// The download link of a succeeded export: a JWT (HS256, key derived from SESSION_SECRET and this
// purpose, so no other token opens it) naming the export, its tenant and its file's digest, that
// expires downloadLinkSeconds after it is handed out. Nothing is stored: reading the export again gives
// a new link. Refused: expired (410 export_link_expired), anything else (403 export_link_invalid).
import { createHash } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../../platform/errors.js';
import { downloadLinkSeconds } from './rules.js';

const algorithm = 'HS256';
const audience = 'reconciliation-export-file';
const typ = 'cc-download+jwt';

export type LinkKey = Uint8Array;

export function linkKeyOf(sessionSecret: string): LinkKey {
  return new Uint8Array(createHash('sha256').update(`reconciliation-export-link:${sessionSecret}`).digest());
}

export interface LinkSubject {
  exportId: string;
  tenantId: string;
  sha256: string;
}

export async function signDownloadToken(key: LinkKey, subject: LinkSubject, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + downloadLinkSeconds;
  const token = await new SignJWT({ tid: subject.tenantId, sha: subject.sha256 })
    .setProtectedHeader({ alg: algorithm, typ })
    .setAudience(audience)
    .setSubject(subject.exportId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** Passes when the token was signed for exactly this export, tenant and file, and has not expired at `now`. */
export async function checkDownloadToken(key: LinkKey, token: string, expected: LinkSubject, now: Date): Promise<void> {
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(token, key, { algorithms: [algorithm], audience, typ, currentDate: now, requiredClaims: ['exp', 'iat', 'sub'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AppError('export_link_expired');
    if (error instanceof errors.JOSEError) throw new AppError('export_link_invalid');
    throw error;
  }
  if (claims.sub !== expected.exportId || claims.tid !== expected.tenantId || claims.sha !== expected.sha256) throw new AppError('export_link_invalid');
}
