// Sign-in limits and what a new password ends, through HTTP on a real database: failures are counted
// per (account, address) pair and per account, reserved before the password is checked; a busy
// address is slowed, never refused; a password reset or change ends sessions and access tokens.
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../../db/index.js';
import { addUser, Client, signUp, testPassword, uniqueEmail, type Response } from '../../../test/helpers/client.js';
import { target, targetKinds, type Target } from '../../../test/helpers/server.js';
import { signInLimits } from './service.js';

// Addresses of their own per test (the test servers trust X-Forwarded-For), so no test sees another's failures.
const prefix = randomInt(256);
let next = randomInt(60_000);
function address(): string {
  next += 1;
  return `10.${prefix}.${Math.floor(next / 250) % 256}.${(next % 250) + 1}`;
}

// Through Client.signIn, so a correct password also passes the second factor the helpers enrolled (ACC-4).
function signInFrom(t: Target, ip: string, email: string, password: string, client = new Client(t.url)) {
  return client.signIn(email, password, { headers: { 'x-forwarded-for': ip } });
}

/** How many answers reached the password check (401) and how many were refused before it (429). */
function statuses(responses: Response<{ code?: string }>[]) {
  const count = (status: number, code: string) => responses.filter((r) => r.status === status && r.body.code === code).length;
  return { 401: count(401, 'invalid_credentials'), 429: count(429, 'too_many_attempts') };
}

async function resetToken(t: Target, email: string) {
  const [mail] = await query<{ text_body: string }>(t.app.platform.db, sql`select text_body from mail_outbox where to_address = ${email} and template = 'passwordReset' order by created_at desc limit 1`);
  return /reset-password\?token=([\w-]+)/.exec(mail?.text_body ?? '')?.[1];
}

describe.each(targetKinds())('sign-in limits on %s', (kind) => {
  it('sign-in: failures on other accounts from the same address never refuse a correct password, they slow it down', async () => {
    const t = await target(kind);
    const { email } = await signUp(t);
    const shared = address();
    const failures = await Promise.all(Array.from({ length: 50 }, () => signInFrom(t, shared, uniqueEmail('made-up'), 'Wrong-password-123')));
    expect(statuses(failures)).toEqual({ 401: 50, 429: 0 });
    const started = Date.now();
    const correct = await signInFrom(t, shared, email, testPassword);
    expect(correct.status).toBe(201);
    // 50 failures from the address: the longest added delay, bounded.
    expect(Date.now() - started).toBeGreaterThanOrEqual(signInLimits.addressSlowdown.maxMs - 50);
    // another address is not slowed
    const elsewhere = Date.now();
    expect((await signInFrom(t, address(), email, testPassword)).status).toBe(201);
    expect(Date.now() - elsewhere).toBeLessThan(signInLimits.addressSlowdown.maxMs);
  });

  it('sign-in: 5 failures of one account from one address answer 429 to that pair only', async () => {
    const t = await target(kind);
    const { email } = await signUp(t);
    const guessing = address();
    for (let i = 0; i < signInLimits.perAccountAndAddress; i++) expect((await signInFrom(t, guessing, email, `Wrong-password-${i}xx`)).status).toBe(401);
    const blocked = await signInFrom(t, guessing, email, testPassword);
    expect([blocked.status, blocked.body.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // the same account from another address, and another account from the guessing address, sign in
    expect((await signInFrom(t, address(), email, testPassword)).status).toBe(201);
    const other = await signUp(t);
    expect((await signInFrom(t, guessing, other.email, testPassword)).status).toBe(201);
  });

  it('sign-in: a correct password forgives the failures of its own address', async () => {
    const t = await target(kind);
    const { email } = await signUp(t);
    const typing = address();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < signInLimits.perAccountAndAddress - 1; i++) expect((await signInFrom(t, typing, email, `Typo-password-${i}xx`)).status).toBe(401);
      expect((await signInFrom(t, typing, email, testPassword)).status).toBe(201);
    }
  });

  it('sign-in: 20 failures of one account across addresses refuse it everywhere until a password reset', async () => {
    const t = await target(kind);
    const { email } = await signUp(t);
    const perAddress = signInLimits.perAccountAndAddress;
    for (let a = 0; a < signInLimits.perAccount / perAddress; a++) {
      const ip = address();
      for (let i = 0; i < perAddress; i++) expect((await signInFrom(t, ip, email, `Wrong-password-${a}-${i}`)).status).toBe(401);
    }
    const fresh = address();
    const blocked = await signInFrom(t, fresh, email, testPassword);
    expect([blocked.status, blocked.body.code]).toEqual([429, 'too_many_attempts']);
    // failures on this account do not touch another account
    expect((await signInFrom(t, fresh, (await signUp(t)).email, testPassword)).status).toBe(201);
    // the reset link is the way back in
    await new Client(t.url).post('/v1/auth/password-resets', { email }, { headers: { 'x-forwarded-for': fresh } });
    const token = (await resetToken(t, email))!;
    expect((await new Client(t.url).post('/v1/auth/password-resets/confirm', { token, newPassword: 'After-the-reset-42' }, { headers: { 'x-forwarded-for': fresh } })).status).toBe(204);
    expect((await signInFrom(t, fresh, email, 'After-the-reset-42')).status).toBe(201);
  });

  it('sign-in: 40 parallel wrong guesses from one address, exactly 5 reach the password check (401), the rest 429', async () => {
    const t = await target(kind);
    const { email } = await signUp(t);
    const ip = address();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signInFrom(t, ip, email, `Parallel-guess-${i}xx`)));
    expect(statuses(results)).toEqual({ 401: signInLimits.perAccountAndAddress, 429: 40 - signInLimits.perAccountAndAddress });
  });

  it('sign-in: 40 parallel wrong guesses from 40 addresses, exactly 20 reach the password check (401), the rest 429', async () => {
    const t = await target(kind);
    const { email } = await signUp(t);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signInFrom(t, address(), email, `Parallel-guess-${i}xx`)));
    expect(statuses(results)).toEqual({ 401: signInLimits.perAccount, 429: 40 - signInLimits.perAccount });
  });
});

describe.each(targetKinds())('what a new password ends on %s', (kind) => {
  async function withToken(t: Target) {
    const account = await signUp(t);
    const created = await account.client.post('/v1/me/tokens', { name: 'CI', expiresInDays: 30 });
    const api = new Client(t.url);
    api.bearer = created.body.token;
    expect((await api.get('/v1/me')).status).toBe(200);
    return { ...account, api };
  }

  it('sign-in: a personal access token stops working (401) after a password reset', async () => {
    const t = await target(kind);
    const { email, api, client } = await withToken(t);
    await new Client(t.url).post('/v1/auth/password-resets', { email }, { headers: { 'x-forwarded-for': address() } });
    const token = (await resetToken(t, email))!;
    expect((await new Client(t.url).post('/v1/auth/password-resets/confirm', { token, newPassword: 'After-the-reset-42' })).status).toBe(204);
    const refused = await api.get('/v1/me');
    expect([refused.status, refused.body.code]).toEqual([401, 'unauthenticated']);
    expect((await client.get('/v1/me')).status).toBe(401);
  });

  it('sign-in: a personal access token stops working (401) after a password change; the session that changed it stays', async () => {
    const t = await target(kind);
    const { api, client } = await withToken(t);
    expect((await client.post('/v1/me/password', { currentPassword: testPassword, newPassword: 'After-the-change-42' })).status).toBe(204);
    const refused = await api.get('/v1/me');
    expect([refused.status, refused.body.code]).toEqual([401, 'unauthenticated']);
    expect((await client.get('/v1/me')).status).toBe(200);
    expect((await client.get('/v1/me/tokens')).body.items).toEqual([]);
  });

  it('sign-in: a personal access token ends when its user is deactivated, and stays ended once reactivated', async () => {
    const t = await target(kind);
    const admin = await signUp(t);
    const user = await addUser(t, admin.client, ['salesAgent']);
    const created = await user.client.post('/v1/me/tokens', { name: 'CI', expiresInDays: 30 });
    const api = new Client(t.url);
    api.bearer = created.body.token;
    expect((await api.get('/v1/me')).status).toBe(200);
    expect((await admin.client.patch(`/v1/users/${user.userId}`, { state: 'inactive' })).status).toBe(200);
    expect((await admin.client.patch(`/v1/users/${user.userId}`, { state: 'active' })).status).toBe(200);
    expect((await api.get('/v1/me')).status).toBe(401);
  });
});
