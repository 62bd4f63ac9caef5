// The one single-use-link look-up on each database, over a table of another kind than the invitations
// that use it today (password resets, whose codes are identity's): a working link opens (also under a
// row lock), a used or expired one is refused with its kind's code, an unknown or over-long token is
// not found, and a row the caller may not see is not found either.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signUp } from '../../test/helpers/client.js';
import { target, targetKinds } from '../../test/helpers/server.js';
import { passwordResets } from '../modules/identity/schema.js';
import { hashSecret, newSecret } from './auth/tokens.js';
import { AppError } from './errors.js';
import { byTokenHash, maxTokenLength, openSingleUseLink, usedOrExpired, type SingleUseLink } from './single-use-links.js';

const resetLink: SingleUseLink<typeof passwordResets.$inferSelect> = {
  resource: 'passwordReset',
  find: byTokenHash(passwordResets, passwordResets.tokenHash),
  refusal: usedOrExpired('reset_link_used', 'reset_link_expired'),
};

async function refusal(opening: Promise<unknown>) {
  const error = await opening.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const { code, status, params } = error as AppError;
  return { code, status, params };
}

describe('usedOrExpired', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');
  const refuse = usedOrExpired('verification_link_used', 'verification_link_expired');
  it('refuses a used link first, then an expired one; a link works until its expiry', () => {
    expect(refuse({ usedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBeUndefined();
    expect(refuse({ usedAt: null, expiresAt: now }, now)).toBe('verification_link_expired');
    expect(refuse({ usedAt: now, expiresAt: new Date(now.getTime() - 1) }, now)).toBe('verification_link_used');
  });
});

describe.each(targetKinds())('single-use links on %s', (kind) => {
  it('opens a working link, refuses a used or expired one with its code, and finds nothing for an unknown token or a row hidden from the caller', async () => {
    const t = await target(kind);
    const db = t.app.platform.db;
    const { userId } = await signUp(t);
    const issue = async (expiresAt: Date) => {
      const token = newSecret('ccr');
      const [row] = await db.insert(passwordResets).values({ userId, tokenHash: hashSecret(token), expiresAt }).returning();
      return { token, id: row!.id };
    };
    const working = await issue(new Date(Date.now() + 3_600_000));
    expect((await openSingleUseLink(db, resetLink, working.token)).id).toBe(working.id);
    const locked = await db.transaction((tx) => openSingleUseLink(tx, resetLink, working.token, { lock: true }));
    expect(locked.id).toBe(working.id);

    // The caller says who may see a row: to anyone else it is not found, not refused.
    expect(await refusal(openSingleUseLink(db, resetLink, working.token, { visibleTo: (row) => row.userId === randomUUID() }))).toEqual({ code: 'not_found', status: 404, params: { resource: 'passwordReset' } });
    // `now` decides expiry: an hour and a second later the same link has expired.
    expect(await refusal(openSingleUseLink(db, resetLink, working.token, { now: new Date(Date.now() + 3_601_000) }))).toMatchObject({ code: 'reset_link_expired', status: 410 });

    await db.update(passwordResets).set({ usedAt: new Date() }).where(eq(passwordResets.id, working.id));
    expect(await refusal(openSingleUseLink(db, resetLink, working.token))).toMatchObject({ code: 'reset_link_used', status: 410 });
    const expired = await issue(new Date(Date.now() - 1000));
    expect(await refusal(openSingleUseLink(db, resetLink, expired.token))).toMatchObject({ code: 'reset_link_expired', status: 410 });

    expect(await refusal(openSingleUseLink(db, resetLink, newSecret('ccr')))).toEqual({ code: 'not_found', status: 404, params: { resource: 'passwordReset' } });
    expect(await refusal(openSingleUseLink(db, resetLink, 'x'.repeat(maxTokenLength + 1)))).toEqual({ code: 'not_found', status: 404, params: { resource: 'passwordReset' } });
  });
});
