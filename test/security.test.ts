// Sign-in security: password reset by single-use link, limits on guessable look-ups, and no secret
// (password, token, its hash, session ID, TOTP secret, recovery code) in logs, audit records or responses.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { query } from '../src/db/index.js';
import { hashSecret } from '../src/platform/auth/tokens.js';
import { Client, signUp, testPassword } from './helpers/client.js';
import { knownFactor } from './helpers/mfa.js';
import { enrollPartner } from './helpers/partners.js';
import { target, targetKinds, type Target } from './helpers/server.js';

async function resetToken(t: Target, email: string) {
  const [mail] = await query<{ text_body: string }>(t.app.platform.db, sql`select text_body from mail_outbox where to_address = ${email} and template = 'passwordReset' order by created_at desc limit 1`);
  return /reset-password\?token=([\w-]+)/.exec(mail?.text_body ?? '')?.[1];
}

describe.each(targetKinds())('sign-in security on %s', (kind) => {
  it('password reset: same answer for any email, single-use link, every session ends', async () => {
    const t = await target(kind);
    const { client, email } = await signUp(t);
    const anonymous = new Client(t.url);
    const unknown = await anonymous.post('/v1/auth/password-resets', { email: 'nobody@nowhere.example.com' });
    const known = await anonymous.post('/v1/auth/password-resets', { email });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    const token = (await resetToken(t, email))!;
    expect(token).toBeTruthy();
    expect((await anonymous.post('/v1/auth/password-resets/confirm', { token, newPassword: 'short' })).body.errors![0].path).toBe('/newPassword');
    expect((await anonymous.post('/v1/auth/password-resets/confirm', { token, newPassword: 'Brand-new-password-1' })).status).toBe(204);
    expect((await client.get('/v1/me')).status).toBe(401); // the session that was open ended
    expect((await new Client(t.url).signIn(email, testPassword)).status).toBe(401);
    expect((await new Client(t.url).signIn(email, 'Brand-new-password-1')).status).toBe(201);
    const reused = await anonymous.post('/v1/auth/password-resets/confirm', { token, newPassword: 'Another-password-22' });
    expect([reused.status, reused.body.code]).toEqual([410, 'reset_link_used']);
    await anonymous.post('/v1/auth/password-resets', { email });
    const second = (await resetToken(t, email))!;
    await t.app.platform.db.execute(sql`update password_resets set expires_at = now() - interval '1 second' where token_hash = ${hashSecret(second)}`);
    expect((await anonymous.post('/v1/auth/password-resets/confirm', { token: second, newPassword: 'Another-password-22' })).body.code).toBe('reset_link_expired');
    await anonymous.post('/v1/auth/password-resets', { email });
    const limited = await anonymous.post('/v1/auth/password-resets', { email });
    expect([limited.status, limited.body.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('guessable look-ups are limited per address with 429 and Retry-After', async () => {
    const t = await target(kind, { instance: 'lookup-limited', env: { LOOKUP_LIMIT: '3' } });
    const from = { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 200) + 1}` };
    const client = new Client(t.url);
    for (let i = 0; i < 3; i++) expect((await client.get(`/v1/invitations/reseller/cri_guess${i}`, { headers: from })).status).toBe(404);
    const blocked = await client.get('/v1/invitations/customer/cci_guess', { headers: from });
    expect([blocked.status, blocked.body.code]).toEqual([429, 'too_many_attempts']);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await client.post('/v1/email-verifications', { token: 'ccv_guessing-again' }, { headers: from })).status).toBe(429);
    // another address is not affected
    expect((await client.get('/v1/invitations/reseller/cri_other', { headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(404);
  });

  it('no password, token, token hash, session ID, TOTP secret, recovery code, app secret or app token in logs, audit records or responses (ACC-4)', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const t = await target(kind, { instance: 'logged', env: { LOG_LEVEL: 'info' }, logStream });
    const secrets: string[] = [testPassword];
    const { client, email, tenantId } = await signUp(t);
    // (The CSRF token is handed to its own session by design: GET /v1/me returns it.)
    secrets.push(client.cookie!.split('=')[1]!);
    // ACC-4: the TOTP secret and the recovery codes, shown once when the admin enrolled; a code and a
    // recovery code answering the sign-in's second step.
    const factor = knownFactor(t.url, email)!;
    secrets.push(factor.secret, ...factor.recoveryCodes);
    const [recoveryCode] = factor.recoveryCodes;
    expect((await new Client(t.url).signIn(email, testPassword)).status).toBe(201);
    const challenge = await new Client(t.url).request<{ challengeId: string }>('POST', '/v1/auth/sessions', { body: { email, password: testPassword } });
    expect((await new Client(t.url).request('POST', '/v1/auth/sessions/mfa', { body: { challengeId: challenge.body.challengeId, recoveryCode } })).status).toBe(201);
    const token = await client.post('/v1/me/tokens', { name: 'CI', expiresInDays: 5 });
    secrets.push(token.body.token);
    const added = await client.post('/v1/users', { displayName: 'Temp', email: `temp-${Date.now()}@secrets.example.com`, roles: ['salesAgent'] });
    secrets.push(added.body.temporaryPassword!);
    const provider = await enrollPartner(t, { program: 'indirectProvider' });
    const invitation = await provider.client.post('/v1/reseller-invitations', {});
    secrets.push(invitation.body.link!.slice(invitation.body.link!.lastIndexOf('/') + 1));
    await new Client(t.url).post('/v1/auth/password-resets', { email });
    secrets.push((await resetToken(t, email))!);
    // App credentials: the client secrets (the first and a rotated one) and an access token, used.
    const app = await client.request<{ id: string; clientId: string; clientSecret: string }>('POST', `/v1/tenants/${tenantId}/apps`, { body: { name: 'Secret grep', permissions: ['users.read'] } });
    const rotated = await client.request<{ clientSecret: string }>('POST', `/v1/tenants/${tenantId}/apps/${app.body.id}/secrets`, { body: {} });
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: app.body.clientId, client_secret: rotated.body.clientSecret }).toString();
    const issued = await new Client(t.url).request<{ access_token: string }>('POST', '/v1/oauth/token', { raw: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    secrets.push(app.body.clientSecret, rotated.body.clientSecret, issued.body.access_token);
    const asApp = new Client(t.url);
    asApp.bearer = issued.body.access_token;
    expect((await asApp.get('/v1/users')).status).toBe(200);
    const withHashes = [...secrets, ...secrets.map(hashSecret)];
    const responses = [await client.get('/v1/me'), await client.request('GET', '/v1/me/mfa'), await client.get('/v1/users'), await client.get('/v1/me/tokens'), await provider.client.get('/v1/reseller-invitations'), await client.get('/v1/audit-records?size=500')];
    responses.push(await client.request('GET', `/v1/tenants/${tenantId}/apps`), await client.request('GET', `/v1/tenants/${tenantId}/apps/${app.body.id}`));
    const audit = await query<{ row: unknown }>(t.app.platform.db, sql`select row_to_json(a) as row from audit_records a`);
    const auditText = JSON.stringify(audit);
    const logText = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of withHashes) {
      expect(logText.includes(secret), 'a secret in the logs').toBe(false);
      expect(auditText.includes(secret), 'a secret in the audit records').toBe(false);
      for (const response of responses) expect(response.text.includes(secret), 'a secret in a response').toBe(false);
    }
    expect(auditText).not.toMatch(/\$argon2id\$/);
    for (const response of responses) expect(response.text).not.toMatch(/\$argon2id\$|passwordHash|tokenHash/);
  });

  it('security headers', async () => {
    const t = await target(kind);
    const response = await new Client(t.url).get('/healthz');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
