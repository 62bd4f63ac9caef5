// One way to open a single-use link, whatever it is for: invitations (REL-2, CUS-1), email verification
// (ENR-5), delegated-admin approval and password reset. Only a token's hash is stored, so the token is
// hashed, the row holding that hash is found (locked when the caller is about to use it up), and a link
// that no longer works is refused with its own kind's code. A link nobody may see is "not found".
import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/index.js';
import { hashSecret } from './auth/tokens.js';
import { AppError, notFound, type ErrorCode } from './errors.js';

/** Longer than any token newSecret makes: such a token matches no row, so it is not looked up. */
export const maxTokenLength = 200;

/** One kind of single-use link: where its rows are and when a row's link no longer works. */
export interface SingleUseLink<Row> {
  /** What a token that matches nothing is "not found" as. */
  resource: string;
  /** The row holding this token hash, locked FOR UPDATE when asked. */
  find(q: Queryable, tokenHash: string, lock: boolean): Promise<Row | undefined>;
  /** Why the row's link no longer works at `now` (its kind's 410 code), or undefined while it does. */
  refusal(row: Row, now: Date): ErrorCode | undefined;
}

/** `find` for a table whose rows hold the token hash in `column`. */
export function byTokenHash<T extends PgTable>(table: T, column: PgColumn): SingleUseLink<T['$inferSelect']>['find'] {
  return async (q, tokenHash, lock) => {
    // Drizzle cannot type a select over a table given as a type parameter; the row is the table's own.
    const select = q.select().from(table as PgTable).where(eq(column, tokenHash));
    const [row] = lock ? await select.for('update') : await select;
    return row as T['$inferSelect'] | undefined;
  };
}

/** `refusal` of a link used at most once (`usedAt`) before it expires (email verification, password reset). */
export function usedOrExpired(used: ErrorCode, expired: ErrorCode) {
  return (row: { usedAt: Date | null; expiresAt: Date }, now: Date): ErrorCode | undefined => {
    if (row.usedAt) return used;
    if (row.expiresAt.getTime() <= now.getTime()) return expired;
    return undefined;
  };
}

/**
 * The row behind a single-use link that still works: 404 when the token matches nothing (or a row
 * `visibleTo` refuses, so a link names nothing to whom it is not addressed), its kind's 410 when it
 * was used, expired or revoked.
 */
export async function openSingleUseLink<Row>(
  q: Queryable,
  link: SingleUseLink<Row>,
  token: string,
  options: { lock?: boolean; now?: Date; visibleTo?: (row: Row) => boolean } = {},
): Promise<Row> {
  if (token.length > maxTokenLength) throw notFound(link.resource);
  const row = await link.find(q, hashSecret(token), options.lock ?? false);
  if (!row || (options.visibleTo && !options.visibleTo(row))) throw notFound(link.resource);
  const refused = link.refusal(row, options.now ?? new Date());
  if (refused) throw new AppError(refused);
  return row;
}
