// What every invitation link shares (reseller and customer invitations alike): its status, the
// refusals of a link that can no longer be used, and the filter that lists invitations by status.
import { and, gt, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { hashSecret } from './auth/tokens.js';
import { AppError } from './errors.js';

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';
export const invitationStatuses = ['pending', 'accepted', 'expired', 'revoked'] as const;

/** A link works once and until it expires; a revoked link never works (REL-2, CUS-1). */
export function invitationStatus(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** 410 with the reason a link cannot be used any more. */
export function refuseUnusable(status: InvitationStatus): void {
  if (status === 'accepted') throw new AppError('invitation_used');
  if (status === 'expired') throw new AppError('invitation_expired');
  if (status === 'revoked') throw new AppError('invitation_revoked');
}

/** The SQL condition for invitations in a status, over a table's acceptedAt, revokedAt and expiresAt. */
export function statusFilter(columns: { acceptedAt: PgColumn; revokedAt: PgColumn; expiresAt: PgColumn }, status: InvitationStatus, now: Date): SQL {
  if (status === 'accepted') return isNotNull(columns.acceptedAt);
  if (status === 'revoked') return and(isNull(columns.acceptedAt), isNotNull(columns.revokedAt))!;
  if (status === 'expired') return and(isNull(columns.acceptedAt), isNull(columns.revokedAt), lt(columns.expiresAt, now))!;
  return and(isNull(columns.acceptedAt), isNull(columns.revokedAt), gt(columns.expiresAt, now))!;
}

/** REL-2: the tokens of the invitation links in a (possibly edited) draft — the link must stay in it; it is recognised by its token's hash, since the link itself is not stored. */
export function linksIn(text: string, publicUrl: string, kind: 'reseller' | 'customer'): string[] {
  const prefix = `${publicUrl}/invitations/${kind}/`;
  const found: string[] = [];
  let at = text.indexOf(prefix);
  while (at >= 0) {
    const match = /^[\w-]+/.exec(text.slice(at + prefix.length));
    if (match) found.push(match[0]);
    at = text.indexOf(prefix, at + prefix.length);
  }
  return found;
}

/** REL-2, CUS-1: an edited draft must still carry the invitation's own link (its token matches the stored hash). */
export function draftKeepsLink(body: string, publicUrl: string, kind: 'reseller' | 'customer', tokenHash: string): boolean {
  return linksIn(body, publicUrl, kind).some((token) => hashSecret(token) === tokenHash);
}
